/**
 * "Wie heeft wat bekeken" (N2; Wabvpz art. 15e, NEN 7513 §9): the client and the managers of the
 * network see who read or changed what in this portal, and when, from the audit log. Only events
 * of this client; never the IP address, the browser or the event's details. Reading it is logged
 * too.
 */
import { requireAccess } from '../../platform/access.js';
import type { ActorRole } from '../../platform/audit.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext } from '../../platform/context.js';
import { validationFailed } from '../../platform/errors.js';
import { formatName } from '../../platform/names.js';
import type { AuditOutcome, Relation, StaffRoleName } from '../../platform/schema.js';
import * as repo from './access-log.repository.js';

export const pageSize = 25;
/** The longest period one request may cover, both days included: a year (a leap year too). */
export const maxPeriodDays = 366;
/** Without a period: today and the 29 days before it. */
export const defaultPeriodDays = 30;

const timeZone = 'Europe/Amsterdam';

export interface AccessLogQuery {
  /** YYYY-MM-DD, Dutch time, inclusive. */
  from?: string;
  /** YYYY-MM-DD, Dutch time, inclusive. */
  to?: string;
  /** The id of the last entry of the previous page. */
  cursor?: string;
}

export type ActorKind = 'person' | 'outsider' | 'system' | 'unknown';

export interface AccessLogEntry {
  id: string;
  occurredAt: Date;
  action: string;
  outcome: AuditOutcome;
  actor: {
    kind: ActorKind;
    name: string | null;
    role: ActorRole | null;
    relationLabel: string | null;
    isYou: boolean;
  };
  subject: { name: string | null; isYou: boolean } | null;
}

export interface AccessLogPage {
  from: string;
  to: string;
  entries: AccessLogEntry[];
  nextCursor: string | null;
}

/**
 * One page of the client's audit events in a period of Dutch calendar days, newest first. Only
 * the client and persons with network:manage may see it; care staff and organisation admins may not
 * (they are not managers of the network). Throws 404/403 as requireAccess does, and
 * validation_failed for a period that runs backwards or is longer than a year.
 */
export async function listAccessLog(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  query: AccessLogQuery = {},
): Promise<AccessLogPage> {
  const access = await requireAccess(ctx, actor, clientId, 'network:manage');
  const { from, to } = resolvePeriod(query, ctx.clock.now());
  const afterId = query.cursor === undefined ? undefined : Number(query.cursor);
  if (afterId !== undefined && !(await repo.eventOfClientExists(ctx.db, clientId, afterId))) {
    throw validationFailed([{ field: 'cursor', code: 'invalid_cursor', message: 'This cursor is not of this log.' }]);
  }

  const rows = await repo.listEvents(ctx.db, {
    clientId,
    start: startOfDay(from),
    end: startOfDay(addDays(to, 1)),
    afterId,
    limit: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const entries = await describe(ctx, actor, access.organisationId, clientId, page);

  // Logged after reading, so that the page shows what was there before this look at it.
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'access_log.read',
    outcome: 'success',
    actorPersonId: actor.personId,
    actorRole: access.role,
    clientId,
    organisationId: access.organisationId,
    objectType: 'client',
    objectId: clientId,
    details: { from, to, page: afterId === undefined ? 'first' : 'next' },
  });

  return {
    from,
    to,
    entries,
    nextCursor: rows.length > pageSize ? String(page[page.length - 1]!.id) : null,
  };
}

const relationRole: Record<Relation, ActorRole> = {
  self: 'client',
  contact: 'contact_person',
  legal_representative: 'legal_representative',
};
const staffRank: StaffRoleName[] = ['contactverzorgende', 'care_professional', 'organisation_admin', 'helpdesk'];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Names and roles for a page of events. Someone who has never been in the network nor on the
 * organisation's staff (for example a stranger whose attempt was refused) is shown without a name:
 * the attempt matters to the client, the stranger's name is not theirs to see.
 */
