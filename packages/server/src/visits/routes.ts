import {
  CheckoutByCode, GateView, GuardRegistration, IdParams, PublicSite, PublicSiteParams, PublicVisitParams, PublicVisitStatus, ScreeningInput,
  SelfRegistration, VisitAnswer, VisitExportQuery, VisitList, VisitQuery, VisitStats, VisitStatsQuery, VisitorLink,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { XLSX, attachment, stamp } from '../files/download.js';
import { rateLimit } from '../http/rate-limit.js';
import { PUBLIC_ROUTE, publicLimits as limitPublic } from '../http/public.js';

export function visitRoutes(app: App): void {
  const { visits, config, database } = app.services;

  /**
   * The one thing anyone may reach: limited per client address and per site link, small bodies
   * only, and it answers nothing but the caller's own code and status.
   */
  const publicLimits = (ip: string, token: string) => limitPublic(database.db, config.publicRate, ip, token);

  app.get('/api/public/sites/:token', {
    ...PUBLIC_ROUTE,
    schema: { tags: ['public'], params: PublicSiteParams, response: { 200: PublicSite } },
  }, async (request) => {
    await publicLimits(request.ip, request.params.token);
    return visits.publicSite(request.params.token);
  });

  app.post('/api/public/sites/:token/visits', {
    ...PUBLIC_ROUTE,
    schema: { tags: ['public'], params: PublicSiteParams, body: SelfRegistration, response: { 201: PublicVisitStatus } },
  }, async (request, reply) => {
    await publicLimits(request.ip, request.params.token);
    return reply.code(201).send(await visits.publicRegister(contextOf(request), request.params.token, request.body));
  });

  app.get('/api/public/sites/:token/visits/:code', {
    ...PUBLIC_ROUTE,
    schema: { tags: ['public'], params: PublicVisitParams, response: { 200: PublicVisitStatus } },
  }, async (request) => {
    // Polled by the visitor's page every few seconds: only the address limit applies.
    await rateLimit(database.db, `public:ip:${request.ip}`, config.publicRate.perAddress * 4, 60_000);
    return visits.publicStatus(request.params.token, request.params.code);
  });

  app.get('/api/sites/:id/visitor-link', { schema: { tags: ['visits'], params: IdParams, response: { 200: VisitorLink } } },
    async (request) => visits.link(contextOf(request), request.params.id));

  app.post('/api/sites/:id/visitor-link/rotate', { schema: { tags: ['visits'], params: IdParams, response: { 200: VisitorLink } } },
    async (request) => visits.rotate(contextOf(request), request.params.id));

  app.get('/api/sites/:id/gate', {
    schema: {
      tags: ['visits'], params: IdParams,
      response: { 200: GateView },
    },
  }, async (request) => visits.gate(contextOf(request), request.params.id));

  app.post('/api/visits', { schema: { tags: ['visits'], body: GuardRegistration, response: { 201: VisitAnswer } } },
    async (request, reply) => reply.code(201).send({ visit: await visits.guardRegister(contextOf(request), request.body) }));

  app.post('/api/visits/:id/screen', { schema: { tags: ['visits'], params: IdParams, body: ScreeningInput, response: { 200: VisitAnswer } } },
    async (request) => ({ visit: await visits.screen(contextOf(request), request.params.id, request.body) }));

  app.post('/api/visits/:id/checkout', { schema: { tags: ['visits'], params: IdParams, response: { 200: VisitAnswer } } },
    async (request) => ({ visit: await visits.checkout(contextOf(request), request.params.id) }));

  app.post('/api/visits/checkout-by-code', { schema: { tags: ['visits'], body: CheckoutByCode, response: { 200: VisitAnswer } } },
    async (request) => ({ visit: await visits.checkoutByCode(contextOf(request), request.body.siteId, request.body.code) }));

  app.get('/api/visits', { schema: { tags: ['visits'], querystring: VisitQuery, response: { 200: VisitList } } },
    async (request) => visits.search(contextOf(request), request.query));

  app.get('/api/visits/export', { schema: { tags: ['visits'], querystring: VisitExportQuery } }, async (request, reply) => {
    const bytes = await visits.export(contextOf(request), request.query);
    const name = `来访记录-${stamp(app.services.clock)}.xlsx`;
    reply.header('content-type', XLSX).header('content-disposition', attachment(name));
    return reply.send(bytes);
  });

  app.get('/api/visits/stats', {
    schema: { tags: ['visits'], querystring: VisitStatsQuery, response: { 200: VisitStats } },
  }, async (request) => ({
    sites: await visits.stats(contextOf(request), request.query.date === 'today' ? app.services.monitoring.today() : request.query.date),
  }));
}
