/**
 * The public helpdesk form (R12): someone who cannot log in asks their care organisation's
 * helpdesk for help. Nobody is logged in, so everything here is written for strangers: the form
 * can be abused to flood a helpdesk or to send mail and SMS to other people, and is limited
 * accordingly.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext, RequestOrigin } from '../../platform/context.js';
import { validationFailed, type ErrorDetail } from '../../platform/errors.js';
import { normaliseMobile } from '../../platform/phone.js';
import { enforce, hit, type RateRule } from '../../platform/rate-limit.js';
import * as repo from './helpdesk.repository.js';

export interface HelpdeskInput {
  organisationId: string;
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  portalOf?: string | undefined;
  message: string;
  /** The honeypot: people never see it, robots fill it in. */
  website?: string | undefined;
}

export const helpdeskLimits = {
  nameLength: 200,
  portalOfLength: 200,
  messageLength: 2000,
  emailLength: 254,
  phoneLength: 40,
  phoneDigits: { min: 8, max: 15 },
  /** One person with a problem sends one or two; a care home shares one address, so not one. */
  perIp: { limit: 5, windowSeconds: 3600 },
  /** Far above a real helpdesk's load, low enough that a flood does not bury the real questions. */
  perOrganisation: { limit: 100, windowSeconds: 3600 },
  /** Confirmations to one address or number: the form must not become a way to pester someone. */
  confirmationsPerRecipient: { limit: 3, windowSeconds: 86400 },
  /** Confirmation SMS cost money and attract SMS-pumping fraud: a daily cap per organisation. */
  smsPerOrganisation: { limit: 50, windowSeconds: 86400 },
} as const;

/** The organisations the form can send to, sorted the Dutch way. */
export async function listOrganisations(ctx: AppContext): Promise<{ id: string; name: string }[]> {
  const rows = await repo.listOrganisations(ctx.db);
  const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Stores a question for the helpdesk, forwards it to the organisation's helpdesk address and
 * confirms receipt to the sender without repeating the content. Throws validation_failed with one
 * detail per field, or rate_limited.
 */
export async function submitRequest(ctx: AppContext, origin: RequestOrigin, input: HelpdeskInput): Promise<void> {
  const { values, details } = validate(input);
  const organisation = await repo.findOrganisation(ctx.db, input.organisationId);
  if (!organisation)
    details.unshift({
      field: 'organisationId',
      code: 'unknown_organisation',
      message: 'Choose the care organisation from the list.',
    });
  if (details.length || !values || !organisation) throw validationFailed(details);

  // Counted only for complete questions: someone who corrects a mistake is not blocked for it.
  const rules: RateRule[] = [{ key: `helpdesk:org:${organisation.id}`, ...helpdeskLimits.perOrganisation }];
  if (origin.ip) rules.push({ key: `helpdesk:ip:${origin.ip}`, ...helpdeskLimits.perIp });
  await enforce(ctx.db, ctx.clock, rules);

  // A robot gets the same answer as a person, so that it learns nothing; nothing is stored or sent.
  if (input.website?.trim()) {
    ctx.log.info({ organisationId: organisation.id }, 'helpdesk form: honeypot filled in, question dropped');
    return;
  }

  const receivedAt = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { id } = await repo.insertRequest(tx, {
      organisationId: organisation.id,
      ...values,
      createdAt: receivedAt,
      ip: origin.ip,
    });
    await recordAudit(tx, ctx.clock, origin, {
      action: 'helpdesk.request',
      outcome: 'success',
      actorRole: 'anonymous',
      organisationId: organisation.id,
      objectType: 'helpdesk_request',
      objectId: id,
      // How the sender can be reached, never what they wrote.
      details: { email: values.email !== null, phone: values.phone !== null },
    });
  });

  // Only after the commit: on PGlite a queued mail inside the transaction would wait forever.
  await ctx.outbox.sendEmail({
    to: organisation.helpdeskEmail,
    subject: 'Hulpvraag via het cliëntportaal',
    text: helpdeskMailText(organisation.name, values, receivedAt),
  });
  await sendConfirmation(ctx, organisation, values);
}

interface CleanRequest {
  name: string;
  email: string | null;
  phone: string | null;
  portalOf: string | null;
  message: string;
}

