/**
 * The SMS step (R7–R10): an attempt that waits for a code, the codes themselves and their limits.
 * Used by the login, the password reset and the acceptance of an invitation.
 */
import { createHmac, randomInt } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext, RequestOrigin } from '../../platform/context.js';
import {
  attemptNotFound,
  codeExpired,
  codeInvalid,
  codeLocked,
  resendTooSoon,
  smsLimitReached,
} from '../../platform/errors.js';
import { maskMobile } from '../../platform/phone.js';
import type { AttemptPurpose, loginAttempts } from '../../platform/schema.js';
import { hashToken, newToken, safeEqual } from '../../platform/tokens.js';
import * as repo from './auth.repository.js';

/** R10: a code is valid for 5 minutes. */
export const codeValidityMs = 5 * 60_000;
/** The whole step (several codes) must be done within this time, then the user starts again. */
export const attemptValidityMs = 30 * 60_000;
export const maxWrongEntries = 5;
export const resendAfterMs = 30_000;
/** SMS costs money and is abused for fraud: limits per account and per number, per hour. */
export const maxCodesPerAccountPerHour = 5;
export const maxCodesPerNumberPerHour = 8;

export type Attempt = typeof loginAttempts.$inferSelect;

/** What the SMS page shows. */
export interface AttemptView {
  purpose: AttemptPurpose;
  maskedMobile: string;
  codeExpiresAt: Date | null;
  resendAvailableAt: Date | null;
  attemptExpiresAt: Date;
}

export interface StartedAttempt {
  /** Goes into the HttpOnly attempt cookie; only its hash is stored. */
  token: string;
  view: AttemptView;
}

// The hash binds the code to its attempt: the same digits from another attempt never match.
function hashCode(attemptId: string, code: string): string {
  return createHmac('sha256', attemptId).update(code).digest('hex');
}

function newCode(): string {
  // randomInt uses the cryptographic generator: ~20 bits of randomness (N5).
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

async function view(ctx: AppContext, attempt: Attempt): Promise<AttemptView> {
  const latest = await repo.latestSmsCode(ctx.db, attempt.id);
  return {
    purpose: attempt.purpose,
    maskedMobile: maskMobile(attempt.mobile),
    codeExpiresAt: latest ? latest.expiresAt : null,
    resendAvailableAt: latest ? new Date(latest.createdAt.getTime() + resendAfterMs) : null,
    attemptExpiresAt: attempt.expiresAt,
  };
}

/** Sends a fresh code for the attempt, within the limits. The previous code stops working. */
async function sendCode(ctx: AppContext, attempt: Attempt, origin: RequestOrigin): Promise<void> {
  const now = ctx.clock.now();
  const latest = await repo.latestSmsCode(ctx.db, attempt.id);
  if (latest && now.getTime() - latest.createdAt.getTime() < resendAfterMs) {
    throw resendTooSoon(Math.ceil((latest.createdAt.getTime() + resendAfterMs - now.getTime()) / 1000));
  }
  const hourAgo = new Date(now.getTime() - 3600_000);
  const [forAccount, forNumber] = await Promise.all([
    repo.countSmsCodesSince(ctx.db, { personId: attempt.personId }, hourAgo),
    repo.countSmsCodesSince(ctx.db, { mobile: attempt.mobile }, hourAgo),
  ]);
  if (forAccount >= maxCodesPerAccountPerHour || forNumber >= maxCodesPerNumberPerHour) {
    await recordAudit(ctx.db, ctx.clock, origin, {
      action: 'auth.sms_limit',
      outcome: 'denied',
      actorPersonId: attempt.personId,
      objectType: 'login_attempt',
      objectId: attempt.id,
    });
    throw smsLimitReached(3600);
  }
  const code = newCode();
  const row = await repo.insertSmsCode(ctx.db, {
    attemptId: attempt.id,
    personId: attempt.personId,
    mobile: attempt.mobile,
    codeHash: hashCode(attempt.id, code),
    createdAt: now,
    expiresAt: new Date(now.getTime() + codeValidityMs),
  });
  try {
    await ctx.outbox.sendSms({
      to: attempt.mobile,
      body: `Uw code voor het cliëntportaal is ${code}. De code is 5 minuten geldig. Geef deze code aan niemand.`,
    });
  } catch (err) {
    // A code that never arrived must not count against the limits or block a retry.
    await repo.deleteSmsCode(ctx.db, row.id);
    throw err;
  }
  await recordAudit(ctx.db, ctx.clock, origin, {
    action: 'auth.sms_sent',
    outcome: 'success',
    actorPersonId: attempt.personId,
    objectType: 'login_attempt',
    objectId: attempt.id,
    details: { purpose: attempt.purpose },
  });
}

/** Starts the SMS step and sends the first code. */
export async function startAttempt(
  ctx: AppContext,
  input: {
    personId: string;
    purpose: AttemptPurpose;
    mobile: string;
    pendingPasswordHash?: string;
    invitationId?: string;
  },
  origin: RequestOrigin,
): Promise<StartedAttempt> {
  const now = ctx.clock.now();
  const token = newToken();
  const attempt = await repo.insertAttempt(ctx.db, {
    tokenHash: hashToken(token),
    personId: input.personId,
    purpose: input.purpose,
    mobile: input.mobile,
    pendingPasswordHash: input.pendingPasswordHash ?? null,
    invitationId: input.invitationId ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + attemptValidityMs),
    ip: origin.ip,
    userAgent: origin.userAgent?.slice(0, 512) ?? null,
  });
  await sendCode(ctx, attempt, origin);
  return { token, view: await view(ctx, attempt) };
}

