import { CovidCaseAnswer, CovidCaseList, CovidCaseQuery, CovidRequest, IdParams, OpenCovidCase, RecordCovidStep } from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';

/** COVID-19 deceased (R9.3): the cases, their steps, and the requests the plan forbids. */
export function caseRoutes(app: App): void {
  const { funeralCases } = app.services;

  app.get('/api/funeral/cases', { schema: { tags: ['funeral'], querystring: CovidCaseQuery, response: { 200: CovidCaseList } } },
    async (request) => ({ cases: await funeralCases.list(contextOf(request), request.query) }));

  app.post('/api/funeral/cases', { schema: { tags: ['funeral'], body: OpenCovidCase, response: { 201: CovidCaseAnswer } } },
    async (request, reply) => reply.code(201).send({ case: await funeralCases.open(contextOf(request), request.body) }));

  app.get('/api/funeral/cases/:id', { schema: { tags: ['funeral'], params: IdParams, response: { 200: CovidCaseAnswer } } },
    async (request) => ({ case: await funeralCases.get(contextOf(request), request.params.id) }));

  app.post('/api/funeral/cases/:id/steps', { schema: { tags: ['funeral'], params: IdParams, body: RecordCovidStep, response: { 200: CovidCaseAnswer } } },
    async (request) => ({ case: await funeralCases.recordStep(contextOf(request), request.params.id, request.body) }));

  // Always refused with the rule's words (409): the route exists so that the refusal is given and kept.
  app.post('/api/funeral/cases/:id/requests', { schema: { tags: ['funeral'], params: IdParams, body: CovidRequest } },
    async (request) => funeralCases.refuseRequest(contextOf(request), request.params.id, request.body));
}
