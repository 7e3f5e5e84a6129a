import { z } from 'zod';
import { CloseIncident, CreateIncident, Incident, IncidentEvent, IncidentOverview, IncidentQuery, NotifyOutside, RecordAction } from '@fangkong/domain';
import type { App } from '../http/app.js';
import { contextOf } from '../http/context.js';

const IdParams = z.strictObject({ id: z.uuid() });
const StepParams = z.strictObject({ id: z.uuid(), stepId: z.uuid() });
const IncidentAnswer = z.object({ incident: Incident });

export function incidentRoutes(app: App): void {
  const { incidents } = app.services;

  app.get('/api/incidents', {
    schema: { tags: ['incidents'], querystring: IncidentQuery, response: { 200: z.object({ incidents: z.array(Incident), total: z.number().int() }) } },
  }, async (request) => incidents.list(contextOf(request), request.query));

  app.get('/api/incidents/overview', { schema: { tags: ['incidents'], response: { 200: IncidentOverview } } },
    async (request) => incidents.overview(contextOf(request)));

  app.post('/api/incidents', { schema: { tags: ['incidents'], body: CreateIncident, response: { 201: IncidentAnswer } } }, async (request, reply) =>
    reply.code(201).send({ incident: await incidents.create(contextOf(request), request.body) }));

  app.get('/api/incidents/:id', { schema: { tags: ['incidents'], params: IdParams, response: { 200: IncidentAnswer } } },
    async (request) => ({ incident: await incidents.get(contextOf(request), request.params.id) }));

  app.get('/api/incidents/:id/timeline', { schema: { tags: ['incidents'], params: IdParams, response: { 200: z.object({ events: z.array(IncidentEvent) }) } } },
    async (request) => ({ events: await incidents.timeline(contextOf(request), request.params.id) }));

  app.post('/api/incidents/:id/actions', { schema: { tags: ['incidents'], params: IdParams, body: RecordAction, response: { 201: z.object({ events: z.array(IncidentEvent) }) } } },
    async (request, reply) => reply.code(201).send({ events: await incidents.recordAction(contextOf(request), request.params.id, request.body) }));

  app.post('/api/incidents/:id/steps/:stepId/ack', {
    schema: { tags: ['incidents'], params: StepParams, body: z.strictObject({ note: z.string().trim().max(300).optional() }).optional(), response: { 200: IncidentAnswer } },
  }, async (request) => ({ incident: await incidents.acknowledge(contextOf(request), request.params.id, request.params.stepId, request.body?.note) }));

  app.post('/api/incidents/:id/steps/:stepId/notified', { schema: { tags: ['incidents'], params: StepParams, body: NotifyOutside, response: { 200: IncidentAnswer } } },
    async (request) => ({ incident: await incidents.notifyOutside(contextOf(request), request.params.id, request.params.stepId, request.body) }));

  app.post('/api/incidents/:id/close', { schema: { tags: ['incidents'], params: IdParams, body: CloseIncident, response: { 200: IncidentAnswer } } },
    async (request) => ({ incident: await incidents.close(contextOf(request), request.params.id, request.body) }));
}
