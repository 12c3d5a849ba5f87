/** The API of "Wie heeft wat bekeken" (GET /api/portals/:clientId/access-log). */

export type AccessLogActorKind = 'person' | 'outsider' | 'system' | 'unknown';

export interface AccessLogEntry {
  id: string;
  occurredAt: string;
  /** Stable code such as "network.permissions_changed"; worded by describe.ts. */
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  actor: {
    kind: AccessLogActorKind;
    name: string | null;
    /** client, contact_person, legal_representative, care_professional, contactverzorgende, organisation_admin, helpdesk, system. */
    role: string | null;
    relationLabel: string | null;
    isYou: boolean;
  };
  /** The person it was about (rights changed, invited, removed). */
  subject: { name: string | null; isYou: boolean } | null;
}

export interface AccessLogPage {
  /** YYYY-MM-DD, Dutch time, inclusive. */
  from: string;
  to: string;
  entries: AccessLogEntry[];
  nextCursor: string | null;
}

/** A period of Dutch calendar days, both included. */
export interface Period {
  from: string;
  to: string;
}
