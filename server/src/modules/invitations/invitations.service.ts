/**
 * Invitations (I2): an organisation admin creates a client's portal and invites its first
 * contact person (or the client); the invitee chooses a password, confirms the mobile number with
 * an SMS code and lands in the portal. Managers of a network invite the rest (network-invitations
 * in the network module). A person who already has an account joins with it: they log in and
 * accept, and nothing of their account changes.
 */
import { recordAudit, type ActorRole } from '../../platform/audit.js';
import type { Actor, AppContext, RequestOrigin } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db.js';
import { AppError, linkExpired, linkInvalid, linkUsed, notFound, validationFailed } from '../../platform/errors.js';
import { formatName } from '../../platform/names.js';
import { hashPassword } from '../../platform/passwords.js';
import { checkNewPassword, passwordRejected } from '../../platform/password-policy.js';
import {
  defaultContactPermissions,
  isPermission,
  permissions as allPermissions,
  type Permission,
} from '../../platform/permissions.js';
import { maskMobile, normaliseMobile } from '../../platform/phone.js';
import type { Relation } from '../../platform/schema.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { escapeHtml } from '../auth/password-reset.service.js';
import { startAttempt, type Attempt, type StartedAttempt } from '../auth/verification.service.js';
import * as repo from './invitations.repository.js';

export const invitationValidityMs = 7 * 24 * 3600_000;

export interface InviteeInput {
  givenName: string;
  namePrefix?: string | null;
  familyName: string;
  email: string;
  mobile: string;
  relation: Relation;
  relationLabel?: string | null;
  /** Ignored for the client self, who holds every right. */
  permissions?: Permission[];
}

export interface ClientInput {
  givenName: string;
  namePrefix?: string | null;
  familyName: string;
  dateOfBirth?: string | null;
  departmentId?: string | null;
  ecdId?: string | null;
}

/** Who sends an invitation: a person (admin or network manager), or the command line. */
export interface Inviter {
  personId: string | null;
  role: ActorRole;
  origin: RequestOrigin | null;
}

/**
 * Runs first in the transaction that changes an invitation, before any of its rows is locked (the
 * order is always: the network, then the person, then the invitation). The network module checks
 * there that the manager still manages, once no other manager can change that any more.
 */
export type InvitationGuard = (tx: DbOrTx) => Promise<void>;

export const alreadyMember = () =>
  new AppError(409, 'already_member', 'This person is already in the network. Change their rights instead.');
export const invitationOtherPerson = () =>
  new AppError(
    403,
    'invitation_other_person',
    'This invitation is for another account. Log out and log in with the address the invitation was sent to.',
  );
export const logInToAccept = () =>
  new AppError(409, 'log_in_to_accept', 'This address already has an account. Log in to accept the invitation.');

/** The first contact person gets what they need to run the network, but no dossier unless chosen (R26, R27). */
export const firstContactPermissions: Permission[] = [...defaultContactPermissions, 'network:manage'];

/** Creates the client's portal in the organisation and invites its first person. */
export async function createPortal(
  ctx: AppContext,
  organisationId: string,
  client: ClientInput,
  invitee: InviteeInput,
  inviter: Inviter,
): Promise<{ clientId: string; invitationId: string }> {
  if (client.departmentId) {
    const department = await repo.findDepartment(ctx.db, client.departmentId);
    if (!department || department.organisationId !== organisationId) {
      throw validationFailed([{ field: 'client.departmentId', code: 'unknown', message: 'Unknown department' }]);
    }
  }
  const created = await repo.insertClient(ctx.db, {
    organisationId,
    givenName: client.givenName.trim(),
    namePrefix: client.namePrefix?.trim() || null,
    familyName: client.familyName.trim(),
    dateOfBirth: client.dateOfBirth ?? null,
    departmentId: client.departmentId ?? null,
    ecdId: client.ecdId ?? null,
  });
  await recordAudit(ctx.db, ctx.clock, inviter.origin, {
    action: 'portal.created',
    outcome: 'success',
    actorPersonId: inviter.personId,
    actorRole: inviter.role,
    clientId: created.id,
    organisationId,
    objectType: 'client',
    objectId: created.id,
  });
  const invitationId = await invite(ctx, created.id, invitee, inviter);
  return { clientId: created.id, invitationId };
}

