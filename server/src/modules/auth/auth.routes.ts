import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { clearSessionCookie, requireActor, setSessionCookie } from './auth.plugin.js';
import { LoginBody, SessionReply } from './auth.schemas.js';
import * as auth from './auth.service.js';

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail address and password; starts a new session',
        body: LoginBody,
        response: { 200: SessionReply, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const started = await auth.login(ctx, request.body, request.requestOrigin);
      setSessionCookie(ctx, reply, started.token, started.expiresAt);
      return { csrfToken: started.csrfToken, expiresAt: started.expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session on the server',
        response: { 204: { type: 'null', description: 'Logged out' }, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      if (request.session) await auth.logout(ctx, requireActor(request));
      clearSessionCookie(ctx, reply);
      return reply.code(204).send(null);
    },
  );
};
