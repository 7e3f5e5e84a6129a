import {
  HelperMournerRegistration, IdParams, MournerAnswer, MournerList, MournerRegistration, PublicEvent, PublicEventParams, PublicMournerAnswer,
  RegisterLink, TraceAnswer, TraceQuery,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { PUBLIC_ROUTE, publicLimits } from '../http/public.js';
import { sendXlsx, stamp } from '../files/download.js';

/** The mourners' registers (R9.2): the poster's public page, the family's helper, the lists, tracing. */
export function registerRoutes(app: App): void {
  const { funeralRegister: register, config, database } = app.services;
  const limits = (ip: string, token: string) => publicLimits(database.db, config.publicRate, ip, token);

  app.get('/api/public/mourning/:token', {
    ...PUBLIC_ROUTE,
    schema: { tags: ['public'], params: PublicEventParams, response: { 200: PublicEvent } },
  }, async (request) => {
    await limits(request.ip, request.params.token);
    return register.publicEvent(request.params.token);
  });

  app.post('/api/public/mourning/:token/mourners', {
    ...PUBLIC_ROUTE,
    schema: { tags: ['public'], params: PublicEventParams, body: MournerRegistration, response: { 201: PublicMournerAnswer } },
  }, async (request, reply) => {
    await limits(request.ip, request.params.token);
    return reply.code(201).send(await register.publicRegister(contextOf(request), request.params.token, request.body));
  });

  app.get('/api/funeral/events/:id/register-link', { schema: { tags: ['funeral'], params: IdParams, response: { 200: RegisterLink } } },
    async (request) => register.link(contextOf(request), request.params.id));

  app.post('/api/funeral/events/:id/register-link/rotate', { schema: { tags: ['funeral'], params: IdParams, response: { 200: RegisterLink } } },
    async (request) => register.rotate(contextOf(request), request.params.id));

  app.get('/api/funeral/events/:id/mourners', { schema: { tags: ['funeral'], params: IdParams, response: { 200: MournerList } } },
    async (request) => register.list(contextOf(request), request.params.id));

  app.post('/api/funeral/events/:id/mourners', {
    schema: { tags: ['funeral'], params: IdParams, body: HelperMournerRegistration, response: { 201: MournerAnswer } },
  }, async (request, reply) => reply.code(201).send(await register.helperRegister(contextOf(request), request.params.id, request.body)));

  app.get('/api/funeral/events/:id/mourners/export', { schema: { tags: ['funeral'], params: IdParams } }, async (request, reply) => {
    const bytes = await register.export(contextOf(request), request.params.id);
    return sendXlsx(reply, `吊唁登记-${stamp(app.services.clock)}.xlsx`, bytes);
  });

  app.get('/api/funeral/trace', { schema: { tags: ['funeral'], querystring: TraceQuery, response: { 200: TraceAnswer } } },
    async (request) => register.trace(contextOf(request), request.query));
}
