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
