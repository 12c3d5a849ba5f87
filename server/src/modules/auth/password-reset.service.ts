/**
 * "Wachtwoord vergeten?" (R3, N4): a single-use link by e-mail, valid 60 minutes, then a new
 * password, then the SMS step. The new password takes effect only after the right code, so a
 * reset never skips the SMS (ASVS V6.4.3). See docs/decisions/008-reset-link-not-password.md.
 */
import { recordAudit } from '../../platform/audit.js';
import type { AppContext, RequestOrigin } from '../../platform/context.js';
import { linkExpired, linkInvalid, linkUsed, noMobile } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { checkNewPassword, passwordRejected } from '../../platform/password-policy.js';
import { enforce } from '../../platform/rate-limit.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import * as repo from './auth.repository.js';
import { normaliseEmail, throttleKey } from './auth.service.js';
import { startAttempt, type StartedAttempt } from './verification.service.js';

export const resetLinkValidityMs = 60 * 60_000;
export const activationLinkValidityMs = 7 * 24 * 3600_000;

/**
 * Sends a reset link when an account exists. The answer is the same either way (N4), and so is
 * the work done before answering, apart from queueing the mail.
 */
export async function requestReset(ctx: AppContext, rawEmail: string, origin: RequestOrigin): Promise<void> {
  const email = normaliseEmail(rawEmail);
  await enforce(ctx.db, ctx.clock, [
    { key: `reset:ip:${origin.ip ?? 'unknown'}`, limit: 10, windowSeconds: 3600 },
    { key: `reset:account:${email}`, limit: 3, windowSeconds: 3600 },
  ]);
  const person = await repo.findPersonByEmail(ctx.db, email);
  if (!person || person.status === 'disabled') {
    await recordAudit(ctx.db, ctx.clock, origin, {
      action: 'auth.password_reset_requested',
      outcome: 'failure',
      actorRole: 'anonymous',
      details: { reason: 'unknown_account' },
    });
    return;
  }
  const now = ctx.clock.now();
  const token = newToken();
  await repo.insertEmailToken(ctx.db, {
    tokenHash: hashToken(token),
    personId: person.id,
    purpose: 'password_reset',
    createdAt: now,
    expiresAt: new Date(now.getTime() + resetLinkValidityMs),
  });
  await recordAudit(ctx.db, ctx.clock, origin, {
    action: 'auth.password_reset_requested',
    outcome: 'success',
    actorPersonId: person.id,
  });
  const link = `${ctx.config.publicUrl}/wachtwoord-herstellen?token=${token}`;
  await ctx.outbox.sendEmail({
    to: person.email,
    subject: 'Nieuw wachtwoord kiezen voor het cliëntportaal',
    text: [
      `Beste ${person.givenName},`,
      '',
      'U heeft gevraagd om een nieuw wachtwoord voor het cliëntportaal.',
      'Klik op deze link om een nieuw wachtwoord te kiezen. De link werkt 60 minuten en maar één keer:',
      '',
      link,
      '',
      'Daarna krijgt u een sms-code op uw mobiele telefoon.',
      '',
      'Heeft u dit niet zelf gevraagd? Dan hoeft u niets te doen. Uw wachtwoord blijft hetzelfde.',
    ].join('\n'),
    html: `<p>Beste ${escapeHtml(person.givenName)},</p>
<p>U heeft gevraagd om een nieuw wachtwoord voor het cliëntportaal.</p>
<p><a href="${link}">Kies een nieuw wachtwoord</a></p>
<p>De link werkt 60 minuten en maar één keer. Daarna krijgt u een sms-code op uw mobiele telefoon.</p>
<p>Heeft u dit niet zelf gevraagd? Dan hoeft u niets te doen. Uw wachtwoord blijft hetzelfde.</p>`,
  });
}

