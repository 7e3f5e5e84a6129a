import {
  CreateOrgNode, CreateRiskArea, IdParams, OnQuery, OrgNodeAnswer, OrgNodeDetail, OrgNodeList, OrgNodeListQuery, RiskAreaAnswer, RiskAreaList, UpdateOrgNode,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';

export function orgRoutes(app: App): void {
  const { org } = app.services;

  app.get('/api/org/nodes', {
    schema: {
      tags: ['org'],
      querystring: OrgNodeListQuery,
      response: { 200: OrgNodeList },
    },
  }, async (request) => ({ nodes: await org.list(contextOf(request), request.query) }));

  app.get('/api/org/nodes/:id', {
    schema: {
      tags: ['org'],
      params: IdParams,
      response: { 200: OrgNodeDetail },
    },
  }, async (request) => org.detail(contextOf(request), request.params.id));

  app.post('/api/org/nodes', {
    schema: { tags: ['org'], body: CreateOrgNode, response: { 201: OrgNodeAnswer } },
  }, async (request, reply) => reply.code(201).send({ node: await org.create(contextOf(request), request.body) }));

  app.patch('/api/org/nodes/:id', {
    schema: { tags: ['org'], params: IdParams, body: UpdateOrgNode, response: { 200: OrgNodeAnswer } },
  }, async (request) => ({ node: await org.update(contextOf(request), request.params.id, request.body) }));

  app.get('/api/org/risk-areas', {
    schema: { tags: ['org'], querystring: OnQuery, response: { 200: RiskAreaList } },
  }, async (request) => ({ areas: await org.listRiskAreas(contextOf(request), request.query.on) }));

  app.post('/api/org/risk-areas', {
    schema: { tags: ['org'], body: CreateRiskArea, response: { 201: RiskAreaAnswer } },
  }, async (request, reply) => reply.code(201).send({ area: await org.createRiskArea(contextOf(request), request.body) }));
}
