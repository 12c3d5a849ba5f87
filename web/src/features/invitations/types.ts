/** Shapes of the invitations API (server/src/modules/invitations/invitations.schemas.ts). */
import type { InvitationView } from '../../api/types';

/** POST /api/invitations/view */
export interface InvitationDetails extends InvitationView {
  /** The invitee already has an account: they log in and accept, and choose no password here. */
  existingAccount: boolean;
}

/** POST /api/invitations/join */
export interface JoinReply {
  /** The portal the person joined. */
  clientId: string;
}
