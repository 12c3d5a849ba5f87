import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { OutboxMessage } from '../../api/types';
import { useConfig } from '../../api/use-config';
import { NotFoundPage } from '../../app/not-found-page';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { currentLanguage } from '../../i18n';

/**
 * Demo mode only: the e-mail and SMS messages the portal would have sent. Reachable without
 * logging in, because a demo user needs it to read a code before they are logged in.
 */
export function OutboxPage() {
  const config = useConfig();
  if (config.isSuccess && !config.data.devOutbox) return <NotFoundPage />;
  return <Outbox enabled={config.data?.devOutbox === true} configError={config.error} />;
}

function Outbox({ enabled, configError }: { enabled: boolean; configError: unknown }) {
  const { t } = useTranslation();
  usePageTitle(t('outbox.title'));
  const outbox = useQuery({
    queryKey: ['dev', 'outbox'],
    queryFn: ({ signal }) => api<{ messages: OutboxMessage[] }>('/dev/outbox', { signal }),
    enabled,
    staleTime: 0,
  });
  const error = configError ?? outbox.error;

  return (
    <PublicFrame>
      <h1>{t('outbox.title')}</h1>
      <p className="demo-banner">{t('outbox.intro')}</p>
      <div className="toolbar">
        <PendingButton
          className="button button-primary"
          onPress={() => void outbox.refetch()}
          isPending={outbox.isFetching}
          isDisabled={!enabled}
        >
          {outbox.isFetching ? t('outbox.refreshing') : t('outbox.refresh')}
        </PendingButton>
        {outbox.data ? (
          <p role="status" className="toolbar-status">
            {t('outbox.count', { count: outbox.data.messages.length })}
          </p>
        ) : null}
      </div>
      {error ? <LoadError error={error} onRetry={() => void outbox.refetch()} /> : null}
      {!error && !outbox.data ? <Loading /> : null}
      {outbox.data?.messages.length === 0 ? <p>{t('outbox.empty')}</p> : null}
      {outbox.data && outbox.data.messages.length > 0 ? (
        <ol className="message-list">
          {outbox.data.messages.map((message, index) => (
            <li key={`${message.createdAt}-${index}`} className="card message">
              <h2 className="message-title">
                {t(`outbox.channel.${message.channel}`)}
                {message.subject ? `: ${message.subject}` : ''}
              </h2>
              <dl className="message-meta">
                <div>
                  <dt>{t('outbox.to')}</dt>
                  <dd className="break">{message.to}</dd>
                </div>
                <div>
                  <dt>{t('outbox.sentAt')}</dt>
                  <dd>
                    <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                  </dd>
                </div>
              </dl>
              <pre className="message-body">{message.body}</pre>
            </li>
          ))}
        </ol>
      ) : null}
    </PublicFrame>
  );
}

function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'nl-NL', {
    dateStyle: 'long',
    timeStyle: 'medium',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}
