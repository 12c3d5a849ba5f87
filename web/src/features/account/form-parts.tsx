import { useState, type ReactNode, type Ref } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { PendingButton } from '../../components/pending-button';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { PasswordField } from '../auth/password-field';

/** The parts that the change forms on Mijn gegevens have in common. */

/**
 * The problems of a form with several fields, one text per field (keyed as in `fieldIds`, which
 * gives each field's input id and the order of the summary). `show` moves focus to the summary
 * when there is something to correct.
 */
export function useFormProblems<K extends string>(fieldIds: Record<K, string>) {
  const [problems, setProblems] = useState<Partial<Record<K, string | undefined>>>({});
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>();
  const keys = Object.keys(fieldIds) as K[];
  const summary: FieldProblem[] = keys.flatMap((key) => {
    const text = problems[key];
    return text ? [{ fieldId: fieldIds[key], text }] : [];
  });

  /** Shows what was found; true when there is something to correct. */
  function show(found: Partial<Record<K, string | undefined>>): boolean {
    setProblems(found);
    const any = keys.some((key) => found[key]);
    if (any) focusSummary();
    return any;
  }

  return { problems, summary, summaryRef, show, clear: () => setProblems({}) };
}

/**
 * Above a form: the summary of what to correct (when the form has one) and, in its own alert,
 * an error that is about no field in particular.
 */
export function FormErrors({
  summary,
  summaryRef,
  error,
}: {
  summary?: FieldProblem[];
  summaryRef?: Ref<HTMLDivElement>;
  /** Shown when set. */
  error: unknown;
}) {
  return (
    <>
      {summary ? <ErrorSummary ref={summaryRef} problems={summary} /> : null}
      <div role="alert" className="alert-slot">
        {error ? <ApiErrorNotice error={error} /> : null}
      </div>
    </>
  );
}

/** The password again, asked before a change to the account. */
export function CurrentPasswordField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  /** Also the field's name. */
  id: string;
  /** "Uw wachtwoord" unless given. */
  label?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <PasswordField
      id={id}
      name={id}
      label={label ?? t('myDetails.passwordLabel')}
      value={value}
      onChange={onChange}
      error={error}
      autoComplete="current-password"
    />
  );
}

/** A change form's submit button (busy while it is sent) and "Annuleren". */
export function FormActions({
  isPending,
  submitLabel,
  onCancel,
}: {
  isPending: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <PendingButton type="submit" className="button button-primary" isPending={isPending}>
        {isPending ? t('common.busy') : submitLabel}
      </PendingButton>
      <Button className="button button-quiet" onPress={onCancel}>
        {t('myDetails.cancel')}
      </Button>
    </div>
  );
}

/**
 * Where a section says that its change worked. The slot is always there (a live region that
 * appears together with its text is not always read); the section moves focus here after a success.
 */
export function DoneNotice({ ref, children }: { ref: Ref<HTMLDivElement>; children: ReactNode }) {
  return (
    <div role="status" className="alert-slot" ref={ref} tabIndex={-1}>
      {children ? <p className="notice">{children}</p> : null}
    </div>
  );
}
