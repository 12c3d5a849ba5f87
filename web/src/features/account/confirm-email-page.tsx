import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { useFocusOnMount } from '../../lib/use-focus-after-render';
import { meQueryKey } from '../auth/use-me';
import { profileQueryKey } from './use-profile';

const goneCodes = ['link_invalid', 'link_expired', 'link_used', 'email_unavailable'] as const;
type Gone = (typeof goneCodes)[number];

function goneProblem(error: unknown): Gone | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return goneCodes.find((code) => code === error.code);
}

/**
 * The page behind the link in the "bevestig uw nieuwe e-mailadres" mail (R28). It works without
 * a session: the link may be opened on another device. The address changes only after a press
 * on the button, so that a mail program that opens links to check them changes nothing.
 */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('myDetails.confirm.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const queryClient = useQueryClient();

  const check = useQuery({
    queryKey: ['account', 'email-link', token],
    queryFn: ({ signal }) =>
      api<{ email: string }>('/account/email/check', { method: 'POST', body: { token }, signal }),
    enabled: token.length >= 10,
    staleTime: Infinity,
  });
  const confirm = useMutation({
    mutationFn: () => api<{ email: string }>('/account/email/confirm', { method: 'POST', body: { token } }),
    onSuccess: () => {
      // A session in this browser shows the new address from now on.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      void queryClient.invalidateQueries({ queryKey: profileQueryKey });
    },
  });

  const gone = token.length < 10 ? 'link_invalid' : (goneProblem(check.error) ?? goneProblem(confirm.error));
  if (gone) return <LinkGone problem={gone} />;
  if (confirm.isSuccess) return <Confirmed email={confirm.data.email} />;

  return (
    <PublicFrame narrow>
      {check.data ? (
        <>
          <h1>{t('myDetails.confirm.title')}</h1>
          <p>{t('myDetails.confirm.intro')}</p>
          <p className="lead strong break">{check.data.email}</p>
          <div role="alert" className="alert-slot">
            {confirm.isError ? (
              <ApiErrorNotice error={confirm.error} onRetry={() => confirm.mutate()} isRetrying={confirm.isPending} />
            ) : null}
          </div>
          <PendingButton
            className="button button-primary button-wide"
            onPress={() => confirm.mutate()}
            isPending={confirm.isPending}
          >
            {confirm.isPending ? t('common.busy') : t('myDetails.confirm.submit')}
          </PendingButton>
        </>
      ) : check.isError ? (
        <LoadError heading="h1" error={check.error} onRetry={() => void check.refetch()} />
      ) : (
        <Loading />
      )}
    </PublicFrame>
  );
}

function Confirmed({ email }: { email: string }) {
  const { t } = useTranslation();
  usePageTitle(t('myDetails.confirm.doneTitle'));
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <PublicFrame narrow>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('myDetails.confirm.doneTitle')}
      </h1>
      <p className="notice" role="status">
        {t('myDetails.confirm.done', { email })}
      </p>
      <p>
        <Link to="/portalen" className="button button-primary">
          {t('myDetails.confirm.toPortal')}
        </Link>
      </p>
    </PublicFrame>
  );
}

function LinkGone({ problem }: { problem: Gone }) {
  const { t } = useTranslation();
  usePageTitle(t(`myDetails.confirm.gone.${problem}.title`));
  return (
    <PublicFrame narrow>
      <h1>{t(`myDetails.confirm.gone.${problem}.title`)}</h1>
      <p>{t(`myDetails.confirm.gone.${problem}.body`)}</p>
      <p>{t('myDetails.confirm.gone.next')}</p>
      <p>
        <Link to="/portalen" className="button button-primary">
          {t('myDetails.confirm.toLogin')}
        </Link>
      </p>
    </PublicFrame>
  );
}
