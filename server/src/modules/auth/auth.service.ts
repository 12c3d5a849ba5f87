/**
 * Login with e-mail, password and, when due, an SMS code; server-side sessions; logout.
 */
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext, RequestOrigin } from '../../platform/context.js';
import { accountBlocked, invalidCredentials, noMobile, rateLimited } from '../../platform/errors.js';
import { verifyAgainstDummy, verifyPassword } from '../../platform/passwords.js';
import { enforce } from '../../platform/rate-limit.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { deviceLabel } from '../../platform/user-agent.js';
import * as repo from './auth.repository.js';
import { startAttempt, type StartedAttempt } from './verification.service.js';

export interface LoginInput {
  email: string;
  password: string;
}

export interface StartedSession {
  /** Goes into the HttpOnly cookie; only its hash is stored. */
  token: string;
  csrfToken: string;
  sessionId: string;
  personId: string;
  expiresAt: Date;
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
  idleExpiresAt: Date;
}

/** Normalises an e-mail address the way accounts store it. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Writing last_seen_at on every request would turn each read into a write; once a minute is
// precise enough for a 30-minute idle timeout.
const touchIntervalMs = 60_000;

export type LoginResult = { kind: 'session'; session: StartedSession } | { kind: 'sms'; attempt: StartedAttempt };

export const loginsPerIpPer15Minutes = 100;

/** After 5 wrong passwords in a row each further try waits longer: 15 s, 30 s, 1 min, … up to 15 min. */
export const freeFailures = 5;
export const maxDelayMs = 15 * 60_000;
/** N5: at most 100 wrong passwords in a row; then only a password reset opens the account again. */
export const maxConsecutiveFailures = 100;
/** R9: after more than 30 days without a login, the SMS is asked again on every device. */
export const smsAgainAfterMs = 30 * 24 * 3600_000;

/** The key of the wrong-password count of an (already normalised) e-mail address. */
export const throttleKey = (email: string) => `login:${email}`;

/**
 * Checks e-mail and password. Then either starts a new session (N3: V7.2.4), or, when the SMS is
 * due (R7 first login, R8/R11 unknown browser, R9 30 days), sends a code and starts the SMS step.
 * An unknown address and a wrong password get the same answer after about the same time, and the
 * throttle counts per address whether or not an account exists (V6.3.8).
 */
export async function login(
  ctx: AppContext,
  input: LoginInput,
  origin: RequestOrigin,
  browserToken: string | undefined,
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  // Per address against password spraying; generous, because a whole nursing home may share one
  // internet address. The per-account delays below do the rest.
  await enforce(ctx.db, ctx.clock, [
    { key: `login:ip:${origin.ip ?? 'unknown'}`, limit: loginsPerIpPer15Minutes, windowSeconds: 15 * 60 },
  ]);
  const now = ctx.clock.now();
  const throttle = await repo.findThrottle(ctx.db, throttleKey(email));
  if (throttle && throttle.failures >= maxConsecutiveFailures) throw accountBlocked();
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    throw rateLimited(Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 1000));
  }

  const person = await repo.findPersonByEmail(ctx.db, email);
  const ok =
    person?.passwordHash && person.status === 'active'
      ? await verifyPassword(person.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!person || !ok) {
    const failures = await repo.addThrottleFailure(ctx.db, throttleKey(email), now);
    if (failures >= freeFailures) {
      const delay = Math.min(15_000 * 2 ** (failures - freeFailures), maxDelayMs);
      await repo.setThrottleLock(ctx.db, throttleKey(email), new Date(now.getTime() + delay));
    }
    await recordAudit(ctx.db, ctx.clock, origin, {
      action: 'auth.login',
      outcome: 'failure',
      actorPersonId: person?.id ?? null,
      actorRole: person ? null : 'anonymous',
      details: { reason: person ? 'wrong_password_or_inactive' : 'unknown_account', consecutiveFailures: failures },
    });
    throw invalidCredentials();
  }
  if (throttle) await repo.clearThrottle(ctx.db, throttleKey(email));

  const device = browserToken ? await repo.findTrustedDevice(ctx.db, person.id, hashToken(browserToken)) : undefined;
  const smsDue =
    !person.smsVerifiedAt ||
    !device ||
    !person.lastLoginAt ||
    now.getTime() - person.lastLoginAt.getTime() > smsAgainAfterMs;
  if (smsDue) {
    if (!person.mobile) throw noMobile();
    await recordAudit(ctx.db, ctx.clock, origin, {
      action: 'auth.password_ok',
      outcome: 'success',
      actorPersonId: person.id,
      details: { smsReason: !person.smsVerifiedAt ? 'first_login' : !device ? 'new_device' : 'inactive_30_days' },
    });
    const attempt = await startAttempt(ctx, { personId: person.id, purpose: 'login', mobile: person.mobile }, origin);
    return { kind: 'sms', attempt };
  }
  await repo.touchTrustedDevice(ctx.db, device.id, now);
  const session = await startSession(ctx, person.id, origin, { deviceId: device.id, sms: false });
  return { kind: 'session', session };
}

