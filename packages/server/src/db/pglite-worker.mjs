// @ts-check
/*
 * Runs PGlite on its own thread and serves it over the PostgreSQL wire protocol on a Unix
 * socket. PGlite executes queries synchronously inside WASM, so on the main thread one slow
 * query would stall every request; here it stalls only this thread, and the app talks to the
 * embedded engine through the same `pg` driver it uses for a real server.
 *
 * Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader of its
 * parent (tsx, vitest), so this file must load under bare Node.js in every context.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** @type {{ dataDir: string | undefined, socketPath: string }} */
const input = workerData;

async function main() {
  const db = await PGlite.create(input.dataDir ?? 'memory://');
  // The app keeps one connection; the spare slots let a dropped connection be replaced while the
  // server is still detaching the old one.
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: 8 });
  await server.start();
  parentPort?.on('message', (msg) => {
    if (msg !== 'stop') return;
    void (async () => {
      await server.stop();
      await db.close();
      parentPort?.postMessage({ type: 'stopped' });
    })();
  });
  parentPort?.postMessage({ type: 'ready' });
}

main().catch((err) => {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
});
