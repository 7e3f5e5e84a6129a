import {
  CreateOrgNode, CreateRiskArea, IdParams, OrgNodeAnswer, OrgNodeDetail, OrgNodeList, OrgNodeListQuery, RiskAreaAnswer, RiskAreaList, RiskAreaListQuery,
  RiskImportAnswer, RiskImportQuery, UpdateOrgNode, UpdateRiskArea,
} from '@fangkong/domain';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { XLSX, sendXlsx, stamp } from '../files/download.js';
import { FILES_TEXTS } from '../files/texts.js';

export function orgRoutes(app: App): void {
  const { org, riskImport, config } = app.services;

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
    schema: { tags: ['org'], querystring: RiskAreaListQuery, response: { 200: RiskAreaList } },
  }, async (request) => ({ areas: await org.listRiskAreas(contextOf(request), request.query) }));

  app.post('/api/org/risk-areas', {
    schema: { tags: ['org'], body: CreateRiskArea, response: { 201: RiskAreaAnswer } },
  }, async (request, reply) => reply.code(201).send({ area: await org.createRiskArea(contextOf(request), request.body) }));

  app.patch('/api/org/risk-areas/:id', {
    schema: { tags: ['org'], params: IdParams, body: UpdateRiskArea, response: { 200: RiskAreaAnswer } },
  }, async (request) => ({ area: await org.updateRiskArea(contextOf(request), request.params.id, request.body) }));

  app.get('/api/org/risk-areas/export', { schema: { tags: ['org'], querystring: RiskAreaListQuery } }, async (request, reply) =>
    sendXlsx(reply, `风险地区-${stamp(app.services.clock)}.xlsx`, await riskImport.export(contextOf(request), request.query)));

  app.get('/api/org/risk-areas/import/template', { schema: { tags: ['org'] } }, async (_request, reply) =>
    sendXlsx(reply, '风险地区导入模板.xlsx', await riskImport.template()));

  // The sheet arrives as the file's own bytes, as a roster does: the size limit applies to the file itself.
  void app.register((scoped, _opts, done) => {
    scoped.addContentTypeParser(
      ['application/octet-stream', XLSX, 'text/csv', 'application/vnd.ms-excel'],
      { parseAs: 'buffer', bodyLimit: config.importMaxBytes },
      (_req, body, done) => done(null, body),
    );
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/org/risk-areas/import', {
      bodyLimit: config.importMaxBytes,
      schema: { tags: ['org'], querystring: RiskImportQuery, response: { 200: RiskImportAnswer } },
    }, async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('validation_failed', undefined, [{ path: 'body', message: FILES_TEXTS.raw_bytes }]);
      const { mode, onlyValid, filename } = request.query;
      const ctx = contextOf(request);
      return mode === 'preview' ? riskImport.preview(ctx, body, filename) : riskImport.commit(ctx, body, filename, onlyValid === 'true');
    });
    done();
  });
}
