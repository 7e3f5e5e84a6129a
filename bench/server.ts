/*
 * The server's memory as an operator sees it: `fangkong serve` in a process of its own (on the
 * embedded engine, PGlite lives inside it), its resident memory sampled while it takes a 10,000-row
 * roster import, batches of readings and the city overview over HTTP, and the kernel's high-water
 * mark at the end. Issue target: under 300 MB.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../packages/server/src/demo/seed.js';
import { rosterXlsx } from './import.js';
import { round, timed, type Figure } from './lib.js';
import { benchPgDatabase, type Engine } from './setup.js';

const CLI = fileURLToPath(new URL('../packages/server/src/cli/main.ts', import.meta.url));

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export async function serverMemory(engine: Engine, o: { rows: number; batches: number }): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangkong-bench-server-'));
  const env: Record<string, string> = { ...process.env as Record<string, string>, DATA_DIR: dataDir, LOG_LEVEL: 'warn', IMPORT_MAX_MB: '50', DATABASE_URL: '' };
  let dropDb = async () => undefined as void;
  if (engine === 'postgres') {
    const created = await benchPgDatabase();
    env.DATABASE_URL = created.url;
    env.PII_KEYS = `bench:${randomBytes(32).toString('base64')}`;
    dropDb = created.drop;
  }
  let child: ChildProcess | undefined;
  try {
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'seed', '--synthetic', '--scale', 'small'], { env, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
    const port = await freePort();
    // The benchmark signs in as the bureau admin with the password alone.
    child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', TWO_FACTOR_ROLES: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child?.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
      const poll = setInterval(() => {
        if (out.includes('Fangkong is running')) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    const pid = child.pid ?? 0;
    const base = `http://127.0.0.1:${port}`;
    const idleMb = round(statusKb(pid, 'VmRSS') / 1024);
    let peakKb = 0;
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, statusKb(pid, 'VmRSS'))), 25);

    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const nodes = (await (await fetch(`${base}/api/org/nodes`, { headers: { cookie } })).json()) as { nodes: { id: string; kind: string; siteType: string | null }[] };
    const site = nodes.nodes.find((n) => n.kind === 'site' && n.siteType === 'elderly_care')?.id ?? '';
    const file = await rosterXlsx(o.rows, 5_000_000);
    const upload = (mode: string) => fetch(`${base}/api/people/import?siteId=${site}&mode=${mode}&onlyValid=false&filename=roster.xlsx`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: new Uint8Array(file),
    });
    const [committed, importMs] = await timed(async () => {
      await upload('preview');
      return upload('commit');
    });
    if (committed.status !== 200) throw new Error(`import over HTTP failed: ${committed.status} ${(await committed.text()).slice(0, 300)}`);
    const afterImportMb = round(statusKb(pid, 'VmRSS') / 1024);
    // Readings for the imported people, then the overview.
    const people = (await (await fetch(`${base}/api/people?siteId=${site}&limit=500`, { headers: { cookie } })).json()) as { people: { id: string }[] };
    for (let b = 0; b < o.batches; b++) {
      const at = new Date(Date.now() - (b + 1) * 86_400_000).toISOString();
      const res = await fetch(`${base}/api/readings/batch`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ siteId: site, readings: people.people.map((p, i) => ({ personId: p.id, temperature: 36.3 + (i % 5) / 10, measuredAt: at })) }),
      });
      if (res.status !== 201) throw new Error(`batch over HTTP failed: ${res.status}`);
    }
    for (const url of ['/api/coverage?date=today', '/api/tests/compliance', '/api/supplies/overview']) await fetch(`${base}${url}`, { headers: { cookie } });
    clearInterval(sampler);
    const hwmMb = round(Math.max(statusKb(pid, 'VmHWM'), peakKb) / 1024);
    return [
      { key: 'server.idle', label: 'server process RSS after start (own process, over HTTP)', value: idleMb, unit: 'MB' },
      { key: 'server.import', label: `${o.rows}-row import over HTTP, preview and commit`, value: round(importMs / 1000, 2), unit: 's', target: { op: '<', value: 5 } },
      { key: 'server.after_import', label: 'server RSS after the import', value: afterImportMb, unit: 'MB' },
      { key: 'server.peak', label: `server RSS at peak (import, ${o.batches} batches of readings, overview)`, value: hwmMb, unit: 'MB', target: { op: '<', value: 300 } },
    ];
  } finally {
    if (child && child.exitCode === null) {
      const c = child;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
    await dropDb();
  }
}
