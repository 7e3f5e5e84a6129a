import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyReply } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ErrorBody } from '@fangkong/domain';
import type { Config } from '../config/config.js';
import type { Database } from '../db/engine.js';
import type { Caller } from '../auth/caller.js';
import type { Keyring } from '../pii/keyring.js';
import type { App, Services } from '../core/area.js';
import { AREAS, buildServices, createDeps } from '../areas.js';
import { refuseCrossSite } from './same-origin.js';
import { AppError, STATUS, messageFor } from '../core/errors.js';
import { SESSION_COOKIE } from '../core/context.js';
import { contextOf, localeOf } from './context.js';
import { RequestValidationError, fieldIssues, zodValidatorCompiler } from './validation.js';
import { databaseInputErrorBody, frameworkErrorBody } from './error-bodies.js';
import { databaseInputError } from '../db/errors.js';

export type { App, Services } from '../core/area.js';

export const VERSION = '0.1.0';

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
  }
}

const SECURITY_HEADERS: Record<string, string> = {
  // antd writes its styles at run time, hence 'unsafe-inline' for styles (never for scripts).
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin' };

function secureHeaders(url: string, reply: FastifyReply): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
  if (url.startsWith('/api/')) reply.header('cache-control', 'no-store');
}

export interface BuildOptions {
  /** A pino logger config, or false for none (tests). */
  logger?: boolean | Record<string, unknown>;
}

export async function buildApp(config: Config, database: Database, keyring: Keyring, opts: BuildOptions = {}): Promise<App> {
  const fastify = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      // Personal data never reaches the log: bodies are not logged, and these headers are redacted.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] },
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // The router's own refusals (a path parameter too long, a malformed URL) in the app's format.
    frameworkErrors: (error, request, reply) => {
      const body = frameworkErrorBody(error, localeOf(request));
      // The router answers before any hook runs: the headers of onSend are set here.
      secureHeaders(request.url, reply);
      void (reply as FastifyReply).code(STATUS[body.error.code]).send(body);
    } }).withTypeProvider<ZodTypeProvider>();
  fastify.setValidatorCompiler(zodValidatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  const deps = createDeps(config, database, keyring);
  const services: Services = buildServices(deps);
  const app: App = Object.assign(fastify, { services, deps });
  app.decorateRequest('caller', undefined);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Fangkong API', description: 'Epidemic prevention and control for civil-affairs sites', version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }] },
    transform: jsonSchemaTransform });

  app.addHook('onSend', async (request, reply, payload) => {
    secureHeaders(request.url, reply);
    return payload;
  });

  refuseCrossSite(app, config.notify.publicUrl);
  for (const area of AREAS) area.hooks?.(app);

  app.setErrorHandler(async (error, request, reply) => {
    const locale = localeOf(request);
    let body: ErrorBody;
    if (error instanceof RequestValidationError) {
      body = { error: { code: 'validation_failed', message: messageFor(new AppError('validation_failed'), locale), fields: fieldIssues(error, locale) } };
    } else if (error instanceof AppError) {
      body = {
        error: {
          code: error.code,
          message: messageFor(error, locale),
          ...(error.fields ? { fields: error.fields.map((f) => ({ path: f.path, message: f.message[locale] })) } : {}),
          ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}) } };
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      if (error.code === 'forbidden' && request.caller) {
        await services.audit.denied(contextOf(request), `${request.method} ${request.routeOptions.url ?? request.url}`);
      }
    } else if (isClientError(error)) {
      body = frameworkErrorBody(error, locale);
    } else {
      const refused = databaseInputError(error);
      if (refused) {
        // A gap in validation (a bug to fix), though not the caller's fault: a 4xx naming the field.
        request.log.warn({ sqlState: refused.sqlState, column: refused.column }, 'the database refused a value of the request');
        body = databaseInputErrorBody(refused, request, locale);
      } else {
        request.log.error({ err: error }, 'unhandled error');
        body = { error: { code: 'internal', message: messageFor(new AppError('internal'), locale), requestId: request.id } };
      }
    }
    return reply.code(STATUS[body.error.code]).send(body);
  });

  app.get('/api/health', {
    config: { public: true },
    schema: { tags: ['system'] } }, async () => {
    await database.pool.query('select 1');
    return { status: 'ok', db: database.kind, version: VERSION, time: services.clock.now().toISOString() };
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  for (const area of AREAS) area.routes?.(app);

  await serveWeb(app, config.webDist);
  return app;
}

/** Fastify's own 4xx (malformed JSON, wrong content type, too large). */
function isClientError(error: unknown): error is { statusCode: number; message: string } {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The built web app at '/', with every non-API path falling back to index.html (client routing). */
async function serveWeb(app: App, dist: string): Promise<void> {
  const hasWeb = existsSync(join(dist, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: dist, wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.code(404).send({ error: { code: 'not_found', message: messageFor(new AppError('not_found'), localeOf(request)) } });
    }
    if (!hasWeb) {
      return reply.code(503).type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build:web` (npm start does this) and restart.');
    }
    return reply.sendFile('index.html');
  });
}
