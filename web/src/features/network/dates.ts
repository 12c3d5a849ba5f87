import { currentLanguage } from '../../i18n';

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'nl-NL');

/** "1 april 2026", in the browser's time zone. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(new Date(iso));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day of a moment, as a date field holds it: "2026-04-01" (local time). */
export function toDateInput(value: Date): string {
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** "2026-04-01" → that day at 00:00 local time; undefined for anything that is not a real date. */
export function parseDateInput(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // new Date(2026, 1, 31) silently becomes 3 March: refuse days that do not exist.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return date;
}

/** Tomorrow's date for a date field's `min`: access "stops on" a day, so today is too soon. */
export function tomorrowInput(now: number = Date.now()): string {
  const today = new Date(now);
  return toDateInput(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1));
}
