/** Shapes of the network API (server/src/modules/network/network.schemas.ts). */
import type { Relation } from '../../api/types';

/** The rights a client grants per person (R26), in the order the portal lists them. */
export const allPermissions = [
  'dossier:read',
  'agenda:read',
  'agenda:write',
  'messages:use',
  'board:read',
  'board:write',
  'network:manage',
] as const;

export type Permission = (typeof allPermissions)[number];

/** What a newly invited person gets unless the manager chooses more (N7): no dossier, no management. */
export const leastPermissions: readonly Permission[] = ['agenda:read', 'messages:use', 'board:read'];

export const isPermission = (value: string): value is Permission =>
  (allPermissions as readonly string[]).includes(value);

/** In the fixed order above, so that every list of rights reads the same. */
export const orderPermissions = (list: readonly string[]): Permission[] =>
  allPermissions.filter((p) => list.includes(p));

export interface NetworkMember {
  personId: string;
  /** Given name, tussenvoegsel and family name, e.g. "Jan van den Berg". */
  name: string;
  givenName: string;
  namePrefix: string | null;
  familyName: string;
  relation: Relation;
  relationLabel: string | null;
  /** Only present when the viewer manages the network. */
  permissions?: Permission[];
  /** ISO date-time when the access ends by itself; null when it does not. */
  accessEndsAt: string | null;
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
  expiresAt: string;
  /** When it was sent (or last sent again). */
  createdAt?: string;
  /** Who sent it; null when the organisation did. */
  invitedByName?: string | null;
  /** Once accepted, the access ends by itself at this moment. */
  accessEndsAt?: string | null;
}

export interface NetworkReply {
  canManage: boolean;
  /** Sorted the Dutch way by the server (R22); the position means nothing. */
  members: NetworkMember[];
  /** Only for a manager. */
  pendingInvitations?: PendingInvitation[];
}

/** PUT /api/portals/:clientId/network/:personId/permissions */
export interface PermissionsBody {
  permissions: Permission[];
  /** Omitted: unchanged; null: no end date. */
  endsAt?: string | null;
  confirmDossier?: boolean;
}

/** POST /api/portals/:clientId/network/invitations */
export interface InvitationBody {
  givenName: string;
  namePrefix: string | null;
  familyName: string;
  email: string;
  mobile: string;
  relation: 'contact' | 'legal_representative';
  relationLabel: string | null;
  permissions: Permission[];
  accessEndsAt: string | null;
  confirmDossier?: boolean;
}

export interface InvitationReply {
  invitationId: string;
  expiresAt: string;
}
