/**
 * "Wijziging doorgeven" (R29): name, address and date of birth are kept by the care organisation,
 * so a person asks the organisation's mailbox to change them. The request is stored and mailed.
 */
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext } from '../../platform/context.js';
import { AppError, unauthenticated, validationFailed } from '../../platform/errors.js';
import { formatName } from '../../platform/names.js';
import { enforce } from '../../platform/rate-limit.js';
import * as authRepo from '../auth/auth.repository.js';
import * as repo from './account.repository.js';
import { organisationFor } from './profile.service.js';

export const changeRequestLimits = {
  messageLength: 2000,
  /** A person with a real change sends one or two; more is a mistake or abuse of the mailbox. */
  perPerson: { limit: 5, windowSeconds: 3600 },
} as const;

export const noOrganisation = () =>
  new AppError(409, 'no_organisation', 'You are not linked to a care organisation that could receive this.');

const dutchDateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** Line breaks are part of a message; other control characters are not. */
const cleanMessage = (value: string) =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();

/**
 * Stores the request and sends it to the mailbox of the organisation of the open portal (or the
 * person's first organisation). The mail holds what the person typed and who they are, nothing
 * of a client's portal. The person gets a confirmation that repeats nothing.
 */
export async function submitChangeRequest(
  ctx: AppContext,
  actor: Actor,
  input: { message: string; clientId?: string | undefined },
): Promise<{ sentTo: string; organisationName: string; createdAt: Date }> {
  const message = cleanMessage(input.message);
  if (!message) throw validationFailed([{ field: 'message', code: 'required', message: 'Describe the change.' }]);
  if ([...message].length > changeRequestLimits.messageLength) {
    throw validationFailed([
      {
        field: 'message',
        code: 'too_long',
        message: `Use at most ${changeRequestLimits.messageLength} characters.`,
      },
    ]);
  }
  const person = await authRepo.findPersonById(ctx.db, actor.personId);
  if (!person) throw unauthenticated();
  const organisation = await organisationFor(ctx, actor, input.clientId);
  if (!organisation) throw noOrganisation();
  await enforce(ctx.db, ctx.clock, [{ key: `change-request:${actor.personId}`, ...changeRequestLimits.perPerson }]);

  const createdAt = ctx.clock.now();
  const request = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertChangeRequest(tx, {
      personId: person.id,
      organisationId: organisation.id,
      clientId: input.clientId ?? null,
      message,
      sentTo: organisation.dataChangeMailbox,
      createdAt,
    });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'account.data_change_requested',
      outcome: 'success',
      actorPersonId: actor.personId,
      clientId: input.clientId ?? null,
      organisationId: organisation.id,
      objectType: 'data_change_request',
      objectId: row.id,
    });
    return row;
  });

  // After the commit: on PGlite a queued mail inside the transaction would wait forever.
  await ctx.outbox.sendEmail({
    to: organisation.dataChangeMailbox,
    subject: 'Wijziging van persoonsgegevens doorgegeven via het cliëntportaal',
    text: [
      `Via het cliëntportaal vraagt een gebruiker ${organisation.name} om persoonsgegevens te wijzigen.`,
      '',
      `Naam: ${formatName(person)}`,
      `E-mail: ${person.email}`,
      `Mobiel: ${person.mobile ?? 'niet bekend'}`,
      `Kenmerk: ${request.id}`,
      `Ontvangen: ${dutchDateTime.format(createdAt)}`,
      '',
      'Wat er gewijzigd moet worden:',
      message,
      '',
      'Neem bij twijfel contact op met de gebruiker voordat u iets wijzigt.',
    ].join('\n'),
  });
  try {
    await ctx.outbox.sendEmail({
      to: person.email,
      subject: 'Uw wijziging is doorgegeven',
      text: [
        `Beste ${person.givenName},`,
        '',
        `We hebben uw wijziging doorgegeven aan ${organisation.name}. Zij passen uw gegevens aan of nemen contact met u op.`,
        '',
        'Heeft u dit niet zelf gedaan? Neem dan contact op met uw zorgorganisatie.',
      ].join('\n'),
    });
  } catch (err) {
    // The request is stored and sent; a confirmation that fails must not make the person send it again.
    ctx.log.warn({ err }, 'change request: confirmation not sent');
  }
  return { sentTo: organisation.dataChangeMailbox, organisationName: organisation.name, createdAt };
}
