/**
 * The one access check every module calls first (N3: V8.2.2, V8.4.1). A person reaches a client
 * only through an active membership of that client's network, or through a staff role in the
 * client's own organisation. Anything else is a 404, so that a client's existence does not leak.
 */
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { recordAudit, type ActorRole } from './audit.js';
import type { Actor, AppContext } from './context.js';
import { forbidden, notFound } from './errors.js';
import { isPermission, permissions as allPermissions, type Permission } from './permissions.js';
import { clients, memberships, persons, staffRoles, type Relation, type StaffRoleName } from './schema.js';

/** Rights that come from a staff role rather than from the client's grant. */
export type StaffPermission = 'agenda:read-department' | 'portal:administer';
export type AnyPermission = Permission | StaffPermission;

export interface ClientAccess {
  clientId: string;
  organisationId: string;
  personId: string;
  /** How the actor is related: through the network, or as staff. */
  via: 'network' | 'staff';
  role: ActorRole;
  permissions: AnyPermission[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const relationRole: Record<Relation, ActorRole> = {
  self: 'client',
  contact: 'contact_person',
  legal_representative: 'legal_representative',
};

const staffGrants: Record<StaffRoleName, StaffPermission[]> = {
  care_professional: ['agenda:read-department'],
  contactverzorgende: ['agenda:read-department'],
  organisation_admin: ['portal:administer'],
  helpdesk: [],
};

/**
 * The rule of when a place in a network grants access: not removed, and its end date (if any)
 * not reached on the clock. Every query about active members uses this one condition; pass an
 * alias of memberships for a second place in the same query.
 */
export const membershipGrantsAccess = (now: Date, m: { revokedAt: AnyPgColumn; endsAt: AnyPgColumn } = memberships) =>
  and(isNull(m.revokedAt), or(isNull(m.endsAt), gt(m.endsAt, now)));

/**
 * The scope of a staff role, for a query that joins staff_roles and clients (of the role's
 * organisation): admin and helpdesk reach every client, a care professional the clients of their
 * department, a contactverzorgende their own client.
 */
export const staffRoleReachesClient = () =>
  or(
    eq(staffRoles.role, 'organisation_admin'),
    eq(staffRoles.role, 'helpdesk'),
    and(eq(staffRoles.role, 'care_professional'), eq(staffRoles.departmentId, clients.departmentId)),
    and(eq(staffRoles.role, 'contactverzorgende'), eq(staffRoles.clientId, clients.id)),
  );

/** The actor's access to a client, or undefined when they have none. Network access wins over staff access. */
export async function findAccess(ctx: AppContext, actor: Actor, clientId: string): Promise<ClientAccess | undefined> {
  if (!uuidPattern.test(clientId)) return undefined;
  const now = ctx.clock.now();
  const [membership] = await ctx.db
    .select({
      relation: memberships.relation,
      permissions: memberships.permissions,
      organisationId: clients.organisationId,
    })
    .from(memberships)
    .innerJoin(clients, eq(clients.id, memberships.clientId))
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(
      and(
        eq(memberships.personId, actor.personId),
        eq(memberships.clientId, clientId),
        eq(persons.status, 'active'),
        membershipGrantsAccess(now),
      ),
    )
    .limit(1);
  if (membership) {
    return {
      clientId,
      organisationId: membership.organisationId,
      personId: actor.personId,
      via: 'network',
      role: relationRole[membership.relation],
      // The client always holds every right on their own portal.
      permissions: membership.relation === 'self' ? [...allPermissions] : membership.permissions.filter(isPermission),
    };
  }

  // Staff reach a client only inside their own organisation, and only in their scope.
  const roles = await ctx.db
    .select({ role: staffRoles.role, organisationId: clients.organisationId })
    .from(staffRoles)
    .innerJoin(clients, eq(clients.organisationId, staffRoles.organisationId))
    .innerJoin(persons, eq(persons.id, staffRoles.personId))
    .where(
      and(
        eq(staffRoles.personId, actor.personId),
        eq(clients.id, clientId),
        eq(persons.status, 'active'),
        staffRoleReachesClient(),
      ),
    );
  const first = roles[0];
  if (!first) return undefined;
  const granted = new Set(roles.flatMap((r) => staffGrants[r.role]));
  const rank: StaffRoleName[] = ['contactverzorgende', 'care_professional', 'organisation_admin', 'helpdesk'];
  const role = rank.find((r) => roles.some((x) => x.role === r)) ?? first.role;
  return {
    clientId,
    organisationId: first.organisationId,
    personId: actor.personId,
    via: 'staff',
    role,
    permissions: [...granted],
  };
}

/**
 * Returns the actor's access to the client when it includes `permission` (or any access when no
 * permission is asked). Throws 404 when the client is outside the actor's reach and 403 when the
 * portal is theirs to see but the right is missing. Every denial is audited.
 */
export async function requireAccess(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  permission?: AnyPermission,
): Promise<ClientAccess> {
  const access = await findAccess(ctx, actor, clientId);
  if (access && (!permission || access.permissions.includes(permission))) return access;
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'access.denied',
    outcome: 'denied',
    actorPersonId: actor.personId,
    actorRole: access?.role ?? null,
    clientId: uuidPattern.test(clientId) ? clientId : null,
    organisationId: access?.organisationId ?? null,
    details: { permission: permission ?? null },
  });
  if (!access) throw notFound('client');
  throw forbidden('You do not have this right in this portal.');
}
