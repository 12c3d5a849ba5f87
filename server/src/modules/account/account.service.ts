/**
 * The person's own login security, shown in Mijn gegevens: active sessions and trusted devices,
 * each of which they can end (N3: V7.5.2), and changing the password.
 */
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext } from '../../platform/context.js';
import { currentPasswordWrong, notFound } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { checkNewPassword, passwordRejected } from '../../platform/password-policy.js';
import { enforce } from '../../platform/rate-limit.js';
import { deviceLabel } from '../../platform/user-agent.js';
import * as authRepo from '../auth/auth.repository.js';
import { sendPasswordChangedMail } from '../auth/password-reset.service.js';

export interface SessionSummary {
  id: string;
  current: boolean;
  device: string;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface DeviceSummary {
  id: string;
  label: string;
  current: boolean;
  createdAt: Date;
  lastUsedAt: Date;
}

export async function listSessions(ctx: AppContext, actor: Actor): Promise<SessionSummary[]> {
  const now = ctx.clock.now();
  const idleMs = ctx.config.sessionIdleMinutes * 60_000;
  const rows = await authRepo.listOpenSessions(ctx.db, actor.personId, now);
  return rows
    .filter((s) => s.lastSeenAt.getTime() + idleMs > now.getTime())
    .map((s) => ({
      id: s.id,
      current: s.id === actor.sessionId,
      device: deviceLabel(s.userAgent),
      ip: s.ip,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
    }));
}

/** Ends one of the person's own sessions; someone else's is a 404. */
export async function endSession(ctx: AppContext, actor: Actor, sessionId: string): Promise<void> {
  const ended = await authRepo.endSessionsOf(ctx.db, actor.personId, ctx.clock.now(), { id: sessionId });
  if (ended === 0) throw notFound('session');
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'auth.session_ended_by_user',
    outcome: 'success',
    actorPersonId: actor.personId,
    objectType: 'session',
    objectId: sessionId,
  });
}

export async function listDevices(ctx: AppContext, actor: Actor): Promise<DeviceSummary[]> {
  const current = await currentDeviceId(ctx, actor);
  const rows = await authRepo.listTrustedDevices(ctx.db, actor.personId);
  return rows.map((d) => ({
    id: d.id,
    label: d.label,
    current: d.id === current,
    createdAt: d.createdAt,
    lastUsedAt: d.lastUsedAt,
  }));
}

async function currentDeviceId(ctx: AppContext, actor: Actor): Promise<string | null> {
  const sessions = await authRepo.listOpenSessions(ctx.db, actor.personId, ctx.clock.now());
  return sessions.find((s) => s.id === actor.sessionId)?.deviceId ?? null;
}

/** Stops trusting a device: the next login there asks for an SMS code again. */
export async function revokeDevice(ctx: AppContext, actor: Actor, deviceId: string): Promise<void> {
  const revoked = await authRepo.revokeTrustedDevices(ctx.db, actor.personId, ctx.clock.now(), { id: deviceId });
  if (revoked === 0) throw notFound('device');
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'auth.device_revoked',
    outcome: 'success',
    actorPersonId: actor.personId,
    objectType: 'trusted_device',
    objectId: deviceId,
  });
}

/**
 * Password checks inside a session, per person per hour, shared by every change that asks the
 * password again (password, e-mail address, mobile number): someone at an unlocked computer gets
 * 10 guesses an hour in all, not 10 per form.
 */
export const passwordCheckLimit = { limit: 10, windowSeconds: 3600 } as const;

/**
 * Checks the password the person typed again before a sensitive change (N3: V7.5.1). A wrong one
 * is audited under `action` and answers 400 current_password_wrong (not 401: the session is fine).
 */
export async function requireCurrentPassword(ctx: AppContext, actor: Actor, password: string, action: string) {
  await enforce(ctx.db, ctx.clock, [{ key: `password-change:${actor.personId}`, ...passwordCheckLimit }]);
  const person = await authRepo.findPersonById(ctx.db, actor.personId);
  if (!person?.passwordHash || !(await verifyPassword(person.passwordHash, password))) {
    await recordAudit(ctx.db, ctx.clock, actor, {
      action,
      outcome: 'failure',
      actorPersonId: actor.personId,
      details: { reason: 'wrong_current_password' },
    });
    throw currentPasswordWrong();
  }
  return person;
}

/**
 * Changes the password after checking the current one. Every other session and every other
 * trusted device ends; this browser stays logged in and trusted. A mail tells the person.
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const person = await requireCurrentPassword(ctx, actor, input.currentPassword, 'auth.password_changed');
  const verdict = checkNewPassword(input.newPassword, {
    email: person.email,
    givenName: person.givenName,
    familyName: person.familyName,
    namePrefix: person.namePrefix,
  });
  if (!verdict.ok) throw passwordRejected(verdict.reason);
  const now = ctx.clock.now();
  const deviceId = await currentDeviceId(ctx, actor);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await authRepo.updatePerson(tx, actor.personId, { passwordHash, passwordChangedAt: now });
    await authRepo.endSessionsOf(tx, actor.personId, now, { exceptId: actor.sessionId });
    await authRepo.revokeTrustedDevices(tx, actor.personId, now, { exceptId: deviceId });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auth.password_changed',
      outcome: 'success',
      actorPersonId: actor.personId,
    });
  });
  await sendPasswordChangedMail(ctx, person);
}
