import { z } from 'zod';
import { CreateOrgNode, CreateRiskArea, IsoDate, NodeKind, OrgNode, OrgNodeDetail, RiskArea, SiteType, UpdateOrgNode } from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';

const IdParams = z.strictObject({ id: z.uuid() });
const NodeAnswer = z.object({ node: OrgNode });

export function orgRoutes(app: App): void {
  const { org } = app.services;

  app.get('/api/org/nodes', {
    schema: {
      tags: ['org'],
      querystring: z.strictObject({ kind: NodeKind.optional(), siteType: SiteType.optional(), q: z.string().trim().max(100).optional() }),
      response: { 200: z.object({ nodes: z.array(OrgNode) }) },
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
    schema: { tags: ['org'], body: CreateOrgNode, response: { 201: NodeAnswer } },
  }, async (request, reply) => reply.code(201).send({ node: await org.create(contextOf(request), request.body) }));

  app.patch('/api/org/nodes/:id', {
    schema: { tags: ['org'], params: IdParams, body: UpdateOrgNode, response: { 200: NodeAnswer } },
  }, async (request) => ({ node: await org.update(contextOf(request), request.params.id, request.body) }));

  app.get('/api/org/risk-areas', {
    schema: { tags: ['org'], querystring: z.strictObject({ on: IsoDate.optional() }), response: { 200: z.object({ areas: z.array(RiskArea) }) } },
  }, async (request) => ({ areas: await org.listRiskAreas(contextOf(request), request.query.on) }));

  app.post('/api/org/risk-areas', {
    schema: { tags: ['org'], body: CreateRiskArea, response: { 201: z.object({ area: RiskArea }) } },
  }, async (request, reply) => reply.code(201).send({ area: await org.createRiskArea(contextOf(request), request.body) }));
}
