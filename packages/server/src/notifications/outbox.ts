import type { SQL } from 'drizzle-orm';
import type { Channel } from '@fangkong/domain';
import type { Clock } from '../core/clock.js';
import type { Db } from '../db/engine.js';
import { UNSCOPED } from '../auth/scope.js';
import type { Executor } from '../db/tx.js';
import * as repo from './repository.js';

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
  await repo.insertMessages(tx, messages.map((m) => ({ channel: m.channel, target: m.target, payload: m.payload, idempotencyKey: m.idempotencyKey, orgPath: m.orgPath ?? '/' })));
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
  const leased = await db.transaction((tx) => repo.leaseDue(tx, now, new Date(now.getTime() + o.leaseMs), o.batch));
  const out = { delivered: 0, failed: 0, dead: 0 };
  for (const r of leased) {
    try {
      await send({ channel: r.channel as Channel, target: r.target, payload: r.payload as Message['payload'], idempotencyKey: r.idempotencyKey });
      await repo.markDelivered(db, r.id, clock.now());
      out.delivered++;
    } catch (err) {
      const attempts = r.attempts + 1;
      const dead = attempts >= o.maxAttempts;
      await repo.markFailed(db, r.id, {
        attempts, lastError: String((err as Error).message ?? err).slice(0, 500), dead, nextAttemptAt: new Date(clock.now().getTime() + backoffMs(attempts, o)) });
      if (dead) out.dead++;
      else out.failed++;
    }
  }
  return out;
}

/** The dead letters, newest first; the whole queue by default (the operator's CLI, a system view). */
export async function deadLetters(db: Db, scope: SQL = UNSCOPED, limit = 100) {
  return (await repo.listMessages(db, scope, { status: 'dead', limit, offset: 0 })).rows;
}

/** A dead letter sent again: back to pending with a fresh count, due at once. */
export async function retryDead(db: Db, scope: SQL, id: string, now: Date): Promise<repo.OutboxRow | 'not_found' | 'not_dead'> {
  if (!await repo.findMessage(db, scope, id)) return 'not_found';
  return (await repo.resendDead(db, id, now)) ?? 'not_dead';
}
