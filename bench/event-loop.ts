/*
 * How long a slow embedded-database query stalls the server's event loop: PGlite on the main
 * thread (what a naive embedding does) against PGlite on its worker thread behind the socket
 * (what Fangkong does). Prints the worst event-loop delay during the same query, in one run.
 *
 *   node --import tsx bench/event-loop.ts
 */
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../packages/server/src/db/engine.js';

const QUERY = 'select count(*) from generate_series(1, 4000000)';

async function measure(label: string, run: () => Promise<unknown>): Promise<{ label: string; wallMs: number; maxStallMs: number }> {
  // A 5 ms ticker; the longest gap between two ticks is the longest the loop could not turn.
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  await run();
  const wallMs = performance.now() - t0;
  // One more tick, so that a stall that ended with the query is counted.
  await new Promise((r) => setTimeout(r, 10));
  clearInterval(ticker);
  return { label, wallMs: Math.round(wallMs), maxStallMs: Math.round(maxGap) };
}

const inThread = await PGlite.create('memory://');
await inThread.query('select 1');
const worker = await openDatabase({ kind: 'pglite', dataDir: undefined });
await worker.pool.query('select 1');

const rows = [
  await measure('PGlite on the main thread', () => inThread.query(QUERY)),
  await measure('PGlite on a worker (Fangkong)', () => worker.pool.query(QUERY)),
];
await inThread.close();
await worker.close();

console.table(rows);
const [a, b] = rows;
if (a && b) console.log(`worst stall: ${a.maxStallMs} ms on the main thread vs ${b.maxStallMs} ms with the worker (${(a.maxStallMs / Math.max(1, b.maxStallMs)).toFixed(0)}× less)`);
