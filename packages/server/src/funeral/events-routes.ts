import {
  CreateHall, CreateMourningEvent, DisinfectionAnswer, DisinfectionList, DisinfectionQuery, EventAnswer, EventList, EventQuery, HallAnswer, HallList,
  IdParams, RecordDisinfection, SiteQuery, UpdateHall,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';

/** Halls, mourning events and hall disinfections of a funeral site (R9.1, R8.2). */
export function eventRoutes(app: App): void {
  const { funeral } = app.services;
  const tags = ['funeral'];

  app.get('/api/funeral/halls', { schema: { tags, querystring: SiteQuery, response: { 200: HallList } } },
    async (request) => ({ halls: await funeral.listHalls(contextOf(request), request.query.siteId) }));

  app.post('/api/funeral/halls', { schema: { tags, body: CreateHall, response: { 201: HallAnswer } } },
    async (request, reply) => reply.code(201).send({ hall: await funeral.createHall(contextOf(request), request.body) }));

  app.patch('/api/funeral/halls/:id', { schema: { tags, params: IdParams, body: UpdateHall, response: { 200: HallAnswer } } },
    async (request) => ({ hall: await funeral.updateHall(contextOf(request), request.params.id, request.body) }));

  app.get('/api/funeral/events', { schema: { tags, querystring: EventQuery, response: { 200: EventList } } },
    async (request) => funeral.listEvents(contextOf(request), request.query));

  app.post('/api/funeral/events', { schema: { tags, body: CreateMourningEvent, response: { 201: EventAnswer } } },
    async (request, reply) => reply.code(201).send({ event: await funeral.createEvent(contextOf(request), request.body) }));

  app.get('/api/funeral/events/:id', { schema: { tags, params: IdParams, response: { 200: EventAnswer } } },
    async (request) => ({ event: await funeral.getEvent(contextOf(request), request.params.id) }));

  app.post('/api/funeral/events/:id/end', { schema: { tags, params: IdParams, response: { 200: EventAnswer } } },
    async (request) => ({ event: await funeral.closeEvent(contextOf(request), request.params.id, 'end') }));

  app.post('/api/funeral/events/:id/cancel', { schema: { tags, params: IdParams, response: { 200: EventAnswer } } },
    async (request) => ({ event: await funeral.closeEvent(contextOf(request), request.params.id, 'cancel') }));

  app.get('/api/funeral/disinfections', { schema: { tags, querystring: DisinfectionQuery, response: { 200: DisinfectionList } } },
    async (request) => ({ disinfections: await funeral.listDisinfections(contextOf(request), request.query) }));

  app.post('/api/funeral/disinfections', { schema: { tags, body: RecordDisinfection, response: { 201: DisinfectionAnswer } } },
    async (request, reply) => reply.code(201).send({ disinfection: await funeral.recordDisinfection(contextOf(request), request.body) }));
}
