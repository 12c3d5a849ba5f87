/** Shapes of the API answers the web app uses (see server/src/modules/*\/*.schemas.ts). */

export type Relation = 'self' | 'contact' | 'legal_representative';

export interface PublicConfig {
  devOutbox: boolean;
  sessionIdleMinutes: number;
}

export interface LoginReply {
  csrfToken: string;
  expiresAt: string;
}

export interface PortalSummary {
  clientId: string;
  clientName: string;
  clientGivenName: string;
  relation: Relation;
  relationLabel: string | null;
  permissions: string[];
  accessEndsAt: string | null;
  organisationName: string;
}

export interface Me {
  person: {
    id: string;
    email: string;
    givenName: string;
    namePrefix: string | null;
    familyName: string;
    displayName: string;
  };
  portals: PortalSummary[];
  staffRoles: { role: string; organisationName: string; departmentName: string | null }[];
  session: { csrfToken: string; expiresAt: string; idleExpiresAt: string };
}

export interface PortalOverview {
  client: { id: string; name: string; givenName: string };
  you: { role: string; relationLabel: string | null; permissions: string[] };
  department: { name: string; phone: string | null; email: string | null } | null;
  contactverzorgende: { name: string } | null;
  organisation: { name: string; phone: string | null; helpdeskEmail: string; dataChangeMailbox: string };
}

export interface OutboxMessage {
  channel: 'sms' | 'email';
  to: string;
  subject: string | null;
  body: string;
  createdAt: string;
}
