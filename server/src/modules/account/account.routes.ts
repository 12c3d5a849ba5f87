import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { requireActor } from '../auth/auth.plugin.js';
import * as account from './account.service.js';
import { profileRoutes } from './profile.routes.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const accountRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(profileRoutes, { ctx });

  app.get(
    '/account/sessions',
    {
      schema: {
        tags: ['account'],
        summary: 'Where the person is logged in now (N3: V7.5.2)',
        response: {
          200: Type.Object({
            sessions: Type.Array(
              Type.Object({
                id: Type.String({ format: 'uuid' }),
                current: Type.Boolean({ description: 'The session of this request.' }),
                device: Type.String({ description: 'Browser and system, e.g. "Chrome · Windows".' }),
                ip: Type.Union([Type.String(), Type.Null()]),
                createdAt: Type.String({ format: 'date-time' }),
                lastSeenAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const sessions = await account.listSessions(ctx, requireActor(request));
      return {
        sessions: sessions.map((s) => ({
          ...s,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/account/sessions/:id',
    {
      schema: {
        tags: ['account'],
        summary: 'End one of the own sessions (also the current one)',
        params: IdParams,
        response: { 204: { type: 'null', description: 'Ended' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await account.endSession(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/account/devices',
    {
      schema: {
        tags: ['account'],
        summary: 'Browsers where no SMS code is asked (trusted devices)',
        response: {
          200: Type.Object({
            devices: Type.Array(
              Type.Object({
                id: Type.String({ format: 'uuid' }),
                label: Type.String({ description: 'Browser and system, e.g. "Safari · iPhone".' }),
                current: Type.Boolean({ description: 'The browser of this request.' }),
                createdAt: Type.String({ format: 'date-time' }),
                lastUsedAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const devices = await account.listDevices(ctx, requireActor(request));
      return {
        devices: devices.map((d) => ({
          ...d,
          createdAt: d.createdAt.toISOString(),
          lastUsedAt: d.lastUsedAt.toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/account/devices/:id',
    {
      schema: {
        tags: ['account'],
        summary: 'Stop trusting a device: the next login there asks for an SMS code',
        params: IdParams,
        response: { 204: { type: 'null', description: 'Revoked' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await account.revokeDevice(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/account/password',
    {
      schema: {
        tags: ['account'],
        summary: 'Change the password; other sessions and trusted devices end',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
            newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: { type: 'null', description: 'Changed' }, ...errorResponses(400, 401, 403, 429) },
        description: 'A wrong current password answers 400 current_password_wrong (not 401: the session is fine).',
      },
    },
    async (request, reply) => {
      await account.changePassword(ctx, requireActor(request), request.body);
      return reply.code(204).send(null);
    },
  );
};
