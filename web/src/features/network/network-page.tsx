import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { useCurrentPortal } from '../portal/use-portal';
import { ContactList } from './contact-list';
import { formatDate } from './dates';
import { rightsSummary } from './rights';
import type { InvitationReply, NetworkMember, NetworkReply, PendingInvitation } from './types';
import { networkPath, useNetwork, useRefreshNetwork } from './use-network';

/** What a page that sends the manager back to the list wants said there ("… is verwijderd"). */
export interface NetworkNotice {
  notice?: string;
}

/** The page title of a Beheerinstellingen page: "Beheerinstellingen – Portaal van Johanna de Vries". */
export function useNetworkPageTitle(page: string) {
  const { t } = useTranslation();
  const { portal } = useCurrentPortal();
  const portalName =
    portal?.relation === 'self' ? t('portal.mine') : t('portal.portalOf', { name: portal?.clientName ?? '' });
  usePageTitle(`${page} – ${portalName}`);
}

/**
 * Beheerinstellingen (R22, R26): who is in the client's network and what each may do, the
 * invitations not yet accepted, and the way to invite someone. The client decides; a person with
 * `network:manage` helps. Anyone else in the network sees who is in it, and who to ask.
 */
export function NetworkPage() {
  const { t } = useTranslation();
  const { clientId } = useCurrentPortal();
  const network = useNetwork(clientId);
  useNetworkPageTitle(t('network.title'));

  const forbidden = network.error instanceof ApiError && network.error.code === 'forbidden';
  if (forbidden || (network.data && !network.data.canManage)) {
    return <CannotManage members={network.data?.members} />;
  }
  return (
    <>
      <h1>{t('network.title')}</h1>
      {network.isPending ? <Loading /> : null}
      {network.isError ? <LoadError error={network.error} onRetry={() => void network.refetch()} /> : null}
      {network.data ? <ManageNetwork clientId={clientId} data={network.data} /> : null}
    </>
  );
}

