import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/core/clock.js';
import { deliverDue, enqueue } from '../src/notifications/outbox.js';
import { channelSender } from '../src/notifications/senders.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { buildTree, createUser, newPerson, startTestApp, type TestEnv, type Tree } from './harness.js';
import { createPgDatabase } from './pg-admin.js';

let env: TestEnv;
let tree: Tree;
const ids: Record<string, string> = {};

type Note = { id: string; kind: string; title: string; text: string; url: string | null; readAt: string | null };
const bell = async (user: string) => (await env.as(user).get('/api/notifications?limit=50')).json<{ notifications: Note[]; unread: number; total: number }>();

/** A local SMTP server that keeps what it receives. */
const mails: { to: string[]; data: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
/** A local webhook receiver (a group robot) that keeps what it receives. */
const hooks: { path: string; key: string | undefined; body: Record<string, unknown> }[] = [];
let sink: Server;
let sinkUrl = '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => { data += c; });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  sink = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString(); });
    req.on('end', () => {
      hooks.push({ path: req.url ?? '', key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai', FANGKONG_CLOCK_CONTROL: 'true', NOTIFY_WEBHOOK_INTERNAL_HOSTS: '127.0.0.1' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await createUser(env.database, 'bureau1', [['bureau_officer', tree.bureau]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'manager2', [['site_manager', tree.elder2]]);
  await createUser(env.database, 'staff1', [['site_staff', tree.elder1]]);
  await env.signIn('admin', 'bureau1', 'officer1', 'officer2', 'manager1', 'manager2', 'staff1');
  ids.person = (await newPerson(env, tree.elder1, { name: '发热老人', kind: 'resident' })).id;
});

afterAll(async () => {
  await env.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

/** Reads server-sent events from a live stream until `until` holds. */
async function readEvents(res: Response, until: (events: { unread: number; latest: Note | null }[]) => boolean) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const events: { unread: number; latest: Note | null }[] = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += new TextDecoder().decode(value);
    let at: number;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (block.includes('event: unread') && data) events.push(JSON.parse(data.slice(6)) as { unread: number; latest: Note | null });
    }
  }
  return { events, reader };
}

describe('who is told of what', () => {
  it('a fever alert rings the site manager\'s bell, not another site\'s', async () => {
    const reading = await env.as('staff1').post('/api/readings', { personId: ids.person, temperature: 38.9 });
    ids.alert = reading.json().alert.id;
    const mine = await bell('manager1');
    expect(mine.unread).toBe(1);
    expect(mine.notifications[0]).toMatchObject({ kind: 'fever_alert', url: `/alerts/${ids.alert ?? ''}` });
    expect(mine.notifications[0]?.text).toContain('38.9');
    expect((await bell('manager2')).unread).toBe(0);
    // The same alert raised again by a higher reading tells nobody twice.
    await env.as('staff1').post('/api/readings', { personId: ids.person, temperature: 39.2 });
    expect((await bell('manager1')).unread).toBe(1);
  });

  it('one batch with fevers at two sites tells each site\'s manager of its own, once', async () => {
    const a = (await newPerson(env, tree.elder1, { name: '一院发热', kind: 'resident' })).id;
    const b = (await newPerson(env, tree.elder2, { name: '二院发热', kind: 'resident' })).id;
    const before = { one: (await bell('manager1')).unread, two: (await bell('manager2')).unread };
    const batch = await env.as('admin').post('/api/readings/batch', { readings: [{ personId: a, temperature: 38.5 }, { personId: b, temperature: 38.7 }, { personId: a, temperature: 38.8 }] });
    expect(batch.statusCode).toBe(201);
    const one = await bell('manager1');
    const two = await bell('manager2');
    expect(one.unread).toBe(before.one + 1);
    expect(two.unread).toBe(before.two + 1);
    expect(one.notifications[0]?.text).toContain('一院发热');
    expect(one.notifications[0]?.text).toContain('38.8');
    expect(two.notifications[0]?.text).toContain('二院发热');
    // Each site reports its own fever up (R2.4), so that neither is late later on.
    const alertOf = (personId: string) => (batch.json().alerts as { id: string; personId: string }[]).find((x) => x.personId === personId)?.id ?? '';
    expect((await env.as('manager1').post(`/api/alerts/${alertOf(a)}/report`)).statusCode).toBe(200);
    expect((await env.as('manager2').post(`/api/alerts/${alertOf(b)}/report`)).statusCode).toBe(200);
    await env.as('manager1').post('/api/notifications/read-all');
  });

  it('the town officer\'s bell rings live when the manager promotes the alert to a suspected case', async () => {
    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await fetch(`${address}/api/notifications/stream`, { headers: { cookie: await env.as('officer1').cookie() } });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const first = await readEvents(stream, (e) => e.length >= 1);
    // The town has seen its fevers and their reports since they came (R2.4).
    const unread = first.events[0]?.unread ?? 0;
    expect(unread).toBeGreaterThan(0);
    const created = await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'suspected_case', summary: '发热 38.9 ℃', alertId: ids.alert });
    expect(created.statusCode).toBe(201);
    ids.incident = created.json().incident.id;
    // Pushed without asking: the next event on the open stream.
    const events: { unread: number; latest: Note | null }[] = [];
    let buffer = '';
    while (events.length === 0) {
      const { value, done } = await first.reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      const m = /event: unread\ndata: (.*)\n\n/.exec(buffer);
      if (m?.[1]) events.push(JSON.parse(m[1]) as { unread: number; latest: Note | null });
    }
    await first.reader.cancel();
    expect(events[0]).toMatchObject({ unread: unread + 1, latest: { kind: 'incident_opened', url: `/incidents/${ids.incident ?? ''}` } });
    expect(events[0]?.latest?.title).toContain('疑似病例');
    // The bureau is told; another town is not.
    expect((await bell('bureau1')).notifications.map((n) => n.kind)).toContain('incident_opened');
    expect((await bell('officer2')).notifications.map((n) => n.kind)).not.toContain('incident_opened');
  });

  it('the stream speaks the language the app names, not the browser\'s (an EventSource cannot set Accept-Language)', async () => {
    // The test before this one may have started listening already.
    const bound = env.app.server.address();
    const address = bound && typeof bound === 'object' ? `http://127.0.0.1:${bound.port}` : await env.app.listen({ port: 0, host: '127.0.0.1' });
    const open = async (lang: string, header: string) =>
      fetch(`${address}/api/notifications/stream${lang}`, { headers: { cookie: await env.as('officer1').cookie(), 'accept-language': header } });
    const en = await readEvents(await open('?lang=en', 'zh-CN,zh;q=0.9'), (e) => e.length >= 1);
    await en.reader.cancel();
    expect(en.events[0]?.latest?.title).toMatch(/^\[suspected case\]/);
    const zh = await readEvents(await open('?lang=zh-CN', 'en-US,en;q=0.9'), (e) => e.length >= 1);
    await zh.reader.cancel();
    expect(zh.events[0]?.latest?.title).toContain('【疑似病例】');
    expect((await open('?lang=fr', 'en')).status).toBe(400);
  });

  it('a step past its deadline tells the level above once', async () => {
    const before = (await bell('bureau1')).total;
    const moved = await env.as('admin').post('/api/dev/clock', { advanceMinutes: 61 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ offsetMinutes: 61, flagged: 1 });
    const b = await bell('bureau1');
    expect(b.total).toBe(before + 1);
    expect(b.notifications[0]).toMatchObject({ kind: 'step_late' });
    expect(b.notifications[0]?.text).toContain('乡镇（街道）社会事务办');
    expect((await bell('officer1')).notifications.filter((n) => n.kind === 'step_late')).toHaveLength(1);
    // Flagging again finds nothing new, and tells nobody again.
    expect(await env.app.services.incidents.flagLateSteps()).toEqual([]);
    expect((await bell('bureau1')).total).toBe(before + 1);
    // The incident lists who was told, when and how (R7.2); another town sees none of it.
    const notices = (await env.as('officer1').get(`/api/incidents/${ids.incident ?? ''}/notices`)).json().notices as { kind: string; channel: string; to: string; status: string }[];
    expect(notices.filter((n) => n.kind === 'incident_opened' && n.channel === 'in_app').map((n) => n.to).sort()).toEqual(['admin', 'bureau1', 'manager1', 'officer1']);
    expect(notices.filter((n) => n.kind === 'step_late').map((n) => n.to).sort()).toEqual(['admin', 'bureau1', 'officer1']);
    expect((await env.as('officer2').get(`/api/incidents/${ids.incident ?? ''}/notices`)).statusCode).toBe(404);
    // Only the bureau admin moves the clock.
    expect((await env.as('officer1').post('/api/dev/clock', { advanceMinutes: 5 })).statusCode).toBe(404);
    // The users' answers say who may, so the app asks for the clock only where it is offered.
    expect((await env.as('admin').get('/api/auth/me')).json().user.clockControl).toBe(true);
    expect((await env.as('officer1').get('/api/auth/me')).json().user.clockControl).toBe(false);
    expect((await env.as('admin').post('/api/dev/clock', { reset: true })).json().offsetMinutes).toBe(0);
  });

  it('the stream\'s session check does not count as activity (an open tab does not keep an idle session alive)', async () => {
    const token = decodeURIComponent((await env.as('officer2').cookie()).split('=')[1] ?? '');
    await env.database.pool.query(`update sessions set last_seen_at = now() - interval '20 minutes'`);
    expect(await env.app.services.auth.authenticate(token, false)).toBeDefined();
    const seen = await env.database.pool.query<{ idle: number }>(`select min(extract(epoch from now() - last_seen_at))::int as idle from sessions`);
    expect(seen.rows[0]?.idle).toBeGreaterThanOrEqual(20 * 60 - 5);
    await env.database.pool.query(`update sessions set last_seen_at = now()`);
  });

  it('messages are read one by one or all at once, and only one\'s own', async () => {
    const [first] = (await bell('officer1')).notifications;
    expect((await env.as('officer2').post(`/api/notifications/${first?.id ?? ''}/read`)).statusCode).toBe(404);
    expect((await env.as('officer1').post(`/api/notifications/${first?.id ?? ''}/read`)).statusCode).toBe(204);
    const after = await bell('officer1');
    expect(after.notifications.find((n) => n.id === first?.id)?.readAt).not.toBeNull();
    expect(after.unread).toBe(after.total - 1);
    expect((await env.as('officer1').post('/api/notifications/read-all')).statusCode).toBe(204);
    expect((await bell('officer1')).unread).toBe(0);
    expect((await env.as('officer1').get('/api/notifications?unread=true')).json().notifications).toEqual([]);
  });

  it('stock below the floor tells the site once a day', async () => {
    const items = (await env.as('admin').get('/api/supplies/items')).json().items as { id: string; name: string }[];
    const mask = items.find((i) => i.name.includes('口罩'))?.id ?? '';
    await env.as('manager1').put('/api/supplies/peaks', { siteId: tree.elder1.id, itemId: mask, consumption: 3000 });
    await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: mask, quantity: 6000 });
    expect((await bell('manager1')).notifications.filter((n) => n.kind === 'supply_below_floor')).toHaveLength(0);
    // 6,000 − 2,000 at 100 a day is 40 days: below the 45-day floor, told at once.
    expect((await env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: mask, quantity: 2000 })).statusCode).toBe(201);
    const told = (await bell('manager1')).notifications.filter((n) => n.kind === 'supply_below_floor');
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('40天');
    expect((await bell('officer1')).notifications.filter((n) => n.kind === 'supply_below_floor')).toHaveLength(1);
    expect((await bell('officer2')).notifications.filter((n) => n.kind === 'supply_below_floor')).toHaveLength(0);
    await env.app.services.supplies.raiseStockEvents();
    expect((await bell('manager1')).notifications.filter((n) => n.kind === 'supply_below_floor')).toHaveLength(1);
  });
});

