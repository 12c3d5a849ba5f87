/**
 * Login with e-mail and password, server-side sessions, logout. The SMS step, resets and
 * invitations build on this (issue 3).
 */
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext, RequestOrigin } from '../../platform/context.js';
import { invalidCredentials } from '../../platform/errors.js';
import { verifyAgainstDummy, verifyPassword } from '../../platform/passwords.js';
import { enforce } from '../../platform/rate-limit.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import * as repo from './auth.repository.js';

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

/**
 * Checks e-mail and password and starts a new session (N3: V7.2.4, a new session at every login).
 * An unknown address and a wrong password get the same error after about the same time.
 */
export async function login(ctx: AppContext, input: LoginInput, origin: RequestOrigin): Promise<StartedSession> {
  const email = normaliseEmail(input.email);
  await enforce(ctx.db, ctx.clock, [
    { key: `login:ip:${origin.ip ?? 'unknown'}`, limit: 30, windowSeconds: 15 * 60 },
    { key: `login:account:${email}`, limit: 10, windowSeconds: 15 * 60 },
  ]);

  const person = await repo.findPersonByEmail(ctx.db, email);
  const ok =
    person?.passwordHash && person.status === 'active'
      ? await verifyPassword(person.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!person || !ok) {
    await recordAudit(ctx.db, ctx.clock, origin, {
      action: 'auth.login',
      outcome: 'failure',
      actorPersonId: person?.id ?? null,
      actorRole: person ? null : 'anonymous',
      details: { reason: person ? 'wrong_password_or_inactive' : 'unknown_account' },
    });
    throw invalidCredentials();
  }

  const now = ctx.clock.now();
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3600_000);
  const session = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      personId: person.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    });
    await repo.setLastLogin(tx, person.id, now);
    await recordAudit(tx, ctx.clock, origin, {
      action: 'auth.login',
      outcome: 'success',
      actorPersonId: person.id,
      objectType: 'session',
      objectId: created.id,
    });
    return created;
  });
  return { token, csrfToken, sessionId: session.id, personId: person.id, expiresAt };
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
