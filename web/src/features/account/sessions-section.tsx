import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AccountSession } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { formatDateTime } from '../../i18n/format';
import { sessionsQueryKey, useSessions } from './use-account';

/** "Waar bent u ingelogd": every open session, this one marked, each of the others can be ended. */
export function SessionsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sessions = useSessions();
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const end = useMutation({
    mutationFn: (session: AccountSession) =>
      api<void>(`/account/sessions/${encodeURIComponent(session.id)}`, { method: 'DELETE' }),
    onMutate: () => setDone(null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
    onSuccess: (_, session) => {
      setDone(t('account.sessions.ended', { device: session.device }));
      // The button that was pressed is gone: continue at the top of the list.
      headingRef.current?.focus();
    },
  });

  // This device first, then the most recently used.
  const list = [...(sessions.data?.sessions ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );

  return (
    <section className="section" aria-labelledby="sessions-title">
      <h2 id="sessions-title" ref={headingRef} tabIndex={-1}>
        {t('account.sessions.title')}
      </h2>
      <p>{t('account.sessions.intro')}</p>
      <div role="status" className="alert-slot">
        {done ? <p className="notice">{done}</p> : null}
      </div>
      <div role="alert" className="alert-slot">
        {end.isError ? (
          <ApiErrorNotice error={end.error} overrides={{ not_found: 'account.sessions.alreadyEnded' }} />
        ) : null}
      </div>
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {list.length > 0 ? (
        <ul className="item-list">
          {list.map((session) => (
            <li key={session.id} className={session.current ? 'card item item-current' : 'card item'}>
              <h3 id={`session-${session.id}`} className="item-title">
                {session.device}
                {session.current ? <span className="badge">{t('account.thisDevice')}</span> : null}
              </h3>
              <dl className="item-meta">
                <div>
                  <dt>{t('account.sessions.since')}</dt>
                  <dd>{formatDateTime(session.createdAt)}</dd>
                </div>
                <div>
                  <dt>{t('account.sessions.lastSeen')}</dt>
                  <dd>{formatDateTime(session.lastSeenAt)}</dd>
                </div>
              </dl>
              {session.current ? (
                <p className="muted">{t('account.sessions.currentHelp')}</p>
              ) : (
                <PendingButton
                  className="button button-secondary"
                  aria-describedby={`session-${session.id}`}
                  onPress={() => end.mutate(session)}
                  isPending={end.isPending && end.variables?.id === session.id}
                >
                  {t('account.sessions.end')}
                </PendingButton>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
