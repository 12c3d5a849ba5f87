import type { TFunction } from 'i18next';
import { currentLanguage } from '.';

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'nl-NL');

/** "4 december 2026 om 21:05" (in the browser's time zone: the person's own clock). */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** "21:05". */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(iso));
}

/** "4 minuten en 32 seconden", "1 minuut", "32 seconden": how long is left, in whole seconds. */
export function formatDuration(t: TFunction, ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const minutesText = t('time.minutes', { count: minutes });
  const secondsText = t('time.seconds', { count: seconds });
  if (minutes === 0) return secondsText;
  if (seconds === 0) return minutesText;
  return t('time.minutesAndSeconds', { minutes: minutesText, seconds: secondsText });
}