/** Activation of an account the organisation made (an admin): the same page as a reset, valid 7 days. */
export async function sendActivationLink(ctx: AppContext, personId: string): Promise<void> {
  const person = await repo.findPersonById(ctx.db, personId);
  if (!person) throw linkInvalid();
  const now = ctx.clock.now();
  const token = newToken();
  await repo.insertEmailToken(ctx.db, {
    tokenHash: hashToken(token),
    personId,
    purpose: 'password_reset',
    createdAt: now,
    expiresAt: new Date(now.getTime() + activationLinkValidityMs),
  });
  const link = `${ctx.config.publicUrl}/wachtwoord-herstellen?token=${token}`;
  await ctx.outbox.sendEmail({
    to: person.email,
    subject: 'Uw account voor het cliëntportaal',
    text: [
      `Beste ${person.givenName},`,
      '',
      'Er is een account voor u gemaakt in het cliëntportaal.',
      'Klik op deze link om een wachtwoord te kiezen. De link werkt 7 dagen en maar één keer:',
      '',
      link,
      '',
      'Daarna krijgt u een sms-code op uw mobiele telefoon.',
    ].join('\n'),
    html: `<p>Beste ${escapeHtml(person.givenName)},</p>
<p>Er is een account voor u gemaakt in het cliëntportaal.</p>
<p><a href="${link}">Kies een wachtwoord</a></p>
<p>De link werkt 7 dagen en maar één keer. Daarna krijgt u een sms-code op uw mobiele telefoon.</p>`,
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

async function requireResetToken(ctx: AppContext, token: string) {
  const row = await repo.findEmailToken(ctx.db, hashToken(token));
  if (!row || row.purpose !== 'password_reset') throw linkInvalid();
  if (row.usedAt) throw linkUsed();
  if (row.expiresAt <= ctx.clock.now()) throw linkExpired();
  return row;
}

/** Tells the page whether the link still works, before the user types a new password. */
export async function checkResetLink(ctx: AppContext, token: string): Promise<void> {
  await requireResetToken(ctx, token);
}

/**
 * Takes the new password (checked against the policy), uses up the link and starts the SMS step.
 * The password is kept in the attempt and applied only after the right code.
 */
export async function completeReset(
  ctx: AppContext,
  token: string,
  password: string,
  origin: RequestOrigin,
): Promise<StartedAttempt> {
  const row = await requireResetToken(ctx, token);
  const person = await repo.findPersonById(ctx.db, row.personId);
  if (!person || person.status === 'disabled') throw linkInvalid();
  const verdict = checkNewPassword(password, {
    email: person.email,
    givenName: person.givenName,
    familyName: person.familyName,
    namePrefix: person.namePrefix,
  });
  if (!verdict.ok) throw passwordRejected(verdict.reason);
  if (!person.mobile) throw noMobile();
  if (!(await repo.useEmailToken(ctx.db, row.id, ctx.clock.now()))) throw linkUsed();
  return startAttempt(
    ctx,
    {
      personId: person.id,
      purpose: 'password_reset',
      mobile: person.mobile,
      pendingPasswordHash: await hashPassword(password),
    },
    origin,
  );
}

/** After the right code: the new password counts, every session and trusted device ends, and a mail says so. */
export async function applyReset(
  ctx: AppContext,
  personId: string,
  passwordHash: string,
  origin: RequestOrigin,
): Promise<void> {
  const now = ctx.clock.now();
  const person = await repo.findPersonById(ctx.db, personId);
  if (!person) throw linkInvalid();
  await ctx.db.transaction(async (tx) => {
    await repo.updatePerson(tx, personId, {
      passwordHash,
      passwordChangedAt: now,
      // An account made by the organisation (status invited) is activated by its first password.
      status: person.status === 'invited' ? 'active' : person.status,
    });
    await repo.endSessionsOf(tx, personId, now);
    await repo.revokeTrustedDevices(tx, personId, now);
    await repo.clearThrottle(tx, throttleKey(person.email));
    await recordAudit(tx, ctx.clock, origin, {
      action: 'auth.password_reset_completed',
      outcome: 'success',
      actorPersonId: personId,
    });
  });
  await sendPasswordChangedMail(ctx, person);
}

/** Tells the person, on their known address, that the password changed: an alarm if it was not them. */
export async function sendPasswordChangedMail(
  ctx: AppContext,
  person: { email: string; givenName: string },
): Promise<void> {
  await ctx.outbox.sendEmail({
    to: person.email,
    subject: 'Uw wachtwoord voor het cliëntportaal is gewijzigd',
    text: [
      `Beste ${person.givenName},`,
      '',
      'Het wachtwoord van uw account voor het cliëntportaal is zojuist gewijzigd.',
      'U bent op uw andere apparaten uitgelogd.',
      '',
      'Heeft u dit niet zelf gedaan? Neem dan meteen contact op met de helpdesk van uw zorgorganisatie.',
    ].join('\n'),
    html: `<p>Beste ${escapeHtml(person.givenName)},</p>
<p>Het wachtwoord van uw account voor het cliëntportaal is zojuist gewijzigd. U bent op uw andere apparaten uitgelogd.</p>
<p>Heeft u dit niet zelf gedaan? Neem dan meteen contact op met de helpdesk van uw zorgorganisatie.</p>`,
  });
}
