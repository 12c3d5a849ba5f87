import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { emailPattern } from '../../lib/validation';
import { useFocusOnMount } from '../../lib/use-focus-after-render';
import { EmailField } from './email-field';

/**
 * "Wachtwoord vergeten?" (R3, N4): we mail a link, never a password. The answer is the same
 * whether or not the address has an account, so the page cannot be used to find out who has one.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string>();
  const emailRef = useRef<HTMLInputElement>(null);

  const request = useMutation({
    mutationFn: (body: { email: string }) => api<{ received: true }>('/auth/password-reset', { method: 'POST', body }),
  });
  usePageTitle(request.isSuccess ? t('auth.forgot.sentTitle') : t('auth.forgot.title'));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending) return;
    const trimmed = email.trim();
    const problem = !trimmed
      ? t('auth.login.emailMissing')
      : !emailPattern.test(trimmed)
        ? t('auth.login.emailInvalid')
        : undefined;
    setEmailError(problem);
    if (problem) return emailRef.current?.focus();
    request.mutate({ email: trimmed });
  }

  if (request.isSuccess) return <LinkSent />;

  return (
    <PublicFrame narrow>
      <h1>{t('auth.forgot.title')}</h1>
      <p>{t('auth.forgot.intro')}</p>
      <div role="alert" className="alert-slot">
        {request.isError ? <ApiErrorNotice error={request.error} /> : null}
      </div>
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <EmailField
          label={t('auth.forgot.email')}
          value={email}
          onChange={setEmail}
          error={emailError}
          inputRef={emailRef}
        />
        <PendingButton type="submit" className="button button-primary button-wide" isPending={request.isPending}>
          {request.isPending ? t('auth.forgot.submitting') : t('auth.forgot.submit')}
        </PendingButton>
      </Form>
      <section className="section" aria-labelledby="why-link">
        <h2 id="why-link">{t('auth.forgot.whyTitle')}</h2>
        <p>{t('auth.forgot.whyBody')}</p>
      </section>
      <p>
        <Link to="/inloggen">{t('auth.forgot.backToLogin')}</Link>
      </p>
    </PublicFrame>
  );
}

function LinkSent() {
  const { t } = useTranslation();
  // A new step on the same address: start reading there.
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <PublicFrame narrow>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('auth.forgot.sentTitle')}
      </h1>
      <p className="notice" role="status">
        {t('auth.forgot.sentBody')}
      </p>
      <p>{t('auth.forgot.sentNext')}</p>
      <h2>{t('auth.forgot.noMailTitle')}</h2>
      <p>{t('auth.forgot.noMailBody')}</p>
      <p>
        <Link to="/hulp">{t('helpdesk.askLink')}</Link>
      </p>
      <p>
        <Link to="/inloggen">{t('auth.forgot.backToLogin')}</Link>
      </p>
    </PublicFrame>
  );
}
