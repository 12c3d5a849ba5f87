import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, setCsrfToken } from '../../api/client';
import type { LoginReply } from '../../api/types';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { errorText } from '../../i18n/errors';
import { readLoginState } from './login-state';
import { PasswordField } from './password-field';
import { markLoggedIn } from './session-flag';

interface FieldErrors {
  email?: string;
  password?: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.login.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
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
      setCsrfToken(reply.csrfToken);
      markLoggedIn();
      // Whatever a previous person loaded in this tab must not show up for this one.
      queryClient.clear();
      void navigate(from ?? '/portalen', { replace: true });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
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
          {t(notice === 'sessionEnded' ? 'auth.login.sessionEnded' : 'auth.login.loggedOut')}
        </p>
      ) : null}
      <p>{t('auth.login.intro')}</p>
      <div role="alert" className="alert-slot">
        {login.isError ? <p className="notice notice-error">{errorText(t, login.error)}</p> : null}
      </div>
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <TextField
          className="field"
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          isInvalid={Boolean(fieldErrors.email)}
          validationBehavior="aria"
        >
          <Label className="field-label">{t('auth.login.email')}</Label>
          <Input ref={emailRef} className="input" inputMode="email" autoCapitalize="none" spellCheck={false} />
          <FieldError className="field-error">{fieldErrors.email}</FieldError>
        </TextField>
        <PasswordField
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          autoComplete="current-password"
          inputRef={passwordRef}
        />
        <Button type="submit" className="button button-primary button-wide" isPending={login.isPending}>
          {login.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
        </Button>
      </Form>
      <p className="help-text">{t('auth.login.help')}</p>
    </PublicFrame>
  );
}
