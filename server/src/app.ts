/**
 * Builds the Fastify instance: platform plugins first, then every module's routes. Tests use this
 * directly; main.ts only adds listening and shutdown.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import sessionPlugin from './modules/auth/auth.plugin.js';
import { accountRoutes } from './modules/account/account.routes.js';
import { jobsNotStarted, type AppJobs } from './jobs/index.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { devRoutes } from './modules/dev/dev.routes.js';
import { helpdeskRoutes } from './modules/helpdesk/helpdesk.routes.js';
import { invitationRoutes } from './modules/invitations/invitations.routes.js';
import { accessLogRoutes } from './modules/access-log/access-log.routes.js';
import { photoRoutes } from './modules/photos/photos.routes.js';
import { networkRoutes } from './modules/network/network.routes.js';
import { networkInvitationRoutes } from './modules/network/network-invitations.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { healthRoutes, publicConfigRoutes } from './modules/system/system.routes.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { AppContext } from './platform/context.js';
import type { Database } from './platform/db.js';
import { ErrorReply, installErrorHandler } from './platform/http.js';
import { createOutbox, type Outbox } from './platform/outbox.js';
import { createLocalStorage, type Storage } from './platform/storage.js';

export interface AppDeps {
  database: Database;
  clock?: Clock;
  /**
   * The job queue, started before the app (main.ts). Required when real mail is configured: mail
   * goes through it. Without it, ctx.jobs refuses every use with a message that says so.
   */
  jobs?: AppJobs;
  /** Replaces the outbox that the configuration asks for (tests). */
  outbox?: Outbox;
  storage?: Storage;
  /** Where logs go (tests capture them); standard output by default. */
  logStream?: { write(line: string): void };
}

export type App = FastifyInstance & { ctx: AppContext };

/** Logs never contain passwords, codes, tokens, cookies or query strings (which may hold tokens). */
export const loggerOptions = (config: Config) => ({
  level: config.logLevel,
  redact: {
    paths: [
      'req.headers.cookie',
      'req.headers.authorization',
      'req.headers["x-csrf-token"]',
      'res.headers["set-cookie"]',
      '*.password',
      '*.token',
      '*.code',
    ],
    censor: '[redacted]',
  },
  serializers: {
    req: (req: { method: string; url: string; ip?: string }) => ({
      method: req.method,
      url: req.url.split('?')[0],
      ip: req.ip,
    }),
  },
});

export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: { ...loggerOptions(config), ...(deps.logStream ? { stream: deps.logStream } : {}) },
    trustProxy: config.trustProxy === false ? false : config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Request ids are random, so that they reveal nothing about traffic volume.
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const clock = deps.clock ?? systemClock;
  const jobs = deps.jobs ?? jobsNotStarted();
  const ctx: AppContext = {
    config,
    database: deps.database,
    db: deps.database.db,
    clock,
    log: app.log,
    outbox:
      deps.outbox ??
      createOutbox(config, { db: deps.database.db, clock, jobs: deps.jobs, log: app.log.child({ component: 'sms' }) }),
    jobs,
    storage: deps.storage ?? createLocalStorage(path.join(config.dataDir, 'files')),
  };
  app.decorate('ctx', ctx);

  installErrorHandler(app);
  app.addSchema(ErrorReply);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.publicUrl.startsWith('https://') ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  await app.register(sessionPlugin, { ctx });

  app.addHook('onSend', async (request, reply) => {
    // Nothing the API answers may be kept by a browser or proxy cache: it is personal.
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Kring API', version: '0.1.0', description: 'API of the Kring client portal.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kring_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { ctx });
  await app.register(
    async (api) => {
      await api.register(publicConfigRoutes, { ctx });
      await api.register(authRoutes, { ctx });
      await api.register(portalRoutes, { ctx });
      await api.register(accountRoutes, { ctx });
      await api.register(invitationRoutes, { ctx });
      await api.register(networkRoutes, { ctx });
      await api.register(networkInvitationRoutes, { ctx });
      await api.register(accessLogRoutes, { ctx });
      await api.register(photoRoutes, { ctx });
      await api.register(helpdeskRoutes, { ctx });
      if (config.devOutbox) await api.register(devRoutes, { ctx });
    },
    { prefix: '/api' },
  );

  registerWebApp(app, config);
  return app as unknown as App;
}

/** Serves the built web app; any other GET that is not an API call gets index.html (client-side routes). */
function registerWebApp(app: FastifyInstance, config: Config): void {
  const indexFile = path.join(config.webDistDir, 'index.html');
  const built = fs.existsSync(indexFile);
  if (!built) app.log.warn(`web app not built (${indexFile} missing): run npm run build:web`);
  else
    void app.register(fastifyStatic, {
      root: config.webDistDir,
      wildcard: false,
      index: false,
      // Our own cache headers below: hashed assets forever, everything else revalidated.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Vite puts a content hash in every asset name, so they never change.
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else res.setHeader('cache-control', 'no-cache');
      },
    });
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      built &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !path.extname(request.url.split('?')[0] ?? '') &&
      (request.headers.accept ?? '').includes('text/html');
    if (isPage) return reply.sendFile('index.html');
    return reply
      .code(404)
      .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
