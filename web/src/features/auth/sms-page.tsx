import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { SmsView, VerifyReply } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { LoadError, Loading } from '../../components/status';
import { errorText } from '../../i18n/errors';
import { readLoginState, type LoginLocationState } from './login-state';
import { CodeExpiry, ResendCodeButton, ResendWait, SmsCodeForm, useSmsCode } from './sms-code-form';
import { smsQueryKey, startSignedIn, useSmsStep } from './sms-step';
import { useFocusOnMount } from '../../lib/use-focus-after-render';

type Purpose = VerifyReply['purpose'];

/**
 * The SMS step (R7–R11) after a password: for a login, a password reset and an invitation. The
 * attempt lives in an HttpOnly cookie, so a reload asks the server what is going on
 * (GET /api/auth/sms); without an attempt the person starts again at the login page.
 */
export function SmsPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.sms.title'));
  const [finished, setFinished] = useState<Purpose | null>(null);
  const sms = useSmsStep(finished === null);

  if (finished === 'password_reset') return <PasswordChanged />;
  if (finished) return null;
  if (sms.error instanceof ApiError && sms.error.code === 'attempt_not_found') {
    const state: LoginLocationState = { notice: 'smsStepEnded' };
    return <Navigate to="/inloggen" replace state={state} />;
  }
  return (
    <PublicFrame narrow>
      {sms.data ? (
        <SmsStep view={sms.data} onFinished={setFinished} />
      ) : sms.isError ? (
        <LoadError heading="h1" error={sms.error} onRetry={() => void sms.refetch()} />
      ) : (
        <Loading />
      )}
    </PublicFrame>
  );
}

function SmsStep({ view, onFinished }: { view: SmsView; onFinished: (purpose: Purpose) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { from } = readLoginState(location.state);

  const sms = useSmsCode({
    view,
    queryKey: smsQueryKey,
    verify: (code) => api<VerifyReply>('/auth/sms/verify', { method: 'POST', body: { code } }),
    resend: () => api<SmsView>('/auth/sms/resend', { method: 'POST' }),
    onVerified: (reply) => {
      // First stop showing (and fetching) the finished SMS step, then forget what was loaded.
      onFinished(reply.purpose);
      startSignedIn(queryClient, reply.csrfToken);
      if (reply.purpose === 'password_reset') return;
      void navigate(reply.purpose === 'login' ? (from ?? '/portalen') : '/portalen', { replace: true });
    },
    // The attempt ended (30 minutes, or finished in another tab): start again.
    onGone: () => void queryClient.invalidateQueries({ queryKey: smsQueryKey }),
    verifyErrorText: (error) => verifyErrorText(t, error, view.purpose),
  });
  const expired = sms.codeEnded || sms.timedOut;

  return (
    <>
      <h1>{t('auth.sms.title')}</h1>
      <p className="lead">
        {t('auth.sms.sentTo')} <span className="nowrap strong">{view.maskedMobile}</span>.
      </p>
      <p>{t(`auth.sms.why.${view.purpose}`)}</p>

      <SmsCodeForm
        sms={sms}
        className="form card"
        errorId="code-error"
        // After "expired" or "locked" from the server, its message says it all.
        expiry={sms.codeEnded ? null : <CodeExpiry expiresAt={view.codeExpiresAt} now={sms.now} />}
        submitClassName="button button-primary button-wide"
        submitLabel={t('auth.sms.submit')}
        busyLabel={t('auth.sms.submitting')}
      />

      <section className="section" aria-labelledby="resend-title">
        <h2 id="resend-title">{t('auth.sms.resendTitle')}</h2>
        <p>{t('auth.sms.resendIntro')}</p>
        <div role="alert" className="alert-slot">
          {sms.resend.isError ? (
            <ApiErrorNotice error={sms.resend.error} overrides={{ attempt_not_found: 'auth.login.smsStepEnded' }} />
          ) : null}
        </div>
        <ResendCodeButton sms={sms} expired={expired} />
        <ResendWait sms={sms} />
      </section>

      <section className="section" aria-labelledby="cookies-title">
        <h2 id="cookies-title">{t('auth.sms.cookiesTitle')}</h2>
        <p>{t('auth.sms.cookiesBody')}</p>
        <p>{t('auth.sms.thirtyDays')}</p>
      </section>

      <p className="help-text">
        {t('auth.sms.helpQuestion')} <Link to="/hulp">{t('auth.login.helpLink')}</Link>
      </p>
    </>
  );
}

function verifyErrorText(t: TFunction, error: unknown, purpose: Purpose): string {
  if (error instanceof ApiError && (error.code === 'link_used' || error.code === 'link_expired')) {
    return t(purpose === 'invitation' ? 'auth.sms.invitationGone' : 'auth.sms.linkGone');
  }
  return errorText(t, error);
}

/** After a password reset: the new password works now, and other devices were logged out. */
function PasswordChanged() {
  const { t } = useTranslation();
  usePageTitle(t('auth.sms.passwordChangedTitle'));
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <PublicFrame narrow>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('auth.sms.passwordChangedTitle')}
      </h1>
      <p className="notice" role="status">
        {t('auth.sms.passwordChangedBody')}
      </p>
      <p>{t('auth.sms.passwordChangedOthers')}</p>
      <p>
        <Link to="/portalen" className="button button-primary">
          {t('auth.sms.toPortal')}
        </Link>
      </p>
    </PublicFrame>
  );
}
