import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { auditEvents, invitations, memberships, persons, staffRoles } from '../../platform/schema.js';

export interface EventPage {
  clientId: string;
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
  /** Only events older than this one (in the order occurred_at desc, id desc). */
  afterId?: number;
  limit: number;
}

/** Whether the event is one of this client's: a cursor from another portal means nothing here. */
export async function eventOfClientExists(db: DbOrTx, clientId: string, id: number): Promise<boolean> {
  const [row] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.id, id), eq(auditEvents.clientId, clientId)))
    .limit(1);
  return row !== undefined;
}

/** The client's audit events in the period, newest first; never IP, user agent or details. */
export async function listEvents(db: DbOrTx, page: EventPage) {
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      actorPersonId: auditEvents.actorPersonId,
      actorRole: auditEvents.actorRole,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.clientId, page.clientId),
        gte(auditEvents.occurredAt, page.start),
        lt(auditEvents.occurredAt, page.end),
        // Keyset paging: compared with the stored row itself, so no precision is lost on the way.
        page.afterId === undefined
          ? undefined
          : sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (select a.occurred_at, a.id from audit_events a where a.id = ${page.afterId})`,
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(page.limit);
}

export async function listPersonNames(db: DbOrTx, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({
      id: persons.id,
      givenName: persons.givenName,
      namePrefix: persons.namePrefix,
      familyName: persons.familyName,
    })
    .from(persons)
    .where(inArray(persons.id, personIds));
}

/** Who each invitation (of this client) was for, with the name the inviter typed. */
export async function listInvitees(db: DbOrTx, clientId: string, invitationIds: string[]) {
  if (invitationIds.length === 0) return [];
  return db
    .select({
      invitationId: invitations.id,
      personId: invitations.personId,
      acceptedAt: invitations.acceptedAt,
      givenName: invitations.givenName,
      namePrefix: invitations.namePrefix,
      familyName: invitations.familyName,
    })
    .from(invitations)
    .where(and(eq(invitations.clientId, clientId), inArray(invitations.id, invitationIds)));
}

/** Memberships of these people in the client's network, also removed and ended ones. */
export async function listMemberships(db: DbOrTx, clientId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({
      personId: memberships.personId,
      relation: memberships.relation,
      relationLabel: memberships.relationLabel,
    })
    .from(memberships)
    .where(and(eq(memberships.clientId, clientId), inArray(memberships.personId, personIds)));
}

/** Staff roles of these people in the organisation. */
export async function listStaffRoles(db: DbOrTx, organisationId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({ personId: staffRoles.personId, role: staffRoles.role })
    .from(staffRoles)
    .where(and(eq(staffRoles.organisationId, organisationId), inArray(staffRoles.personId, personIds)));
}
