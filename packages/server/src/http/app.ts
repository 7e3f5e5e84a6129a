import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ErrorBody } from '@fangkong/domain';
import type { Config } from '../config/config.js';
import type { Database } from '../db/engine.js';
import type { Caller } from '../auth/caller.js';
import { AuthService, SESSION_COOKIE } from '../auth/service.js';
import { OrgService } from '../org/service.js';
import { PolicyService } from '../policy/service.js';
import { authRoutes } from '../auth/routes.js';
import { orgRoutes } from '../org/routes.js';
import { policyRoutes } from '../policy/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { peopleRoutes } from '../people/routes.js';
import { PeopleService } from '../people/service.js';
import { RosterService } from '../people/roster.js';
import type { Keyring } from '../pii/keyring.js';
import { MonitoringService } from '../monitoring/service.js';
import { IsolationService } from '../monitoring/isolation.js';
import { CoverageService } from '../monitoring/coverage.js';
import { monitoringRoutes } from '../monitoring/routes.js';
import { VisitsService } from '../visits/service.js';
import { TestingService } from '../testing/service.js';
import { SessionService } from '../testing/sessions.js';
import { LabImportService } from '../testing/lab-import.js';
import { testingRoutes } from '../testing/routes.js';
import { SuppliesService } from '../supplies/service.js';
import { suppliesRoutes } from '../supplies/routes.js';
import { IncidentsService } from '../incidents/service.js';
import { incidentRoutes } from '../incidents/routes.js';
import { notificationRoutes } from '../notifications/routes.js';
import { NotificationService } from '../notifications/service.js';
import { NotificationHub } from '../notifications/stream.js';
import { Clock } from '../clock.js';
import { refuseCrossSite } from './same-origin.js';
import { visitRoutes } from '../visits/routes.js';
import { audit } from '../audit/service.js';
import { AppError, STATUS, messageFor } from './errors.js';
import { contextOf, localeOf } from './context.js';
import { RequestValidationError, fieldIssues, zodValidatorCompiler } from './validation.js';
import { databaseInputErrorBody, frameworkErrorBody } from './error-bodies.js';
import { databaseInputError } from '../db/errors.js';

export const VERSION = '0.1.0';

export interface Services {
  config: Config;
  database: Database;
  auth: AuthService;
  org: OrgService;
  policy: PolicyService;
  people: PeopleService;
  roster: RosterService;
  monitoring: MonitoringService;
  isolation: IsolationService;
  coverage: CoverageService;
  visits: VisitsService;
  testing: TestingService;
  sessions: SessionService;
  labImports: LabImportService;
  supplies: SuppliesService;
  incidents: IncidentsService;
  clock: Clock;
  notifications: NotificationService;
  hub: NotificationHub;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider> & {
  services: Services;
};

const SECURITY_HEADERS: Record<string, string> = {
  // antd writes its styles at run time, hence 'unsafe-inline' for styles (never for scripts).
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};

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
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // The router's own refusals (a path parameter too long, a malformed URL) in the app's format.
    frameworkErrors: (error, request, reply) => {
      const body = frameworkErrorBody(error, localeOf(request));
      // The router answers before any hook runs: the headers of onSend are set here.
      secureHeaders(request.url, reply);
      void (reply as FastifyReply).code(STATUS[body.error.code]).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();
  fastify.setValidatorCompiler(zodValidatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  const org = new OrgService(database.db, config.timeZone);
  const people = new PeopleService(database.db, org, keyring, config.timeZone, config.idProbe);
  const policy = new PolicyService(database.db, org, config.timeZone);
  const clock = new Clock();
  const monitoring = new MonitoringService(database.db, org, policy, config.timeZone, clock);
  const isolation = new IsolationService(database.db, org, policy, monitoring, config.timeZone);
  const notifications = new NotificationService(database.db, org, clock, config.notify);
  const testing = new TestingService(database.db, org, people, policy, config.timeZone);
  const services: Services = {
    config,
    database,
    auth: new AuthService(database.db, config),
    org,
    policy,
    people,
    roster: new RosterService(database.db, people),
    monitoring,
    isolation,
    coverage: new CoverageService(database.db, policy, isolation),
    visits: new VisitsService(database.db, org, policy, keyring, config.timeZone),
    testing,
    sessions: new SessionService(database.db, org, testing, config.timeZone),
    labImports: new LabImportService(database.db, keyring, testing, config.timeZone),
    supplies: new SuppliesService(database.db, org, policy, config.timeZone),
    incidents: new IncidentsService(database.db, org, policy, clock, config.timeZone),
    clock,
    notifications,
    hub: new NotificationHub(notifications),
  };
  const app: App = Object.assign(fastify, { services });
  app.decorateRequest('caller', undefined);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Fangkong API', description: 'Epidemic prevention and control for civil-affairs sites', version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onSend', async (request, reply, payload) => {
    secureHeaders(request.url, reply);
    return payload;
  });

  refuseCrossSite(app, config.notify.publicUrl);
  // Every /api route needs a live session unless its config says it is public.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.public) return;
    const token = request.cookies[SESSION_COOKIE];
    const caller = token ? await services.auth.authenticate(token) : undefined;
    if (!caller) throw new AppError('unauthenticated');
    request.caller = caller;
  });

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
          ...(error.fields ? { fields: error.fields.map((f) => ({ path: f.path, message: locale === 'zh-CN' ? (f.messageZh ?? f.message) : f.message })) } : {}),
          ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
        },
      };
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      if (error.code === 'forbidden' && request.caller) {
        await audit(database.db, contextOf(request), { action: `${request.method} ${request.routeOptions.url ?? request.url}`, outcome: 'denied' });
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
    schema: { tags: ['system'] },
  }, async () => {
    await database.pool.query('select 1');
    return { status: 'ok', db: database.kind, version: VERSION, time: new Date().toISOString() };
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  authRoutes(app);
  orgRoutes(app);
  policyRoutes(app);
  auditRoutes(app);
  peopleRoutes(app);
  monitoringRoutes(app);
  visitRoutes(app);
  testingRoutes(app);
  suppliesRoutes(app);
  incidentRoutes(app);
  notificationRoutes(app);

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
