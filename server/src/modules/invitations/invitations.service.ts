/**
 * Invitations (I2): an organisation admin creates a client's portal and invites its first
 * contact person (or the client); the invitee chooses a password, confirms the mobile number with
 * an SMS code and lands in the portal. Managers of a network will invite the rest (issue 4).
 */
import { recordAudit, type ActorRole } from '../../platform/audit.js';
import type { AppContext, RequestOrigin } from '../../platform/context.js';
import { AppError, linkExpired, linkInvalid, linkUsed, validationFailed } from '../../platform/errors.js';
import { formatName } from '../../platform/names.js';
import { hashPassword } from '../../platform/passwords.js';
import { checkNewPassword, passwordRejected } from '../../platform/password-policy.js';
import {
  defaultContactPermissions,
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

/** Who sends an invitation: a person (admin or, later, a network manager), or the command line. */
export interface Inviter {
  personId: string | null;
  role: ActorRole;
  origin: RequestOrigin | null;
}

export const accountExists = () =>
  new AppError(
    409,
    'account_exists',
    'This e-mail address already has an account. Adding an existing account to a network comes with the network settings.',
  );

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
  const client = await repo.findClient(ctx.db, clientId);
  if (!client) throw linkInvalid();
  const organisation = (await repo.findOrganisation(ctx.db, client.organisationId))!;
  const email = input.email.trim().toLowerCase();
  const mobile = normaliseMobile(input.mobile);
  if (!mobile) {
    throw validationFailed([{ field: 'mobile', code: 'invalid_mobile', message: 'Not a mobile number' }]);
  }
  const existing = await repo.findPersonByEmail(ctx.db, email);
  if (existing && existing.status !== 'invited') throw accountExists();
  const names = {
    givenName: input.givenName.trim(),
    namePrefix: input.namePrefix?.trim() || null,
    familyName: input.familyName.trim(),
  };
  const person = existing ?? (await repo.insertPerson(ctx.db, { ...names, email, mobile, status: 'invited' }));
  if (existing) await repo.updatePerson(ctx.db, existing.id, { ...names, mobile });

  const now = ctx.clock.now();
  const token = newToken();
  const invitation = await repo.insertInvitation(ctx.db, {
    tokenHash: hashToken(token),
    personId: person.id,
    clientId,
    relation: input.relation,
    relationLabel: input.relationLabel?.trim() || null,
    permissions:
      input.relation === 'self' ? [...allPermissions] : (input.permissions ?? [...defaultContactPermissions]),
    invitedBy: inviter.personId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + invitationValidityMs),
  });
  await recordAudit(ctx.db, ctx.clock, inviter.origin, {
    action: 'network.invited',
    outcome: 'success',
    actorPersonId: inviter.personId,
    actorRole: inviter.role,
    clientId,
    organisationId: client.organisationId,
    objectType: 'invitation',
    objectId: invitation.id,
    details: { relation: input.relation, permissions: invitation.permissions },
  });
  // The mail names the organisation, never the client: nothing of a dossier in an e-mail.
  const link = `${ctx.config.publicUrl}/uitnodiging?token=${token}`;
  await ctx.outbox.sendEmail({
    to: email,
    subject: 'Uitnodiging voor het cliëntportaal',
    text: [
      `Beste ${names.givenName},`,
      '',
      `U bent uitgenodigd voor het cliëntportaal van ${organisation.name}.`,
      'Klik op deze link om uw account te maken. De link werkt 7 dagen en maar één keer:',
      '',
      link,
      '',
      'U kiest dan een wachtwoord en u krijgt een sms-code op uw mobiele telefoon.',
      'Werkt de link niet meer? Vraag dan een nieuwe uitnodiging aan bij wie u heeft uitgenodigd.',
    ].join('\n'),
    html: `<p>Beste ${escapeHtml(names.givenName)},</p>
<p>U bent uitgenodigd voor het cliëntportaal van ${escapeHtml(organisation.name)}.</p>
<p><a href="${link}">Maak uw account</a></p>
<p>De link werkt 7 dagen en maar één keer. U kiest dan een wachtwoord en u krijgt een sms-code op uw mobiele telefoon.</p>
<p>Werkt de link niet meer? Vraag dan een nieuwe uitnodiging aan bij wie u heeft uitgenodigd.</p>`,
  });
  return invitation.id;
}

async function requireInvitation(ctx: AppContext, token: string) {
  const row = await repo.findInvitationByTokenHash(ctx.db, hashToken(token));
  if (!row || row.invitation.revokedAt) throw linkInvalid();
  if (row.invitation.acceptedAt) throw linkUsed();
  if (row.invitation.expiresAt <= ctx.clock.now()) throw linkExpired();
  return row;
}

export interface InvitationView {
  givenName: string;
  email: string;
  maskedMobile: string | null;
  clientName: string;
  relation: Relation;
  organisationName: string;
  expiresAt: Date;
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
  if (invitation.expiresAt <= now) throw linkExpired();
  const client = (await repo.findClient(ctx.db, invitation.clientId))!;
  await ctx.db.transaction(async (tx) => {
    await repo.updatePerson(tx, attempt.personId, {
      passwordHash: attempt.pendingPasswordHash,
      passwordChangedAt: now,
      mobile: attempt.mobile,
      status: 'active',
    });
    await repo.upsertMembership(tx, {
      personId: attempt.personId,
      clientId: invitation.clientId,
      relation: invitation.relation,
      relationLabel: invitation.relationLabel,
      permissions: invitation.permissions,
      grantedBy: invitation.invitedBy,
      grantedAt: now,
    });
    await repo.markInvitationAccepted(tx, invitation.id, now);
    await recordAudit(tx, ctx.clock, origin, {
      action: 'network.invitation_accepted',
      outcome: 'success',
      actorPersonId: attempt.personId,
      clientId: invitation.clientId,
      organisationId: client.organisationId,
      objectType: 'invitation',
      objectId: invitation.id,
    });
  });
}

/** The organisations the person administers. */
export async function listAdministeredOrganisations(ctx: AppContext, personId: string): Promise<string[]> {
  return (await repo.listAdminOrganisations(ctx.db, personId)).map((r) => r.organisationId);
}
