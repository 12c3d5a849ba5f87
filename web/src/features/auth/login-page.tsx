import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { LoginReply } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { emailPattern } from '../../lib/validation';
import { readLoginState, type LoginNotice } from './login-state';
import { PasswordField } from './password-field';
import { startSignedIn, useGoToSmsStep } from './sms-step';
import { EmailField } from './email-field';

interface FieldErrors {
  email?: string;
  password?: string;
}

const noticeKeys: Record<LoginNotice, string> = {
  sessionEnded: 'auth.login.sessionEnded',
  loggedOut: 'auth.login.loggedOut',
  smsStepEnded: 'auth.login.smsStepEnded',
};

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.login.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const goToSmsStep = useGoToSmsStep();
  const { notice, from } = readLoginState(location.state);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<LoginReply>('/auth/login', { method: 'POST', body, expectUnauthenticated: true }),
    onSuccess: (reply) => {
      if (reply.status === 'sms_required') return goToSmsStep(reply.sms, { from });
      startSignedIn(queryClient, reply.csrfToken);
      void navigate(from ?? '/portalen', { replace: true });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    const errors: FieldErrors = {};
    const trimmed = email.trim();
    if (!trimmed) errors.email = t('auth.login.emailMissing');
    else if (!emailPattern.test(trimmed)) errors.email = t('auth.login.emailInvalid');
    if (!password) errors.password = t('auth.login.passwordMissing');
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    login.mutate({ email: trimmed, password });
  }

  return (
    <PublicFrame narrow>
      <h1>{t('auth.login.title')}</h1>
      {notice && !login.isError ? (
        <p className="notice notice-info" role="status">
          {t(noticeKeys[notice])}
        </p>
      ) : null}
      <p>{t('auth.login.intro')}</p>
      <div role="alert" className="alert-slot">
        {login.isError ? (
          <ApiErrorNotice
            error={login.error}
            onRetry={() => login.variables && login.mutate(login.variables)}
            isRetrying={login.isPending}
          />
        ) : null}
      </div>
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <EmailField
          label={t('auth.login.email')}
          value={email}
          onChange={setEmail}
          error={fieldErrors.email}
          inputRef={emailRef}
        />
        <div className="field-group">
          <PasswordField
            value={password}
            onChange={setPassword}
            error={fieldErrors.password}
            autoComplete="current-password"
            inputRef={passwordRef}
          />
          <p className="field-after">
            <Link to="/wachtwoord-vergeten">{t('auth.login.forgotPassword')}</Link>
          </p>
        </div>
        <PendingButton type="submit" className="button button-primary button-wide" isPending={login.isPending}>
          {login.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
        </PendingButton>
      </Form>
      <p className="help-text">
        {t('auth.login.helpQuestion')} <Link to="/hulp">{t('auth.login.helpLink')}</Link>
      </p>
    </PublicFrame>
  );
}
