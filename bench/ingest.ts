/*
 * Batch ingest of temperature readings through `POST /api/readings/batch` (sign-in, validation,
 * scope, policy, bands, rollup, alerts, audit, one transaction per batch) against raw multi-row
 * INSERTs of the same rows into the same table, in the same run. Issue target: the API reaches
 * at least half the raw rate.
 *
 *   node --import tsx bench/ingest.ts      (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
 */
import { randomUUID } from 'node:crypto';
import { localDay } from '@fangkong/domain';
import { people } from '../packages/server/src/db/schema.js';
import { benchEnv, syntheticId, timed } from './setup.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 10);

const env = await benchEnv();
const { app, database, keyring, site, site2, cookie } = env;

async function addPeople(siteId: string, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < PEOPLE; i += 500) {
    const rows = Array.from({ length: Math.min(500, PEOPLE - i) }, (_, j) => {
      const n = offset + i + j;
      const idNumber = syntheticId(n);
      return {
        siteId, orgPath: env.path(siteId), kind: 'resident', name: `老人${n}`, nameInitials: 'lr',
        idEnc: keyring.seal(idNumber), idHash: keyring.hash(idNumber), idLast4: idNumber.slice(-4),
      };
    });
    const inserted = await database.db.insert(people).values(rows).returning({ id: people.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

const apiPeople = await addPeople(site, 0);
const rawPeople = await addPeople(site2, PEOPLE);
// Readings on distinct past days, one a person a day, mostly normal with a few fevers.
const dayAt = (b: number) => new Date(Date.now() - (b + 1) * 86_400_000);
const temp = (i: number, b: number) => ((i * 7 + b) % 97 === 0 ? 38.2 : 36.2 + ((i + b) % 8) / 10);

const [, apiMs] = await timed(async () => {
  for (let b = 0; b < BATCHES; b++) {
    const at = dayAt(b).toISOString();
    const res = await app.inject({
      method: 'POST', url: '/api/readings/batch', headers: { cookie },
      payload: { siteId: site, readings: apiPeople.map((personId, i) => ({ personId, temperature: temp(i, b), measuredAt: at, clientId: randomUUID() })) },
    });
    if (res.statusCode !== 201) throw new Error(res.body.slice(0, 400));
  }
});

const [, rawMs] = await timed(async () => {
  const client = await database.pool.connect();
  try {
    for (let b = 0; b < BATCHES; b++) {
      const at = dayAt(b);
      const day = localDay(at);
      await client.query('begin');
      for (let i = 0; i < rawPeople.length; i += 500) {
        const values: unknown[] = [];
        const tuples: string[] = [];
        rawPeople.slice(i, i + 500).forEach((personId, j) => {
          const n = values.length;
          const t = temp(i + j, b);
          values.push(personId, site2, env.path(site2), day, at, Math.round(t * 10), t > 37 ? 'low_fever' : 'normal', t > 37, randomUUID());
          tuples.push(`($${n + 1},$${n + 2},$${n + 3},$${n + 4},$${n + 5},$${n + 6},$${n + 7},$${n + 8},$${n + 9})`);
        });
        await client.query(`insert into readings (person_id, site_id, org_path, day, measured_at, temp_tenths, band, abnormal, client_id) values ${tuples.join(',')}`, values);
      }
      await client.query('commit');
    }
  } finally {
    client.release();
  }
});

const rows = PEOPLE * BATCHES;
const result = {
  engine: database.kind,
  readings: rows,
  batchSize: PEOPLE,
  apiRowsPerSec: Math.round(rows / (apiMs / 1000)),
  rawRowsPerSec: Math.round(rows / (rawMs / 1000)),
  apiVsRaw: Number((rawMs / apiMs).toFixed(2)),
  target: 0.5,
};
console.table([result]);
await env.close();
