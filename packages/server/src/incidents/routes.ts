import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, AcknowledgeStep, CloseIncident, CreateIncident, IdParams, IncidentAnswer, IncidentAttachmentAnswer,
  IncidentAttachmentParams, IncidentAttachments, IncidentEvents, IncidentList, IncidentNotices, IncidentOverview, IncidentQuery, IncidentStepParams,
  NotifyOutside, RecordAction,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { attachment, sendXlsx, stamp } from '../files/download.js';
import { AppError } from '../core/errors.js';
import { FILES_TEXTS } from '../files/texts.js';

export function incidentRoutes(app: App): void {
  const { incidents } = app.services;

  app.get('/api/incidents', {
    schema: { tags: ['incidents'], querystring: IncidentQuery, response: { 200: IncidentList } },
  }, async (request) => incidents.list(contextOf(request), request.query));

  app.get('/api/incidents/overview', { schema: { tags: ['incidents'], response: { 200: IncidentOverview } } },
    async (request) => incidents.overview(contextOf(request)));

  app.get('/api/incidents/export', { schema: { tags: ['incidents'], querystring: IncidentQuery } },
    async (request, reply) => sendXlsx(reply, `突发事件-${stamp(app.services.clock)}.xlsx`, await incidents.export(contextOf(request), request.query)));

  app.post('/api/incidents', { schema: { tags: ['incidents'], body: CreateIncident, response: { 201: IncidentAnswer } } }, async (request, reply) =>
    reply.code(201).send({ incident: await incidents.create(contextOf(request), request.body) }));

  app.get('/api/incidents/:id', { schema: { tags: ['incidents'], params: IdParams, response: { 200: IncidentAnswer } } },
    async (request) => ({ incident: await incidents.get(contextOf(request), request.params.id) }));

  app.get('/api/incidents/:id/timeline', { schema: { tags: ['incidents'], params: IdParams, response: { 200: IncidentEvents } } },
    async (request) => ({ events: await incidents.timeline(contextOf(request), request.params.id) }));

  app.post('/api/incidents/:id/actions', { schema: { tags: ['incidents'], params: IdParams, body: RecordAction, response: { 201: IncidentEvents } } },
    async (request, reply) => reply.code(201).send({ events: await incidents.recordAction(contextOf(request), request.params.id, request.body) }));

  app.post('/api/incidents/:id/steps/:stepId/ack', {
    schema: { tags: ['incidents'], params: IncidentStepParams, body: AcknowledgeStep.optional(), response: { 200: IncidentAnswer } },
  }, async (request) => ({ incident: await incidents.acknowledge(contextOf(request), request.params.id, request.params.stepId, request.body?.note) }));

  app.post('/api/incidents/:id/steps/:stepId/notified', { schema: { tags: ['incidents'], params: IncidentStepParams, body: NotifyOutside, response: { 200: IncidentAnswer } } },
    async (request) => ({ incident: await incidents.notifyOutside(contextOf(request), request.params.id, request.params.stepId, request.body) }));

  app.post('/api/incidents/:id/close', { schema: { tags: ['incidents'], params: IdParams, body: CloseIncident, response: { 200: IncidentAnswer } } },
    async (request) => ({ incident: await incidents.close(contextOf(request), request.params.id, request.body) }));

  app.get('/api/incidents/:id/notices', { schema: { tags: ['incidents'], params: IdParams, response: { 200: IncidentNotices } } },
    async (request) => ({ notices: await incidents.notices(contextOf(request), request.params.id) }));

  app.get('/api/incidents/:id/attachments', { schema: { tags: ['incidents'], params: IdParams, response: { 200: IncidentAttachments } } },
    async (request) => ({ attachments: await incidents.attachments(contextOf(request), request.params.id) }));

  app.get('/api/incidents/:id/attachments/:attachmentId', { schema: { tags: ['incidents'], params: IncidentAttachmentParams } }, async (request, reply) => {
    const file = await incidents.attachmentFile(contextOf(request), request.params.id, request.params.attachmentId);
    return reply.header('content-type', file.contentType)
      // Shown in the browser (images, PDF); the type was checked at upload, and nosniff holds it to that.
      .header('content-disposition', attachment(file.fileName).replace(/^attachment/, 'inline'))
      .send(file.data);
  });

  // Documents arrive as their own bytes; their type is checked from the content, not the header.
  void app.register((scoped, _opts, done) => {
    scoped.addContentTypeParser([...ATTACHMENT_TYPES, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_req, body, next) => next(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/incidents/:id/attachments', {
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: { tags: ['incidents'], params: IdParams, response: { 201: IncidentAttachmentAnswer } },
    }, async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError('validation_failed', undefined, [{ path: 'body', message: FILES_TEXTS.raw_attachment }]);
      }
      const header = request.headers['x-file-name'];
      let name = 'file';
      try {
        name = typeof header === 'string' ? decodeURIComponent(header) : 'file';
      } catch {
        throw new AppError('validation_failed', undefined, [{ path: 'headers.x-file-name', message: FILES_TEXTS.file_name_encoding }]);
      }
      return reply.code(201).send({ attachment: await incidents.addAttachment(contextOf(request), request.params.id, request.body, name) });
    });
    done();
  });
}