/**
 * The purposes the login's SMS page completes. A change of mobile number (inside a session) is
 * verified only by its own route, so that its code can never start a session, and a login's code
 * can never change a number.
 */
export const loginPurposes: readonly AttemptPurpose[] = ['login', 'password_reset', 'invitation'];

async function requireAttempt(
  ctx: AppContext,
  token: string | undefined,
  purposes: readonly AttemptPurpose[],
): Promise<Attempt> {
  const attempt = token ? await repo.findOpenAttempt(ctx.db, hashToken(token), ctx.clock.now()) : undefined;
  if (!attempt || !purposes.includes(attempt.purpose)) throw attemptNotFound();
  return attempt;
}

/** The attempt behind the browser's cookie, for the SMS page. */
export async function getAttempt(
  ctx: AppContext,
  token: string | undefined,
  purposes: readonly AttemptPurpose[] = loginPurposes,
): Promise<AttemptView> {
  return view(ctx, await requireAttempt(ctx, token, purposes));
}

/** "Stuur een nieuwe code": allowed 30 seconds after the previous one, within the hourly limits. */
export async function resendCode(
  ctx: AppContext,
  token: string | undefined,
  origin: RequestOrigin,
  purposes: readonly AttemptPurpose[] = loginPurposes,
): Promise<AttemptView> {
  const attempt = await requireAttempt(ctx, token, purposes);
  await sendCode(ctx, attempt, origin);
  return view(ctx, attempt);
}

/**
 * Checks a code against the latest code of this attempt only (N3: V6.6.2). Wrong entries count;
 * after 5 the code is dead, even for the right digits. Returns the attempt, now completed.
 */
export async function verifyCode(
  ctx: AppContext,
  token: string | undefined,
  code: string,
  origin: RequestOrigin,
  purposes: readonly AttemptPurpose[] = loginPurposes,
): Promise<Attempt> {
  const attempt = await requireAttempt(ctx, token, purposes);
  const now = ctx.clock.now();
  const latest = await repo.latestSmsCode(ctx.db, attempt.id);
  const audit = (outcome: 'success' | 'failure', reason?: string) =>
    recordAudit(ctx.db, ctx.clock, origin, {
      action: 'auth.sms_verify',
      outcome,
      actorPersonId: attempt.personId,
      objectType: 'login_attempt',
      objectId: attempt.id,
      details: { purpose: attempt.purpose, ...(reason ? { reason } : {}) },
    });
  if (!latest || latest.usedAt) throw codeExpired();
  if (latest.failedTries >= maxWrongEntries) {
    await audit('failure', 'locked');
    throw codeLocked();
  }
  if (latest.expiresAt <= now) {
    await audit('failure', 'expired');
    throw codeExpired();
  }
  const entered = code.replace(/\s+/g, '');
  if (!safeEqual(hashCode(attempt.id, entered), latest.codeHash)) {
    const wrong = await repo.addSmsCodeFailure(ctx.db, latest.id);
    await audit('failure', 'wrong_code');
    if (wrong >= maxWrongEntries) throw codeLocked();
    throw codeInvalid(maxWrongEntries - wrong);
  }
  // Two requests with the same code at once: only one may win.
  if (!(await repo.useSmsCode(ctx.db, latest.id, now)) || !(await repo.completeAttempt(ctx.db, attempt.id, now))) {
    throw codeExpired();
  }
  await audit('success');
  return attempt;
}
