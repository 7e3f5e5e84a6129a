import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSender, httpSender } from '../src/notifications/senders.js';
import { isInternalAddress } from '../src/notifications/targets.js';
import { buildTree, createUser, startTestApp, type TestEnv, type Tree } from './harness.js';

/*
 * Where robots and webhooks may post (issue 15, item 6): only to hosts the configuration allows,
 * never to internal addresses unless allowed by name, never with credentials, never via a redirect;
 * and only the bureau admin sets up a generic webhook.
 */

/** A local receiver that records the paths it is asked for; `reply` decides the answer. */
async function receiver(reply: (path: string) => { status: number; headers?: Record<string, string> }): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    req.resume();
    req.on('end', () => {
      const r = reply(req.url ?? '');
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end('{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const message = (target: string, channel: 'wecom' | 'dingtalk' | 'webhook' = 'webhook') =>
  ({ channel, target, idempotencyKey: `k-${target}`, payload: { title: '【发热预警】一号镇敬老院', text: '张三体温38.6℃' } });

describe('with the default configuration (the WeCom and DingTalk hosts only)', () => {
  let env: TestEnv;
  let tree: Tree;
  let local: Awaited<ReturnType<typeof receiver>>;
  const post = (user: string, body: object, headers: Record<string, string> = {}) => env.as(user).post('/api/notification-rules', body, headers);
  const ruleCount = async () => (await env.database.db.execute<{ n: number }>(sql`select count(*)::int as n from notification_rules`)).rows[0]?.n;

  beforeAll(async () => {
    env = await startTestApp();
    tree = await buildTree(env.database);
    await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
    await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
    await env.signIn('admin', 'officer1');
    local = await receiver(() => ({ status: 200 }));
  });
  afterAll(async () => {
    await stop(local.server);
    await env.close();
  });

  it('a town officer may not set up a generic webhook, even to an allowed host; nothing is written', async () => {
    const before = await ruleCount();
    const res = await post('officer1', { nodeId: tree.town1.id, event: 'fever_alert', channel: 'webhook', target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('只有市民政局管理员可以设置通用 Webhook');
    const local127 = await post('officer1', { nodeId: tree.town1.id, event: 'fever_alert', channel: 'webhook', target: `${local.url}/` });
    expect(local127.statusCode).toBe(403);
    expect(await ruleCount()).toBe(before);
  });

  it.each([
    ['loopback', 'http://127.0.0.1:8080/'],
    ['loopback written as a number', 'http://2130706433/'],
    ['loopback written in hex', 'http://0x7f.1/'],
    ['a private address', 'http://10.1.2.3/hook'],
    ['a private address (192.168)', 'https://192.168.1.1/'],
    ['CGNAT', 'http://100.64.0.1/'],
    ['link-local (cloud metadata)', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', 'http://[::1]:3000/'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/'],
    ['IPv6 unique-local', 'http://[fd12:3456::1]/'],
    ['IPv6 link-local', 'http://[fe80::1]/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['credentials in the address', 'https://user:pass@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k'],
    ['an allowed host as the user name', 'https://qyapi.weixin.qq.com@evil.example/'],
    ['a host not in the configuration', 'https://hooks.example.com/fever'],
    ['a subdomain of an allowed host', 'https://evil.qyapi.weixin.qq.com/'],
  ])('the bureau admin\'s webhook to %s is refused with 400 naming body.target', async (_name, target) => {
    const before = await ruleCount();
    const res = await post('admin', { event: 'fever_alert', channel: 'webhook', target });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'body.target', message: expect.any(String) as string }]);
    expect(await ruleCount()).toBe(before);
  });

  it('says why in both languages', async () => {
    const zh = await post('admin', { event: 'fever_alert', channel: 'webhook', target: 'http://10.0.0.8/' });
    expect(zh.json().error.fields[0].message).toBe('不能发往本机、内网或链路本地地址');
    const en = await post('admin', { event: 'fever_alert', channel: 'webhook', target: 'http://10.0.0.8/' }, { 'accept-language': 'en' });
    expect(en.json().error.fields[0].message).toBe('must not be a loopback, private or link-local address');
    const host = await post('admin', { event: 'fever_alert', channel: 'webhook', target: 'https://hooks.example.com/' }, { 'accept-language': 'en' });
    expect(host.json().error.fields[0].message).toBe('the host is not one allowed by the configuration (qyapi.weixin.qq.com, oapi.dingtalk.com)');
  });

  it('a town\'s robot is held to the same hosts', async () => {
    const res = await post('officer1', { nodeId: tree.town1.id, event: 'fever_alert', channel: 'wecom', target: `${local.url}/cgi-bin/webhook/send?key=k` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('body.target');
    const robot = await post('officer1', { nodeId: tree.town1.id, event: 'fever_alert', channel: 'wecom', target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' });
    expect(robot.statusCode).toBe(201);
  });

  it('the bureau admin\'s webhook to an allowed host is saved; a town officer cannot switch it on or off', async () => {
    const res = await post('admin', { nodeId: tree.town1.id, event: 'fever_alert', channel: 'webhook', target: 'https://oapi.dingtalk.com/robot/send?access_token=t' });
    expect(res.statusCode).toBe(201);
    const id = res.json().rule.id as string;
    const toggle = await env.as('officer1').patch(`/api/notification-rules/${id}`, { enabled: false });
    expect(toggle.statusCode).toBe(403);
    const byAdmin = await env.as('admin').patch(`/api/notification-rules/${id}`, { enabled: false });
    expect(byAdmin.json().rule.enabled).toBe(false);
  });

  it('a message already queued for an address no longer allowed is not sent', async () => {
    const send = channelSender(env.config.notify);
    await expect(send(message(`${local.url}/old-rule`))).rejects.toThrow(/target refused/);
    await expect(send(message(`${local.url.replace('http://', 'http://u:p@')}/old-rule`, 'wecom'))).rejects.toThrow(/target refused/);
    expect(local.seen).toEqual([]);
  });

  it('classifies addresses', () => {
    expect(['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '100.127.0.1', '169.254.1.1', '0.0.0.0', '::', '::1', 'fc00::1', 'fe80::1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:7f00:1::1', 'not-an-ip']
      .filter((a) => !isInternalAddress(a))).toEqual([]);
    expect(['203.119.1.1', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2408:8000::1', '::ffff:8.8.8.8', '64:ff9b::808:808'].filter((a) => isInternalAddress(a))).toEqual([]);
  });
});

describe('with hosts allowed by name', () => {
  let env: TestEnv;
  let target: Awaited<ReturnType<typeof receiver>>;
  let redirecting: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    // 127.0.0.1 is allowed by name as an internal host (an intranet gateway); `localhost` only as a
    // public one, so it must resolve to a public address.
    env = await startTestApp({ NOTIFY_WEBHOOK_INTERNAL_HOSTS: '127.0.0.1', NOTIFY_WEBHOOK_HOSTS: 'localhost' });
    target = await receiver(() => ({ status: 200 }));
    redirecting = await receiver(() => ({ status: 302, headers: { location: `${target.url}/stolen` } }));
  });
  afterAll(async () => {
    await stop(target.server);
    await stop(redirecting.server);
    await env.close();
  });

  it('delivers to an internal host allowed by name', async () => {
    await channelSender(env.config.notify)(message(`${target.url}/sms`));
    expect(target.seen).toEqual(['/sms']);
  });

  it('does not follow a redirect: the attempt fails and the other server gets nothing', async () => {
    await expect(channelSender(env.config.notify)(message(`${redirecting.url}/hook`))).rejects.toThrow('HTTP 302: redirect not followed');
    expect(redirecting.seen).toEqual(['/hook']);
    expect(target.seen).not.toContain('/stolen');
  });

  it('a receiver that answers its headers and then hangs fails the attempt at the timeout', async () => {
    const half = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"errcode"');
    });
    await new Promise<void>((resolve) => half.listen(0, '127.0.0.1', resolve));
    try {
      await expect(httpSender(300, env.config.notify)(message(`http://127.0.0.1:${(half.address() as AddressInfo).port}/half`, 'wecom'))).rejects.toThrow(/cut off|abort/i);
    } finally {
      await stop(half);
    }
  });

  it('refuses at sending a listed public host whose name resolves to an internal address', async () => {
    const port = (target.server.address() as AddressInfo).port;
    await expect(channelSender(env.config.notify)(message(`http://localhost:${port}/rebound`))).rejects.toThrow(/resolves to an internal address/);
    expect(target.seen).not.toContain('/rebound');
  });
});
