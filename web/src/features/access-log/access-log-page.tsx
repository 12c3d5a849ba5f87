import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { useCurrentPortal } from '../portal/use-portal';
import './access-log.css';
import { addDays, dayOf, daysIn, formatClock, formatDay, formatDayLong, isDay, today } from './dates';
import { actionText, actorText, roleText } from './describe';
import type { AccessLogEntry, Period } from './types';
import { useAccessLog } from './use-access-log';

/** The server's limit: a year, both days included (a leap year too). */
const maxDays = 366;

type Choice = 'week' | 'month' | 'year' | 'custom';

/**
 * "Wie heeft wat bekeken" (N2): who read or changed what in this portal, and when, newest first.
 * For the client and the managers of the network; part of Beheerinstellingen.
 */
export function AccessLogPage() {
  const { t } = useTranslation();
  const { clientId, portal } = useCurrentPortal();
  const portalName =
    portal?.relation === 'self' ? t('portal.mine') : t('portal.portalOf', { name: portal?.clientName ?? '' });
  usePageTitle(`${t('accessLog.title')} – ${portalName}`);
  // Null: the server's default, the last 30 days.
  const [period, setPeriod] = useState<Period | null>(null);
  const [resultsRef, focusResults] = useFocusAfterRender<HTMLHeadingElement>();
  const log = useAccessLog(clientId, period);
  const shown = log.data?.pages[0];

  return (
    <div className="container-narrow">
      <p className="access-log-back">
        <Link to={`/p/${clientId}/beheer`}>{t('accessLog.back')}</Link>
      </p>
      <h1>{t('accessLog.title')}</h1>
      <p className="lead">{t('accessLog.intro')}</p>

      <PeriodForm
        current={shown ? { from: shown.from, to: shown.to } : null}
        isPending={log.isFetching && !log.isFetchingNextPage}
        onShow={(next) => {
          // The same period again: show what happened since.
          if (next?.from === period?.from && next?.to === period?.to) void log.refetch();
          else setPeriod(next);
          focusResults();
        }}
      />

      <section className="section" aria-labelledby="access-log-results">
        <h2 id="access-log-results" ref={resultsRef} tabIndex={-1}>
          {shown
            ? t('accessLog.period.shown', { from: formatDay(shown.from), to: formatDay(shown.to) })
            : t('accessLog.title')}
        </h2>
        {log.isPending ? <Loading /> : null}
        {log.isError && !log.isFetchNextPageError ? (
          <LoadError
            error={log.error}
            onRetry={() => void log.refetch()}
            overrides={{ forbidden: 'accessLog.forbidden', not_found: 'portal.shell.notFoundBody' }}
          />
        ) : null}
        {log.data ? (
          <Results
            entries={log.data.pages.flatMap((p) => p.entries)}
            hasMore={log.hasNextPage}
            loadingMore={log.isFetchingNextPage}
            loadMoreError={log.isFetchNextPageError ? log.error : null}
            onLoadMore={() => void log.fetchNextPage()}
          />
        ) : null}
      </section>
    </div>
  );
}

function Results({
  entries,
  hasMore,
  loadingMore,
  loadMoreError,
  onLoadMore,
}: {
  entries: AccessLogEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: unknown;
  onLoadMore: () => void;
}) {
  const { t } = useTranslation();
  if (entries.length === 0) {
    return (
      <div className="card">
        <p>{t('accessLog.empty')}</p>
        <p>{t('accessLog.emptyHint')}</p>
      </div>
    );
  }

  // One heading per day, in Dutch time; pages continue the day they end in.
  const days: { day: string; entries: AccessLogEntry[] }[] = [];
  for (const entry of entries) {
    const day = dayOf(entry.occurredAt);
    const last = days[days.length - 1];
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, entries: [entry] });
  }

  return (
    <>
      <p role="status" className="muted">
        {hasMore
          ? t('accessLog.countMore', { count: entries.length })
          : t('accessLog.count', { count: entries.length })}
      </p>
      {days.map(({ day, entries: onDay }) => (
        <section key={day} className="access-log-day" aria-labelledby={`access-log-day-${day}`}>
          <h3 id={`access-log-day-${day}`} className="access-log-day-title">
            {formatDayLong(day)}
          </h3>
          <ol className="access-log-list">
            {onDay.map((entry) => (
              <Entry key={entry.id} entry={entry} />
            ))}
          </ol>
        </section>
      ))}
      <div role="alert" className="alert-slot">
        {loadMoreError ? <LoadError error={loadMoreError} onRetry={onLoadMore} heading="h2" /> : null}
      </div>
      {hasMore ? (
        <PendingButton
          className="button button-secondary button-wide access-log-end"
          onPress={onLoadMore}
          isPending={loadingMore}
        >
          {loadingMore ? t('accessLog.loadingMore') : t('accessLog.loadMore')}
        </PendingButton>
      ) : (
        <p className="muted access-log-end">{t('accessLog.allShown')}</p>
      )}
    </>
  );
}

