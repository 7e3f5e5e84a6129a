import { CreatePolicyVersion, IdParams, OnQuery, PolicyList, PolicyVersionAnswer, PolicyVersionList, SiteTypeParams } from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';

export function policyRoutes(app: App): void {
  const { policy } = app.services;

  app.get('/api/policies', {
    schema: {
      tags: ['policy'],
      response: { 200: PolicyList },
    },
  }, async (request) => ({ policies: await policy.overview(contextOf(request)) }));

  app.get('/api/policies/:siteType', {
    schema: { tags: ['policy'], params: SiteTypeParams, response: { 200: PolicyVersionList } },
  }, async (request) => ({ versions: await policy.versions(contextOf(request), request.params.siteType) }));

  app.post('/api/policies/:siteType', {
    schema: { tags: ['policy'], params: SiteTypeParams, body: CreatePolicyVersion, response: { 201: PolicyVersionAnswer } },
  }, async (request, reply) =>
    reply.code(201).send({ version: await policy.create(contextOf(request), request.params.siteType, request.body) }));

  app.get('/api/sites/:id/policy', {
    schema: {
      tags: ['policy'],
      params: IdParams,
      querystring: OnQuery,
      response: { 200: PolicyVersionAnswer },
    },
  }, async (request) => ({ version: await policy.inForceForSite(contextOf(request), request.params.id, request.query.on) }));
}