/** Invites a person into a client's network and mails them a single-use link, valid 7 days. */
export async function invite(
  ctx: AppContext,
  clientId: string,
  input: InviteeInput,
  inviter: Inviter,
): Promise<string> {
  return (await createInvitation(ctx, clientId, input, inviter)).invitationId;
}

export interface CreatedInvitation {
  invitationId: string;
  expiresAt: Date;
}

/**
 * Invites a person into a client's network and mails them a single-use link, valid 7 days. An
 * address without an account gets a new one (status invited) with the name and mobile number
 * given; a person who already has an account joins with it, and their own data stays as it is.
 * The answer is the same either way, so the inviter does not learn whether an address has an
 * account. An open invitation of the same person into this network is replaced: its link stops
 * working. A person already in the network cannot be invited (409 already_member).
 */
export async function createInvitation(
  ctx: AppContext,
  clientId: string,
  input: InviteeInput & { accessEndsAt?: Date | null },
  inviter: Inviter,
  guard?: InvitationGuard,
): Promise<CreatedInvitation> {
  const client = await repo.findClient(ctx.db, clientId);
  if (!client) throw linkInvalid();
  const organisation = (await repo.findOrganisation(ctx.db, client.organisationId))!;
  const email = input.email.trim().toLowerCase();
  const mobile = normaliseMobile(input.mobile);
  if (!mobile) {
    throw validationFailed([{ field: 'mobile', code: 'invalid_mobile', message: 'Not a mobile number' }]);
  }
  const names = {
    givenName: input.givenName.trim(),
    namePrefix: input.namePrefix?.trim() || null,
    familyName: input.familyName.trim(),
  };
  const now = ctx.clock.now();
  const token = newToken();
  const permissions =
    input.relation === 'self' ? [...allPermissions] : [...(input.permissions ?? defaultContactPermissions)];

  const created = await ctx.db.transaction(async (tx) => {
    await guard?.(tx);
    let person = await repo.lockPersonByEmail(tx, email);
    if (!person) {
      await repo.insertPersonIfAbsent(tx, { ...names, email, mobile, status: 'invited' });
      person = (await repo.lockPersonByEmail(tx, email))!;
    } else if (person.status === 'invited') {
      // Never finished: the newest invitation says best who this is.
      await repo.updatePerson(tx, person.id, { ...names, mobile });
      person = { ...person, ...names, mobile };
    } else if (await repo.hasActiveMembership(tx, person.id, clientId, now)) {
      throw alreadyMember();
    }
    const replaced = await repo.revokeOpenInvitations(tx, person.id, clientId, now);
    const invitation = await repo.insertInvitation(tx, {
      tokenHash: hashToken(token),
      personId: person.id,
      clientId,
      relation: input.relation,
      relationLabel: input.relationLabel?.trim() || null,
      permissions,
      invitedBy: inviter.personId,
      inviterRole: inviter.role,
      ...names,
      accessEndsAt: input.relation === 'self' ? null : (input.accessEndsAt ?? null),
      createdAt: now,
      expiresAt: new Date(now.getTime() + invitationValidityMs),
    });
    await recordAudit(tx, ctx.clock, inviter.origin, {
      action: 'network.invited',
      outcome: 'success',
      actorPersonId: inviter.personId,
      actorRole: inviter.role,
      clientId,
      organisationId: client.organisationId,
      objectType: 'invitation',
      objectId: invitation.id,
      details: {
        relation: input.relation,
        permissions: invitation.permissions,
        accessEndsAt: invitation.accessEndsAt?.toISOString() ?? null,
        ...(replaced.length ? { replaces: replaced } : {}),
      },
    });
    return { invitation, person };
  });

  await mailInvitation(ctx, created.person, organisation.name, token);
  return { invitationId: created.invitation.id, expiresAt: created.invitation.expiresAt };
}

/**
 * Sends an open invitation again: a new link, valid 7 days from now; the old link stops working.
 * 404 when the invitation is not open in this client's network. `check` sees the invitation
 * before anything changes (for example: may this manager grant its rights?). Who sends it again
 * becomes its inviter: they vouch for its rights now (see ADR 009).
 */