async function describe(
  ctx: AppContext,
  viewer: Actor,
  organisationId: string,
  clientId: string,
  rows: Awaited<ReturnType<typeof repo.listEvents>>,
): Promise<AccessLogEntry[]> {
  const objectIds = (type: string) =>
    unique(
      rows.filter((r) => r.objectType === type && r.objectId && uuidPattern.test(r.objectId)).map((r) => r.objectId!),
    );
  const invitees = await repo.listInvitees(ctx.db, clientId, objectIds('invitation'));
  const inviteeOf = new Map(invitees.map((i) => [i.invitationId, i]));
  const subjectOf = (r: (typeof rows)[number]): string | null | undefined => {
    if (!r.objectId) return undefined;
    if (r.objectType === 'person') return uuidPattern.test(r.objectId) ? r.objectId : null;
    if (r.objectType === 'invitation') return inviteeOf.get(r.objectId)?.personId ?? null;
    return undefined;
  };
  // Until it is accepted, an invitation shows the name the inviter typed. The account's own name
  // would tell the manager that the address has an account, or show what another portal typed.
  const typedNameOf = (r: (typeof rows)[number]): string | undefined => {
    const invitee = r.objectType === 'invitation' && r.objectId ? inviteeOf.get(r.objectId) : undefined;
    if (!invitee || invitee.acceptedAt || !invitee.givenName || !invitee.familyName) return undefined;
    return formatName({ givenName: invitee.givenName, namePrefix: invitee.namePrefix, familyName: invitee.familyName });
  };

  const actorIds = unique(rows.map((r) => r.actorPersonId).filter((id): id is string => id !== null));
  const subjectIds = rows.map(subjectOf).filter((id): id is string => typeof id === 'string');
  const [people, members, staff] = await Promise.all([
    repo.listPersonNames(ctx.db, unique([...actorIds, ...subjectIds])),
    repo.listMemberships(ctx.db, clientId, actorIds),
    repo.listStaffRoles(ctx.db, organisationId, actorIds),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, formatName(p)]));
  const membershipOf = new Map(members.map((m) => [m.personId, m]));
  const staffRoleOf = (personId: string): ActorRole | null =>
    staffRank.find((role) => staff.some((s) => s.personId === personId && s.role === role)) ?? null;

  return rows.map((r) => {
    const membership = r.actorPersonId ? membershipOf.get(r.actorPersonId) : undefined;
    // The role stored with the event is the role the person acted in; older events without one
    // (an accepted invitation, a refused attempt) fall back to the person's tie to this client.
    const role =
      (r.actorRole as ActorRole | null) ??
      (membership ? relationRole[membership.relation] : r.actorPersonId ? staffRoleOf(r.actorPersonId) : null);
    let kind: ActorKind;
    if (!r.actorPersonId) kind = r.actorRole === 'system' ? 'system' : 'unknown';
    else if (!nameOf.has(r.actorPersonId)) kind = 'unknown';
    else kind = role ? 'person' : 'outsider';

    const subjectId = subjectOf(r);
    return {
      id: String(r.id),
      occurredAt: r.occurredAt,
      action: r.action,
      outcome: r.outcome,
      actor: {
        kind,
        name: kind === 'person' ? nameOf.get(r.actorPersonId!)! : null,
        role: kind === 'outsider' ? null : role,
        relationLabel: kind === 'person' && membership ? membership.relationLabel : null,
        isYou: r.actorPersonId === viewer.personId,
      },
      subject:
        subjectId === undefined
          ? null
          : {
              name: typedNameOf(r) ?? ((subjectId && nameOf.get(subjectId)) || null),
              isYou: subjectId === viewer.personId,
            },
    };
  });
}

const unique = <T>(list: T[]) => [...new Set(list)];

/** The period in Dutch calendar days, with its defaults and limits. */
export function resolvePeriod(query: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const to = query.to ?? dayInAmsterdam(now);
  const from = query.from ?? addDays(to, -(defaultPeriodDays - 1));
  if (from > to) {
    throw validationFailed([{ field: 'from', code: 'from_after_to', message: 'The first day lies after the last.' }]);
  }
  if (daysBetween(from, to) + 1 > maxPeriodDays) {
    throw validationFailed([{ field: 'from', code: 'period_too_long', message: 'The period is at most a year.' }]);
  }
  return { from, to };
}

const dayParts = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsInAmsterdam(at: Date) {
  const parts = Object.fromEntries(dayParts.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The calendar day in the Netherlands at this moment, YYYY-MM-DD. */
export function dayInAmsterdam(at: Date): string {
  const p = partsInAmsterdam(at);
  return toDay(Date.UTC(p.year, p.month - 1, p.day));
}

/** How far Dutch time is ahead of UTC at this moment (one or two hours). */
function offsetMs(at: Date): number {
  const p = partsInAmsterdam(at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** Midnight at the start of this Dutch day. Summer time changes at 02:00, so midnight always exists once. */
export function startOfDay(day: string): Date {
  const midnightUtc = fromDay(day);
  const guess = midnightUtc - offsetMs(new Date(midnightUtc));
  return new Date(midnightUtc - offsetMs(new Date(guess)));
}

const fromDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = 24 * 60 * 60 * 1000;

export const addDays = (day: string, days: number) => toDay(fromDay(day) + days * dayMs);
const daysBetween = (from: string, to: string) => Math.round((fromDay(to) - fromDay(from)) / dayMs);
