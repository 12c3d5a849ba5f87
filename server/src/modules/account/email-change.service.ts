/**
 * Changing the e-mail address one logs in with (R28, N3: V7.5.1): the password again, then a
 * single-use link to the new address. Only the link changes the address; until then the old one
 * keeps working for logging in. Afterwards the old address gets a notice, as an alarm for someone
 * whose account was taken over.
 */
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext, RequestOrigin } from '../../platform/context.js';
import { AppError, linkExpired, linkInvalid, linkUsed, validationFailed } from '../../platform/errors.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import * as authRepo from '../auth/auth.repository.js';
import { normaliseEmail } from '../auth/auth.service.js';
import { escapeHtml } from '../auth/password-reset.service.js';
import * as repo from './account.repository.js';
import { requireCurrentPassword } from './account.service.js';

/** A confirmation link works 24 hours: long enough to find the mail tomorrow morning. */
export const emailChangeLinkValidityMs = 24 * 3600_000;
export const emailMaxLength = 254;

/** A plain address check: something@domain.tld, no spaces, and nothing that could add a second recipient. */
const emailPattern = /^[^\s@,;:<>()[\]"'\\]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;

/**
 * Only at the confirmation: the address was free when the link went out, and another account took
 * it since. The person who opens the link reads the mailbox of that address, so this says nothing
 * new to them.
 */
export const emailUnavailable = () =>
  new AppError(409, 'email_unavailable', 'This e-mail address cannot be used any more. Choose another one.');

/** "p•••@example.nl": enough for the owner to recognise, not a whole address in someone's inbox. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

/**
 * Checks the password and the new address, then mails the new address. A newer request replaces
 * the links of older ones. Returns where the mail went and until when a link works.
 *
 * The answer, the pending request and the audit trail look the same whether or not another
 * account uses the address, so that a logged-in person cannot test addresses for an account. When
 * it is taken, its owner gets a mail without a link (someone tried to use your address; nothing
 * changes) and the address stays theirs; the request's link is never sent, so it cannot be used.
 */
export async function requestEmailChange(
  ctx: AppContext,
  actor: Actor,
  input: { password: string; email: string },
): Promise<{ email: string; expiresAt: Date }> {
  const email = normaliseEmail(input.email);
  if (!email) throw validationFailed([{ field: 'email', code: 'required', message: 'Fill in the new address.' }]);
  if (email.length > emailMaxLength || !emailPattern.test(email)) {
    throw validationFailed([
      { field: 'email', code: 'invalid_email', message: 'Fill in an e-mail address like naam@voorbeeld.nl.' },
    ]);
  }
  const person = await requireCurrentPassword(ctx, actor, input.password, 'account.email_change_requested');
  if (email === person.email) {
    throw validationFailed([{ field: 'email', code: 'same_email', message: 'This is the address you use now.' }]);
  }
  const taken = await repo.emailTakenByOther(ctx.db, email, person.id);

  const now = ctx.clock.now();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + emailChangeLinkValidityMs);
  const row = await ctx.db.transaction(async (tx) => {
    await repo.expireOpenEmailChanges(tx, person.id, now);
    const inserted = await authRepo.insertEmailToken(tx, {
      tokenHash: hashToken(token),
      personId: person.id,
      purpose: 'email_change',
      email,
      createdAt: now,
      expiresAt,
    });
    // Only the reason: the other account's id is not this person's to see.
    await recordAudit(tx, ctx.clock, actor, {
      action: 'account.email_change_requested',
      outcome: taken ? 'denied' : 'success',
      actorPersonId: actor.personId,
      objectType: 'email_token',
      objectId: inserted.id,
      ...(taken ? { details: { reason: 'address_in_use' } } : {}),
    });
    return inserted;
  });

  if (taken) await mailAddressInUse(ctx, email);
  else await mailConfirmationLink(ctx, email, token);
  return { email: row.email!, expiresAt };
}

/**
 * The address is not confirmed yet: it may be mistyped, so the mail names nobody, and no
 * organisation either (that someone is a client of, say, a mental-health organisation is personal).
 */
async function mailConfirmationLink(ctx: AppContext, email: string, token: string): Promise<void> {
  const link = `${ctx.config.publicUrl}/e-mail-bevestigen?token=${token}`;
  await ctx.outbox.sendEmail({
    to: email,
    subject: 'Bevestig uw nieuwe e-mailadres voor het cliëntportaal',
    text: [
      'Goedendag,',
      '',
      'U wilt dit e-mailadres gebruiken om in te loggen op het cliëntportaal.',
      'Klik op deze link om dat te bevestigen. De link werkt 24 uur en maar één keer:',
      '',
      link,
      '',
      'Pas daarna logt u in met dit e-mailadres. Tot die tijd blijft uw oude e-mailadres werken.',
      '',
      'Heeft u dit niet zelf gevraagd? Dan hoeft u niets te doen. Er verandert dan niets.',
    ].join('\n'),
    html: `<p>Goedendag,</p>
<p>U wilt dit e-mailadres gebruiken om in te loggen op het cliëntportaal.</p>
<p><a href="${link}">Bevestig mijn nieuwe e-mailadres</a></p>
<p>De link werkt 24 uur en maar één keer. Pas daarna logt u in met dit e-mailadres. Tot die tijd blijft uw oude e-mailadres werken.</p>
<p>Heeft u dit niet zelf gevraagd? Dan hoeft u niets te doen. Er verandert dan niets.</p>`,
  });
}

