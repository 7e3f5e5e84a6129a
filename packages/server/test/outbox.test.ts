import { sql } from 'drizzle-orm';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/core/clock.js';
import { backoffMs, deadLetters, deliverDue, enqueue, retryDead, type Sender } from '../src/notifications/outbox.js';
import { httpSender, webhookBody } from '../src/notifications/senders.js';
import { startTestApp, type TestEnv } from './harness.js';

let env: TestEnv;
let sink: Server;
let base = '';
const received: { path: string; body: unknown; key: string | undefined }[] = [];
let failFirst = 0;

beforeAll(async () => {
  // The local receiver is allowed by name, as an intranet gateway would be.
  env = await startTestApp({ NOTIFY_WEBHOOK_INTERNAL_HOSTS: '127.0.0.1' });
  // A local receiver: /ok answers 200, /fail 500, /hang never answers, /flaky fails `failFirst` times.
  sink = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      if (path === '/hang') return;
      if (path === '/fail') {
        res.statusCode = 500;
        res.end('down');
        return;
      }
      if (path === '/flaky' && failFirst > 0) {
        failFirst--;
        res.statusCode = 503;
        res.end();
        return;
      }
      received.push({ path, body: JSON.parse(data || 'null'), key: req.headers['idempotency-key'] as string | undefined });
      res.setHeader('content-type', 'application/json');
      res.end(path === '/robot-error' ? '{"errcode":93000,"errmsg":"invalid webhook url"}' : '{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const addr = sink.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  sink.closeAllConnections();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  await env.close();
});

const msg = (key: string, channel: 'wecom' | 'dingtalk' | 'webhook', path: string) => ({
  channel, target: `${base}${path}`, idempotencyKey: key, payload: { title: '疑似病例上报逾期', text: '一号镇敬老院：向镇社会事务办的上报已逾期', kind: 'step_late' },
});

async function statusOf(key: string) {
  return (await env.database.pool.query('select status, attempts, last_error from outbox where idempotency_key = $1', [key])).rows[0] as { status: string; attempts: number; last_error: string | null };
}

describe('the durable outbox', () => {
  it('a message exists only if its transaction commits, and the same key is one message', async () => {
    await env.database.db.transaction(async (tx) => enqueue(tx, [msg('k-commit', 'webhook', '/ok'), msg('k-commit', 'webhook', '/ok')]));
    await expect(env.database.db.transaction(async (tx) => {
      await enqueue(tx, [msg('k-rollback', 'webhook', '/ok')]);
      throw new Error('the event failed');
    })).rejects.toThrow('the event failed');
    const keys = (await env.database.pool.query(`select idempotency_key from outbox where idempotency_key like 'k-%'`)).rows.map((r) => r.idempotency_key);
    expect(keys).toEqual(['k-commit']);
  });

  it('delivers to a real local HTTP receiver in the WeCom, DingTalk and generic formats', async () => {
    await env.database.db.transaction(async (tx) => enqueue(tx, [msg('w-1', 'wecom', '/wecom'), msg('d-1', 'dingtalk', '/dingtalk'), msg('g-1', 'webhook', '/ok')]));
    // Every message due goes, whatever an earlier test left queued.
    const due = (await env.database.pool.query<{ n: number }>(`select count(*)::int as n from outbox where status = 'pending'`)).rows[0]?.n;
    const clock = new Clock('Asia/Shanghai');
    const result = await deliverDue(env.database.db, clock, httpSender(2000, env.config.notify));
    expect(result).toMatchObject({ delivered: due, failed: 0, dead: 0 });
    expect(received.find((r) => r.path === '/wecom')?.body).toEqual({ msgtype: 'markdown', markdown: { content: '**疑似病例上报逾期**\n一号镇敬老院：向镇社会事务办的上报已逾期' } });
    expect(received.find((r) => r.path === '/dingtalk')?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '疑似病例上报逾期' } });
    expect(received.find((r) => r.key === 'g-1')).toMatchObject({ path: '/ok', body: { id: 'g-1', kind: 'step_late' } });
    expect((await statusOf('w-1')).status).toBe('delivered');
    // Nothing is due any more: no second delivery.
    expect(await deliverDue(env.database.db, clock, httpSender(2000, env.config.notify))).toEqual({ delivered: 0, failed: 0, dead: 0 });
  });

  it('a receiver that answers 500 or hangs does not hold up the others; failures are retried with back-off, then dead-lettered', async () => {
    await env.database.db.transaction(async (tx) => enqueue(tx, [msg('f-1', 'webhook', '/fail'), msg('h-1', 'webhook', '/hang'), msg('o-2', 'webhook', '/ok'), msg('r-1', 'wecom', '/robot-error')]));
    const clock = new Clock('Asia/Shanghai');
    const opts = { maxAttempts: 3, backoffBaseMs: 1000, maxBackoffMs: 10_000 };
    const first = await deliverDue(env.database.db, clock, httpSender(300, env.config.notify), opts);
    expect(first).toEqual({ delivered: 1, failed: 3, dead: 0 });
    expect(await statusOf('o-2')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await statusOf('f-1')).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 500' });
    expect((await statusOf('h-1')).last_error).toMatch(/timeout|aborted/i);
    expect((await statusOf('r-1')).last_error).toBe('robot error 93000: invalid webhook url');
    // Not due before its back-off.
    expect(await deliverDue(env.database.db, clock, httpSender(300, env.config.notify), opts)).toEqual({ delivered: 0, failed: 0, dead: 0 });
    clock.advance(backoffMs(1, opts) + 1);
    expect(await deliverDue(env.database.db, clock, httpSender(300, env.config.notify), opts)).toEqual({ delivered: 0, failed: 3, dead: 0 });
    clock.advance(backoffMs(2, opts) + 1);
    expect(await deliverDue(env.database.db, clock, httpSender(300, env.config.notify), opts)).toEqual({ delivered: 0, failed: 0, dead: 3 });
    const dead = (await deadLetters(env.database.db)).map((d) => d.idempotencyKey).sort();
    expect(dead).toEqual(['f-1', 'h-1', 'r-1']);
    // The admin sends one again once the receiver is fixed.
    const again = await retryDead(env.database.db, sql`true`, (await deadLetters(env.database.db)).find((d) => d.idempotencyKey === 'f-1')?.id ?? '', clock.now());
    expect(again).toMatchObject({ status: 'pending' });
    expect(await statusOf('f-1')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('back-off doubles up to its ceiling', () => {
    const o = { backoffBaseMs: 30_000, maxBackoffMs: 3_600_000 };
    expect([1, 2, 3, 4, 8, 20].map((n) => backoffMs(n, o))).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });

  it('a worker killed after leasing loses nothing: the lease runs out and another worker delivers', async () => {
    await env.database.pool.query(`update outbox set status = 'delivered' where status <> 'delivered'`);
    await env.database.db.transaction(async (tx) => enqueue(tx, [msg('kill-1', 'webhook', '/ok')]));
    const clock = new Clock('Asia/Shanghai');
    // The first worker leases the message and dies before sending it.
    const dies: Sender = () => new Promise<void>(() => undefined);
    void deliverDue(env.database.db, clock, dies, { leaseMs: 30_000 });
    // Waits for the lease however busy the machine is (the default second was once too short on PostgreSQL under a full run).
    await expect.poll(async () => (await env.database.pool.query(`select leased_until from outbox where idempotency_key = 'kill-1'`)).rows[0].leased_until,
      { timeout: 15_000 }).not.toBeNull();
    // While the lease holds, nobody else takes it.
    expect(await deliverDue(env.database.db, clock, httpSender(2000, env.config.notify), { leaseMs: 30_000 })).toEqual({ delivered: 0, failed: 0, dead: 0 });
    clock.advance(30_001);
    expect(await deliverDue(env.database.db, clock, httpSender(2000, env.config.notify), { leaseMs: 30_000 })).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(received.filter((r) => r.key === 'kill-1')).toHaveLength(1);
  });

  it('renders each channel\'s body', () => {
    expect(webhookBody('webhook', { idempotencyKey: 'x', payload: { title: 't', text: 'b', url: '/incidents/1' } })).toEqual({ id: 'x', title: 't', text: 'b', url: '/incidents/1', kind: null });
  });
});
