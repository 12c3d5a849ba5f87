import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { requireActor } from '../auth/auth.plugin.js';
import * as networkInvitations from './network-invitations.service.js';
import { InvitationParams, InvitationReply, InviteBody, NetworkParams } from './network.schemas.js';

const reply = (created: { invitationId: string; expiresAt: Date }) => ({
  invitationId: created.invitationId,
  expiresAt: created.expiresAt.toISOString(),
});

export const networkInvitationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/portals/:clientId/network/invitations',
    {
      schema: {
        tags: ['network'],
        summary:
          'Manager: invite a person into the network (R26); least rights unless chosen (N7). An address with an account joins with it.',
        params: NetworkParams,
        body: InviteBody,
        response: { 201: InvitationReply, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, res) => {
      const { accessEndsAt, ...input } = request.body;
      const created = await networkInvitations.inviteToNetwork(ctx, requireActor(request), request.params.clientId, {
        ...input,
        accessEndsAt: accessEndsAt ? new Date(accessEndsAt) : null,
      });
      return res.code(201).send(reply(created));
    },
  );

  app.post(
    '/portals/:clientId/network/invitations/:invitationId/resend',
    {
      schema: {
        tags: ['network'],
        summary: 'Manager: send an open invitation again, with a new link valid 7 days; the old link stops working',
        params: InvitationParams,
        response: { 200: InvitationReply, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      reply(
        await networkInvitations.resendNetworkInvitation(
          ctx,
          requireActor(request),
          request.params.clientId,
          request.params.invitationId,
        ),
      ),
  );

  app.delete(
    '/portals/:clientId/network/invitations/:invitationId',
    {
      schema: {
        tags: ['network'],
        summary: 'Manager: withdraw an open invitation; its link stops working at once',
        params: InvitationParams,
        response: { 204: { type: 'null', description: 'Withdrawn.' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, res) => {
      await networkInvitations.withdrawNetworkInvitation(
        ctx,
        requireActor(request),
        request.params.clientId,
        request.params.invitationId,
      );
      return res.code(204).send(null);
    },
  );
};