/**
 * To the owner of an address that another account asked for: no link, no names, no organisation
 * (who asked is not theirs to know, and the asker must not learn this address has an account).
 */
async function mailAddressInUse(ctx: AppContext, email: string): Promise<void> {
  const lines = [
    'Iemand heeft geprobeerd dit e-mailadres te gebruiken voor een ander account van het cliëntportaal.',
    'Dit e-mailadres hoort al bij uw account. Daarom verandert er niets: uw account blijft zoals het is, en het andere account krijgt dit e-mailadres niet.',
    'U hoeft niets te doen.',
  ];
  await ctx.outbox.sendEmail({
    to: email,
    subject: 'Iemand wilde uw e-mailadres gebruiken voor het cliëntportaal',
    text: ['Goedendag,', '', ...lines].join('\n'),
    html: ['<p>Goedendag,</p>', ...lines.map((l) => `<p>${escapeHtml(l)}</p>`)].join('\n'),
  });
}

/** "Heeft u dit niet zelf gedaan?": where to turn, in a notice after a change of login details. */
export function notYouHelp(organisation: repo.OrganisationRow | undefined): string {
  if (!organisation) return 'Neem dan meteen contact op met de helpdesk van uw zorgorganisatie.';
  const phone = organisation.phone ? ` of ${organisation.phone}` : '';
  return `Neem dan meteen contact op met de helpdesk van ${organisation.name}: ${organisation.helpdeskEmail}${phone}.`;
}

async function requireChangeToken(ctx: AppContext, token: string) {
  const row = await authRepo.findEmailToken(ctx.db, hashToken(token));
  if (!row || row.purpose !== 'email_change' || !row.email) throw linkInvalid();
  if (row.usedAt) throw linkUsed();
  if (row.expiresAt <= ctx.clock.now()) throw linkExpired();
  const person = await authRepo.findPersonById(ctx.db, row.personId);
  if (!person || person.status === 'disabled') throw linkInvalid();
  return { row, person, email: row.email };
}

/** Whether a confirmation link still works, and for which new address (the page shows it). */
export async function checkEmailLink(ctx: AppContext, token: string): Promise<{ email: string }> {
  const { email } = await requireChangeToken(ctx, token);
  return { email };
}

/**
 * The link was opened and confirmed: the new address counts from now on, also for logging in.
 * Works with or without a session (the link may be opened on another device). The old address
 * gets a notice that names the organisation, never a client.
 */
export async function confirmEmailChange(
  ctx: AppContext,
  token: string,
  origin: RequestOrigin,
): Promise<{ email: string }> {
  const { row, person, email } = await requireChangeToken(ctx, token);
  // Someone else may have taken the address since the link was sent.
  if (await repo.emailTakenByOther(ctx.db, email, person.id)) throw emailUnavailable();
  const now = ctx.clock.now();
  const oldEmail = person.email;
  try {
    await ctx.db.transaction(async (tx) => {
      if (!(await authRepo.useEmailToken(tx, row.id, now))) throw linkUsed();
      await authRepo.updatePerson(tx, person.id, { email });
      await recordAudit(tx, ctx.clock, origin, {
        action: 'account.email_changed',
        outcome: 'success',
        actorPersonId: person.id,
        objectType: 'email_token',
        objectId: row.id,
      });
    });
  } catch (err) {
    // The unique index: another account took the address between the check and the update.
    if (err instanceof AppError) throw err;
    if (await repo.emailTakenByOther(ctx.db, email, person.id)) throw emailUnavailable();
    throw err;
  }

  const [organisation] = await repo.listOrganisationsOf(ctx.db, person.id, now);
  const help = notYouHelp(organisation);
  const helpForm = `${ctx.config.publicUrl}/hulp`;
  await ctx.outbox.sendEmail({
    to: oldEmail,
    subject: 'Uw e-mailadres voor het cliëntportaal is gewijzigd',
    text: [
      `Beste ${person.givenName},`,
      '',
      `U logt voortaan op het cliëntportaal in met een ander e-mailadres: ${maskEmail(email)}.`,
      'Op dit e-mailadres krijgt u daarom geen berichten van het portaal meer.',
      '',
      `Heeft u dit niet zelf gedaan? ${help}`,
      `U kunt ook het hulpformulier gebruiken: ${helpForm}`,
    ].join('\n'),
    html: `<p>Beste ${escapeHtml(person.givenName)},</p>
<p>U logt voortaan op het cliëntportaal in met een ander e-mailadres: ${escapeHtml(maskEmail(email))}. Op dit e-mailadres krijgt u daarom geen berichten van het portaal meer.</p>
<p>Heeft u dit niet zelf gedaan? ${escapeHtml(help)} U kunt ook <a href="${helpForm}">het hulpformulier</a> gebruiken.</p>`,
  });
  return { email };
}
