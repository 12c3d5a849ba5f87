import { currentLanguage } from '../../i18n';
import { serverNow } from '../../api/client';
import type { Period } from './types';

/**
 * The log's days are Dutch calendar days (the server counts them so too), so times and days are
 * shown in Dutch time, also on a phone that is abroad.
 */
const timeZone = 'Europe/Amsterdam';
const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'nl-NL');

const dayPartsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD of the moment, in Dutch time. */
export function dayOf(at: Date | string | number): string {
  const parts = Object.fromEntries(dayPartsFormat.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today in the Netherlands, by the server's clock. */
export const today = () => dayOf(serverNow());

const dayMs = 24 * 60 * 60 * 1000;
const fromDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

export const addDays = (day: string, days: number) => new Date(fromDay(day) + days * dayMs).toISOString().slice(0, 10);

/** Number of days from `from` to `to`, both included. */
export const daysIn = (period: Period) => Math.round((fromDay(period.to) - fromDay(period.from)) / dayMs) + 1;

/** A real calendar day written as YYYY-MM-DD (not 30 February). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = fromDay(value);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** "maandag 20 juli 2026". */
export function formatDayLong(day: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(fromDay(day)));
}

/** "20 juli 2026". */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(fromDay(day)));
}

/** "10:05", Dutch time. */
export function formatClock(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone, timeStyle: 'short' }).format(new Date(iso));
}
