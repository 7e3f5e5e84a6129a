/*
 * How long a slow embedded-database query stalls the server's event loop: PGlite on the main
 * thread (what a naive embedding does) against PGlite on its worker thread behind the socket
 * (what Fangkong does), the same query in the same run.
 */
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../packages/server/src/db/engine.js';
import type { Figure } from './lib.js';

async function worstStall(run: () => Promise<unknown>): Promise<number> {
  // A 5 ms ticker; the longest gap between two ticks is the longest the loop could not turn.
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  await run();
  // One more tick, so that a stall that ended with the query is counted.
  await new Promise((r) => setTimeout(r, 10));
  clearInterval(ticker);
  return Math.round(maxGap);
}

export async function eventLoop(o: { rows: number }): Promise<Figure[]> {
  const query = `select count(*) from generate_series(1, ${o.rows})`;
  const inThread = await PGlite.create('memory://');
  const worker = await openDatabase({ kind: 'pglite', dataDir: undefined });
  try {
    await inThread.query('select 1');
    await worker.pool.query('select 1');
    const main = await worstStall(() => inThread.query(query));
    const off = await worstStall(() => worker.pool.query(query));
    return [
      { key: 'loop.main', label: `worst event-loop stall, count over ${o.rows.toLocaleString('en')} rows: PGlite on the main thread`, value: main, unit: 'ms' },
      { key: 'loop.worker', label: 'the same with PGlite on its worker thread (Fangkong)', value: off, unit: 'ms' },
    ];
  } finally {
    await inThread.close();
    await worker.close();
  }
}