/** One line of text: control characters and line breaks become spaces, outer spaces go. */
const singleLine = (value: string | undefined) => (value ?? '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
/** Characters as a person counts them: an emoji is one. */
const length = (value: string) => [...value].length;
/** A plain address check: something@domain.tld, no spaces, and nothing that could add a second recipient. */
const emailPattern = /^[^\s@,;:<>()[\]"'\\]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;

function validate(input: HelpdeskInput): { values: CleanRequest | undefined; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  const name = singleLine(input.name);
  const email = singleLine(input.email);
  const phone = singleLine(input.phone);
  const portalOf = singleLine(input.portalOf);
  // Line breaks are part of a message; other control characters are not.
  const message = input.message
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();

  if (!name) details.push({ field: 'name', code: 'required', message: 'Fill in your name.' });
  else if (length(name) > helpdeskLimits.nameLength)
    details.push({
      field: 'name',
      code: 'too_long',
      message: `Use at most ${helpdeskLimits.nameLength} characters.`,
    });

  if (!email && !phone) {
    const detail = { code: 'contact_required', message: 'Fill in an e-mail address or a phone number, or both.' };
    details.push({ field: 'email', ...detail }, { field: 'phone', ...detail });
  }
  if (email && (email.length > helpdeskLimits.emailLength || !emailPattern.test(email)))
    details.push({
      field: 'email',
      code: 'invalid_email',
      message: 'Fill in an e-mail address like naam@voorbeeld.nl.',
    });
  const digits = phone.replace(/\D/g, '').length;
  if (
    phone &&
    (phone.length > helpdeskLimits.phoneLength ||
      digits < helpdeskLimits.phoneDigits.min ||
      digits > helpdeskLimits.phoneDigits.max)
  )
    details.push({ field: 'phone', code: 'invalid_phone', message: 'Fill in a phone number of 8 to 15 digits.' });

  if (length(portalOf) > helpdeskLimits.portalOfLength)
    details.push({
      field: 'portalOf',
      code: 'too_long',
      message: `Use at most ${helpdeskLimits.portalOfLength} characters.`,
    });

  if (!message) details.push({ field: 'message', code: 'required', message: 'Describe your problem.' });
  else if (length(message) > helpdeskLimits.messageLength)
    details.push({
      field: 'message',
      code: 'too_long',
      message: `Use at most ${helpdeskLimits.messageLength} characters.`,
    });

  if (details.length) return { values: undefined, details };
  return {
    values: { name, email: email || null, phone: phone || null, portalOf: portalOf || null, message },
    details,
  };
}

const dutchDateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** The sender's own words and details: no dossier data, so they may go by mail. */
function helpdeskMailText(organisationName: string, request: CleanRequest, receivedAt: Date): string {
  return [
    `Via het helpdeskformulier van het cliëntportaal is een hulpvraag gesteld aan ${organisationName}.`,
    '',
    `Naam: ${request.name}`,
    `E-mail: ${request.email ?? 'niet ingevuld'}`,
    `Telefoon: ${request.phone ?? 'niet ingevuld'}`,
    `Over het portaal van: ${request.portalOf ?? 'niet ingevuld'}`,
    `Ontvangen: ${dutchDateTime.format(receivedAt)}`,
    '',
    'Vraag:',
    request.message,
    '',
    'Neem contact op met de afzender via het e-mailadres of telefoonnummer hierboven.',
    'Het formulier is openbaar: controleer wie u spreekt voordat u gegevens van een cliënt deelt.',
  ].join('\n');
}

/**
 * Tells the sender that the question arrived. It repeats nothing they typed, not even their name:
 * anyone can fill in someone else's address, and the mail must not carry a stranger's text.
 */
async function sendConfirmation(
  ctx: AppContext,
  organisation: { id: string; name: string },
  request: CleanRequest,
): Promise<void> {
  const text = `We hebben uw vraag ontvangen. De helpdesk van ${organisation.name} neemt contact met u op.`;
  const allowed = async (rule: RateRule) => (await hit(ctx.db, ctx.clock, rule)).allowed;
  // The counters are keyed by a hash: the rate-limit table need not hold addresses and numbers.
  const recipientKey = (to: string) =>
    `helpdesk:confirm:${createHash('sha256').update(to.toLowerCase()).digest('hex')}`;
  const perRecipient = helpdeskLimits.confirmationsPerRecipient;
  try {
    if (request.email) {
      if (!(await allowed({ key: recipientKey(request.email), ...perRecipient }))) return;
      await ctx.outbox.sendEmail({
        to: request.email,
        subject: 'We hebben uw vraag ontvangen',
        text: [
          'Goedendag,',
          '',
          text,
          '',
          'Heeft u geen vraag gesteld aan de helpdesk? Dan kunt u deze e-mail negeren.',
          '',
          'Met vriendelijke groet,',
          organisation.name,
        ].join('\n'),
      });
      return;
    }
    // Only a mobile number can get an SMS; for a landline the confirmation on screen is all.
    const mobile = request.phone ? normaliseMobile(request.phone) : undefined;
    if (!mobile) return;
    if (!(await allowed({ key: recipientKey(mobile), ...perRecipient }))) return;
    if (!(await allowed({ key: `helpdesk:sms:org:${organisation.id}`, ...helpdeskLimits.smsPerOrganisation }))) return;
    await ctx.outbox.sendSms({ to: mobile, body: text });
  } catch (err) {
    // The question is stored and forwarded; a confirmation that fails must not make the sender
    // send it again.
    ctx.log.warn({ err, organisationId: organisation.id }, 'helpdesk form: confirmation not sent');
  }
}
