import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { createTransport } from 'nodemailer';
import type { Message, Sender } from './outbox.js';
import { allowedInternal, isHttpChannel, isInternalAddress, webhookTargetProblem, type WebhookAllow } from './targets.js';

/** The JSON a group-chat robot or a webhook receives for a message. */
export function webhookBody(channel: 'wecom' | 'dingtalk' | 'webhook', m: Pick<Message, 'payload' | 'idempotencyKey'>): unknown {
  const text = m.payload.url ? `${m.payload.text}\n${m.payload.url}` : m.payload.text;
  switch (channel) {
    case 'wecom':
      // WeCom (企业微信) group robot: markdown message.
      return { msgtype: 'markdown', markdown: { content: `**${m.payload.title}**\n${text}` } };
    case 'dingtalk':
      // DingTalk (钉钉) custom robot: markdown message with a title.
      return { msgtype: 'markdown', markdown: { title: m.payload.title, text: `### ${m.payload.title}\n${text}` } };
    case 'webhook':
      // A generic receiver (e.g. an SMS gateway): the message as it is, with its key to drop repeats.
      return { id: m.idempotencyKey, title: m.payload.title, text: m.payload.text, url: m.payload.url ?? null, kind: m.payload.kind ?? null };
  }
}

/**
 * Resolves a host as the system would, refusing it when any of its addresses is internal and the
 * host is not allowed to be. Given to the socket itself, so that the address checked is the one
 * connected to (a name that resolves to a public address when saved and to 127.0.0.1 when sent
 * gets nowhere).
 */
function guardedLookup(allow: WebhookAllow): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      if (!allowedInternal(allow, hostname)) {
        const bad = addresses.find((a) => isInternalAddress(a.address));
        if (bad) return callback(new Error(`${hostname} resolves to an internal address (${bad.address}); refused`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** One POST with a timeout; redirects are not followed. Answers the status and the body's text. */
function post(target: string, headers: Record<string, string>, body: string, allow: WebhookAllow, timeoutMs: number): Promise<{ status: number; text: string }> {
  const problem = webhookTargetProblem(target, allow);
  if (problem) return Promise.reject(new Error(`target refused: ${problem.en}`));
  const url = new URL(target);
  return new Promise((resolve, reject) => {
    // No shared agent: a connection is made for each message through the guarded lookup.
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false,
      lookup: guardedLookup(allow), signal: AbortSignal.timeout(timeoutMs),
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        // A robot's answer is a line of JSON; a receiver that sends more is not read further.
        if (text.length < 65_536) text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
      // A receiver that sends its headers and then hangs is cut off by the timeout: fail, not wait.
      res.on('close', () => {
        if (!res.complete) reject(new Error('the answer was cut off (timeout or aborted)'));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends webhook-type messages over HTTP with a timeout: a receiver that answers 5xx or hangs fails
 * this attempt only, and the worker goes on with the next message. Only to addresses the
 * configuration allows (see targets.ts); a redirect is a failure, not followed, since its target
 * was never checked.
 */
export function httpSender(timeoutMs: number, allow: WebhookAllow): Sender {
  return async (m) => {
    if (!isHttpChannel(m.channel)) throw new Error(`no sender for ${m.channel}`);
    const res = await post(m.target, { 'content-type': 'application/json', 'idempotency-key': m.idempotencyKey }, JSON.stringify(webhookBody(m.channel, m)), allow, timeoutMs);
    if (res.status >= 300 && res.status < 400) throw new Error(`HTTP ${res.status}: redirect not followed`);
    if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
    // WeCom and DingTalk answer 200 with an error code in the body.
    if (m.channel !== 'webhook') {
      let reply: { errcode?: number; errmsg?: string } = {};
      try {
        reply = JSON.parse(res.text) as typeof reply;
      } catch {
        // Not JSON: nothing to read an error from.
      }
      if (reply.errcode !== undefined && reply.errcode !== 0) throw new Error(`robot error ${reply.errcode}: ${reply.errmsg ?? ''}`);
    }
  };
}

/**
 * Sends e-mails through an SMTP server (`smtp://user:pass@host:port`, `smtps://` for TLS from the
 * start). A server that is down or slow fails this attempt only; the outbox retries it later.
 */
export function smtpSender(smtpUrl: string, from: string, timeoutMs = 10_000): Sender {
  const url = new URL(smtpUrl);
  const transport = createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return async (m) => {
    if (m.channel !== 'email') throw new Error(`no sender for ${m.channel}`);
    await transport.sendMail({
      from,
      to: m.target,
      subject: m.payload.title,
      text: m.payload.url ? `${m.payload.text}\n\n${m.payload.url}` : m.payload.text,
      // A receiving system can drop a repeat of an at-least-once delivery by this.
      messageId: `<${m.idempotencyKey.replace(/[^a-zA-Z0-9.:_-]/g, '_')}@fangkong>`,
      headers: { 'X-Fangkong-Key': m.idempotencyKey },
    });
  };
}

/** One sender for every channel: e-mail by SMTP when a server is configured, the rest over HTTP. */
export function channelSender(o: { smtpUrl: string | undefined; mailFrom: string; timeoutMs: number; publicUrl?: string | undefined } & WebhookAllow): Sender {
  const http = httpSender(o.timeoutMs, o);
  const mail = o.smtpUrl ? smtpSender(o.smtpUrl, o.mailFrom, o.timeoutMs) : undefined;
  return async (raw) => {
    // Links are app paths: made full addresses where the app's public address is known.
    const m = raw.payload.url?.startsWith('/') ? { ...raw, payload: { ...raw.payload, url: o.publicUrl ? `${o.publicUrl}${raw.payload.url}` : raw.payload.url } } : raw;
    if (m.channel === 'email') {
      if (!mail) throw new Error('no mail server configured (SMTP_URL)');
      return mail(m);
    }
    return http(m);
  };
}
