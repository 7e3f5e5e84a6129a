import {
  CreatePerson, IdParams, PeopleExportQuery, PeopleList, PeopleQuery, PersonAnswer, PersonDetail, RevealedPerson, RosterImportAnswer, RosterImportQuery,
  UpdatePerson,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../http/context.js';
import { AppError } from '../core/errors.js';
import { XLSX, attachment, stamp } from '../files/download.js';
import { FILES_TEXTS } from '../files/texts.js';

export function peopleRoutes(app: App): void {
  const { people, roster, config } = app.services;

  app.get('/api/people', {
    schema: { tags: ['people'], querystring: PeopleQuery, response: { 200: PeopleList } },
  }, async (request) => people.list(contextOf(request), request.query));

  app.post('/api/people', {
    schema: { tags: ['people'], body: CreatePerson, response: { 201: PersonAnswer } },
  }, async (request, reply) => reply.code(201).send({ person: await people.create(contextOf(request), request.body) }));

  app.get('/api/people/:id', {
    schema: { tags: ['people'], params: IdParams, response: { 200: PersonDetail } },
  }, async (request) => people.get(contextOf(request), request.params.id));

  app.patch('/api/people/:id', {
    schema: { tags: ['people'], params: IdParams, body: UpdatePerson, response: { 200: PersonAnswer } },
  }, async (request) => ({ person: await people.update(contextOf(request), request.params.id, request.body) }));

  app.post('/api/people/:id/reveal', {
    schema: { tags: ['people'], params: IdParams, response: { 200: RevealedPerson } },
  }, async (request) => people.reveal(contextOf(request), request.params.id));

  app.get('/api/people/import/template', { schema: { tags: ['people'] } }, async (_request, reply) => {
    reply.header('content-type', XLSX).header('content-disposition', attachment('人员名单导入模板.xlsx'));
    return reply.send(await roster.template());
  });

  app.get('/api/people/export', { schema: { tags: ['people'], querystring: PeopleExportQuery } }, async (request, reply) => {
    const { reveal, ...q } = request.query;
    const { bytes } = await roster.export(contextOf(request), q, reveal === 'true');
    reply.header('content-type', XLSX).header('content-disposition', attachment(`人员名单-${stamp(app.services.clock)}.xlsx`));
    return reply.send(bytes);
  });

  // The roster arrives as the file's own bytes: no multipart framing to parse, and the size
  // limit applies to the file itself.
  void app.register((scoped, _opts, done) => {
    scoped.addContentTypeParser(
      ['application/octet-stream', XLSX, 'text/csv', 'application/vnd.ms-excel'],
      { parseAs: 'buffer', bodyLimit: config.importMaxBytes },
      (_req, body, done) => done(null, body),
    );
    const typed = scoped.withTypeProvider<ZodTypeProvider>();
    typed.post('/api/people/import', {
      bodyLimit: config.importMaxBytes,
      schema: {
        tags: ['people'],
        querystring: RosterImportQuery,
        response: { 200: RosterImportAnswer },
      },
    }, async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('validation_failed', undefined, [{ path: 'body', message: FILES_TEXTS.raw_bytes }]);
      }
      const { siteId, mode, onlyValid, filename } = request.query;
      const ctx = contextOf(request);
      return mode === 'preview'
        ? roster.preview(ctx, siteId, body, filename)
        : roster.commit(ctx, siteId, body, filename, onlyValid === 'true');
    });
    done();
  });
}
