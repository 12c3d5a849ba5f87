/**
 * The client's network (R22, R26, R27): who is in it, what each person may see, and the changes
 * a manager makes. Managers are the client and persons with `network:manage` on that client.
 * Every check reads the database, so a change takes effect at once, also for sessions already open.
 */
import { requireAccess, type ClientAccess } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db.js';
import { AppError, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { compareNames, formatName } from '../../platform/names.js';
import { isPermission, permissions as allPermissions, type Permission } from '../../platform/permissions.js';
import type { Relation } from '../../platform/schema.js';
import { escapeHtml } from '../auth/password-reset.service.js';
import * as repo from './network.repository.js';

export const dossierConfirmationRequired = () =>
  new AppError(
    400,
    'dossier_confirmation_required',
    'The dossier is personal. Confirm that this person may read it (confirmDossier: true).',
  );
/** An end date (of a right, or of the access an invitation gives) that has already passed. */
export const endDateNotInFuture = (
  field: 'endsAt' | 'accessEndsAt',
  message = 'The end date must lie in the future.',
) => validationFailed([{ field, code: 'not_in_future', message }]);
export const lastManager = () =>
  new AppError(409, 'last_manager', 'This person is the last manager of the network and keeps that right.');

export interface NetworkMember {
  personId: string;
  name: string;
  givenName: string;
  namePrefix: string | null;
  familyName: string;
  relation: Relation;
  relationLabel: string | null;
  /** Only for a viewer who manages the network. */
  permissions?: Permission[];
  accessEndsAt: Date | null;
  /** The entry is the viewer. */
  isSelf: boolean;
}

export interface PendingInvitation {
  invitationId: string;
  name: string;
  givenName: string;
  namePrefix: string | null;
  familyName: string;
  email: string;
  relation: Relation;
  relationLabel: string | null;
  permissions: Permission[];
  expiresAt: Date;
  createdAt: Date;
  /** Who sent it; null when the organisation did it from the command line. */
  invitedByName: string | null;
  /** The access ends by itself at this moment once accepted. */
  accessEndsAt: Date | null;
}

export interface Network {
  canManage: boolean;
  members: NetworkMember[];
  /** Only for a viewer who manages the network. */
  pendingInvitations?: PendingInvitation[];
}

/** The rights a membership grants: the client holds every right on their own portal. */
const rightsOf = (m: { relation: Relation; permissions: string[] }): Permission[] =>
  m.relation === 'self' ? [...allPermissions] : m.permissions.filter(isPermission);

const isManager = (m: { relation: Relation; permissions: string[] }) => rightsOf(m).includes('network:manage');

/** Permissions in the fixed order of the permission list, so that lists compare and read the same everywhere. */
const ordered = (list: readonly Permission[]) => allPermissions.filter((p) => list.includes(p));

function toMember(row: repo.MemberRow, actor: Actor, canManage: boolean): NetworkMember {
  return {
    personId: row.personId,
    name: formatName(row),
    givenName: row.givenName,
    namePrefix: row.namePrefix,
    familyName: row.familyName,
    relation: row.relation,
    relationLabel: row.relationLabel,
    ...(canManage ? { permissions: ordered(rightsOf(row)) } : {}),
    accessEndsAt: row.endsAt,
    isSelf: row.personId === actor.personId,
  };
}

/**
 * The people in the client's network, sorted the Dutch way (R22): by family name without the
 * tussenvoegsel. Members of the network and the organisation admin may see it (care staff may not);
 * rights and pending invitations only a manager.
 * Logged as a read (N1).
 */
export async function getNetwork(ctx: AppContext, actor: Actor, clientId: string): Promise<Network> {
  const access = await requireAccess(ctx, actor, clientId);
  // Care staff see the agenda, not who the client's family and friends are (least rights).
  if (access.via === 'staff' && !access.permissions.includes('portal:administer')) {
    throw forbidden('The network is visible to its members and the organisation admin only.');
  }
  const canManage = access.permissions.includes('network:manage');
  const now = ctx.clock.now();
  const [rows, invitations] = await Promise.all([
    repo.listActiveMembers(ctx.db, clientId, now),
    canManage ? repo.listPendingInvitations(ctx.db, clientId, now) : undefined,
  ]);
  await audit(ctx, actor, access, 'network.read', { objectType: 'client', objectId: clientId });
  return {
    canManage,
    members: rows
      .filter((r) => r.personStatus === 'active')
      .sort(compareNames)
      .map((r) => toMember(r, actor, canManage)),
    ...(invitations
      ? {
          pendingInvitations: invitations.sort(compareNames).map((i) => ({
            invitationId: i.invitationId,
            name: formatName(i),
            givenName: i.givenName,
            namePrefix: i.namePrefix,
            familyName: i.familyName,
            email: i.email,
            relation: i.relation,
            relationLabel: i.relationLabel,
            permissions: ordered(i.permissions.filter(isPermission)),
            expiresAt: i.expiresAt,
            createdAt: i.createdAt,
            invitedByName: i.invitedBy ? formatName(i.invitedBy) : null,
            accessEndsAt: i.accessEndsAt,
          })),
        }
      : {}),
  };
}

export interface PermissionsChange {
  permissions: Permission[];
  /** Omitted: unchanged. Null: no end date. */
  endsAt?: Date | null;
  /** Required when the change grants the dossier right to someone who did not have it (R27). */
  confirmDossier?: boolean;
}

/**
 * Changes what a person in the network may do (R26). Only a manager may; nobody grants a right they
 * do not hold, the client's own membership stays as it is, and the last manager keeps that right.
 * The person concerned gets an e-mail without client data.
 */
export async function changePermissions(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  personId: string,
  change: PermissionsChange,
): Promise<NetworkMember> {
  const access = await requireAccess(ctx, actor, clientId, 'network:manage');
  const now = ctx.clock.now();
  const after = ordered(change.permissions);
  if (change.endsAt && change.endsAt <= now) throw endDateNotInFuture('endsAt');

  const result = await ctx.db.transaction(async (tx) => {
    const members = await repo.listActiveMembers(tx, clientId, now, true);
    requireStillManager(members, actor);
    const target = requireTarget(members, personId);
    const before = ordered(rightsOf(target));
    const endsAt = change.endsAt === undefined ? target.endsAt : change.endsAt;

    const added = after.filter((p) => !before.includes(p));
    if (added.some((p) => !access.permissions.includes(p))) {
      throw forbidden('You cannot grant a right that you do not have yourself.');
    }
    if (added.includes('dossier:read') && change.confirmDossier !== true) throw dossierConfirmationRequired();

    const unchanged =
      before.length === after.length &&
      before.every((p) => after.includes(p)) &&
      (endsAt?.getTime() ?? null) === (target.endsAt?.getTime() ?? null);
    if (unchanged) return { target, after, endsAt, changed: false };

    const staysManager = after.includes('network:manage') && endsAt === null;
    if (isManager(target) && !staysManager) requireOtherManager(members, target.personId);

    await repo.updateMembership(tx, target.membershipId, {
      permissions: after,
      endsAt,
      grantedBy: actor.personId,
      grantedAt: now,
    });
    await audit(ctx, actor, access, 'network.permissions_changed', {
      objectType: 'person',
      objectId: target.personId,
      details: {
        before: { permissions: before, endsAt: target.endsAt?.toISOString() ?? null },
        after: { permissions: after, endsAt: endsAt?.toISOString() ?? null },
      },
      db: tx,
    });
    return { target, after, endsAt, changed: true };
  });

  // Mail goes out after the commit (see AppContext.jobs), and only for a real change.
  if (result.changed) {
    await notify(ctx, clientId, result.target, 'gewijzigd', [
      'Log in op het cliëntportaal om te zien wat u nu kunt doen.',
    ]);
  }
  return toMember({ ...result.target, permissions: result.after, endsAt: result.endsAt }, actor, true);
}

/**
 * Removes a person from the network at once, also from sessions already open. The client cannot be
 * removed, and neither can the last manager. The person gets an e-mail without client data.
 */
export async function removeMember(ctx: AppContext, actor: Actor, clientId: string, personId: string): Promise<void> {
  const access = await requireAccess(ctx, actor, clientId, 'network:manage');
  const now = ctx.clock.now();
  const target = await ctx.db.transaction(async (tx) => {
    const members = await repo.listActiveMembers(tx, clientId, now, true);
    requireStillManager(members, actor);
    const target = requireTarget(members, personId);
    if (isManager(target)) requireOtherManager(members, target.personId);
    await repo.revokeMembership(tx, target.membershipId, now);
    await audit(ctx, actor, access, 'network.member_removed', {
      objectType: 'person',
      objectId: target.personId,
      details: { before: { permissions: ordered(rightsOf(target)) }, after: { permissions: [] } },
      db: tx,
    });
    return target;
  });
  await notify(ctx, clientId, target, 'beëindigd', [
    'U kunt dit portaal niet meer openen. Denkt u dat dit niet klopt? Neem dan contact op met wie u heeft uitgenodigd.',
  ]);
}

/**
 * The actor's right was read before the lock. Another manager may have removed them, or taken
 * network:manage away, while this request waited for it: then they act no more (404 or 403).
 */
function requireStillManager(members: repo.MemberRow[], actor: Actor): repo.MemberRow {
  const self = members.find((m) => m.personId === actor.personId && m.personStatus === 'active');
  if (!self) throw notFound('client');
  if (!isManager(self)) throw forbidden('You do not have this right in this portal.');
  return self;
}

/**
 * Locks the client's network until the transaction ends and checks that the actor still manages
 * it (requireStillManager). Returns the rights the actor holds now, for a change made under the lock.
 */
export async function lockAsManager(tx: DbOrTx, clientId: string, actor: Actor, now: Date): Promise<Permission[]> {
  const members = await repo.listActiveMembers(tx, clientId, now, true);
  return rightsOf(requireStillManager(members, actor));
}

/** The person to change: a 404 when they are not (or no longer) in this network; a 403 for the client self. */
function requireTarget(members: repo.MemberRow[], personId: string): repo.MemberRow {
  const target = members.find((m) => m.personId === personId);
  if (!target) throw notFound('person');
  if (target.relation === 'self') throw forbidden('The client’s own access cannot be changed.');
  return target;
}

/**
 * Another manager must remain whose access does not end by itself, or the network could no longer
 * be managed. The client self always counts.
 */
function requireOtherManager(members: repo.MemberRow[], personId: string): void {
  const others = members.filter(
    (m) =>
      m.personId !== personId &&
      m.personStatus === 'active' &&
      isManager(m) &&
      (m.relation === 'self' || m.endsAt === null),
  );
  if (others.length === 0) throw lastManager();
}

async function audit(
  ctx: AppContext,
  actor: Actor,
  access: ClientAccess,
  action: string,
  entry: {
    objectType: string;
    objectId: string;
    details?: Record<string, unknown>;
    db?: Parameters<typeof recordAudit>[0];
  },
): Promise<void> {
  await recordAudit(entry.db ?? ctx.db, ctx.clock, actor, {
    action,
    outcome: 'success',
    actorPersonId: actor.personId,
    actorRole: access.role,
    clientId: access.clientId,
    organisationId: access.organisationId,
    objectType: entry.objectType,
    objectId: entry.objectId,
    details: entry.details ?? null,
  });
}

/** The mail names the organisation, never the client: nothing of a portal's content in an e-mail. */
async function notify(
  ctx: AppContext,
  clientId: string,
  person: { email: string; givenName: string },
  what: 'gewijzigd' | 'beëindigd',
  closing: string[],
): Promise<void> {
  const organisation = await repo.findOrganisationOfClient(ctx.db, clientId);
  const organisationName = organisation?.name ?? 'uw zorgorganisatie';
  const line = `Uw toegang tot een portaal van ${organisationName} is ${what}.`;
  await ctx.outbox.sendEmail({
    to: person.email,
    subject: `Uw toegang tot het cliëntportaal is ${what}`,
    text: [`Beste ${person.givenName},`, '', line, ...closing, '', ctx.config.publicUrl].join('\n'),
    html: `<p>Beste ${escapeHtml(person.givenName)},</p>
<p>${escapeHtml(line)}</p>
${closing.map((c) => `<p>${escapeHtml(c)}</p>`).join('\n')}
<p><a href="${ctx.config.publicUrl}">Naar het cliëntportaal</a></p>`,
  });
}
