/*
 * Batch ingest of temperature readings through `POST /api/readings/batch` (session, validation,
 * scope, policy, bands, per-day rollup, alerts, audit; one transaction per batch) against the same
 * rows written raw: 500-row multi-row INSERTs, and COPY, into the same table, in the same run.
 * Issue target: the API reaches at least half the raw INSERT rate.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { from as copyFrom } from 'pg-copy-streams';
import { localDay } from '@fangkong/domain';
import { MIGRATIONS_FOLDER } from '../packages/server/src/db/migrate.js';
import { people } from '../packages/server/src/db/schema.js';
import type { BenchEnv } from './setup.js';
import { syntheticId } from './setup.js';
import { round, timed, type Figure } from './lib.js';

export interface IngestOptions { people: number; batches: number }

type Row = [personId: string, siteId: string, orgPath: string, day: string, at: Date, tenths: number, band: string, abnormal: boolean, clientId: string];

async function addPeople(env: BenchEnv, siteId: string, count: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 500) {
    const rows = Array.from({ length: Math.min(500, count - i) }, (_, j) => {
      const n = offset + i + j;
      const idNumber = syntheticId(n);
      return {
        siteId, orgPath: env.path(siteId), kind: 'resident', name: `老人${n}`, nameInitials: 'lr',
        idEnc: env.keyring.seal(idNumber), idHash: env.keyring.hash(idNumber), idLast4: idNumber.slice(-4),
      };
    });
    ids.push(...(await env.database.db.insert(people).values(rows).returning({ id: people.id })).map((r) => r.id));
  }
  return ids;
}

// Readings on distinct past days, one a person a day, mostly normal with a few fevers.
const dayAt = (b: number) => new Date(Date.now() - (b + 1) * 86_400_000);
const temp = (i: number, b: number) => ((i * 7 + b) % 97 === 0 ? 38.2 : 36.2 + ((i + b) % 8) / 10);

function rawRows(env: BenchEnv, site: string, ids: string[], b: number): Row[] {
  const at = dayAt(b);
  const day = localDay(at);
  return ids.map((personId, i) => {
    const t = temp(i, b);
    return [personId, site, env.path(site), day, at, Math.round(t * 10), t > 37.2 ? 'low_fever' : 'normal', t > 37.2, randomUUID()];
  });
}

const COLUMNS = 'person_id, site_id, org_path, day, measured_at, temp_tenths, band, abnormal, client_id';

async function insertRaw(env: BenchEnv, batches: Row[][]): Promise<number> {
  const [, ms] = await timed(async () => {
    const client = await env.database.pool.connect();
    try {
      for (const batch of batches) {
        await client.query('begin');
        for (let i = 0; i < batch.length; i += 500) {
          const values: unknown[] = [];
          const tuples: string[] = [];
          for (const row of batch.slice(i, i + 500)) {
            const n = values.length;
            values.push(...row);
            tuples.push(`(${row.map((_, k) => `$${n + k + 1}`).join(',')})`);
          }
          await client.query(`insert into readings (${COLUMNS}) values ${tuples.join(',')}`, values);
        }
        await client.query('commit');
      }
    } finally {
      client.release();
    }
  });
  return ms;
}

const copyLine = (r: Row) => `${r[0]}\t${r[1]}\t${r[2]}\t${r[3]}\t${r[4].toISOString()}\t${r[5]}\t${r[6]}\t${r[7] ? 't' : 'f'}\t${r[8]}\n`;

/** COPY on PostgreSQL: the same connection pool, one COPY per batch. */
async function copyPostgres(env: BenchEnv, batches: Row[][]): Promise<number> {
  const [, ms] = await timed(async () => {
    const client = await env.database.pool.connect();
    try {
      for (const batch of batches) {
        await pipeline(Readable.from(batch.map(copyLine)), client.query(copyFrom(`copy readings (${COLUMNS}) from stdin`)));
      }
    } finally {
      client.release();
    }
  });
  return ms;
}

