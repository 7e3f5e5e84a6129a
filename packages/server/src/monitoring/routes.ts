import {
  AlertAnswer, AlertCount, AlertList, AlertListQuery, AlertStepParams, CloseAlertInput, CompleteStepInput, CoverageOverview, CoverageQuery,
  CreatePlacement, CreateRoom, EndPlacement, IdParams, PersonReadings, PersonReadingsQuery, PlacementAnswer, PlacementList, PlacementListQuery,
  ReadingAnswer, ReadingBatch, ReadingInput, ReadingsAnswer, ReportAlertInput, ReportOutsideInput, RoomAnswer, RoomList, Round, RoundParams,
  UpdateRoom, type Reading,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { aggregateAnswer } from '../http/validation.js';

export function monitoringRoutes(app: App): void {
  const { monitoring, isolation, coverage } = app.services;
  const dayOf = (d: string) => (d === 'today' ? monitoring.today() : d);

  app.get('/api/sites/:id/rounds/:date', {
    schema: { tags: ['monitoring'], params: RoundParams, response: { 200: Round } },
  }, async (request) => monitoring.round(contextOf(request), request.params.id, dayOf(request.params.date)));

  app.post('/api/readings', {
    schema: { tags: ['monitoring'], body: ReadingInput, response: { 201: ReadingAnswer } },
  }, async (request, reply) => {
    const r = await monitoring.record(contextOf(request), { readings: [request.body] }, true);
    return reply.code(201).send({ reading: r.readings[0] as Reading, alert: r.alerts[0] ?? null });
  });

  app.post('/api/readings/batch', {
    // 1,000 readings with notes fit well within 1 MiB; the default limit stays.
    schema: { tags: ['monitoring'], body: ReadingBatch, response: { 201: ReadingsAnswer } },
  }, async (request, reply) => {
    const answer = await monitoring.record(contextOf(request), request.body, false);
    // The answer is built from readings this request has just validated; checking 1,000 of them
    // again against the response schema (which stays, for the API description) cost a fifth of
    // the request. Plain JSON instead.
    return reply.code(201).serializer(JSON.stringify).send(answer);
  });

  app.get('/api/people/:id/readings', {
    schema: {
      tags: ['monitoring'], params: IdParams,
      querystring: PersonReadingsQuery,
      response: { 200: PersonReadings },
    },
  }, async (request) => ({ readings: await monitoring.personReadings(contextOf(request), request.params.id, request.query.days) }));

  app.get('/api/alerts', {
    schema: {
      tags: ['alerts'],
      querystring: AlertListQuery,
      response: { 200: AlertList },
    },
  }, async (request) => ({ alerts: await monitoring.listAlerts(contextOf(request), request.query) }));

  app.get('/api/alerts/count', { schema: { tags: ['alerts'], response: { 200: AlertCount } } },
    async (request) => ({ open: await monitoring.countOpen(contextOf(request)) }));

  app.get('/api/alerts/:id', { schema: { tags: ['alerts'], params: IdParams, response: { 200: AlertAnswer } } },
    async (request) => ({ alert: await monitoring.getAlert(contextOf(request), request.params.id) }));

  app.post('/api/alerts/:id/steps/:step', {
    schema: { tags: ['alerts'], params: AlertStepParams, body: CompleteStepInput.optional(), response: { 200: AlertAnswer } },
  }, async (request) => {
    const ctx = contextOf(request);
    await monitoring.completeStep(ctx, request.params.id, request.params.step, request.body?.note);
    return { alert: await monitoring.getAlert(ctx, request.params.id) };
  });

  // R2.4: the report up is made through the system (the town and the bureau told by the rules), not ticked.
  app.post('/api/alerts/:id/report', {
    schema: { tags: ['alerts'], params: IdParams, body: ReportAlertInput.optional(), response: { 200: AlertAnswer } },
  }, async (request) => {
    const ctx = contextOf(request);
    await monitoring.report(ctx, request.params.id, request.body?.note);
    return { alert: await monitoring.getAlert(ctx, request.params.id) };
  });

  app.post('/api/alerts/:id/report/outside', {
    schema: { tags: ['alerts'], params: IdParams, body: ReportOutsideInput, response: { 200: AlertAnswer } },
  }, async (request) => {
    const ctx = contextOf(request);
    await monitoring.reportOutside(ctx, request.params.id, request.body);
    return { alert: await monitoring.getAlert(ctx, request.params.id) };
  });

  app.post('/api/alerts/:id/close', {
    schema: { tags: ['alerts'], params: IdParams, body: CloseAlertInput, response: { 200: AlertAnswer } },
  }, async (request) => {
    const ctx = contextOf(request);
    await monitoring.closeAlert(ctx, request.params.id, request.body.reason);
    return { alert: await monitoring.getAlert(ctx, request.params.id) };
  });

  app.get('/api/sites/:id/rooms', { schema: { tags: ['isolation'], params: IdParams, response: { 200: RoomList } } },
    async (request) => ({ rooms: await isolation.rooms(contextOf(request), request.params.id) }));

  app.post('/api/rooms', { schema: { tags: ['isolation'], body: CreateRoom, response: { 201: RoomAnswer } } },
    async (request, reply) => reply.code(201).send({ room: await isolation.createRoom(contextOf(request), request.body) }));

  app.patch('/api/rooms/:id', { schema: { tags: ['isolation'], params: IdParams, body: UpdateRoom, response: { 200: RoomAnswer } } },
    async (request) => ({ room: await isolation.updateRoom(contextOf(request), request.params.id, request.body) }));

  app.get('/api/placements', {
    schema: {
      tags: ['isolation'],
      querystring: PlacementListQuery,
      response: { 200: PlacementList },
    },
  }, async (request) => {
    const { active, ...q } = request.query;
    return { placements: await isolation.listPlacements(contextOf(request), { ...q, ...(active ? { active: active === 'true' } : {}) }) };
  });

  app.post('/api/placements', { schema: { tags: ['isolation'], body: CreatePlacement, response: { 201: PlacementAnswer } } },
    async (request, reply) => reply.code(201).send({ placement: await isolation.place(contextOf(request), request.body) }));

  app.post('/api/placements/:id/end', {
    schema: { tags: ['isolation'], params: IdParams, body: EndPlacement, response: { 200: PlacementAnswer } },
  }, async (request) => ({ placement: await isolation.end(contextOf(request), request.params.id, request.body) }));

  app.get('/api/coverage', {
    schema: {
      tags: ['monitoring'],
      querystring: CoverageQuery,
      response: { 200: CoverageOverview },
    },
    ...aggregateAnswer,
  }, async (request) => {
    const { date, ...f } = request.query;
    return coverage.overview(contextOf(request), dayOf(date), f);
  });
}
