/**
 * Changing the mobile number the login codes go to (R28, N3: V7.5.1): the password again, then an
 * SMS code to the new number, with the same validity, tries and limits as the login's code. Only
 * the right code changes the number; until then login codes keep going to the old one. The
 * attempt has its own purpose, so its code can never finish a login, and the other way round.
 */
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext } from '../../platform/context.js';
import { attemptNotFound, validationFailed } from '../../platform/errors.js';
import { maskMobile, normaliseMobile } from '../../platform/phone.js';
import type { AttemptPurpose } from '../../platform/schema.js';
import { hashToken } from '../../platform/tokens.js';
import * as authRepo from '../auth/auth.repository.js';
import { escapeHtml } from '../auth/password-reset.service.js';
import {
  getAttempt,
  resendCode,
  startAttempt,
  verifyCode,
  type AttemptView,
  type StartedAttempt,
} from '../auth/verification.service.js';
import * as repo from './account.repository.js';
import { requireCurrentPassword } from './account.service.js';
import { notYouHelp } from './email-change.service.js';

const mobileChange: readonly AttemptPurpose[] = ['mobile_change'];

/**
 * Checks the password and the new number and sends a code to the new number. Returns the
 * attempt's token (for its own cookie) and what the code step shows.
 */
export async function startMobileChange(
  ctx: AppContext,
  actor: Actor,
  input: { password: string; mobile: string },
): Promise<StartedAttempt> {
  if (!input.mobile.trim()) {
    throw validationFailed([{ field: 'mobile', code: 'required', message: 'Fill in the new mobile number.' }]);
  }
  const mobile = normaliseMobile(input.mobile);
  if (!mobile) {
    throw validationFailed([
      { field: 'mobile', code: 'invalid_mobile', message: 'Fill in a mobile number like 06 12345678.' },
    ]);
  }
  const person = await requireCurrentPassword(ctx, actor, input.password, 'account.mobile_change_requested');
  if (mobile === person.mobile) {
    throw validationFailed([{ field: 'mobile', code: 'same_mobile', message: 'This is the number you use now.' }]);
  }
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'account.mobile_change_requested',
    outcome: 'success',
    actorPersonId: actor.personId,
  });
  return startAttempt(ctx, { personId: person.id, purpose: 'mobile_change', mobile }, actor);
}

/** The attempt must be a mobile change of this very person: another person's cookie is no use. */
async function requireOwnAttempt(ctx: AppContext, actor: Actor, token: string | undefined): Promise<void> {
  const attempt = token ? await authRepo.findOpenAttempt(ctx.db, hashToken(token), ctx.clock.now()) : undefined;
  if (!attempt || attempt.purpose !== 'mobile_change' || attempt.personId !== actor.personId) {
    throw attemptNotFound();
  }
}

/** The code step in progress (after a reload of the page). */
export async function getMobileChange(ctx: AppContext, actor: Actor, token: string | undefined): Promise<AttemptView> {
  await requireOwnAttempt(ctx, actor, token);
  return getAttempt(ctx, token, mobileChange);
}

/** "Stuur een nieuwe code", with the login's limits. */
export async function resendMobileCode(ctx: AppContext, actor: Actor, token: string | undefined): Promise<AttemptView> {
  await requireOwnAttempt(ctx, actor, token);
  return resendCode(ctx, token, actor, mobileChange);
}

/**
 * The right code: the number changes now, login codes go to the new number from here on (a login
 * or reset still waiting for a code to the old number ends), and a mail tells the person. Returns the new number.
 */
export async function verifyMobileChange(
  ctx: AppContext,
  actor: Actor,
  token: string | undefined,
  code: string,
): Promise<{ mobile: string }> {
  await requireOwnAttempt(ctx, actor, token);
  const attempt = await verifyCode(ctx, token, code, actor, mobileChange);
  const person = await authRepo.findPersonById(ctx.db, actor.personId);
  if (!person) throw attemptNotFound();
  await ctx.db.transaction(async (tx) => {
    await authRepo.updatePerson(tx, person.id, { mobile: attempt.mobile });
    // A login or reset begun before the change would resend its codes to the old number.
    if (person.mobile) await authRepo.endOpenAttemptsTo(tx, person.id, person.mobile, ctx.clock.now());
    await recordAudit(tx, ctx.clock, actor, {
      action: 'account.mobile_changed',
      outcome: 'success',
      actorPersonId: person.id,
      objectType: 'login_attempt',
      objectId: attempt.id,
    });
  });

  const [organisation] = await repo.listOrganisationsOf(ctx.db, person.id, ctx.clock.now());
  const help = notYouHelp(organisation);
  await ctx.outbox.sendEmail({
    to: person.email,
    subject: 'Uw mobiele nummer voor het cliëntportaal is gewijzigd',
    text: [
      `Beste ${person.givenName},`,
      '',
      `De sms-codes voor het cliëntportaal gaan voortaan naar een ander mobiel nummer: ${maskMobile(attempt.mobile)}.`,
      '',
      `Heeft u dit niet zelf gedaan? ${help}`,
    ].join('\n'),
    html: `<p>Beste ${escapeHtml(person.givenName)},</p>
<p>De sms-codes voor het cliëntportaal gaan voortaan naar een ander mobiel nummer: ${escapeHtml(maskMobile(attempt.mobile))}.</p>
<p>Heeft u dit niet zelf gedaan? ${escapeHtml(help)}</p>`,
  });
  return { mobile: attempt.mobile };
}