describe('rules per role, level and channel', () => {
  it('refuses a rule without its recipient, naming the field', async () => {
    const noRole = await env.as('officer1').post('/api/notification-rules', { nodeId: tree.town1.id, event: 'incident_opened', channel: 'in_app' });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.role');
    const badUrl = await env.as('officer1').post('/api/notification-rules', { nodeId: tree.town1.id, event: 'incident_opened', channel: 'wecom', target: 'ftp://x' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.target');
    const badMail = await env.as('officer1').post('/api/notification-rules', { nodeId: tree.town1.id, event: 'incident_opened', channel: 'email', target: 'not-a-mailbox' });
    expect(badMail.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.target');
    expect((await env.as('manager1').get('/api/notification-rules')).statusCode).toBe(403);
  });

  it('a town\'s robot gets its town\'s incidents only, with its key hidden from view', async () => {
    const created = await env.as('officer1').post('/api/notification-rules', {
      nodeId: tree.town1.id, event: 'incident_opened', channel: 'wecom', target: `${sinkUrl}/cgi-bin/webhook/send?key=SECRET-1234`, incidentTypes: ['suspected_case', 'confirmed_case'],
    });
    expect(created.statusCode).toBe(201);
    ids.rule = created.json().rule.id;
    expect(created.json().rule.target).not.toContain('SECRET');
    // Town 2 neither sees nor changes it; the town officer cannot make a city-wide rule.
    expect((await env.as('officer2').get('/api/notification-rules')).json().rules.map((r: { id: string }) => r.id)).not.toContain(ids.rule);
    expect((await env.as('officer2').patch(`/api/notification-rules/${ids.rule ?? ''}`, { enabled: false })).statusCode).toBe(404);
    expect((await env.as('officer2').delete(`/api/notification-rules/${ids.rule ?? ''}`)).statusCode).toBe(404);
    expect((await env.as('officer1').post('/api/notification-rules', { event: 'incident_opened', channel: 'in_app', role: 'town_officer' })).statusCode).toBe(404);
    // The bureau sees its city-wide defaults and the town's rule.
    const all = (await env.as('admin').get('/api/notification-rules')).json().rules as { id: string; nodeId: string | null }[];
    expect(all.some((r) => r.nodeId === null)).toBe(true);
    expect(all.map((r) => r.id)).toContain(ids.rule);

    const p2 = await newPerson(env, tree.elder2, { name: '镇二老人', kind: 'resident' });
    await env.as('admin').post('/api/incidents', { siteId: tree.elder2.id, type: 'suspected_case', summary: '镇二疑似', personIds: [p2.id] });
    await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'close_contact', summary: '类型不在规则内' });
    await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'confirmed_case', summary: '镇一确诊' });
    const sent = await deliverDue(env.database.db, env.app.services.clock, channelSender({ ...env.config.notify, smtpUrl: undefined, mailFrom: 'x', timeoutMs: 2000, publicUrl: 'https://fk.example.cn' }));
    expect(sent.delivered).toBeGreaterThanOrEqual(1);
    const robot = hooks.filter((h) => h.path.startsWith('/cgi-bin/webhook/send'));
    expect(robot).toHaveLength(1);
    expect(robot[0]?.body).toMatchObject({ msgtype: 'markdown' });
    expect(JSON.stringify(robot[0]?.body)).toContain('镇一确诊');
    expect(JSON.stringify(robot[0]?.body)).toContain('https://fk.example.cn/incidents/');
    // The town sees its own messages in the queue; the other town sees none of them.
    const queue = (await env.as('officer1').get('/api/outbox?status=delivered')).json();
    expect(queue.messages.map((m: { target: string }) => m.target).join()).not.toContain('SECRET');
    expect(queue.summary.delivered).toBeGreaterThanOrEqual(1);
    expect((await env.as('officer2').get('/api/outbox?status=delivered')).json().total).toBe(0);
    // Switched off, it is quiet.
    expect((await env.as('officer1').patch(`/api/notification-rules/${ids.rule ?? ''}`, { enabled: false })).json().rule.enabled).toBe(false);
    await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'confirmed_case', summary: '规则停用后' });
    await deliverDue(env.database.db, env.app.services.clock, channelSender({ ...env.config.notify, smtpUrl: undefined, mailFrom: 'x', timeoutMs: 2000 }));
    expect(hooks.filter((h) => h.path.startsWith('/cgi-bin/webhook/send'))).toHaveLength(1);
    expect((await env.as('officer1').delete(`/api/notification-rules/${ids.rule ?? ''}`)).statusCode).toBe(204);
  });

  it('e-mails reach a real SMTP server; a mail server that is down leaves a dead letter the admin can resend', async () => {
    expect((await env.as('officer1').patch('/api/auth/me', { email: 'bad' })).statusCode).toBe(400);
    const me = await env.as('officer1').patch('/api/auth/me', { email: 'officer1@town1.example.cn' });
    expect(me.json().user.email).toBe('officer1@town1.example.cn');
    await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'suspected_case', summary: '邮件测试' });
    const clock = new Clock('Asia/Shanghai');
    clock.advance(env.app.services.clock.offsetMs);
    // The mail server is down: retried, then dead.
    const down = channelSender({ ...env.config.notify, smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'Fangkong <noreply@fk.example.cn>', timeoutMs: 1000 });
    const opts = { maxAttempts: 2, backoffBaseMs: 1000 };
    expect((await deliverDue(env.database.db, clock, down, opts)).failed).toBe(1);
    clock.advance(1001);
    expect((await deliverDue(env.database.db, clock, down, opts)).dead).toBe(1);
    const dead = (await env.as('admin').get('/api/outbox?status=dead')).json();
    expect(dead.messages).toHaveLength(1);
    expect(dead.messages[0]).toMatchObject({ channel: 'email', target: 'o***@town1.example.cn', status: 'dead', attempts: 2 });
    expect(dead.messages[0].lastError).toBeTruthy();
    expect((await env.as('officer2').post(`/api/outbox/${dead.messages[0].id as string}/retry`)).statusCode).toBe(404);
    expect((await env.as('admin').post(`/api/outbox/${dead.messages[0].id as string}/retry`)).json().message.status).toBe('pending');
    expect((await env.as('admin').post(`/api/outbox/${dead.messages[0].id as string}/retry`)).statusCode).toBe(409);
    // The mail server is back.
    const up = channelSender({ ...env.config.notify, smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailFrom: 'Fangkong <noreply@fk.example.cn>', timeoutMs: 5000 });
    expect((await deliverDue(env.database.db, clock, up, opts)).delivered).toBe(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['officer1@town1.example.cn']);
    // Headers folded over lines are one header.
    const headers = (mails[0]?.data ?? '').replace(/\r\n\s+/g, ' ');
    expect(headers).toContain('X-Fangkong-Key: incident_opened:');
    expect(headers).toContain('Subject: =?UTF-8?B?');
  });

  it('a rule can be tested before an incident needs it', async () => {
    const rules = (await env.as('admin').get('/api/notification-rules')).json().rules as { id: string; channel: string; event: string; role: string | null }[];
    const inApp = rules.find((r) => r.channel === 'in_app' && r.event === 'incident_opened' && r.role === 'bureau_admin');
    const before = (await bell('admin')).unread;
    expect((await env.as('admin').post(`/api/notification-rules/${inApp?.id ?? ''}/test`)).statusCode).toBe(202);
    expect((await bell('admin')).unread).toBe(before + 1);
  });
});

