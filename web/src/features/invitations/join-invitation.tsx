import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, setCsrfToken } from '../../api/client';
import type { Me } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import type { LoginLocationState } from '../auth/login-state';
import { clearLoggedIn, markLoggedIn } from '../auth/session-flag';
import { meQueryKey } from '../auth/use-me';
import { InvitationLead, InvitationNotWorkingContent, linkProblem, type LinkProblem } from './invitation-parts';
import type { InvitationDetails, JoinReply } from './types';

/** Who is logged in in this browser, or null; a 401 here is an answer, not a lost session. */
function useCurrentSession() {
  return useQuery({
    queryKey: ['invitation', 'session'],
    queryFn: async ({ signal }) => {
      try {
        const me = await api<Me>('/me', { signal, expectUnauthenticated: true });
        setCsrfToken(me.session.csrfToken);
        markLoggedIn();
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * An invitation for a person who already has an account: they join with it. Not logged in: a
 * login that comes back here. Logged in as the invited person: one button that accepts. Logged in
 * as someone else: log out first, and log in with the invited address.
 */
export function JoinInvitation({ token, invitation }: { token: string; invitation: InvitationDetails }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [problem, setProblem] = useState<LinkProblem>();
  const back = `/uitnodiging?token=${encodeURIComponent(token)}`;

  if (problem) return <InvitationNotWorkingContent problem={problem} />;
  if (session.isError) return <LoadError heading="h1" error={session.error} onRetry={() => void session.refetch()} />;
  if (session.data === undefined) return <Loading />;
  const me = session.data;

  if (me && !sameAddress(me.person.email, invitation.email)) {
    return <OtherPerson currentEmail={me.person.email} invitation={invitation} back={back} />;
  }
  return (
    <>
      <h1>{t('invitation.welcome', { givenName: invitation.givenName })}</h1>
      <InvitationLead invitation={invitation} />
      <p>{t('invitation.existing.intro')}</p>
      {me ? (
        <AcceptButton
          token={token}
          email={invitation.email}
          onSessionChanged={() => void session.refetch()}
          onLinkProblem={setProblem}
        />
      ) : (
        <div className="card">
          <p>{t('invitation.existing.logInIntro', { email: invitation.email })}</p>
          <p>
            <Link
              to="/inloggen"
              state={{ from: back } satisfies LoginLocationState}
              className="button button-primary button-wide"
            >
              {t('invitation.existing.logIn')}
            </Link>
          </p>
        </div>
      )}
    </>
  );
}

function AcceptButton({
  token,
  email,
  onSessionChanged,
  onLinkProblem,
}: {
  token: string;
  email: string;
  /** The session ended, or belongs to someone else after all: ask again who is logged in. */
  onSessionChanged: () => void;
  onLinkProblem: (problem: LinkProblem) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const join = useMutation({
    mutationFn: () =>
      api<JoinReply>('/invitations/join', { method: 'POST', body: { token }, expectUnauthenticated: true }),
    onSuccess: ({ clientId }) => {
      // The list of portals changed: the portal pages must ask again.
      queryClient.removeQueries({ queryKey: meQueryKey });
      void navigate(`/p/${clientId}`, { replace: true });
    },
    onError: (error) => {
      const problem = linkProblem(error);
      if (problem) onLinkProblem(problem);
      else if (error instanceof ApiError && (error.status === 401 || error.code === 'invitation_other_person')) {
        onSessionChanged();
      }
    },
  });
  return (
    <div className="card">
      <p>{t('invitation.existing.loggedInAs', { email })}</p>
      <div role="alert" className="alert-slot">
        {join.isError ? (
          <ApiErrorNotice error={join.error} onRetry={() => join.mutate()} isRetrying={join.isPending} />
        ) : null}
      </div>
      <PendingButton
        className="button button-primary button-wide"
        isPending={join.isPending}
        onPress={() => join.mutate()}
      >
        {join.isPending ? t('common.busy') : t('invitation.existing.accept')}
      </PendingButton>
    </div>
  );
}

/** Logged in with another account than the invited one: log out, then log in with the right address. */
function OtherPerson({
  currentEmail,
  invitation,
  back,
}: {
  currentEmail: string;
  invitation: InvitationDetails;
  back: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSuccess: () => {
      clearLoggedIn();
      setCsrfToken(null);
      queryClient.clear();
      const state: LoginLocationState = { notice: 'loggedOut', from: back };
      void navigate('/inloggen', { replace: true, state });
    },
  });
  return (
    <>
      <h1>{t('invitation.otherPerson.title')}</h1>
      <p className="lead">{t('invitation.otherPerson.body', { current: currentEmail, invited: invitation.email })}</p>
      <p>{t('invitation.otherPerson.whatToDo', { invited: invitation.email })}</p>
      <div role="alert" className="alert-slot">
        {logout.isError ? (
          <ApiErrorNotice error={logout.error} onRetry={() => logout.mutate()} isRetrying={logout.isPending} />
        ) : null}
      </div>
      <PendingButton
        className="button button-primary button-wide"
        isPending={logout.isPending}
        onPress={() => logout.mutate()}
      >
        {logout.isPending ? t('common.busy') : t('invitation.otherPerson.logOut')}
      </PendingButton>
    </>
  );
}
