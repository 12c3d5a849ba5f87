import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { SmsRequired } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { PasswordField } from './password-field';
import { PasswordRules, localPasswordProblem, passwordRejectionText } from './password-rules';
import { useGoToSmsStep } from './sms-step';

const linkErrors = ['link_invalid', 'link_expired', 'link_used'] as const;
type LinkProblem = (typeof linkErrors)[number];

function linkProblem(error: unknown): LinkProblem | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return linkErrors.find((code) => code === error.code);
}

/**
 * The page behind the link in the "Wachtwoord vergeten?" mail (and the activation mail of an
 * account an admin made): first check that the link still works, then choose a new password,
 * then the SMS step. The new password only takes effect after the code (N4).
 */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const check = useQuery({
    queryKey: ['auth', 'reset-link', token],
    queryFn: ({ signal }) =>
      api<{ valid: true }>('/auth/password-reset/check', { method: 'POST', body: { token }, signal }),
    // A token shorter than the API accepts cannot be a link of ours.
    enabled: token.length >= 10,
    staleTime: Infinity,
  });

  if (token.length < 10) return <LinkNotWorking problem="link_invalid" />;
  const problem = linkProblem(check.error);
  if (problem) return <LinkNotWorking problem={problem} />;
  if (check.isError) {
    return (
      <CheckFrame>
        <LoadError heading="h1" error={check.error} onRetry={() => void check.refetch()} />
      </CheckFrame>
    );
  }
  if (!check.data) {
    return (
      <CheckFrame>
        <Loading />
      </CheckFrame>
    );
  }
  return <ChooseNewPassword token={token} />;
}

function CheckFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(t('auth.reset.title'));
  return <PublicFrame narrow>{children}</PublicFrame>;
}

function ChooseNewPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  usePageTitle(t('auth.reset.title'));
  const goToSmsStep = useGoToSmsStep();
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string>();
  const passwordRef = useRef<HTMLInputElement>(null);

  const complete = useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api<SmsRequired>('/auth/password-reset/complete', { method: 'POST', body }),
    onSuccess: (reply) => goToSmsStep(reply.sms),
    onError: (error) => {
      const rejection = passwordRejectionText(t, error);
      if (rejection) {
        setPasswordError(rejection);
        passwordRef.current?.focus();
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (complete.isPending) return;
    const problem = localPasswordProblem(t, password);
    setPasswordError(problem);
    if (problem) return passwordRef.current?.focus();
    complete.mutate({ token, password });
  }

  const problem = linkProblem(complete.error);
  if (problem) return <LinkNotWorking problem={problem} />;
  const otherError = complete.isError && !passwordRejectionText(t, complete.error);

  return (
    <PublicFrame narrow>
      <h1>{t('auth.reset.title')}</h1>
      <p>{t('auth.reset.intro')}</p>
      <div role="alert" className="alert-slot">
        {otherError ? (
          <ApiErrorNotice
            error={complete.error}
            onRetry={() => complete.variables && complete.mutate(complete.variables)}
            isRetrying={complete.isPending}
          />
        ) : null}
      </div>
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <PasswordRules id="password-rules" />
        <PasswordField
          label={t('auth.password.newLabel')}
          value={password}
          onChange={setPassword}
          error={passwordError}
          autoComplete="new-password"
          inputRef={passwordRef}
          describedBy="password-rules"
        />
        <p className="muted">{t('auth.reset.smsNext')}</p>
        <PendingButton type="submit" className="button button-primary button-wide" isPending={complete.isPending}>
          {complete.isPending ? t('common.busy') : t('common.continue')}
        </PendingButton>
      </Form>
    </PublicFrame>
  );
}

/** A link that does not work (any more): say why, and offer a new one. */
function LinkNotWorking({ problem }: { problem: LinkProblem }) {
  const { t } = useTranslation();
  usePageTitle(t(`auth.reset.${problem}.title`));
  return (
    <PublicFrame narrow>
      <h1>{t(`auth.reset.${problem}.title`)}</h1>
      <p>{t(`auth.reset.${problem}.body`)}</p>
      <p>
        <Link to="/wachtwoord-vergeten" className="button button-primary">
          {t('auth.reset.askNewLink')}
        </Link>
      </p>
      <p>
        <Link to="/inloggen">{t('auth.forgot.backToLogin')}</Link>
      </p>
    </PublicFrame>
  );
}
