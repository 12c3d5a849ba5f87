import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { PasswordField } from '../auth/password-field';
import { PasswordRules, localPasswordProblem, passwordRejectionText } from '../auth/password-rules';
import { ChangeDisclosure, useChangeDisclosure } from './change-disclosure';
import { CurrentPasswordField, DoneNotice, FormActions, FormErrors, useFormProblems } from './form-parts';
import { devicesQueryKey, sessionsQueryKey } from './use-account';

/**
 * "Wachtwoord wijzigen": the other sessions and trusted devices end; this one stays logged in.
 * The heading's button opens the form, so the form's own button says "opslaan" (two buttons
 * with one name would be confusing when read aloud).
 */
export function ChangePasswordSection({ email }: { email: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { problems, summary, summaryRef, show, clear } = useFormProblems({
    current: 'current-password',
    next: 'new-password',
  });
  const [doneRef, focusDone] = useFocusAfterRender<HTMLDivElement>();
  const disclosure = useChangeDisclosure({ onOpen: () => change.isSuccess && change.reset() });

  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<void>('/account/password', { method: 'POST', body }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      clear();
      disclosure.close();
      focusDone();
      void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
      void queryClient.invalidateQueries({ queryKey: devicesQueryKey });
    },
    onError: (error) => {
      const found: typeof problems = {};
      if (error instanceof ApiError && error.code === 'current_password_wrong') {
        found.current = t('account.password.currentWrong');
      }
      const rejection = passwordRejectionText(t, error);
      if (rejection) found.next = rejection;
      show(found);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending) return;
    const found: typeof problems = {};
    if (!current) found.current = t('account.password.currentMissing');
    found.next = localPasswordProblem(t, next);
    if (!found.next && next === current) found.next = t('account.password.same');
    if (show(found)) return;
    change.mutate({ currentPassword: current, newPassword: next });
  }

  function cancel() {
    setCurrent('');
    setNext('');
    clear();
    if (change.isError) change.reset();
    disclosure.cancel();
  }

  const otherError = change.isError && summary.length === 0;

  return (
    <ChangeDisclosure
      id="password-title"
      title={t('account.password.title')}
      state={disclosure}
      visible={<DoneNotice ref={doneRef}>{change.isSuccess ? t('account.password.changed') : null}</DoneNotice>}
    >
      <FormErrors summary={summary} summaryRef={summaryRef} error={otherError ? change.error : null} />
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        {/* For password managers: they store the new password with this address. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <CurrentPasswordField
          id="current-password"
          label={t('account.password.currentLabel')}
          value={current}
          onChange={setCurrent}
          error={problems.current}
        />
        <PasswordRules id="password-rules" />
        <PasswordField
          id="new-password"
          name="new-password"
          label={t('auth.password.newLabel')}
          value={next}
          onChange={setNext}
          error={problems.next}
          autoComplete="new-password"
          describedBy="password-rules"
        />
        <p className="muted">{t('account.password.othersEnd')}</p>
        <FormActions isPending={change.isPending} submitLabel={t('account.password.save')} onCancel={cancel} />
      </Form>
    </ChangeDisclosure>
  );
}
