import { createTransport } from 'nodemailer';
import type { Message, Sender } from './outbox.js';

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
 * Sends webhook-type messages over HTTP with a timeout: a receiver that answers 5xx or hangs fails
 * this attempt only, and the worker goes on with the next message.
 */
export function httpSender(timeoutMs = 10_000): Sender {
  return async (m) => {
    if (m.channel !== 'wecom' && m.channel !== 'dingtalk' && m.channel !== 'webhook') throw new Error(`no sender for ${m.channel}`);
    const res = await fetch(m.target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': m.idempotencyKey },
      body: JSON.stringify(webhookBody(m.channel, m)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // WeCom and DingTalk answer 200 with an error code in the body.
    if (m.channel !== 'webhook') {
      const body = await res.json().catch(() => ({})) as { errcode?: number; errmsg?: string };
      if (body.errcode !== undefined && body.errcode !== 0) throw new Error(`robot error ${body.errcode}: ${body.errmsg ?? ''}`);
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
export function channelSender(o: { smtpUrl: string | undefined; mailFrom: string; timeoutMs: number; publicUrl?: string | undefined }): Sender {
  const http = httpSender(o.timeoutMs);
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
