import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { clearCookie, readCookie, requireActor, setCookie } from './auth.plugin.js';
import {
  LoginBody,
  LoginReply,
  ResetCompleteBody,
  ResetRequestBody,
  SmsRequired,
  SmsView,
  TokenBody,
  VerifyBody,
  VerifyReply,
} from './auth.schemas.js';
import * as auth from './auth.service.js';
import * as reset from './password-reset.service.js';
import { completeSmsStep } from './sms-step.service.js';
import * as verification from './verification.service.js';

/** A trusted-device cookie lasts as long as browsers allow (400 days); the 30-day rule still asks the SMS. */
const deviceCookieDays = 400;

export function smsView(view: verification.AttemptView) {
  return {
    purpose: view.purpose,
    maskedMobile: view.maskedMobile,
    codeExpiresAt: view.codeExpiresAt?.toISOString() ?? null,
    resendAvailableAt: view.resendAvailableAt?.toISOString() ?? null,
    attemptExpiresAt: view.attemptExpiresAt.toISOString(),
  };
}

/** Puts the SMS step's token in its cookie and answers what the SMS page needs. */
export function smsRequired(ctx: AppContext, reply: FastifyReply, started: verification.StartedAttempt) {
  setCookie(ctx, reply, 'attempt', started.token, started.view.attemptExpiresAt);
  return { status: 'sms_required' as const, sms: smsView(started.view) };
}

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail address and password: signed in, or an SMS code was sent (R7–R9)',
        body: LoginBody,
        response: { 200: LoginReply, ...errorResponses(400, 401, 403, 409, 423, 429, 502) },
      },
    },
    async (request, reply) => {
      const result = await auth.login(ctx, request.body, request.requestOrigin, readCookie(ctx, request, 'device'));
      if (result.kind === 'sms') return smsRequired(ctx, reply, result.attempt);
      setCookie(ctx, reply, 'session', result.session.token, result.session.expiresAt);
      return {
        status: 'signed_in' as const,
        csrfToken: result.session.csrfToken,
        expiresAt: result.session.expiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/auth/sms',
    {
      schema: {
        tags: ['auth'],
        summary: 'The SMS step in progress in this browser: masked number and when the code expires',
        response: { 200: SmsView, ...errorResponses(404) },
      },
    },
    async (request) => smsView(await verification.getAttempt(ctx, readCookie(ctx, request, 'attempt'))),
  );

  app.post(
    '/auth/sms/resend',
    {
      schema: {
        tags: ['auth'],
        summary: 'Send a new code (30 seconds after the previous one; at most 5 an hour)',
        response: { 200: SmsView, ...errorResponses(403, 404, 429, 502) },
      },
    },
    async (request) =>
      smsView(await verification.resendCode(ctx, readCookie(ctx, request, 'attempt'), request.requestOrigin)),
  );

  app.post(
    '/auth/sms/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Check the SMS code; on success the browser is trusted and a session starts',
        body: VerifyBody,
        response: { 200: VerifyReply, ...errorResponses(400, 403, 404, 410) },
      },
    },
    async (request, reply) => {
      const done = await completeSmsStep(
        ctx,
        readCookie(ctx, request, 'attempt'),
        request.body.code,
        request.requestOrigin,
        readCookie(ctx, request, 'device'),
      );
      clearCookie(ctx, reply, 'attempt');
      const deviceExpires = new Date(ctx.clock.now().getTime() + deviceCookieDays * 86400_000);
      setCookie(ctx, reply, 'device', done.browserToken, deviceExpires);
      setCookie(ctx, reply, 'session', done.session.token, done.session.expiresAt);
      return {
        status: 'signed_in' as const,
        csrfToken: done.session.csrfToken,
        expiresAt: done.session.expiresAt.toISOString(),
        purpose: done.purpose,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session on the server',
        response: { 204: { type: 'null', description: 'Logged out' }, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      if (request.session) await auth.logout(ctx, requireActor(request));
      clearCookie(ctx, reply, 'session');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Wachtwoord vergeten: mail a single-use link (the same answer whether or not the account exists)',
        body: ResetRequestBody,
        response: { 202: Type.Object({ received: Type.Literal(true) }), ...errorResponses(400, 403, 429) },
      },
    },
    async (request, reply) => {
      await reset.requestReset(ctx, request.body.email, request.requestOrigin);
      return reply.code(202).send({ received: true as const });
    },
  );

  app.post(
    '/auth/password-reset/check',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether a reset link still works',
        body: TokenBody,
        response: { 200: Type.Object({ valid: Type.Literal(true) }), ...errorResponses(400, 404, 410) },
      },
    },
    async (request) => {
      await reset.checkResetLink(ctx, request.body.token);
      return { valid: true as const };
    },
  );

  app.post(
    '/auth/password-reset/complete',
    {
      schema: {
        tags: ['auth'],
        summary: 'Choose the new password; it takes effect after the SMS code',
        body: ResetCompleteBody,
        response: { 200: SmsRequired, ...errorResponses(400, 403, 404, 409, 410, 429, 502) },
      },
    },
    async (request, reply) =>
      smsRequired(
        ctx,
        reply,
        await reset.completeReset(ctx, request.body.token, request.body.password, request.requestOrigin),
      ),
  );
};
