/**
 * Which portals a person may open, and the "Algemeen" page of one portal: whose portal it is,
 * the department and the contactverzorgende to ask about the dossier (R13).
 */
import { requireAccess, type AnyPermission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext } from '../../platform/context.js';
import { notFound, unauthenticated } from '../../platform/errors.js';
import { compareNames, formatName } from '../../platform/names.js';
import { isPermission, permissions as allPermissions, type Permission } from '../../platform/permissions.js';
import type { Relation, StaffRoleName } from '../../platform/schema.js';
import { photoUrl } from '../photos/photos.service.js';
import * as repo from './portal.repository.js';

export interface PortalSummary {
  clientId: string;
  clientName: string;
  clientGivenName: string;
  relation: Relation;
  relationLabel: string | null;
  permissions: Permission[];
  accessEndsAt: Date | null;
  organisationName: string;
  /** The client's own profile photo (R30), when the client has an account with a photo. */
  clientPhotoUrl: string | null;
}

export interface Me {
  person: {
    id: string;
    email: string;
    givenName: string;
    namePrefix: string | null;
    familyName: string;
    displayName: string;
    photoUrl: string | null;
  };
  portals: PortalSummary[];
  staffRoles: { role: StaffRoleName; organisationName: string; departmentName: string | null }[];
}

/** The logged-in person and every portal they may open, sorted by the client's name. */
export async function getMe(ctx: AppContext, actor: Actor): Promise<Me> {
  const person = await repo.findPerson(ctx.db, actor.personId);
  if (!person) throw unauthenticated();
  const [memberships, staffRoles] = await Promise.all([
    repo.listActiveMemberships(ctx.db, actor.personId, ctx.clock.now()),
    repo.listStaffRoles(ctx.db, actor.personId),
  ]);
  // One row per portal, also if a client ever had two accounts of their own (the photo of either will do).
  const portals = memberships
    .filter((m, i) => memberships.findIndex((other) => other.clientId === m.clientId) === i)
    .sort((a, b) => (a.relation === 'self' ? -1 : b.relation === 'self' ? 1 : compareNames(a, b)))
    .map((m) => ({
      clientId: m.clientId,
      clientName: formatName(m),
      clientGivenName: m.givenName,
      relation: m.relation,
      relationLabel: m.relationLabel,
      permissions: m.relation === 'self' ? [...allPermissions] : m.permissions.filter(isPermission),
      accessEndsAt: m.endsAt,
      organisationName: m.organisationName,
      clientPhotoUrl: m.clientPersonId
        ? photoUrl({ id: m.clientPersonId, photoKey: m.clientPhotoKey, photoUpdatedAt: m.clientPhotoUpdatedAt })
        : null,
    }));
  const { photoKey, photoUpdatedAt, ...details } = person;
  return {
    person: {
      ...details,
      displayName: formatName(person),
      photoUrl: photoUrl({ id: person.id, photoKey, photoUpdatedAt }),
    },
    portals,
    staffRoles,
  };
}

export interface Overview {
  client: { id: string; name: string; givenName: string };
  you: { role: string; relationLabel: string | null; permissions: AnyPermission[] };
  department: { name: string; phone: string | null; email: string | null } | null;
  contactverzorgende: { name: string } | null;
  organisation: { name: string; phone: string | null; helpdeskEmail: string; dataChangeMailbox: string };
}

/** The "Algemeen" page of a portal. Logged as a read of client data (N1). */
export async function getOverview(ctx: AppContext, actor: Actor, clientId: string): Promise<Overview> {
  const access = await requireAccess(ctx, actor, clientId);
  const [row, carer, membership] = await Promise.all([
    repo.findClientOverview(ctx.db, clientId),
    repo.findContactverzorgende(ctx.db, clientId),
    access.via === 'network' ? repo.findMembership(ctx.db, actor.personId, clientId) : undefined,
  ]);
  if (!row) throw notFound('client');
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'portal.overview.read',
    outcome: 'success',
    actorPersonId: actor.personId,
    actorRole: access.role,
    clientId,
    organisationId: access.organisationId,
    objectType: 'client',
    objectId: clientId,
  });
  return {
    client: { id: row.client.id, name: formatName(row.client), givenName: row.client.givenName },
    you: { role: access.role, relationLabel: membership?.relationLabel ?? null, permissions: access.permissions },
    department: row.departmentName
      ? { name: row.departmentName, phone: row.departmentPhone, email: row.departmentEmail }
      : null,
    contactverzorgende: carer ? { name: formatName(carer) } : null,
    organisation: row.organisation,
  };
}
