/**
 * Mobile numbers. People type them in every notation (06-12345678, +31 (0)6 1234 5678, 0031…);
 * the portal stores and sends them in one form, E.164 (+31612345678), so that one number is one
 * value for rate limits, lookups and the SMS provider.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Digits, spaces and the punctuation people put in phone numbers; anything else is not a number. */
const phoneCharacters = /^[0-9+()\-./\s]+$/;

/**
 * The number in E.164 (e.g. `+31612345678`) when the input is a mobile number, else undefined.
 * A number without a country code is read as Dutch; a foreign number needs its country code
 * (`+32 470 12 34 56` or `0032 470 12 34 56`). Landlines, service numbers and nonsense are refused:
 * a login code sent to a landline never arrives.
 */
export function normaliseMobile(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 40 || !phoneCharacters.test(trimmed)) return undefined;
  const phone = parsePhoneNumberFromString(trimmed, 'NL');
  if (!phone?.isValid()) return undefined;
  // Some countries (the United States, Canada) do not tell mobiles and landlines apart by number.
  const type = phone.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return undefined;
  return phone.number;
}

/** Whether the value is a number in E.164 form, as normaliseMobile returns it: `+`, country code, number. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value);
}

/**
 * A mobile number as the page shows it, so that the user recognises it without the page
 * revealing it: only the last two digits, e.g. `•• •• •• •• 78`. The length is not shown either.
 */
export function maskMobile(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `•• •• •• •• ${digits.slice(-2)}`;
}