describe('documents of an incident', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

  it('takes a PDF or image, checked by its content; refuses other files and files too large; another town sees nothing', async () => {
    const url = `/api/incidents/${ids.incident ?? ''}/attachments`;
    const ok = await env.as('manager1').upload(url, png, 'image/png', '现场照片.png');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().attachment).toMatchObject({ fileName: '现场照片.png', contentType: 'image/png', size: png.length });
    const pdf = await env.as('manager1').upload(url, Buffer.from('%PDF-1.7\n%…'), 'application/octet-stream', '流调报告.pdf');
    expect(pdf.json().attachment.contentType).toBe('application/pdf');
    // A program renamed .png is refused whatever it claims.
    const exe = await env.as('manager1').upload(url, Buffer.from('MZ\x90\x00binary'), 'image/png', 'photo.png');
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.fields[0].path).toBe('body');
    const text = await env.as('manager1').upload(url, Buffer.from('hello'), 'text/plain', 'a.txt');
    expect(text.statusCode).toBeGreaterThanOrEqual(400);
    expect(text.statusCode).toBeLessThan(500);
    const big = await env.as('manager1').upload(url, Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]), 'image/png', 'big.png');
    expect(big.statusCode).toBe(413);
    const list = (await env.as('officer1').get(url)).json().attachments as { id: string }[];
    expect(list).toHaveLength(2);
    const file = await env.as('officer1').get(`${url}/${list[0]?.id ?? ''}`);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.rawPayload, png)).toBe(0);
    expect((await env.as('officer2').get(url)).statusCode).toBe(404);
    expect((await env.as('officer2').get(`${url}/${list[0]?.id ?? ''}`)).statusCode).toBe(404);
    expect((await env.as('officer2').upload(url, png, 'image/png', 'x.png')).statusCode).toBe(404);
  });

  it('exports the incident list as a workbook limited to the caller\'s town', async () => {
    const res = await env.as('officer2').get('/api/incidents/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const mine = await env.as('officer1').get('/api/incidents/export?status=open');
    expect(mine.rawPayload.length).toBeGreaterThan(res.rawPayload.length);
  });
});

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

