import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';

/** Liveness and readiness for the load balancer. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Answers 200 while the process runs',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'Answers 200 only while the database answers',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), ...errorResponses(503) },
      },
    },
    async (request, reply) => {
      try {
        await ctx.database.ping();
        return { status: 'ready' as const };
      } catch (err) {
        request.log.warn({ err }, 'database not ready');
        return reply.code(503).send({ error: { code: 'not_ready', message: 'The database does not answer.' } });
      }
    },
  );
};

/** What the web app needs to know before anyone logs in. */
export const publicConfigRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/config',
    {
      schema: {
        tags: ['system'],
        summary: 'Public settings of this installation',
        response: {
          200: Type.Object({
            devOutbox: Type.Boolean({ description: 'Demo mode: mail and SMS are shown on the outbox page.' }),
            sessionIdleMinutes: Type.Integer(),
          }),
        },
      },
    },
    async () => ({ devOutbox: ctx.config.devOutbox, sessionIdleMinutes: ctx.config.sessionIdleMinutes }),
  );
};
