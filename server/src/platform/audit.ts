/**
 * NEN 7513 logging (N1): every access to client data, and every login event, is written here with
 * event, time, client, user and on whose behalf. The table is append-only (see migration 0001).
 * Never put passwords, codes, tokens or dossier content in `details`.
 */
import type { Clock } from './clock.js';
import type { RequestOrigin } from './context.js';
import type { DbOrTx } from './db.js';
import { auditEvents, type AuditOutcome } from './schema.js';

/** Role the actor acted in, for "who looked" (N2). */
export type ActorRole =
  | 'client'
  | 'contact_person'
  | 'legal_representative'
  | 'care_professional'
  | 'contactverzorgende'
  | 'organisation_admin'
  | 'helpdesk'
  | 'system'
  | 'anonymous';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  actorPersonId?: string | null;
  actorRole?: ActorRole | null;
  clientId?: string | null;
  organisationId?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  details?: Record<string, unknown> | null;
}

export async function recordAudit(
  db: DbOrTx,
  clock: Clock,
  origin: RequestOrigin | null,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditEvents).values({
    occurredAt: clock.now(),
    action: entry.action,
    outcome: entry.outcome,
    actorPersonId: entry.actorPersonId ?? null,
    actorRole: entry.actorRole ?? null,
    clientId: entry.clientId ?? null,
    organisationId: entry.organisationId ?? null,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    ip: origin?.ip ?? null,
    userAgent: origin?.userAgent?.slice(0, 512) ?? null,
    details: entry.details ?? null,
  });
}
