import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireAccess } from '../../platform/access.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden, validationFailed } from '../../platform/errors.js';
import { errorResponses } from '../../platform/http.js';
import { requireActor } from '../auth/auth.plugin.js';
import { smsRequired } from '../auth/auth.routes.js';
import { SmsRequired, TokenBody } from '../auth/auth.schemas.js';
import {
  AcceptBody,
  ClientParams,
  CreatePortalBody,
  CreatePortalReply,
  Invitee,
  InvitationView,
  JoinReply,
} from './invitations.schemas.js';
import * as invitations from './invitations.service.js';

export const invitationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/admin/portals',
    {
      schema: {
        tags: ['admin'],
        summary: "Organisation admin: create a client's portal and invite its first person (I2)",
        body: CreatePortalBody,
        response: { 201: CreatePortalReply, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const administered = await invitations.listAdministeredOrganisations(ctx, actor.personId);
      if (administered.length === 0) throw forbidden('Only an organisation admin can create a portal.');
      const organisationId = request.body.organisationId ?? (administered.length === 1 ? administered[0] : undefined);
      if (!organisationId) {
        throw validationFailed([{ field: 'organisationId', code: 'required', message: 'Choose the organisation.' }]);
      }
      if (!administered.includes(organisationId)) throw forbidden('You do not administer this organisation.');
      const { invitee, client } = request.body;
      const created = await invitations.createPortal(
        ctx,
        organisationId,
        client,
        { ...invitee, permissions: invitee.permissions ?? invitations.firstContactPermissions },
        { personId: actor.personId, role: 'organisation_admin', origin: actor },
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/admin/clients/:clientId/invitations',
    {
      schema: {
        tags: ['admin'],
        summary: "Organisation admin: invite a person into a client's network",
        params: ClientParams,
        body: Invitee,
        response: { 201: CreatePortalReply, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await requireAccess(ctx, actor, request.params.clientId, 'portal:administer');
      const invitationId = await invitations.invite(ctx, request.params.clientId, request.body, {
        personId: actor.personId,
        role: 'organisation_admin',
        origin: actor,
      });
      return reply.code(201).send({ clientId: request.params.clientId, invitationId });
    },
  );

  app.post(
    '/invitations/view',
    {
      schema: {
        tags: ['invitations'],
        summary: 'What an invitation link is for, before the invitee chooses a password',
        body: TokenBody,
        response: { 200: InvitationView, ...errorResponses(400, 404, 410) },
      },
    },
    async (request) => {
      const view = await invitations.getInvitation(ctx, request.body.token);
      return { ...view, expiresAt: view.expiresAt.toISOString() };
    },
  );

  app.post(
    '/invitations/accept',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Choose a password and confirm the mobile number: an SMS code is sent',
        body: AcceptBody,
        response: { 200: SmsRequired, ...errorResponses(400, 403, 404, 409, 410, 429, 502) },
      },
    },
    async (request, reply) =>
      smsRequired(
        ctx,
        reply,
        await invitations.acceptInvitation(
          ctx,
          request.body.token,
          { password: request.body.password, mobile: request.body.mobile },
          request.requestOrigin,
        ),
      ),
  );

  app.post(
    '/invitations/join',
    {
      schema: {
        tags: ['invitations'],
        summary: 'A person with an account, logged in, accepts an invitation and joins the network with that account',
        body: TokenBody,
        response: { 200: JoinReply, ...errorResponses(400, 401, 403, 404, 410) },
      },
    },
    async (request) => invitations.joinInvitation(ctx, requireActor(request), request.body.token),
  );
};
