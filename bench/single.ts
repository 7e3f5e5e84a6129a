/*
 * One reading per request: `POST /api/readings` (session, validation, scope, policy, band, rollup,
 * audit) over real HTTP on loopback, against a bare Fastify route doing one INSERT of the same row
 * on the same pool, both driven by autocannon with the same connections and duration.
 * Issue target: at least 0.6 of the bare route's requests per second.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { localDay } from '@fangkong/domain';
import { people } from '../packages/server/src/db/schema.js';
import type { BenchEnv } from './setup.js';
import { syntheticId } from './setup.js';
import { round, type Figure } from './lib.js';

export interface SingleOptions { seconds: number; connections: number; people: number }

async function drive(url: string, o: SingleOptions, request: { headers: Record<string, string>; body: () => string }): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({
    url, method: 'POST', connections: o.connections, duration: o.seconds,
    headers: { 'content-type': 'application/json', ...request.headers },
    // A fresh body per request: each is a new reading of someone.
    requests: [{ setupRequest: (req) => ({ ...req, body: request.body() }) }],
  });
  return { rps: round(result.requests.average), p99: round(result.latency.p99, 1), errors: result.non2xx + result.errors };
}

export async function single(env: BenchEnv, o: SingleOptions): Promise<Figure[]> {
  const { app, database, site, cookie } = env;
  const ids: string[] = [];
  for (let i = 0; i < o.people; i += 500) {
    const rows = Array.from({ length: Math.min(500, o.people - i) }, (_, j) => {
      const n = 900_000 + i + j;
      const idNumber = syntheticId(n);
      return { siteId: site, orgPath: env.path(site), kind: 'resident', name: `单测${n}`, nameInitials: 'dc', idEnc: env.keyring.seal(idNumber), idHash: env.keyring.hash(idNumber), idLast4: idNumber.slice(-4) };
    });
    ids.push(...(await database.db.insert(people).values(rows).returning({ id: people.id })).map((r) => r.id));
  }
  let k = 0;
  const next = () => ids[k++ % ids.length] ?? '';
  const temperature = () => 36.2 + (k % 8) / 10;

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const api = await drive(`${address}/api/readings`, o, {
    headers: { cookie },
    body: () => JSON.stringify({ personId: next(), temperature: temperature(), clientId: randomUUID() }),
  });

  // The baseline: the same row, one INSERT, no session, validation, scope, policy or audit.
  const bare = Fastify({ logger: false });
  const path = env.path(site);
  bare.post('/bare', async (request) => {
    const b = request.body as { personId: string; temperature: number; clientId: string };
    const at = new Date();
    const tenths = Math.round(b.temperature * 10);
    await database.pool.query(
      'insert into readings (person_id, site_id, org_path, day, measured_at, temp_tenths, band, abnormal, client_id) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [b.personId, site, path, localDay(at), at, tenths, 'normal', false, b.clientId],
    );
    return { ok: true };
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;
  const raw = await drive(bareUrl, o, { headers: {}, body: () => JSON.stringify({ personId: next(), temperature: temperature(), clientId: randomUUID() }) });
  await bare.close();
  if (api.errors > 0 || raw.errors > 0) throw new Error(`single-reading run had errors: api ${api.errors}, bare ${raw.errors}`);
  return [
    { key: 'single.api', label: `one reading per POST, signed in (${o.connections} connections, ${o.seconds} s)`, value: api.rps, unit: 'req/s' },
    { key: 'single.api_p99', label: 'its p99 latency', value: api.p99, unit: 'ms' },
    { key: 'single.bare', label: 'bare route, one INSERT', value: raw.rps, unit: 'req/s' },
    { key: 'single.bare_p99', label: 'its p99 latency', value: raw.p99, unit: 'ms' },
    { key: 'single.api_vs_bare', label: 'API ÷ bare route', value: round(api.rps / raw.rps, 2), unit: '×', target: { op: '>=', value: 0.6 } },
  ];
}
