import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { PendingButton } from '../../components/pending-button';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { PasswordField } from '../auth/password-field';
import { PasswordRules, localPasswordProblem, passwordRejectionText } from '../auth/password-rules';
import { ChangeDisclosure, useChangeDisclosure } from './change-disclosure';
import { devicesQueryKey, sessionsQueryKey } from './use-account';

interface Problems {
  current?: string;
  next?: string;
}

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
  const [problems, setProblems] = useState<Problems>({});
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>();
  const [doneRef, focusDone] = useFocusAfterRender<HTMLDivElement>();
  const disclosure = useChangeDisclosure({ onOpen: () => change.isSuccess && change.reset() });

  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<void>('/account/password', { method: 'POST', body }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setProblems({});
      disclosure.close();
      focusDone();
      void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
      void queryClient.invalidateQueries({ queryKey: devicesQueryKey });
    },
    onError: (error) => {
      const found: Problems = {};
      if (error instanceof ApiError && error.code === 'current_password_wrong') {
        found.current = t('account.password.currentWrong');
      }
      const rejection = passwordRejectionText(t, error);
      if (rejection) found.next = rejection;
      show(found);
    },
  });

  function show(found: Problems) {
    setProblems(found);
    if (found.current || found.next) focusSummary();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending) return;
    const found: Problems = {};
    if (!current) found.current = t('account.password.currentMissing');
    found.next = localPasswordProblem(t, next);
    if (!found.next && next === current) found.next = t('account.password.same');
    show(found);
    if (found.current || found.next) return;
    change.mutate({ currentPassword: current, newPassword: next });
  }

  function cancel() {
    setCurrent('');
    setNext('');
    setProblems({});
    if (change.isError) change.reset();
    disclosure.cancel();
  }

  const summary: FieldProblem[] = [];
  if (problems.current) summary.push({ fieldId: 'current-password', text: problems.current });
  if (problems.next) summary.push({ fieldId: 'new-password', text: problems.next });
  const otherError = change.isError && !problems.current && !problems.next;

  return (
    <ChangeDisclosure
      id="password-title"
      title={t('account.password.title')}
      state={disclosure}
      visible={
        <div role="status" className="alert-slot" ref={doneRef} tabIndex={-1}>
          {change.isSuccess ? <p className="notice">{t('account.password.changed')}</p> : null}
        </div>
      }
    >
      <ErrorSummary ref={summaryRef} problems={summary} />
      <div role="alert" className="alert-slot">
        {otherError ? <ApiErrorNotice error={change.error} /> : null}
      </div>
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        {/* For password managers: they store the new password with this address. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordField
          id="current-password"
          name="current-password"
          label={t('account.password.currentLabel')}
          value={current}
          onChange={setCurrent}
          error={problems.current}
          autoComplete="current-password"
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
        <div className="button-row">
          <PendingButton type="submit" className="button button-primary" isPending={change.isPending}>
            {change.isPending ? t('common.busy') : t('account.password.save')}
          </PendingButton>
          <Button className="button button-quiet" onPress={cancel}>
            {t('myDetails.cancel')}
          </Button>
        </div>
      </Form>
    </ChangeDisclosure>
  );
}
