/**
 * Reads the session cookie on every request and checks that state-changing requests come from
 * the portal itself (N3: V3.5). Routes read `request.session` or call `requireActor(request)`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor, AppContext, RequestOrigin } from '../../platform/context.js';
import { csrfFailed, unauthenticated } from '../../platform/errors.js';
import { safeEqual } from '../../platform/tokens.js';
import { resolveSession, type ResolvedSession } from './auth.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The valid session behind the cookie, or null. */
    session: ResolvedSession | null;
    requestOrigin: RequestOrigin;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The cookies of the login: the session, the SMS step in progress, and the trusted-device token. */
export type CookieKind = 'session' | 'attempt' | 'device';

const cookieBase: Record<CookieKind, string> = {
  session: 'kring_session',
  attempt: 'kring_attempt',
  device: 'kring_device',
};

export function cookieName(ctx: AppContext, kind: CookieKind): string {
  // The __Host- prefix pins the cookie to this exact host over HTTPS.
  return ctx.config.publicUrl.startsWith('https://') ? `__Host-${cookieBase[kind]}` : cookieBase[kind];
}

export function setCookie(ctx: AppContext, reply: FastifyReply, kind: CookieKind, value: string, expires: Date): void {
  void reply.setCookie(cookieName(ctx, kind), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl.startsWith('https://'),
    expires,
  });
}

export function clearCookie(ctx: AppContext, reply: FastifyReply, kind: CookieKind): void {
  void reply.clearCookie(cookieName(ctx, kind), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl.startsWith('https://'),
  });
}

export function readCookie(ctx: AppContext, request: FastifyRequest, kind: CookieKind): string | undefined {
  return request.cookies[cookieName(ctx, kind)];
}

/** The logged-in actor; 401 when there is none. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw unauthenticated();
  return request.session.actor;
}

function crossSite(ctx: AppContext, request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origin === ctx.config.publicUrl) return false;
    // Outside production the portal may also be opened on another name of this machine
    // (127.0.0.1 instead of localhost); the request's own origin counts as same-site then.
    return ctx.config.nodeEnv === 'production' || origin !== `${request.protocol}://${request.host}`;
  }
  const fetchSite = request.headers['sec-fetch-site'];
  return fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none';
}

async function sessionPlugin(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  app.decorateRequest('session', null);
  app.decorateRequest('requestOrigin', null as unknown as RequestOrigin);

  app.addHook('onRequest', async (request) => {
    const userAgent = request.headers['user-agent'];
    request.requestOrigin = { ip: request.ip || null, userAgent: typeof userAgent === 'string' ? userAgent : null };
    const isApi = request.url.startsWith('/api/');
    if (!isApi) return;

    // A request from another site is refused outright, with or without a session: this also
    // protects the login form against login CSRF.
    if (unsafeMethods.has(request.method) && crossSite(ctx, request)) throw csrfFailed();

    const token = readCookie(ctx, request, 'session');
    if (!token) return;
    request.session = (await resolveSession(ctx, token, request.requestOrigin)) ?? null;
    if (request.session && unsafeMethods.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, request.session.csrfToken)) throw csrfFailed();
    }
  });
}

export default fp(sessionPlugin, { name: 'kring-session', dependencies: ['@fastify/cookie'] });
