import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { serverNow } from '../../api/client';
import { parseDateInput, toDateInput, tomorrowInput } from './dates';

/** The end of someone's access as the form holds it: no end, or the day it stops ("2026-04-01"). */
export interface EndDraft {
  mode: 'none' | 'date';
  date: string;
}

export const noEnd: EndDraft = { mode: 'none', date: '' };

/** The draft of an existing end date (a moment) as the form shows it. */
export function endDraftOf(endsAt: string | null): EndDraft {
  return endsAt ? { mode: 'date', date: toDateInput(new Date(endsAt)) } : noEnd;
}

/** What is wrong with the chosen end, in words that say what to do; undefined when it is fine. */
export function endProblem(t: TFunction, draft: EndDraft): string | undefined {
  if (draft.mode === 'none') return undefined;
  if (!draft.date.trim()) return t('network.end.missing');
  const day = parseDateInput(draft.date);
  if (!day) return t('network.end.invalid');
  // "2026-04-01" < "2026-04-02" as text too: the form is fixed-width.
  if (toDateInput(day) < tomorrowInput(serverNow())) return t('network.end.notFuture');
  return undefined;
}

/** The moment the access stops (the start of the chosen day, local time), or null for no end. */
export function endsAtOf(draft: EndDraft): string | null {
  if (draft.mode === 'none') return null;
  return parseDateInput(draft.date)?.toISOString() ?? null;
}

export const endDateFieldId = (idPrefix: string) => `${idPrefix}-ends-on`;

/**
 * "Hoe lang heeft … toegang?": no end date (the default), or a day from which the access stops by
 * itself, e.g. for a neighbour who helps for a month. A native date field: phones show their own
 * large date picker, and typing the date works too.
 */
export function EndDateFields({
  idPrefix,
  legend,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  legend: string;
  value: EndDraft;
  onChange: (value: EndDraft) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const dateId = endDateFieldId(idPrefix);
  return (
    <fieldset className="fieldset end-date">
      <legend className="field-label">{legend}</legend>
      <div className="radio-list">
        <label className="radio">
          <input
            type="radio"
            name={`${idPrefix}-end`}
            checked={value.mode === 'none'}
            onChange={() => onChange({ ...value, mode: 'none' })}
          />
          <span>{t('network.end.none')}</span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${idPrefix}-end`}
            checked={value.mode === 'date'}
            onChange={() => onChange({ ...value, mode: 'date' })}
          />
          <span>{t('network.end.onDate')}</span>
        </label>
      </div>
      {value.mode === 'date' ? (
        <div className="field end-date-field">
          <label className="field-label" htmlFor={dateId}>
            {t('network.end.dateLabel')}
          </label>
          <p id={`${dateId}-help`} className="field-description">
            {t('network.end.dateHelp')}
          </p>
          <input
            id={dateId}
            type="date"
            className="input input-date"
            min={tomorrowInput(serverNow())}
            value={value.date}
            onChange={(event) => onChange({ ...value, date: event.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${dateId}-help ${dateId}-error` : `${dateId}-help`}
          />
          {error ? (
            <p id={`${dateId}-error`} className="field-error">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
