import { z } from 'zod';
import {
  Alert, AlertStatus, CloseAlertInput, CompleteStepInput, CoverageOverview, CreatePlacement, CreateRoom, EarlyStep, EndPlacement,
  IsoDate, Placement, Reading, ReadingBatch, ReadingInput, ReportAlertInput, ReportOutsideInput, Room, Round, SiteType, UpdateRoom,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { aggregateAnswer } from '../http/validation.js';

const IdParams = z.strictObject({ id: z.uuid() });
const Day = z.union([z.literal('today'), IsoDate]);
const ReadingsAnswer = z.object({ readings: z.array(Reading), alerts: z.array(Alert) });
const AlertAnswer = z.object({ alert: Alert });

export function monitoringRoutes(app: App): void {
  const { monitoring, isolation, coverage } = app.services;
  const dayOf = (d: string) => (d === 'today' ? monitoring.today() : d);

  app.get('/api/sites/:id/rounds/:date', {
    schema: { tags: ['monitoring'], params: z.strictObject({ id: z.uuid(), date: Day }), response: { 200: Round } },
  }, async (request) => monitoring.round(contextOf(request), request.params.id, dayOf(request.params.date)));

  app.post('/api/readings', {
    schema: { tags: ['monitoring'], body: ReadingInput, response: { 201: z.object({ reading: Reading, alert: Alert.nullable() }) } },
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
      querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      response: { 200: z.object({ readings: z.array(Reading) }) },
    },
  }, async (request) => ({ readings: await monitoring.personReadings(contextOf(request), request.params.id, request.query.days) }));

  app.get('/api/alerts', {
    schema: {
      tags: ['alerts'],
      querystring: z.strictObject({ siteId: z.uuid().optional(), status: AlertStatus.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ alerts: z.array(Alert) }) },
    },
  }, async (request) => ({ alerts: await monitoring.listAlerts(contextOf(request), request.query) }));

  app.get('/api/alerts/count', { schema: { tags: ['alerts'], response: { 200: z.object({ open: z.number().int() }) } } },
    async (request) => ({ open: await monitoring.countOpen(contextOf(request)) }));

  app.get('/api/alerts/:id', { schema: { tags: ['alerts'], params: IdParams, response: { 200: AlertAnswer } } },
    async (request) => ({ alert: await monitoring.getAlert(contextOf(request), request.params.id) }));

  app.post('/api/alerts/:id/steps/:step', {
    schema: { tags: ['alerts'], params: z.strictObject({ id: z.uuid(), step: EarlyStep }), body: CompleteStepInput.optional(), response: { 200: AlertAnswer } },
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

  app.get('/api/sites/:id/rooms', { schema: { tags: ['isolation'], params: IdParams, response: { 200: z.object({ rooms: z.array(Room) }) } } },
    async (request) => ({ rooms: await isolation.rooms(contextOf(request), request.params.id) }));

  app.post('/api/rooms', { schema: { tags: ['isolation'], body: CreateRoom, response: { 201: z.object({ room: Room }) } } },
    async (request, reply) => reply.code(201).send({ room: await isolation.createRoom(contextOf(request), request.body) }));

  app.patch('/api/rooms/:id', { schema: { tags: ['isolation'], params: IdParams, body: UpdateRoom, response: { 200: z.object({ room: Room }) } } },
    async (request) => ({ room: await isolation.updateRoom(contextOf(request), request.params.id, request.body) }));

  app.get('/api/placements', {
    schema: {
      tags: ['isolation'],
      querystring: z.strictObject({ siteId: z.uuid().optional(), personId: z.uuid().optional(), active: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ placements: z.array(Placement) }) },
    },
  }, async (request) => {
    const { active, ...q } = request.query;
    return { placements: await isolation.listPlacements(contextOf(request), { ...q, ...(active ? { active: active === 'true' } : {}) }) };
  });

  app.post('/api/placements', { schema: { tags: ['isolation'], body: CreatePlacement, response: { 201: z.object({ placement: Placement }) } } },
    async (request, reply) => reply.code(201).send({ placement: await isolation.place(contextOf(request), request.body) }));

  app.post('/api/placements/:id/end', {
    schema: { tags: ['isolation'], params: IdParams, body: EndPlacement, response: { 200: z.object({ placement: Placement }) } },
  }, async (request) => ({ placement: await isolation.end(contextOf(request), request.params.id, request.body) }));

  app.get('/api/coverage', {
    schema: {
      tags: ['monitoring'],
      querystring: z.strictObject({ date: Day.default('today'), siteType: SiteType.optional(), townId: z.uuid().optional() }),
      response: { 200: CoverageOverview },
    },
    ...aggregateAnswer,
  }, async (request) => {
    const { date, ...f } = request.query;
    return coverage.overview(contextOf(request), dayOf(date), f);
  });
}