export async function resendInvitation(
  ctx: AppContext,
  clientId: string,
  invitationId: string,
  inviter: Inviter,
  check: (invitation: { permissions: string[]; accessEndsAt: Date | null }) => void = () => {},
  guard?: InvitationGuard,
): Promise<CreatedInvitation> {
  const now = ctx.clock.now();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + invitationValidityMs);
  const client = await repo.findClient(ctx.db, clientId);
  const organisation = client ? await repo.findOrganisation(ctx.db, client.organisationId) : undefined;
  const person = await ctx.db.transaction(async (tx) => {
    await guard?.(tx);
    const row = await repo.findOpenInvitation(tx, clientId, invitationId, now);
    if (!row) throw notFound('invitation');
    check(row.invitation);
    await repo.updateInvitation(tx, invitationId, {
      tokenHash: hashToken(token),
      expiresAt,
      invitedBy: inviter.personId,
      inviterRole: inviter.role,
    });
    await recordAudit(tx, ctx.clock, inviter.origin, {
      action: 'network.invitation_resent',
      outcome: 'success',
      actorPersonId: inviter.personId,
      actorRole: inviter.role,
      clientId,
      organisationId: organisation?.id ?? null,
      objectType: 'invitation',
      objectId: invitationId,
      details: { permissions: row.invitation.permissions },
    });
    return row.person;
  });
  await mailInvitation(ctx, person, organisation?.name ?? 'uw zorgorganisatie', token);
  return { invitationId, expiresAt };
}

/** Withdraws an open invitation: its link answers link_invalid from now on. 404 when it is not open here. */
export async function withdrawInvitation(
  ctx: AppContext,
  clientId: string,
  invitationId: string,
  inviter: Inviter,
  guard?: InvitationGuard,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await guard?.(tx);
    const row = await repo.findOpenInvitation(tx, clientId, invitationId, now);
    if (!row) throw notFound('invitation');
    await repo.updateInvitation(tx, invitationId, { revokedAt: now });
    const client = await repo.findClient(tx, clientId);
    await recordAudit(tx, ctx.clock, inviter.origin, {
      action: 'network.invitation_withdrawn',
      outcome: 'success',
      actorPersonId: inviter.personId,
      actorRole: inviter.role,
      clientId,
      organisationId: client?.organisationId ?? null,
      objectType: 'invitation',
      objectId: invitationId,
    });
  });
}

/**
 * The mail names the organisation, never the client (nothing of a portal in an e-mail), and never
 * who invited: that could be the client. A person with an account logs in to accept; a new person
 * makes their account.
 */
async function mailInvitation(
  ctx: AppContext,
  person: { email: string; givenName: string; status: string },
  organisationName: string,
  token: string,
): Promise<void> {
  const link = `${ctx.config.publicUrl}/uitnodiging?token=${token}`;
  const retry = 'Werkt de link niet meer? Vraag dan een nieuwe uitnodiging aan bij wie u heeft uitgenodigd.';
  if (person.status !== 'invited') {
    await ctx.outbox.sendEmail({
      to: person.email,
      subject: 'Uitnodiging voor een portaal',
      text: [
        `Beste ${person.givenName},`,
        '',
        `U bent uitgenodigd voor een portaal van ${organisationName}.`,
        'U heeft al een account. Klik op deze link, log in met uw eigen e-mailadres en wachtwoord en neem de uitnodiging aan. De link werkt 7 dagen en maar één keer:',
        '',
        link,
        '',
        retry,
      ].join('\n'),
      html: `<p>Beste ${escapeHtml(person.givenName)},</p>
<p>U bent uitgenodigd voor een portaal van ${escapeHtml(organisationName)}.</p>
<p>U heeft al een account. Log in met uw eigen e-mailadres en wachtwoord en neem de uitnodiging aan.</p>
<p><a href="${link}">Uitnodiging bekijken</a></p>
<p>De link werkt 7 dagen en maar één keer.</p>
<p>${escapeHtml(retry)}</p>`,
    });
    return;
  }
  await ctx.outbox.sendEmail({
    to: person.email,
    subject: 'Uitnodiging voor het cliëntportaal',
    text: [
      `Beste ${person.givenName},`,
      '',
      `U bent uitgenodigd voor het cliëntportaal van ${organisationName}.`,
      'Klik op deze link om uw account te maken. De link werkt 7 dagen en maar één keer:',
      '',
      link,
      '',
      'U kiest dan een wachtwoord en u krijgt een sms-code op uw mobiele telefoon.',
      retry,
    ].join('\n'),
    html: `<p>Beste ${escapeHtml(person.givenName)},</p>
<p>U bent uitgenodigd voor het cliëntportaal van ${escapeHtml(organisationName)}.</p>
<p><a href="${link}">Maak uw account</a></p>
<p>De link werkt 7 dagen en maar één keer. U kiest dan een wachtwoord en u krijgt een sms-code op uw mobiele telefoon.</p>
<p>${escapeHtml(retry)}</p>`,
  });
}

