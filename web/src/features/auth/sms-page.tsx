import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useRef, useState, type FormEvent } from 'react';
import { Form, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { SmsView, VerifyReply } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { errorText } from '../../i18n/errors';
import { formatDuration, formatTime } from '../../i18n/format';
import { useServerNow } from '../../lib/use-server-now';
import { readLoginState, type LoginLocationState } from './login-state';
import { smsQueryKey, startSignedIn, useSmsStep } from './sms-step';
import { useFocusOnMount } from '../../lib/use-focus-after-render';

type Purpose = VerifyReply['purpose'];

const codeLength = 6;

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

  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const codeExpiresAt = view.codeExpiresAt ? Date.parse(view.codeExpiresAt) : null;
  const resendAt = view.resendAvailableAt ? Date.parse(view.resendAvailableAt) : 0;
  const [codeExpired, setCodeExpired] = useState(false);
  const now = useServerNow(true);
  const expired = codeExpired || (codeExpiresAt !== null && now >= codeExpiresAt);
  const resendWaitMs = resendAt - now;

  const verify = useMutation({
    mutationFn: (body: { code: string }) => api<VerifyReply>('/auth/sms/verify', { method: 'POST', body }),
    onSuccess: (reply) => {
      // First stop showing (and fetching) the finished SMS step, then forget what was loaded.
      onFinished(reply.purpose);
      startSignedIn(queryClient, reply.csrfToken);
      if (reply.purpose === 'password_reset') return;
      void navigate(reply.purpose === 'login' ? (from ?? '/portalen') : '/portalen', { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.code === 'code_expired' || error.code === 'code_locked')) {
        setCodeExpired(true);
      }
      if (error instanceof ApiError && error.code === 'attempt_not_found') {
        // The attempt ended (30 minutes, or finished in another tab): start again.
        void queryClient.invalidateQueries({ queryKey: smsQueryKey });
        return;
      }
      setCodeError(verifyErrorText(t, error, view.purpose));
      codeRef.current?.focus();
      codeRef.current?.select();
    },
  });

  const resend = useMutation({
    mutationFn: () => api<SmsView>('/auth/sms/resend', { method: 'POST' }),
    onMutate: () => setResent(false),
    onSuccess: (next) => {
      queryClient.setQueryData(smsQueryKey, next);
      setCode('');
      setCodeError(null);
      setCodeExpired(false);
      verify.reset();
      setResent(true);
      codeRef.current?.focus();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'attempt_not_found') {
        void queryClient.invalidateQueries({ queryKey: smsQueryKey });
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verify.isPending) return;
    const digits = code.replace(/\s+/g, '');
    const problem = !digits
      ? t('auth.sms.codeMissing')
      : !new RegExp(`^\\d{${codeLength}}$`).test(digits)
        ? t('auth.sms.codeFormat', { digits: codeLength })
        : null;
    setCodeError(problem);
    if (problem) return codeRef.current?.focus();
    setResent(false);
    verify.mutate({ code: digits });
  }

  return (
    <>
      <h1>{t('auth.sms.title')}</h1>
      <p className="lead">
        {t('auth.sms.sentTo')} <span className="nowrap strong">{view.maskedMobile}</span>.
      </p>
      <p>{t(`auth.sms.why.${view.purpose}`)}</p>

      <div role="status" className="alert-slot">
        {resent ? <p className="notice">{t('auth.sms.resent', { mobile: view.maskedMobile })}</p> : null}
      </div>

      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <TextField
          className="field"
          name="code"
          value={code}
          onChange={setCode}
          autoComplete="one-time-code"
          isInvalid={Boolean(codeError)}
          validationBehavior="aria"
          aria-describedby={codeError ? 'code-error' : undefined}
        >
          <Label className="field-label">{t('auth.sms.codeLabel')}</Label>
          <Text slot="description" className="field-description">
            {t('auth.sms.codeDescription', { digits: codeLength })}
          </Text>
          <Input
            ref={codeRef}
            className="input input-code"
            inputMode="numeric"
            pattern="[0-9 ]*"
            maxLength={codeLength + 4}
            spellCheck={false}
          />
          {/* Read out when it appears or changes ("nog 3 keer"); the field points to it too. */}
          <div role="alert" className="alert-slot">
            {codeError ? (
              <p id="code-error" className="field-error">
                {codeError}
              </p>
            ) : null}
          </div>
        </TextField>
        {/* After "expired" or "locked" from the server, its message says it all. */}
        {codeExpired ? null : <CodeExpiry expiresAt={view.codeExpiresAt} now={now} />}
        <PendingButton type="submit" className="button button-primary button-wide" isPending={verify.isPending}>
          {verify.isPending ? t('auth.sms.submitting') : t('auth.sms.submit')}
        </PendingButton>
      </Form>

      <section className="section" aria-labelledby="resend-title">
        <h2 id="resend-title">{t('auth.sms.resendTitle')}</h2>
        <p>{t('auth.sms.resendIntro')}</p>
        <div role="alert" className="alert-slot">
          {resend.isError ? (
            <ApiErrorNotice error={resend.error} overrides={{ attempt_not_found: 'auth.login.smsStepEnded' }} />
          ) : null}
        </div>
        <PendingButton
          className={expired ? 'button button-primary' : 'button button-secondary'}
          onPress={() => resend.mutate()}
          isPending={resend.isPending}
          isDisabled={resendWaitMs > 0}
        >
          {resend.isPending ? t('auth.sms.resending') : t('auth.sms.resend')}
        </PendingButton>
        {resendWaitMs > 0 ? (
          <p className="field-after muted">{t('auth.sms.resendWait', { wait: formatDuration(t, resendWaitMs) })}</p>
        ) : null}
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

/**
 * When the code stops working. The countdown is ordinary text, so a screen reader reads it when
 * the person gets there, not every second; a separate polite live region says it once when one
 * minute is left and once when the code has expired.
 */
function CodeExpiry({ expiresAt, now }: { expiresAt: string | null; now: number }) {
  const { t } = useTranslation();
  const left = expiresAt ? Date.parse(expiresAt) - now : null;
  const expired = left !== null && left <= 0;
  const lastMinute = left !== null && left > 0 && left <= 60_000;
  // The text changes only when a threshold is crossed, so it is announced only then.
  const announcement = expired ? t('auth.sms.expired') : lastMinute ? t('auth.sms.oneMinuteLeft') : '';

  return (
    <>
      {expired ? (
        <p className="notice notice-warning" aria-hidden="true">
          {t('auth.sms.expired')}
        </p>
      ) : expiresAt && left !== null ? (
        <p className="code-expiry">
          {t('auth.sms.validUntil', { time: formatTime(expiresAt) })}{' '}
          <span className="muted">{t('auth.sms.timeLeft', { left: formatDuration(t, left) })}</span>
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
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
