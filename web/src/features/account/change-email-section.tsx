import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { emailPattern } from '../../lib/validation';
import { ChangeDisclosure, useChangeDisclosure } from './change-disclosure';
import { fieldCode, passwordProblem } from './field-problems';
import { CurrentPasswordField, DoneNotice, FormActions, FormErrors, useFormProblems } from './form-parts';
import type { EmailChangeSent, Profile } from './profile-types';
import { profileQueryKey } from './use-profile';
import { TextInputField } from './text-input-field';

/**
 * "E-mailadres wijzigen" (R28, N3 V7.5.1): the password again and the new address; then a link
 * to the new address. Only that link changes the address; until then the old one logs in. An
 * address of another account gets the same answer (no link goes there), so the page says only
 * that a mail was sent. The form opens with its button; a change that waits for the mail is shown
 * without opening it.
 */
export function ChangeEmailSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const { problems, summary, summaryRef, show, clear } = useFormProblems({
    password: 'email-change-password',
    email: 'new-email',
  });
  // The sent step is shown from the answer, or from the profile after a reload, while the form is closed.
  const disclosure = useChangeDisclosure();
  const [sentRef, focusSent] = useFocusAfterRender<HTMLDivElement>();

  const send = useMutation({
    mutationFn: (body: { password: string; email: string }) =>
      api<EmailChangeSent>('/account/email', { method: 'POST', body }),
    onSuccess: () => {
      setPassword('');
      clear();
      disclosure.close();
      void queryClient.invalidateQueries({ queryKey: profileQueryKey });
      focusSent();
    },
    onError: (error) => {
      const code = fieldCode(error, 'email');
      show({
        password: passwordProblem(t, error),
        email:
          code === 'invalid_email'
            ? t('myDetails.email.newInvalid')
            : code === 'same_email'
              ? t('myDetails.email.same')
              : undefined,
      });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    const trimmed = email.trim();
    const found = {
      password: password ? undefined : t('myDetails.passwordMissing'),
      email: !trimmed
        ? t('myDetails.email.newMissing')
        : !emailPattern.test(trimmed)
          ? t('myDetails.email.newInvalid')
          : trimmed.toLowerCase() === profile.email
            ? t('myDetails.email.same')
            : undefined,
    };
    if (show(found)) return;
    send.mutate({ password, email: trimmed });
  }

  // What was typed as the new address stays for a next try; the password does not.
  function cancel() {
    setPassword('');
    clear();
    if (send.isError) send.reset();
    disclosure.cancel();
  }

  const pending = send.data ?? profile.pendingEmail;
  const otherError = send.isError && summary.length === 0;

  const showSent = pending && !disclosure.isExpanded;

  return (
    <ChangeDisclosure
      id="email-title"
      title={t('myDetails.email.title')}
      state={disclosure}
      visible={
        <>
          <DoneNotice ref={sentRef}>
            {showSent ? (
              <>
                <strong>{t('myDetails.email.sentTitle')}.</strong> {t('myDetails.email.sent', { email: pending.email })}
              </>
            ) : null}
          </DoneNotice>
          {showSent ? (
            <div className="card">
              <p>{t('myDetails.email.sentNext', { time: formatDateTime(pending.expiresAt) })}</p>
              <p>{t('myDetails.email.sentUntil')}</p>
              <p className="muted">{t('myDetails.email.noMail')}</p>
              <Button
                className="button button-secondary"
                onPress={() => {
                  setEmail(pending.email);
                  send.reset();
                  disclosure.open();
                }}
              >
                {t('myDetails.email.again')}
              </Button>
            </div>
          ) : null}
        </>
      }
    >
      <p>{t('myDetails.email.intro', { email: profile.email })}</p>
      <FormErrors summary={summary} summaryRef={summaryRef} error={otherError ? send.error : null} />
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <TextInputField
          id="new-email"
          name="new-email"
          label={t('myDetails.email.newLabel')}
          value={email}
          onChange={setEmail}
          error={problems.email}
          type="email"
          inputMode="email"
          autoComplete="email"
        />
        <CurrentPasswordField
          id="email-change-password"
          value={password}
          onChange={setPassword}
          error={problems.password}
        />
        <p className="muted">{t('myDetails.email.linkNext')}</p>
        <FormActions isPending={send.isPending} submitLabel={t('myDetails.email.submit')} onCancel={cancel} />
      </Form>
    </ChangeDisclosure>
  );
}