async function requireInvitation(ctx: AppContext, token: string) {
  const row = await repo.findInvitationByTokenHash(ctx.db, hashToken(token));
  if (!row || row.invitation.revokedAt) throw linkInvalid();
  if (row.invitation.acceptedAt) throw linkUsed();
  const now = ctx.clock.now();
  // An access that would already have ended is of no use any more: ask for a new invitation.
  if (row.invitation.expiresAt <= now || (row.invitation.accessEndsAt && row.invitation.accessEndsAt <= now)) {
    throw linkExpired();
  }
  // Said at once, so that nobody chooses a password for an invitation that no longer holds.
  await rightsAtAcceptance(ctx.db, row.invitation, now);
  return row;
}

type InvitationRow = NonNullable<Awaited<ReturnType<typeof repo.findInvitation>>>;

/**
 * The rights the invitation gives when it is accepted now. It keeps the rights the inviter chose,
 * as far as the inviter still holds them: a manager who invited must still manage the network
 * (an active member with network:manage), or the invitation is void (link_invalid); a right they
 * lost since is not given. The client self holds every right. Invitations of an organisation
 * admin or the command line stand as they are. In a transaction, the inviter's place stays locked
 * until it ends; take it before the invitee's rows (see InvitationGuard).
 */
async function rightsAtAcceptance(db: DbOrTx, invitation: InvitationRow, now: Date): Promise<string[]> {
  if (!invitation.invitedBy || invitation.inviterRole === 'organisation_admin') return invitation.permissions;
  const inviter = await repo.lockActiveMembership(db, invitation.invitedBy, invitation.clientId, now);
  const held: readonly string[] = !inviter
    ? []
    : inviter.relation === 'self'
      ? allPermissions
      : inviter.permissions.filter(isPermission);
  if (!held.includes('network:manage')) throw linkInvalid();
  return invitation.permissions.filter((p) => held.includes(p));
}

export interface InvitationView {
  givenName: string;
  email: string;
  maskedMobile: string | null;
  clientName: string;
  relation: Relation;
  organisationName: string;
  expiresAt: Date;
  /** The invitee already has an account: they log in and accept, and choose no password here. */
  existingAccount: boolean;
}

/** What the invitation page shows before the invitee chooses a password. */
export async function getInvitation(ctx: AppContext, token: string): Promise<InvitationView> {
  const row = await requireInvitation(ctx, token);
  return {
    givenName: row.person.givenName,
    email: row.person.email,
    maskedMobile: row.person.mobile ? maskMobile(row.person.mobile) : null,
    clientName: formatName(row.client),
    relation: row.invitation.relation,
    organisationName: row.organisationName,
    expiresAt: row.invitation.expiresAt,
    existingAccount: row.person.status !== 'invited',
  };
}

/**
 * Takes the chosen password (and, when given, a corrected mobile number) and sends the SMS code
 * that confirms the number: the invitee's first-login SMS (R7).
 */
export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  input: { password: string; mobile?: string },
  origin: RequestOrigin,
): Promise<StartedAttempt> {
  const row = await requireInvitation(ctx, token);
  // Never a new password for an account that exists: its owner logs in and joins (joinInvitation).
  if (row.person.status !== 'invited') throw logInToAccept();
  const organisation = await repo.findOrganisation(
    ctx.db,
    (await repo.findClient(ctx.db, row.client.id))!.organisationId,
  );
  const verdict = checkNewPassword(input.password, {
    email: row.person.email,
    givenName: row.person.givenName,
    familyName: row.person.familyName,
    namePrefix: row.person.namePrefix,
    organisationName: organisation?.name,
  });
  if (!verdict.ok) throw passwordRejected(verdict.reason);
  const mobile = input.mobile ? normaliseMobile(input.mobile) : row.person.mobile;
  if (!mobile) throw validationFailed([{ field: 'mobile', code: 'invalid_mobile', message: 'Not a mobile number' }]);
  return startAttempt(
    ctx,
    {
      personId: row.person.id,
      purpose: 'invitation',
      mobile,
      pendingPasswordHash: await hashPassword(input.password),
      invitationId: row.invitation.id,
    },
    origin,
  );
}

