/**
 * Managers invite people into the client's network (R26, N7), and withdraw or resend invitations
 * that are still open. Managers are the client and persons with `network:manage` on that client.
 * The invitation itself (link, mail, acceptance, joining with an existing account) is the
 * invitations module's; this file holds the manager's rules.
 */
import { requireAccess, type ClientAccess } from '../../platform/access.js';
import type { Actor, AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db.js';
import { forbidden } from '../../platform/errors.js';
import {
  defaultContactPermissions,
  isPermission,
  permissions as allPermissions,
  type Permission,
} from '../../platform/permissions.js';
import * as invitations from '../invitations/invitations.service.js';
import { dossierConfirmationRequired, endDateNotInFuture, lockAsManager } from './network.service.js';

export interface NetworkInvitationInput {
  givenName: string;
  namePrefix?: string | null;
  familyName: string;
  email: string;
  mobile: string;
  relation: 'contact' | 'legal_representative';
  relationLabel?: string | null;
  /** Left out: the least rights (N7), as far as the manager holds them. */
  permissions?: Permission[];
  accessEndsAt?: Date | null;
  /** Required when the rights include the dossier (R27). */
  confirmDossier?: boolean;
}

/** Permissions in the fixed order of the permission list. */
const ordered = (list: readonly string[]) => allPermissions.filter((p) => list.includes(p));

const inviterOf = (actor: Actor, access: ClientAccess): invitations.Inviter => ({
  personId: actor.personId,
  role: access.role,
  origin: actor,
});

/** Nobody grants a right they do not hold, not even by sending an old invitation again (R26). */
function requireGrantable(held: readonly string[], rights: readonly string[]): void {
  if (rights.some((p) => !held.includes(p))) {
    throw forbidden('You cannot grant a right that you do not have yourself.');
  }
}

/**
 * The access check above ran before the transaction; another manager may have removed this one,
 * or taken rights away, while it waited for the lock. Under the lock the manager's rights are read
 * again: they must still manage (404/403) and, when `rights` are given, still hold those.
 */
const stillManager =
  (ctx: AppContext, actor: Actor, clientId: string, rights?: () => readonly string[]) => async (tx: DbOrTx) => {
    const held = await lockAsManager(tx, clientId, actor, ctx.clock.now());
    if (rights) requireGrantable(held, rights());
  };

/**
 * Invites a person into the network with the rights chosen, or the least rights (N7) when none are
 * chosen. The answer is the same whether or not the address has an account. 409 already_member
 * for a person who is in the network now; an open invitation for the same person is replaced.
 */
export async function inviteToNetwork(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  input: NetworkInvitationInput,
): Promise<invitations.CreatedInvitation> {
  const access = await requireAccess(ctx, actor, clientId, 'network:manage');
  // The defaults are what the manager can give of the least rights; a chosen list must be theirs to give.
  const chosen = input.permissions;
  const rights = chosen
    ? ordered(chosen)
    : ordered(defaultContactPermissions).filter((p) => access.permissions.includes(p));
  requireGrantable(access.permissions, rights);
  if (rights.includes('dossier:read') && input.confirmDossier !== true) throw dossierConfirmationRequired();
  if (input.accessEndsAt && input.accessEndsAt <= ctx.clock.now()) throw endDateNotInFuture('accessEndsAt');
  return invitations.createInvitation(
    ctx,
    clientId,
    {
      givenName: input.givenName,
      namePrefix: input.namePrefix,
      familyName: input.familyName,
      email: input.email,
      mobile: input.mobile,
      relation: input.relation,
      relationLabel: input.relationLabel,
      permissions: rights,
      accessEndsAt: input.accessEndsAt ?? null,
    },
    inviterOf(actor, access),
    stillManager(ctx, actor, clientId, () => rights),
  );
}

/**
 * Sends an open invitation again: a new link valid 7 days from now; the old link stops working.
 * 404 when the invitation is not open in this network; 403 when it grants a right the manager
 * does not hold.
 */
export async function resendNetworkInvitation(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  invitationId: string,
): Promise<invitations.CreatedInvitation> {
  const access = await requireAccess(ctx, actor, clientId, 'network:manage');
  let held: readonly string[] = access.permissions;
  return invitations.resendInvitation(
    ctx,
    clientId,
    invitationId,
    inviterOf(actor, access),
    (invitation) => {
      requireGrantable(held, invitation.permissions.filter(isPermission));
      if (invitation.accessEndsAt && invitation.accessEndsAt <= ctx.clock.now()) {
        throw endDateNotInFuture(
          'accessEndsAt',
          'The access of this invitation has ended already. Invite the person again.',
        );
      }
    },
    async (tx) => {
      held = await lockAsManager(tx, clientId, actor, ctx.clock.now());
    },
  );
}

/** Withdraws an open invitation: its link stops working at once. 404 when it is not open in this network. */
export async function withdrawNetworkInvitation(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  invitationId: string,
): Promise<void> {
  const access = await requireAccess(ctx, actor, clientId, 'network:manage');
  await invitations.withdrawInvitation(
    ctx,
    clientId,
    invitationId,
    inviterOf(actor, access),
    stillManager(ctx, actor, clientId),
  );
}
