/**
 * What happens after the right SMS code, per purpose: a login is finished; a reset first applies
 * the new password; an invitation first activates the account and joins the network.
 */
import type { AppContext, RequestOrigin } from '../../platform/context.js';
import { completeInvitation } from '../invitations/invitations.service.js';
import { finishVerifiedLogin, type StartedSession } from './auth.service.js';
import { applyReset } from './password-reset.service.js';
import { verifyCode } from './verification.service.js';

export async function completeSmsStep(
  ctx: AppContext,
  attemptToken: string | undefined,
  code: string,
  origin: RequestOrigin,
  browserToken: string | undefined,
): Promise<{ session: StartedSession; browserToken: string; purpose: string }> {
  const attempt = await verifyCode(ctx, attemptToken, code, origin);
  if (attempt.purpose === 'password_reset')
    await applyReset(ctx, attempt.personId, attempt.pendingPasswordHash!, origin);
  if (attempt.purpose === 'invitation') await completeInvitation(ctx, attempt, origin);
  const finished = await finishVerifiedLogin(ctx, attempt.personId, origin, browserToken);
  return { ...finished, purpose: attempt.purpose };
}
