import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { requireActor } from '../auth/auth.plugin.js';
import { smsView } from '../auth/auth.routes.js';
import { SmsView, VerifyBody } from '../auth/auth.schemas.js';
import * as changeRequests from './change-request.service.js';
import * as emailChange from './email-change.service.js';
import * as mobileChange from './mobile-change.service.js';
import * as profile from './profile.service.js';
import {
  ChangeRequestBody,
  ChangeRequestReply,
  EmailChangeBody,
  EmailChangeReply,
  EmailConfirmReply,
  EmailTokenBody,
  MobileChangeBody,
  MobileChangedReply,
  ProfileQuery,
  ProfileReply,
} from './profile.schemas.js';

/**
 * The code step of a mobile number change has its own cookie, apart from the login's attempt
 * cookie: the two steps can never stand in for each other, and a login in another tab does not
 * end a change in progress.
 */
function mobileCookieName(ctx: AppContext): string {
  return ctx.config.publicUrl.startsWith('https://') ? '__Host-kring_mobile_change' : 'kring_mobile_change';
}

function cookieOptions(ctx: AppContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.publicUrl.startsWith('https://') };
}

const readMobileCookie = (ctx: AppContext, request: FastifyRequest) => request.cookies[mobileCookieName(ctx)];

function clearMobileCookie(ctx: AppContext, reply: FastifyReply): void {
  void reply.clearCookie(mobileCookieName(ctx), cookieOptions(ctx));
}

/** Mijn gegevens (R28, R29): the person's own data, changing e-mail and mobile, and "wijziging doorgeven". */
export const profileRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/account/profile',
    {
      schema: {
        tags: ['account'],
        summary: 'The person’s own data, and the mailbox for other changes (R28, R29)',
        querystring: ProfileQuery,
        response: { 200: ProfileReply, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const p = await profile.getProfile(ctx, requireActor(request), request.query.clientId);
      return {
        ...p,
        pendingEmail: p.pendingEmail
          ? { email: p.pendingEmail.email, expiresAt: p.pendingEmail.expiresAt.toISOString() }
          : null,
      };
    },
  );

  app.post(
    '/account/email',
    {
      schema: {
        tags: ['account'],
        summary: 'Change the e-mail address: the password again, then a link to the new address (24 hours)',
        description:
          'The address changes only when the link is opened (POST /account/email/confirm); until then the old ' +
          'address logs in. A newer request ends the links of older ones. A wrong password answers 400 ' +
          'current_password_wrong. An address that another account uses gets the same 202 (so that addresses ' +
          'cannot be tested for an account); its owner gets a mail without a link, and nothing changes.',
        body: EmailChangeBody,
        response: { 202: EmailChangeReply, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const sent = await emailChange.requestEmailChange(ctx, requireActor(request), request.body);
      return reply.code(202).send({ email: sent.email, expiresAt: sent.expiresAt.toISOString() });
    },
  );

  app.post(
    '/account/email/check',
    {
      schema: {
        tags: ['account'],
        summary: 'Whether an e-mail confirmation link still works, and for which address (no session needed)',
        body: EmailTokenBody,
        response: { 200: EmailConfirmReply, ...errorResponses(400, 403, 404, 410) },
      },
    },
    async (request) => emailChange.checkEmailLink(ctx, request.body.token),
  );

  app.post(
    '/account/email/confirm',
    {
      schema: {
        tags: ['account'],
        summary: 'Confirm the new e-mail address with the link from the mail (no session needed)',
        description:
          'The link works once. The old address gets a notice. 409 email_unavailable when another account ' +
          'took the address after the link was sent; then nothing changes.',
        body: EmailTokenBody,
        response: { 200: EmailConfirmReply, ...errorResponses(400, 403, 404, 409, 410) },
      },
    },
    async (request) => emailChange.confirmEmailChange(ctx, request.body.token, request.requestOrigin),
  );

  app.post(
    '/account/mobile',
    {
      schema: {
        tags: ['account'],
        summary: 'Change the mobile number: the password again, then an SMS code to the new number',
        description:
          'The number changes only after the right code (POST /account/mobile/verify); until then login codes ' +
          'go to the old number. The code is valid 5 minutes, with the limits of the login’s code.',
        body: MobileChangeBody,
        response: { 200: SmsView, ...errorResponses(400, 401, 403, 429, 502) },
      },
    },
    async (request, reply) => {
      const started = await mobileChange.startMobileChange(ctx, requireActor(request), request.body);
      void reply.setCookie(mobileCookieName(ctx), started.token, {
        ...cookieOptions(ctx),
        expires: started.view.attemptExpiresAt,
      });
      return smsView(started.view);
    },
  );

  app.get(
    '/account/mobile',
    {
      schema: {
        tags: ['account'],
        summary: 'The code step of a mobile number change in progress in this browser',
        response: { 200: SmsView, ...errorResponses(401, 404) },
      },
    },
    async (request) =>
      smsView(await mobileChange.getMobileChange(ctx, requireActor(request), readMobileCookie(ctx, request))),
  );

  app.post(
    '/account/mobile/resend',
    {
      schema: {
        tags: ['account'],
        summary: 'Send a new code to the new number (30 seconds after the previous one; at most 5 an hour)',
        response: { 200: SmsView, ...errorResponses(401, 403, 404, 429, 502) },
      },
    },
    async (request) =>
      smsView(await mobileChange.resendMobileCode(ctx, requireActor(request), readMobileCookie(ctx, request))),
  );

  app.post(
    '/account/mobile/verify',
    {
      schema: {
        tags: ['account'],
        summary: 'Check the code sent to the new number; the number changes now',
        body: VerifyBody,
        response: { 200: MobileChangedReply, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const done = await mobileChange.verifyMobileChange(
        ctx,
        requireActor(request),
        readMobileCookie(ctx, request),
        request.body.code,
      );
      clearMobileCookie(ctx, reply);
      return done;
    },
  );

  app.delete(
    '/account/mobile',
    {
      schema: {
        tags: ['account'],
        summary: 'Stop a mobile number change in progress (the number stays as it is)',
        response: { 204: { type: 'null', description: 'Stopped' }, ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      requireActor(request);
      clearMobileCookie(ctx, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/account/change-requests',
    {
      schema: {
        tags: ['account'],
        summary: 'Wijziging doorgeven: ask the organisation to change name, address or date of birth (R29)',
        description:
          'Stored and mailed to the data-change mailbox of the organisation of `clientId` (a portal the person ' +
          'reaches), else of the person’s first organisation. At most 5 an hour.',
        body: ChangeRequestBody,
        response: { 202: ChangeRequestReply, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const sent = await changeRequests.submitChangeRequest(ctx, requireActor(request), request.body);
      return reply.code(202).send({ ...sent, createdAt: sent.createdAt.toISOString() });
    },
  );
};
