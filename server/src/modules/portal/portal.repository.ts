import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { membershipGrantsAccess } from '../../platform/access.js';
import type { DbOrTx } from '../../platform/db.js';
import { clients, departments, memberships, organisations, persons, staffRoles } from '../../platform/schema.js';

export async function findPerson(db: DbOrTx, personId: string) {
  const [row] = await db
    .select({
      id: persons.id,
      email: persons.email,
      givenName: persons.givenName,
      namePrefix: persons.namePrefix,
      familyName: persons.familyName,
      photoKey: persons.photoKey,
      photoUpdatedAt: persons.photoUpdatedAt,
    })
    .from(persons)
    .where(eq(persons.id, personId))
    .limit(1);
  return row;
}

const selfMemberships = alias(memberships, 'self_memberships');
const clientPersons = alias(persons, 'client_persons');

/**
 * The person's active memberships with the client and organisation they belong to, and the
 * client's own account (the person whose membership is "self") for the client's photo.
 */
export async function listActiveMemberships(db: DbOrTx, personId: string, now: Date) {
  return db
    .select({
      clientId: clients.id,
      givenName: clients.givenName,
      namePrefix: clients.namePrefix,
      familyName: clients.familyName,
      relation: memberships.relation,
      relationLabel: memberships.relationLabel,
      permissions: memberships.permissions,
      endsAt: memberships.endsAt,
      organisationName: organisations.name,
      clientPersonId: clientPersons.id,
      clientPhotoKey: clientPersons.photoKey,
      clientPhotoUpdatedAt: clientPersons.photoUpdatedAt,
    })
    .from(memberships)
    .innerJoin(clients, eq(clients.id, memberships.clientId))
    .innerJoin(organisations, eq(organisations.id, clients.organisationId))
    .leftJoin(
      selfMemberships,
      and(
        eq(selfMemberships.clientId, clients.id),
        eq(selfMemberships.relation, 'self'),
        membershipGrantsAccess(now, selfMemberships),
      ),
    )
    .leftJoin(clientPersons, eq(clientPersons.id, selfMemberships.personId))
    .where(and(eq(memberships.personId, personId), membershipGrantsAccess(now)));
}

export async function listStaffRoles(db: DbOrTx, personId: string) {
  return db
    .select({
      role: staffRoles.role,
      organisationName: organisations.name,
      departmentName: departments.name,
    })
    .from(staffRoles)
    .innerJoin(organisations, eq(organisations.id, staffRoles.organisationId))
    .leftJoin(departments, eq(departments.id, staffRoles.departmentId))
    .where(eq(staffRoles.personId, personId));
}

export async function findClientOverview(db: DbOrTx, clientId: string) {
  const [row] = await db
    .select({
      client: {
        id: clients.id,
        givenName: clients.givenName,
        namePrefix: clients.namePrefix,
        familyName: clients.familyName,
      },
      organisation: {
        name: organisations.name,
        phone: organisations.phone,
        helpdeskEmail: organisations.helpdeskEmail,
        dataChangeMailbox: organisations.dataChangeMailbox,
      },
      departmentName: departments.name,
      departmentPhone: departments.phone,
      departmentEmail: departments.email,
    })
    .from(clients)
    .innerJoin(organisations, eq(organisations.id, clients.organisationId))
    .leftJoin(departments, eq(departments.id, clients.departmentId))
    .where(eq(clients.id, clientId))
    .limit(1);
  return row;
}

export async function findContactverzorgende(db: DbOrTx, clientId: string) {
  const [row] = await db
    .select({ givenName: persons.givenName, namePrefix: persons.namePrefix, familyName: persons.familyName })
    .from(staffRoles)
    .innerJoin(persons, eq(persons.id, staffRoles.personId))
    .where(
      and(eq(staffRoles.clientId, clientId), eq(staffRoles.role, 'contactverzorgende'), eq(persons.status, 'active')),
    )
    .limit(1);
  return row;
}

export async function findMembership(db: DbOrTx, personId: string, clientId: string) {
  const [row] = await db
    .select({ relationLabel: memberships.relationLabel })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.clientId, clientId)))
    .limit(1);
  return row;
}
