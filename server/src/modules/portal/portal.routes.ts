import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { requireActor } from '../auth/auth.plugin.js';
import { MeReply, OverviewReply, PortalParams } from './portal.schemas.js';
import * as portal from './portal.service.js';

export const portalRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['portal'],
        summary: 'The logged-in person, the portals they may open and their session',
        response: { 200: MeReply, ...errorResponses(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const me = await portal.getMe(ctx, actor);
      const session = request.session!;
      return {
        ...me,
        portals: me.portals.map((p) => ({ ...p, accessEndsAt: p.accessEndsAt?.toISOString() ?? null })),
        session: {
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt.toISOString(),
          idleExpiresAt: session.idleExpiresAt.toISOString(),
        },
      };
    },
  );

  app.get(
    '/portals/:clientId',
    {
      schema: {
        tags: ['portal'],
        summary: 'The "Algemeen" page of a portal: whose it is, the department and the contactverzorgende',
        params: PortalParams,
        response: { 200: OverviewReply, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => portal.getOverview(ctx, requireActor(request), request.params.clientId),
  );
};
