import { and, eq, lte, or, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Channel } from '@fangkong/domain';
import type { Clock } from '../core/clock.js';
import type { Db } from '../db/engine.js';
import { outbox } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

export interface Message {
  channel: Channel;
  target: string;
  /** What the message says; each channel renders it in its own format. */
  payload: { title: string; text: string; url?: string; kind?: string };
  /** The same key twice is one message (an event that is written again does not notify twice). */
  idempotencyKey: string;
  /** The jurisdiction of the event (who may see the message in the queue); the whole city when absent. */
  orgPath?: string;
}

/** Writes messages in the caller's transaction: they exist if and only if the event does. */
export async function enqueue(tx: Executor, messages: Message[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(outbox).values(messages.map((m) => ({ channel: m.channel, target: m.target, payload: m.payload, idempotencyKey: m.idempotencyKey, orgPath: m.orgPath ?? '/' })))
    .onConflictDoNothing({ target: outbox.idempotencyKey });
}

/** Sends one message on its channel; throws on failure. */
export type Sender = (m: { channel: Channel; target: string; payload: Message['payload']; idempotencyKey: string }) => Promise<void>;

export interface WorkerOptions {
  /** How long a leased row is kept from other workers (a killed worker's rows come back after it). */
  leaseMs?: number;
  maxAttempts?: number;
  /** Back-off before attempt n+1: base × 2ⁿ, at most `maxBackoffMs`. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  batch?: number;
}

const DEFAULTS: Required<WorkerOptions> = { leaseMs: 60_000, maxAttempts: 6, backoffBaseMs: 30_000, maxBackoffMs: 3_600_000, batch: 20 };

/** The delay before the next attempt after `attempts` failures. */
export function backoffMs(attempts: number, o: Pick<Required<WorkerOptions>, 'backoffBaseMs' | 'maxBackoffMs'>): number {
  return Math.min(o.maxBackoffMs, o.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers what is due: leases a batch (in a short transaction, `skip locked`, so several workers
 * share the work), sends each outside any transaction (a slow receiver holds no connection), then
 * records the outcome: delivered, retried later, or dead after the last attempt.
 */
export async function deliverDue(db: Db, clock: Clock, send: Sender, options: WorkerOptions = {}): Promise<{ delivered: number; failed: number; dead: number }> {
  const o = { ...DEFAULTS, ...options };
  const now = clock.now();
  const leased = await db.transaction(async (tx) => {
    const rows = await tx.select().from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), or(isNull(outbox.leasedUntil), lt(outbox.leasedUntil, now))))
      .orderBy(outbox.nextAttemptAt)
      .limit(o.batch)
      .for('update', { skipLocked: true });
    for (const r of rows) await tx.update(outbox).set({ leasedUntil: new Date(now.getTime() + o.leaseMs) }).where(eq(outbox.id, r.id));
    return rows;
  });
  const out = { delivered: 0, failed: 0, dead: 0 };
  for (const r of leased) {
    try {
      await send({ channel: r.channel as Channel, target: r.target, payload: r.payload as Message['payload'], idempotencyKey: r.idempotencyKey });
      await db.update(outbox).set({ status: 'delivered', deliveredAt: clock.now(), leasedUntil: null, attempts: sql`${outbox.attempts} + 1`, lastError: null })
        .where(eq(outbox.id, r.id));
      out.delivered++;
    } catch (err) {
      const attempts = r.attempts + 1;
      const dead = attempts >= o.maxAttempts;
      await db.update(outbox).set({
        attempts, leasedUntil: null, lastError: String((err as Error).message ?? err).slice(0, 500),
        status: dead ? 'dead' : 'pending', nextAttemptAt: new Date(clock.now().getTime() + backoffMs(attempts, o)),
      }).where(eq(outbox.id, r.id));
      if (dead) out.dead++;
      else out.failed++;
    }
  }
  return out;
}

/** Messages in the caller's jurisdiction, newest first, with the count of each status. */
export async function listMessages(db: Db, scope: SQL, f: { status?: string | undefined; limit: number; offset: number }) {
  const where = and(scope, f.status ? eq(outbox.status, f.status) : undefined);
  const [rows, [total], summary] = await Promise.all([
    db.select().from(outbox).where(where).orderBy(sql`${outbox.createdAt} desc`).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(where),
    db.select({ status: outbox.status, n: sql<number>`count(*)::int` }).from(outbox).where(scope).groupBy(outbox.status),
  ]);
  return { rows, total: total?.n ?? 0, summary };
}

/** The dead letters, newest first. */
export async function deadLetters(db: Db, scope: SQL = sql`true`, limit = 100) {
  return (await listMessages(db, scope, { status: 'dead', limit, offset: 0 })).rows;
}

/** A dead letter sent again: back to pending with a fresh count, due at once. */
export async function retryDead(db: Db, scope: SQL, id: string, now: Date): Promise<typeof outbox.$inferSelect | 'not_found' | 'not_dead'> {
  const [row] = await db.select().from(outbox).where(and(eq(outbox.id, id), scope));
  if (!row) return 'not_found';
  const [updated] = await db.update(outbox).set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'dead'))).returning();
  return updated ?? 'not_dead';
}