/** After the right code: the account is active with the confirmed number, and the person is in the network. */
export async function completeInvitation(ctx: AppContext, attempt: Attempt, origin: RequestOrigin): Promise<void> {
  const invitation = attempt.invitationId ? await repo.findInvitation(ctx.db, attempt.invitationId) : undefined;
  const now = ctx.clock.now();
  if (!invitation || invitation.revokedAt) throw linkInvalid();
  if (invitation.acceptedAt) throw linkUsed();
  if (invitation.expiresAt <= now || (invitation.accessEndsAt && invitation.accessEndsAt <= now)) throw linkExpired();
  await ctx.db.transaction(async (tx) => {
    const permissions = await rightsAtAcceptance(tx, invitation, now);
    // The account may have been finished through another invitation since this code was sent (two
    // portals invited the same address): its password and number are then the owner's, and stay.
    const activated = await repo.activateInvitedPerson(tx, attempt.personId, {
      passwordHash: attempt.pendingPasswordHash,
      passwordChangedAt: now,
      mobile: attempt.mobile,
    });
    if (!activated) throw logInToAccept();
    await joinNetwork(ctx, tx, invitation, permissions, attempt.personId, origin);
  });
}

/**
 * A person who already has an account accepts an invitation while logged in: they join the network
 * with their own account, which stays as it is. Only the person the invitation is for may accept it
 * (403 invitation_other_person). Returns the client whose portal they joined.
 */
export async function joinInvitation(ctx: AppContext, actor: Actor, token: string): Promise<{ clientId: string }> {
  const row = await requireInvitation(ctx, token);
  if (row.person.id !== actor.personId) {
    await recordAudit(ctx.db, ctx.clock, actor, {
      action: 'network.invitation_accepted',
      outcome: 'denied',
      actorPersonId: actor.personId,
      clientId: row.client.id,
      objectType: 'invitation',
      objectId: row.invitation.id,
      details: { reason: 'other_person' },
    });
    throw invitationOtherPerson();
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // The inviter's place first, then the invitation: the order every change of an invitation takes.
    let permissions = await rightsAtAcceptance(tx, row.invitation, now);
    // Accepted once: a second press (or a second tab) finds the invitation used.
    const open = await repo.findOpenInvitation(tx, row.client.id, row.invitation.id, now);
    if (!open) throw linkUsed();
    // Sent again by another manager in the meantime: that one is its inviter now.
    if (open.invitation.invitedBy !== row.invitation.invitedBy) {
      permissions = await rightsAtAcceptance(tx, open.invitation, now);
    }
    await joinNetwork(ctx, tx, open.invitation, permissions, actor.personId, actor);
  });
  return { clientId: row.client.id };
}

/**
 * Puts the person in the network with the invitation's relation and end date, and the rights it
 * gives now (rightsAtAcceptance). A person who was removed or whose access ended gets the same
 * membership back, with the new rights.
 */
async function joinNetwork(
  ctx: AppContext,
  tx: DbOrTx,
  invitation: InvitationRow,
  permissions: string[],
  personId: string,
  origin: RequestOrigin,
): Promise<void> {
  const now = ctx.clock.now();
  const client = (await repo.findClient(tx, invitation.clientId))!;
  await repo.upsertMembership(tx, {
    personId,
    clientId: invitation.clientId,
    relation: invitation.relation,
    relationLabel: invitation.relationLabel,
    permissions,
    grantedBy: invitation.invitedBy,
    grantedAt: now,
    endsAt: invitation.accessEndsAt,
  });
  await repo.markInvitationAccepted(tx, invitation.id, now);
  await recordAudit(tx, ctx.clock, origin, {
    action: 'network.invitation_accepted',
    outcome: 'success',
    actorPersonId: personId,
    clientId: invitation.clientId,
    organisationId: client.organisationId,
    objectType: 'invitation',
    objectId: invitation.id,
    details: {
      relation: invitation.relation,
      // What was given; what the invitation asked, when the inviter no longer held all of it.
      permissions,
      ...(permissions.length < invitation.permissions.length ? { invited: invitation.permissions } : {}),
      accessEndsAt: invitation.accessEndsAt?.toISOString() ?? null,
    },
  });
}

/** The organisations the person administers. */
export async function listAdministeredOrganisations(ctx: AppContext, personId: string): Promise<string[]> {
  return (await repo.listAdminOrganisations(ctx.db, personId)).map((r) => r.organisationId);
}
