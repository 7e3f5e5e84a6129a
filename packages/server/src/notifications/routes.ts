import type { ServerResponse } from 'node:http';
import {
  DevClock, DevClockChange, IdParams, NotificationPage, NotificationQuery, NotificationRuleAnswer, NotificationRuleInput, NotificationRuleList,
  NotificationRulePatch, NotificationRuleTest, NotificationStreamQuery, OutboxMessageAnswer, OutboxPage, OutboxQuery,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { callerOf } from '../core/context.js';
import { contextOf } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { atRoot } from '../auth/scope.js';
import { SESSION_COOKIE } from '../core/context.js';

const HEARTBEAT_MS = 25_000;

export function notificationRoutes(app: App): void {
  const { notifications, hub, auth } = app.services;
  const open = new Set<ServerResponse>();
  // Streams never end by themselves: end them so that the server can stop.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    open.clear();
    await hub.close();
  });

  app.get('/api/notifications', {
    schema: { tags: ['notifications'], querystring: NotificationQuery, response: { 200: NotificationPage } },
  }, async (request) => notifications.mine(contextOf(request), request.query));

  app.get('/api/notifications/stream', { schema: { tags: ['notifications'], querystring: NotificationStreamQuery } }, async (request, reply) => {
    const ctx = contextOf(request);
    const locale = request.query.lang ?? ctx.locale;
    const caller = callerOf(ctx);
    const token = request.cookies[SESSION_COOKIE] ?? '';
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    open.add(res);
    const unsubscribe = hub.subscribe(caller.userId, locale, (data) => res.write(`event: unread\ndata: ${JSON.stringify(data)}\n\n`));
    // A signed-out or expired session stops receiving: checked at each heartbeat.
    const beat = setInterval(() => {
      void auth.authenticate(token, false).then((still) => {
        if (!still) res.end();
        else res.write(': keep-alive\n\n');
      }, () => undefined);
    }, HEARTBEAT_MS);
    const stop = () => {
      clearInterval(beat);
      unsubscribe();
      open.delete(res);
    };
    res.on('close', stop);
  });

  app.post('/api/notifications/:id/read', { schema: { tags: ['notifications'], params: IdParams } }, async (request, reply) => {
    await notifications.markRead(contextOf(request), request.params.id);
    hub.poke();
    return reply.code(204).send();
  });

  app.post('/api/notifications/read-all', { schema: { tags: ['notifications'] } }, async (request, reply) => {
    await notifications.markAllRead(contextOf(request));
    hub.poke();
    return reply.code(204).send();
  });

  app.get('/api/notification-rules', { schema: { tags: ['notifications'], response: { 200: NotificationRuleList } } },
    async (request) => ({ rules: await notifications.listRules(contextOf(request)) }));

  app.post('/api/notification-rules', { schema: { tags: ['notifications'], body: NotificationRuleInput, response: { 201: NotificationRuleAnswer } } },
    async (request, reply) => reply.code(201).send({ rule: await notifications.createRule(contextOf(request), request.body) }));

  app.patch('/api/notification-rules/:id', { schema: { tags: ['notifications'], params: IdParams, body: NotificationRulePatch, response: { 200: NotificationRuleAnswer } } },
    async (request) => ({ rule: await notifications.setEnabled(contextOf(request), request.params.id, request.body.enabled) }));

  app.delete('/api/notification-rules/:id', { schema: { tags: ['notifications'], params: IdParams } }, async (request, reply) => {
    await notifications.deleteRule(contextOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.post('/api/notification-rules/:id/test', { schema: { tags: ['notifications'], params: IdParams, response: { 202: NotificationRuleTest } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const me = await auth.me(callerOf(ctx).userId);
      const queued = await notifications.testRule(ctx, request.params.id, me);
      hub.poke();
      return reply.code(202).send({ queued });
    });

  app.get('/api/outbox', {
    schema: {
      tags: ['notifications'],
      querystring: OutboxQuery,
      response: { 200: OutboxPage },
    },
  }, async (request) => notifications.outbox(contextOf(request), request.query));

  app.post('/api/outbox/:id/retry', { schema: { tags: ['notifications'], params: IdParams, response: { 200: OutboxMessageAnswer } } },
    async (request) => ({ message: await notifications.retry(contextOf(request), request.params.id) }));

  // The demo's clock: only when switched on, only for the bureau admin.
  const clockGuard = (request: Parameters<typeof contextOf>[0]): void => {
    if (!app.services.config.clockControl) throw new AppError('not_found');
    if (!atRoot(callerOf(contextOf(request)), 'policy.edit')) throw new AppError('not_found');
  };
  app.get('/api/dev/clock', { schema: { tags: ['system'], response: { 200: DevClock } } }, (request) => {
    clockGuard(request);
    const { clock } = app.services;
    return Promise.resolve({ now: clock.now().toISOString(), offsetMinutes: Math.round(clock.offsetMs / 60_000) });
  });
  app.post('/api/dev/clock', {
    schema: {
      tags: ['system'],
      body: DevClockChange,
      response: { 200: DevClock },
    },
  }, async (request) => {
    clockGuard(request);
    const { clock, incidents } = app.services;
    if ('reset' in request.body) clock.reset();
    else clock.advance(request.body.advanceMinutes * 60_000);
    // What the minute job would find: flagged now rather than within the minute.
    const flagged = await incidents.flagLateSteps();
    hub.poke();
    return { now: clock.now().toISOString(), offsetMinutes: Math.round(clock.offsetMs / 60_000), flagged: flagged.length };
  });
}
