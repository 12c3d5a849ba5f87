import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { listDevOutbox } from '../../platform/outbox.js';

/**
 * Demo mode only (DEV_OUTBOX): the e-mails and SMS messages the portal would have sent. It is
 * registered only when no real providers are configured, so in production it does not exist.
 */
export const devRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/dev/outbox',
    {
      schema: {
        tags: ['dev'],
        summary: 'Demo mode: messages the portal would have sent, newest first',
        response: {
          200: Type.Object({
            messages: Type.Array(
              Type.Object({
                channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]),
                to: Type.String(),
                subject: Type.Union([Type.String(), Type.Null()]),
                body: Type.String(),
                createdAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const messages = await listDevOutbox(ctx.db);
      return { messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
    },
  );
};
