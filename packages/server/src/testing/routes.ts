import {
  CommitLabImport, ComplianceOverview, ComplianceQuery, CreateSession, CreateTest, DueList, DueQuery, IdParams, JoinInput, LabImport, LabImportQuery,
  PersonAnswer, SessionDetail, SessionEntries, SessionList, SessionListQuery, SessionPersonParams, SetTestResult, TestAnswer, TestBatch, TestExportQuery,
  TestList, TestQuery, TestsAnswer, type TestRecord,
} from '@fangkong/domain';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { XLSX, sendXlsx, stamp } from '../files/download.js';
import { aggregateAnswer } from '../http/validation.js';
import { FILES_TEXTS } from '../files/texts.js';

export function testingRoutes(app: App): void {
  const { testing, sessions, labImports, config } = app.services;

  app.get('/api/tests', {
    schema: { tags: ['testing'], querystring: TestQuery, response: { 200: TestList } },
  }, async (request) => testing.list(contextOf(request), request.query));

  app.post('/api/tests', { schema: { tags: ['testing'], body: CreateTest, response: { 201: TestAnswer } } }, async (request, reply) => {
    const r = await testing.record(contextOf(request), [request.body], true);
    return reply.code(201).send({ test: r.tests[0] as TestRecord, alert: r.alerts[0] ?? null });
  });

  app.post('/api/tests/batch', { schema: { tags: ['testing'], body: TestBatch, response: { 201: TestsAnswer } } }, async (request, reply) =>
    reply.code(201).send(await testing.record(contextOf(request), request.body.tests, false)));

  app.post('/api/tests/:id/result', { schema: { tags: ['testing'], params: IdParams, body: SetTestResult, response: { 200: TestAnswer } } },
    async (request) => testing.setResult(contextOf(request), request.params.id, request.body));

  app.get('/api/tests/export', { schema: { tags: ['testing'], querystring: TestExportQuery } }, async (request, reply) =>
    sendXlsx(reply, `核酸检测记录-${stamp(app.services.clock)}.xlsx`, await testing.export(contextOf(request), request.query)));

  app.get('/api/tests/due', {
    schema: { tags: ['testing'], querystring: DueQuery, response: { 200: DueList } },
  }, async (request) => testing.due(contextOf(request), request.query));

  app.get('/api/tests/due/export', { schema: { tags: ['testing'], querystring: DueQuery } }, async (request, reply) =>
    sendXlsx(reply, `核酸应检名单-${stamp(app.services.clock)}.xlsx`, await testing.dueExport(contextOf(request), request.query)));

  app.get('/api/tests/compliance', {
    schema: {
      tags: ['testing'],
      querystring: ComplianceQuery,
      response: { 200: ComplianceOverview },
    },
    ...aggregateAnswer,
  }, async (request) => testing.compliance(contextOf(request), request.query.on, request.query));

  app.post('/api/people/:id/join', { schema: { tags: ['people'], params: IdParams, body: JoinInput, response: { 200: PersonAnswer } } },
    async (request) => ({ person: await testing.join(contextOf(request), request.params.id, request.body) }));

  // Sampling sessions

  app.get('/api/test-sessions', {
    schema: {
      tags: ['testing'],
      querystring: SessionListQuery,
      response: { 200: SessionList },
    },
  }, async (request) => ({ sessions: await sessions.list(contextOf(request), request.query) }));

  app.post('/api/test-sessions', { schema: { tags: ['testing'], body: CreateSession, response: { 201: SessionDetail } } }, async (request, reply) =>
    reply.code(201).send(await sessions.create(contextOf(request), request.body)));

  app.get('/api/test-sessions/:id', { schema: { tags: ['testing'], params: IdParams, response: { 200: SessionDetail } } },
    async (request) => sessions.get(contextOf(request), request.params.id));

  app.post('/api/test-sessions/:id/entries', { schema: { tags: ['testing'], params: IdParams, body: SessionEntries, response: { 200: SessionDetail } } },
    async (request) => sessions.enter(contextOf(request), request.params.id, request.body.entries));

  app.delete('/api/test-sessions/:id/people/:personId', {
    schema: { tags: ['testing'], params: SessionPersonParams, response: { 200: SessionDetail } },
  }, async (request) => sessions.removePerson(contextOf(request), request.params.id, request.params.personId));

  app.get('/api/test-sessions/:id/export', { schema: { tags: ['testing'], params: IdParams } }, async (request, reply) => {
    const { bytes, name } = await sessions.export(contextOf(request), request.params.id);
    return sendXlsx(reply, name, bytes);
  });

  // Lab result files

  app.get('/api/tests/imports/template', { schema: { tags: ['testing'] } }, async (_request, reply) =>
    sendXlsx(reply, '核酸检测结果导入模板.xlsx', await labImports.template()));

  app.get('/api/tests/imports/:id', { schema: { tags: ['testing'], params: IdParams, response: { 200: LabImport } } },
    async (request) => labImports.get(contextOf(request), request.params.id));

  app.post('/api/tests/imports/:id/commit', { schema: { tags: ['testing'], params: IdParams, body: CommitLabImport, response: { 200: LabImport } } },
    async (request) => labImports.commit(contextOf(request), request.params.id, request.body));

  // The file arrives as its own bytes, as a roster does.
  void app.register((scoped, _opts, done) => {
    scoped.addContentTypeParser(
      ['application/octet-stream', XLSX, 'text/csv', 'application/vnd.ms-excel'],
      { parseAs: 'buffer', bodyLimit: config.importMaxBytes },
      (_req, body, done) => done(null, body),
    );
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/tests/imports', {
      bodyLimit: config.importMaxBytes,
      schema: { tags: ['testing'], querystring: LabImportQuery, response: { 201: LabImport } },
    }, async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError('validation_failed', undefined, [{ path: 'body', message: FILES_TEXTS.raw_bytes }]);
      }
      return reply.code(201).send(await labImports.preview(contextOf(request), request.body, request.query.filename));
    });
    done();
  });
}
