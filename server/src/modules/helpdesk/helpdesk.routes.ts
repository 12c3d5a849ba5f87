import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { HelpdeskBody, HelpdeskReply, OrganisationsReply } from './helpdesk.schemas.js';
import * as helpdesk from './helpdesk.service.js';

/** The public helpdesk form (R12): no session needed, for people who cannot log in. */
export const helpdeskRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/helpdesk/organisations',
    {
      schema: {
        tags: ['helpdesk'],
        summary: 'The care organisations the helpdesk form can send to, by name (public)',
        response: { 200: OrganisationsReply },
      },
    },
    async () => ({ organisations: await helpdesk.listOrganisations(ctx) }),
  );

  app.post(
    '/helpdesk',
    {
      schema: {
        tags: ['helpdesk'],
        summary: 'Ask the helpdesk for help with logging in (public)',
        description:
          'Stores the question, sends it to the organisation’s helpdesk address and confirms receipt to the ' +
          'sender by e-mail (or SMS to a mobile number) without repeating the content. At most 5 questions per ' +
          'hour from one address.',
        body: HelpdeskBody,
        response: { 202: HelpdeskReply, ...errorResponses(400, 403, 429) },
      },
    },
    async (request, reply) => {
      await helpdesk.submitRequest(ctx, request.requestOrigin, request.body);
      return reply.code(202).send({ received: true as const });
    },
  );
};
