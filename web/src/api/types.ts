/** Shapes of the API answers the web app uses (see server/src/modules/*\/*.schemas.ts). */

export type Relation = 'self' | 'contact' | 'legal_representative';

export interface PublicConfig {
  devOutbox: boolean;
  sessionIdleMinutes: number;
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
  /** The client's profile photo (R30) for the portal header; null or absent shows initials. */
  clientPhotoUrl?: string | null;
}

export interface Me {
  person: {
    id: string;
    email: string;
    givenName: string;
    namePrefix: string | null;
    familyName: string;
    displayName: string;
    /** The own profile photo (R30); null or absent shows initials. */
    photoUrl?: string | null;
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

/** The SMS step in progress (R7–R10): where the code went and when things expire (ISO strings). */
export interface SmsView {
  purpose: 'login' | 'password_reset' | 'invitation' | 'mobile_change';
  /** The number with all but the last two digits hidden, e.g. "•• •• •• •• 78". */
  maskedMobile: string;
  codeExpiresAt: string | null;
  resendAvailableAt: string | null;
  attemptExpiresAt: string;
}

export interface SignedIn {
  status: 'signed_in';
  csrfToken: string;
  expiresAt: string;
}

export interface SmsRequired {
  status: 'sms_required';
  sms: SmsView;
}

/** POST /api/auth/login: straight in on a trusted browser, or an SMS code was sent. */
export type LoginReply = SignedIn | SmsRequired;

export interface VerifyReply extends SignedIn {
  purpose: SmsView['purpose'];
}

export interface InvitationView {
  givenName: string;
  /** The address the person will log in with. */
  email: string;
  maskedMobile: string | null;
  clientName: string;
  relation: Relation;
  organisationName: string;
  expiresAt: string;
}

export interface HelpdeskOrganisation {
  id: string;
  name: string;
}

export interface AccountSession {
  id: string;
  current: boolean;
  /** Browser and system, e.g. "Chrome · Windows". */
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
}

export interface TrustedDevice {
  id: string;
  label: string;
  current: boolean;
  createdAt: string;
  lastUsedAt: string;
}
