import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldProblem {
  /** The id of the input the problem is about; the summary links to it. */
  fieldId: string;
  text: string;
}

/**
 * A list of what to correct at the top of a form with several fields. The page moves focus here
 * after a failed submit, so that a screen reader reads the problems first; each line leads to its
 * field (the same text also stands under the field).
 */
export function ErrorSummary({ problems, ref }: { problems: FieldProblem[]; ref?: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div ref={ref} className="error-summary" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary-title">
        {t('form.summaryTitle', { count: problems.length })}
      </h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem.fieldId}>
            <a
              href={`#${problem.fieldId}`}
              onClick={(event) => {
                // Focus the field itself, without changing the URL (the router would see a new page).
                event.preventDefault();
                const field = document.getElementById(problem.fieldId);
                field?.focus();
                field?.scrollIntoView?.({ block: 'center' });
              }}
            >
              {problem.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
