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
 * Changes the password after checking the current one. Every other session and every other
 * trusted device ends; this browser stays logged in and trusted. A mail tells the person.
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  await enforce(ctx.db, ctx.clock, [{ key: `password-change:${actor.personId}`, limit: 10, windowSeconds: 3600 }]);
  const person = await authRepo.findPersonById(ctx.db, actor.personId);
  if (!person?.passwordHash || !(await verifyPassword(person.passwordHash, input.currentPassword))) {
    await recordAudit(ctx.db, ctx.clock, actor, {
      action: 'auth.password_changed',
      outcome: 'failure',
      actorPersonId: actor.personId,
      details: { reason: 'wrong_current_password' },
    });
    // Not a 401: the session is fine, only the typed password is wrong.
    throw currentPasswordWrong();
  }
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