/** Starts a session for a person whose login is complete, and records it. */
async function startSession(
  ctx: AppContext,
  personId: string,
  origin: RequestOrigin,
  extra: { deviceId: string | null; sms: boolean },
): Promise<StartedSession> {
  const now = ctx.clock.now();
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3600_000);
  const session = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      personId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
      deviceId: extra.deviceId,
    });
    await repo.setLastLogin(tx, personId, now);
    await recordAudit(tx, ctx.clock, origin, {
      action: 'auth.login',
      outcome: 'success',
      actorPersonId: personId,
      objectType: 'session',
      objectId: created.id,
      details: { sms: extra.sms },
    });
    return created;
  });
  return { token, csrfToken, sessionId: session.id, personId, expiresAt };
}

/**
 * Finishes a login whose SMS code was right: the browser becomes a trusted device (R11) and a
 * session starts. The browser keeps its device token when it had one.
 */
export async function finishVerifiedLogin(
  ctx: AppContext,
  personId: string,
  origin: RequestOrigin,
  browserToken: string | undefined,
): Promise<{ session: StartedSession; browserToken: string }> {
  const now = ctx.clock.now();
  const token = browserToken ?? newToken();
  const device = await repo.upsertTrustedDevice(ctx.db, {
    personId,
    tokenHash: hashToken(token),
    label: deviceLabel(origin.userAgent),
    at: now,
  });
  await repo.updatePerson(ctx.db, personId, { smsVerifiedAt: now });
  await recordAudit(ctx.db, ctx.clock, origin, {
    action: 'auth.device_trusted',
    outcome: 'success',
    actorPersonId: personId,
    objectType: 'trusted_device',
    objectId: device.id,
  });
  const session = await startSession(ctx, personId, origin, { deviceId: device.id, sms: true });
  return { session, browserToken: token };
}

/**
 * The session behind a cookie token, or undefined when it does not exist, has ended, has been
 * idle too long or has reached its absolute end.
 */
export async function resolveSession(
  ctx: AppContext,
  token: string,
  origin: RequestOrigin,
): Promise<ResolvedSession | undefined> {
  const found = await repo.findOpenSession(ctx.db, hashToken(token));
  if (!found || found.personStatus !== 'active') return undefined;
  const { session } = found;
  const now = ctx.clock.now();
  const idleMs = ctx.config.sessionIdleMinutes * 60_000;
  if (session.expiresAt <= now || session.lastSeenAt.getTime() + idleMs <= now.getTime()) {
    await repo.endSession(ctx.db, session.id, now);
    await recordAudit(ctx.db, ctx.clock, origin, {
      action: 'auth.session_expired',
      outcome: 'success',
      actorPersonId: session.personId,
      objectType: 'session',
      objectId: session.id,
    });
    return undefined;
  }
  let lastSeen = session.lastSeenAt;
  if (now.getTime() - lastSeen.getTime() >= touchIntervalMs) {
    await repo.touchSession(ctx.db, session.id, now);
    lastSeen = now;
  }
  return {
    actor: { personId: session.personId, sessionId: session.id, ip: origin.ip, userAgent: origin.userAgent },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    idleExpiresAt: new Date(Math.min(lastSeen.getTime() + idleMs, session.expiresAt.getTime())),
  };
}

/** Ends the session on the server: the cookie is worthless afterwards, also if someone copied it. */
export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  await repo.endSession(ctx.db, actor.sessionId, ctx.clock.now());
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'auth.logout',
    outcome: 'success',
    actorPersonId: actor.personId,
    objectType: 'session',
    objectId: actor.sessionId,
  });
}
