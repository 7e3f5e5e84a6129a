import { z } from 'zod';
import { CreatePolicyVersion, IsoDate, PolicySummary, PolicyVersion, SiteType } from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';

export function policyRoutes(app: App): void {
  const { policy } = app.services;
  const SiteTypeParams = z.strictObject({ siteType: SiteType });

  app.get('/api/policies', {
    schema: {
      tags: ['policy'],
      response: { 200: z.object({ policies: z.array(PolicySummary) }) },
    },
  }, async (request) => ({ policies: await policy.overview(contextOf(request)) }));

  app.get('/api/policies/:siteType', {
    schema: { tags: ['policy'], params: SiteTypeParams, response: { 200: z.object({ versions: z.array(PolicyVersion) }) } },
  }, async (request) => ({ versions: await policy.versions(contextOf(request), request.params.siteType) }));

  app.post('/api/policies/:siteType', {
    schema: { tags: ['policy'], params: SiteTypeParams, body: CreatePolicyVersion, response: { 201: z.object({ version: PolicyVersion }) } },
  }, async (request, reply) =>
    reply.code(201).send({ version: await policy.create(contextOf(request), request.params.siteType, request.body) }));

  app.get('/api/sites/:id/policy', {
    schema: {
      tags: ['policy'],
      params: z.strictObject({ id: z.uuid() }),
      querystring: z.strictObject({ on: IsoDate.optional() }),
      response: { 200: z.object({ version: PolicyVersion }) },
    },
  }, async (request) => ({ version: await policy.inForceForSite(contextOf(request), request.params.id, request.query.on) }));
}