/**
 * COPY on the embedded engine: the socket between the app and PGlite's worker does not carry the
 * COPY sub-protocol, so the baseline is PGlite's own COPY from a blob, in this thread, into the
 * same table of an identically migrated in-memory database holding the same people.
 */
async function copyPglite(env: BenchEnv, site: string, batches: Row[][]): Promise<number> {
  const db = await PGlite.create('memory://');
  try {
    for (const file of readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort()) {
      await db.exec(readFileSync(join(MIGRATIONS_FOLDER, file), 'utf8').replaceAll('--> statement-breakpoint', ''));
    }
    // The people and nodes the readings refer to, copied over.
    for (const table of ['org_nodes', 'people']) {
      const rows = await env.database.pool.query(`select * from ${table} where ${table === 'people' ? 'site_id' : 'id'} = any($1::uuid[])`, [
        table === 'people' ? [site] : [env.bureau, env.town, site],
      ]);
      for (const r of table === 'org_nodes' ? [...rows.rows].sort((a: { depth: number }, b: { depth: number }) => a.depth - b.depth) : rows.rows) {
        const cols = Object.keys(r as object);
        await db.query(`insert into ${table} (${cols.join(',')}) values (${cols.map((_, i) => `$${i + 1}`).join(',')})`, cols.map((c) => (r as Record<string, unknown>)[c]));
      }
    }
    const [, ms] = await timed(async () => {
      for (const batch of batches) {
        await db.query(`copy readings (${COLUMNS}) from '/dev/blob'`, [], { blob: new Blob([batch.map(copyLine).join('')]) });
      }
    });
    return ms;
  } finally {
    await db.close();
  }
}

export async function ingest(env: BenchEnv, o: IngestOptions): Promise<Figure[]> {
  const { app, site, site2, cookie } = env;
  const apiPeople = await addPeople(env, site, o.people, 0);
  const rawPeople = await addPeople(env, site2, o.people, o.people);
  const [, apiMs] = await timed(async () => {
    for (let b = 0; b < o.batches; b++) {
      const at = dayAt(b).toISOString();
      const res = await app.inject({
        method: 'POST', url: '/api/readings/batch', headers: { cookie },
        payload: { siteId: site, readings: apiPeople.map((personId, i) => ({ personId, temperature: temp(i, b), measuredAt: at, clientId: randomUUID() })) },
      });
      if (res.statusCode !== 201) throw new Error(res.body.slice(0, 400));
    }
  });
  const rawMs = await insertRaw(env, Array.from({ length: o.batches }, (_, b) => rawRows(env, site2, rawPeople, b)));
  // COPY into the raw site's days after the INSERT baseline's, so that no (person, day) repeats.
  const copyBatches = Array.from({ length: o.batches }, (_, b) => rawRows(env, site2, rawPeople, b + o.batches));
  const copyMs = env.database.kind === 'postgres' ? await copyPostgres(env, copyBatches) : await copyPglite(env, site2, copyBatches);
  const rows = o.people * o.batches;
  const rate = (ms: number) => round(rows / (ms / 1000));
  return [
    { key: 'ingest.api', label: `readings through the API (${o.batches} batches of ${o.people})`, value: rate(apiMs), unit: 'rows/s' },
    { key: 'ingest.insert', label: 'raw multi-row INSERT of the same rows', value: rate(rawMs), unit: 'rows/s' },
    {
      key: 'ingest.copy', label: 'raw COPY of the same rows', value: rate(copyMs), unit: 'rows/s',
      ...(env.database.kind === 'pglite' ? { note: 'PGlite: its own COPY from a blob, in-process (the socket does not carry COPY)' } : {}),
    },
    { key: 'ingest.api_vs_insert', label: 'API ÷ raw INSERT', value: round(rawMs / apiMs, 2), unit: '×', target: { op: '>=', value: 0.5 } },
    { key: 'ingest.api_vs_copy', label: 'API ÷ COPY', value: round(copyMs / apiMs, 2), unit: '×' },
  ];
}