function ManageNetwork({ clientId, data }: { clientId: string; data: NetworkReply }) {
  const { t } = useTranslation();
  const { portal } = useCurrentPortal();
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | null>(() => (location.state as NetworkNotice | null)?.notice ?? null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLParagraphElement>();
  const viewerIsClient = portal?.relation === 'self';
  const givenName = portal?.clientGivenName ?? '';

  useEffect(() => {
    if (!(location.state as NetworkNotice | null)?.notice) return;
    focusNotice();
    // Said once: a reload or "back" does not repeat it.
    void navigate(location.pathname, { replace: true, state: null });
    // Only when the page opens with a message.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function say(text: string) {
    setNotice(text);
    focusNotice();
  }

  const members = data.members;
  const invitations = data.pendingInvitations ?? [];

  return (
    <>
      <div className="lead">
        <p>{viewerIsClient ? t('network.introSelf') : t('network.introOther', { givenName })}</p>
      </div>
      <div role="status" className="alert-slot">
        {notice ? (
          <p ref={noticeRef} tabIndex={-1} className="notice">
            {notice}
          </p>
        ) : null}
      </div>
      <p>
        <Link to={`/p/${clientId}/beheer/uitnodigen`} className="button button-primary button-invite">
          {t('network.invite')}
        </Link>
      </p>

      <section className="section" aria-labelledby="network-people">
        <h2 id="network-people">{t('network.people.title')}</h2>
        <p className="section-intro">{t('network.people.intro')}</p>
        <ContactList
          people={members}
          labelledBy="network-people"
          linkTo={(m) =>
            m.isSelf || m.relation === 'self' ? undefined : `/p/${clientId}/beheer/persoon/${m.personId}`
          }
          details={(m) => <MemberDetails member={m} />}
        />
      </section>

      <PendingInvitations clientId={clientId} invitations={invitations} onDone={say} />

      <section className="section" aria-labelledby="network-log">
        <h2 id="network-log">{t('network.log.title')}</h2>
        <p>{viewerIsClient ? t('network.log.introSelf') : t('network.log.introOther', { givenName })}</p>
        <p>
          <Link to={`/p/${clientId}/beheer/wie-heeft-wat-bekeken`} className="strong">
            {t('network.log.link')}
          </Link>
        </p>
      </section>
    </>
  );
}

function MemberDetails({ member }: { member: NetworkMember }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{rightsSummary(t, member.permissions ?? [], member.relation === 'self')}</p>
      {member.accessEndsAt ? (
        <p className="strong">{t('network.endsOn', { date: formatDate(member.accessEndsAt) })}</p>
      ) : null}
    </>
  );
}

const pendingErrors = {
  not_found: 'network.pending.gone',
  forbidden: 'network.pending.forbidden',
  validation_failed: 'network.pending.ended',
};

/**
 * Invitations sent but not yet accepted: to whom, until when the link works, and two actions.
 * Withdrawing asks first, in place.
 */
function PendingInvitations({
  clientId,
  invitations,
  onDone,
}: {
  clientId: string;
  invitations: PendingInvitation[];
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshNetwork(clientId);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ invitationId: string; error: unknown } | null>(null);

  const resend = useMutation({
    mutationFn: (invitation: PendingInvitation) =>
      api<InvitationReply>(
        networkPath(clientId, `/invitations/${encodeURIComponent(invitation.invitationId)}/resend`),
        {
          method: 'POST',
        },
      ),
    onMutate: () => setFailed(null),
    onSuccess: (reply, invitation) =>
      onDone(t('network.pending.resent', { email: invitation.email, date: formatDate(reply.expiresAt) })),
    onError: (error, invitation) => setFailed({ invitationId: invitation.invitationId, error }),
    onSettled: () => refresh(),
  });

  const withdraw = useMutation({
    mutationFn: (invitation: PendingInvitation) =>
      api<void>(networkPath(clientId, `/invitations/${encodeURIComponent(invitation.invitationId)}`), {
        method: 'DELETE',
      }),
    onMutate: () => setFailed(null),
    onSuccess: (_, invitation) => {
      setConfirming(null);
      onDone(t('network.pending.withdrawn', { name: invitation.name }));
    },
    onError: (error, invitation) => {
      setConfirming(null);
      setFailed({ invitationId: invitation.invitationId, error });
    },
    onSettled: () => refresh(),
  });

  if (invitations.length === 0) return null;
  return (
    <section className="section" aria-labelledby="network-pending">
      <h2 id="network-pending">{t('network.pending.title')}</h2>
      <p className="section-intro">{t('network.pending.intro')}</p>
      <ul className="invitation-list">
        {invitations.map((invitation) => {
          const titleId = `invitation-${invitation.invitationId}`;
          return (
            <li key={invitation.invitationId} className="card">
              <h3 id={titleId}>{invitation.name}</h3>
              <p className="break">{t('network.pending.sentTo', { email: invitation.email })}</p>
              <p>{t('network.pending.expires', { date: formatDate(invitation.expiresAt) })}</p>
              {invitation.invitedByName ? (
                <p>{t('network.pending.invitedBy', { name: invitation.invitedByName })}</p>
              ) : null}
              <p>{rightsSummary(t, invitation.permissions, false)}</p>
              {invitation.accessEndsAt ? (
                <p>{t('network.endsOn', { date: formatDate(invitation.accessEndsAt) })}</p>
              ) : null}
              <div role="alert" className="alert-slot">
                {failed?.invitationId === invitation.invitationId ? (
                  <ApiErrorNotice error={failed.error} overrides={pendingErrors} />
                ) : null}
              </div>
              {confirming === invitation.invitationId ? (
                <WithdrawConfirm
                  invitation={invitation}
                  isPending={withdraw.isPending}
                  onConfirm={() => withdraw.mutate(invitation)}
                  onCancel={() => {
                    setConfirming(null);
                    requestAnimationFrame(() =>
                      document.getElementById(`withdraw-${invitation.invitationId}`)?.focus(),
                    );
                  }}
                />
              ) : (
                <div className="button-row">
                  <PendingButton
                    className="button button-secondary"
                    aria-describedby={titleId}
                    isPending={resend.isPending && resend.variables?.invitationId === invitation.invitationId}
                    onPress={() => resend.mutate(invitation)}
                  >
                    {resend.isPending && resend.variables?.invitationId === invitation.invitationId
                      ? t('network.pending.resending')
                      : t('network.pending.resend')}
                  </PendingButton>
                  <Button
                    id={`withdraw-${invitation.invitationId}`}
                    className="button button-secondary"
                    aria-describedby={titleId}
                    onPress={() => {
                      setFailed(null);
                      setConfirming(invitation.invitationId);
                    }}
                  >
                    {t('network.pending.withdraw')}
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function WithdrawConfirm({
  invitation,
  isPending,
  onConfirm,
  onCancel,
}: {
  invitation: PendingInvitation;
  isPending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [questionRef, focusQuestion] = useFocusAfterRender<HTMLParagraphElement>();
  // Start reading at the question.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => focusQuestion(), []);
  const questionId = `withdraw-question-${invitation.invitationId}`;
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} ref={questionRef} tabIndex={-1} className="strong">
        {t('network.pending.confirmQuestion', { name: invitation.name })}
      </p>
      <p>{t('network.pending.confirmBody')}</p>
      <div className="button-row">
        <PendingButton className="button button-danger" onPress={onConfirm} isPending={isPending}>
          {t('network.pending.confirmYes')}
        </PendingButton>
        <Button className="button button-secondary" onPress={onCancel}>
          {t('network.pending.confirmNo')}
        </Button>
      </div>
    </div>
  );
}

/**
 * For someone in the network without the right to manage it (the API answers 403 to their
 * changes): say so, say who can, and show who has access.
 */
export function CannotManage({ members }: { members?: NetworkMember[] | undefined }) {
  const { t } = useTranslation();
  const { portal } = useCurrentPortal();
  const givenName = portal?.clientGivenName ?? '';
  return (
    <>
      <h1>{t('network.title')}</h1>
      <div className="notice">
        <p className="strong">{t('network.cannot.title')}</p>
        <p>{t('network.cannot.who', { givenName })}</p>
        <p>{t('network.cannot.ask')}</p>
      </div>
      {members && members.length > 0 ? (
        <section className="section" aria-labelledby="network-people">
          <h2 id="network-people">{t('network.cannot.peopleTitle')}</h2>
          <ContactList people={members} labelledBy="network-people" />
        </section>
      ) : null}
    </>
  );
}
