import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { requireActor } from '../auth/auth.plugin.js';
import { AccessLogParams, AccessLogQuery, AccessLogReply } from './access-log.schemas.js';
import * as accessLog from './access-log.service.js';

export const accessLogRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/portals/:clientId/access-log',
    {
      schema: {
        tags: ['access-log'],
        summary:
          '"Wie heeft wat bekeken" (N2): who read or changed what in this portal, newest first, 25 per page; ' +
          'for the client and managers of the network',
        params: AccessLogParams,
        querystring: AccessLogQuery,
        response: { 200: AccessLogReply, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await accessLog.listAccessLog(ctx, requireActor(request), request.params.clientId, request.query);
      return { ...page, entries: page.entries.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })) };
    },
  );
};