function Entry({ entry }: { entry: AccessLogEntry }) {
  const { t } = useTranslation();
  const role = roleText(t, entry.actor);
  const refused = entry.outcome === 'denied';
  return (
    <li className={refused ? 'access-log-entry access-log-refused' : 'access-log-entry'}>
      <time className="access-log-time" dateTime={entry.occurredAt}>
        {formatClock(entry.occurredAt)}
      </time>
      <div className="access-log-text">
        <p className="access-log-what">
          {refused || entry.outcome === 'failure' ? (
            <span className="access-log-badge">{refused ? t('accessLog.denied') : t('accessLog.failed')}</span>
          ) : null}
          {actionText(t, entry)}
        </p>
        <p className="access-log-who">
          <span className="visually-hidden">{t('accessLog.who')}: </span>
          <span className="strong">{actorText(t, entry.actor)}</span>
          {role ? <span className="muted">, {role}</span> : null}
        </p>
      </div>
    </li>
  );
}

const fieldIds = { from: 'access-log-from', to: 'access-log-to' } as const;
type Problems = Partial<Record<keyof typeof fieldIds, string>>;

/** The period: three ready choices or two days of one's own, and one button to show it. */
function PeriodForm({
  current,
  isPending,
  onShow,
}: {
  current: Period | null;
  isPending: boolean;
  onShow: (period: Period | null) => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice>('month');
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>();
  // The date fields start at the period shown, so that a small change is a small effort.
  const fields = custom ?? { from: current?.from ?? addDays(today(), -29), to: current?.to ?? today() };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (choice !== 'custom') {
      setProblems({});
      const end = today();
      if (choice === 'month') onShow(null);
      else onShow({ from: addDays(end, choice === 'week' ? -6 : -(maxDays - 1)), to: end });
      return;
    }
    const next = checkPeriod(fields);
    setProblems(next);
    if (Object.keys(next).length > 0) {
      focusSummary();
      return;
    }
    onShow({ from: fields.from, to: fields.to });
  }

  function checkPeriod(period: Period): Problems {
    const found: Problems = {};
    if (!isDay(period.from)) found.from = t('accessLog.period.fromMissing');
    if (!isDay(period.to)) found.to = t('accessLog.period.toMissing');
    if (found.from || found.to) return found;
    if (period.from > period.to) return { from: t('accessLog.period.fromAfterTo') };
    if (daysIn(period) > maxDays) return { from: t('accessLog.period.tooLong') };
    return {};
  }

  const summary: FieldProblem[] = (Object.keys(fieldIds) as (keyof typeof fieldIds)[])
    .filter((field) => problems[field])
    .map((field) => ({ fieldId: fieldIds[field], text: problems[field]! }));

  const choices: { value: Choice; label: string }[] = [
    { value: 'week', label: t('accessLog.period.week') },
    { value: 'month', label: t('accessLog.period.month') },
    { value: 'year', label: t('accessLog.period.year') },
    { value: 'custom', label: t('accessLog.period.custom') },
  ];

  return (
    <form className="card form access-log-period" onSubmit={submit} noValidate>
      <ErrorSummary ref={summaryRef} problems={summary} />
      <fieldset className="access-log-fieldset">
        <legend className="field-label">{t('accessLog.period.legend')}</legend>
        <div className="access-log-choices">
          {choices.map((c) => (
            <label key={c.value} className="access-log-choice">
              <input
                type="radio"
                name="access-log-period"
                value={c.value}
                checked={choice === c.value}
                onChange={() => {
                  setChoice(c.value);
                  setProblems({});
                }}
              />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {choice === 'custom' ? (
        <div className="access-log-dates">
          <p id="access-log-date-help" className="field-description">
            {t('accessLog.period.dateHelp')}
          </p>
          {(['from', 'to'] as const).map((field) => (
            <div className="field" key={field}>
              <label className="field-label" htmlFor={fieldIds[field]}>
                {t(`accessLog.period.${field}`)}
              </label>
              <input
                id={fieldIds[field]}
                name={field}
                type="date"
                className="input access-log-date"
                value={fields[field]}
                max={today()}
                onChange={(event) => setCustom({ ...fields, [field]: event.target.value })}
                aria-invalid={problems[field] ? true : undefined}
                aria-describedby={
                  problems[field] ? `${fieldIds[field]}-error access-log-date-help` : 'access-log-date-help'
                }
              />
              {problems[field] ? (
                <p className="field-error" id={`${fieldIds[field]}-error`}>
                  {problems[field]}
                </p>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      <PendingButton type="submit" className="button button-primary" isPending={isPending}>
        {t('accessLog.period.show')}
      </PendingButton>
    </form>
  );
}
