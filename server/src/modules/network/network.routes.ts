import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { requireActor } from '../auth/auth.plugin.js';
import { MemberParams, NetworkMember, NetworkParams, NetworkReply, PermissionsBody } from './network.schemas.js';
import * as network from './network.service.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const networkRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/portals/:clientId/network',
    {
      schema: {
        tags: ['network'],
        summary: "The people in the client's network, sorted the Dutch way (R22); rights only for managers",
        params: NetworkParams,
        response: { 200: NetworkReply, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { canManage, members, pendingInvitations } = await network.getNetwork(
        ctx,
        requireActor(request),
        request.params.clientId,
      );
      return {
        canManage,
        members: members.map((m) => ({ ...m, accessEndsAt: iso(m.accessEndsAt) })),
        ...(pendingInvitations
          ? {
              pendingInvitations: pendingInvitations.map((i) => ({
                ...i,
                expiresAt: i.expiresAt.toISOString(),
                createdAt: i.createdAt.toISOString(),
                accessEndsAt: iso(i.accessEndsAt),
              })),
            }
          : {}),
      };
    },
  );

  app.put(
    '/portals/:clientId/network/:personId/permissions',
    {
      schema: {
        tags: ['network'],
        summary: 'Manager: set the rights of a person in the network, with an optional end date (R26, R27)',
        params: MemberParams,
        body: PermissionsBody,
        response: { 200: NetworkMember, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { permissions, endsAt, confirmDossier } = request.body;
      const member = await network.changePermissions(
        ctx,
        requireActor(request),
        request.params.clientId,
        request.params.personId,
        {
          permissions,
          endsAt: endsAt === undefined ? undefined : endsAt === null ? null : new Date(endsAt),
          confirmDossier,
        },
      );
      return { ...member, accessEndsAt: iso(member.accessEndsAt) };
    },
  );

  app.delete(
    '/portals/:clientId/network/:personId',
    {
      schema: {
        tags: ['network'],
        summary: 'Manager: remove a person from the network; takes effect at once',
        params: MemberParams,
        response: { 204: { type: 'null', description: 'Removed.' }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await network.removeMember(ctx, requireActor(request), request.params.clientId, request.params.personId);
      return reply.code(204).send(null);
    },
  );
};