describe.skipIf(!process.env.TEST_DATABASE_URL)('a worker process killed mid-delivery (PostgreSQL)', () => {
  it('loses nothing: a restarted worker delivers the message the killed one held', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL ?? '';
    const name = `fangkong_worker_${process.pid}`;
    const { database, drop } = await createPgDatabase(serverUrl, name, { poolSize: 2 });
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const seen: string[] = [];
    // The first request hangs (the worker is killed while waiting); later ones are answered.
    const receiver = createServer((req, res) => {
      seen.push(String(req.headers['idempotency-key']));
      if (seen.length === 1) return;
      res.end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sms`;
    const start = (): ChildProcess => spawn(process.execPath, ['--import', 'tsx', CLI, 'worker'], {
      env: { ...process.env, DATABASE_URL: url.toString(), NOTIFY_LEASE_SECONDS: '2', NOTIFY_TIMEOUT_SECONDS: '120', NOTIFY_WEBHOOK_INTERNAL_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent', PII_KEYS: 'k:' + Buffer.alloc(32, 7).toString('base64') },
      stdio: 'ignore',
    });
    let worker: ChildProcess | undefined;
    try {
      await migrateDatabase(database);
      await database.db.transaction((tx) => enqueue(tx, [{ channel: 'webhook', target: hook, payload: { title: '测试', text: '进程被杀' }, idempotencyKey: 'killed-1' }]));
      worker = start();
      await expect.poll(() => seen.length, { timeout: 30_000, interval: 100 }).toBe(1);
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker?.once('exit', resolve));
      const held = await database.pool.query(`select status, attempts from outbox where idempotency_key = 'killed-1'`);
      expect(held.rows[0]).toMatchObject({ status: 'pending', attempts: 0 });
      worker = start();
      await expect.poll(async () => (await database.pool.query(`select status from outbox where idempotency_key = 'killed-1'`)).rows[0]?.status, { timeout: 30_000, interval: 200 })
        .toBe('delivered');
      // At least once: the killed attempt and the delivery carry the same key, for the receiver to drop the repeat.
      expect(seen).toEqual(['killed-1', 'killed-1']);
    } finally {
      worker?.kill('SIGKILL');
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await database.close();
      await drop();
    }
  }, 90_000);
});
