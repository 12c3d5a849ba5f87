/**
 * Which new passwords we accept (N3: OWASP ASVS 5.0 V6.2.1, V6.2.4, V6.2.12; NIST SP 800-63B):
 * at least 8 characters, up to 128, any characters (spaces and emoji too), no composition rules,
 * checked exactly as typed. We refuse passwords from the common/breached-password list, passwords
 * built from the person's own name, e-mail address or organisation, and passwords that zxcvbn-ts
 * rates as easy to guess with its Dutch and English dictionaries.
 *
 * Every rejection has a stable `reason` that the web app translates into plain Dutch.
 */
import { zxcvbn, zxcvbnOptions, type MatchExtended } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nl from '@zxcvbn-ts/language-nl-be';
import { AppError } from './errors.js';

export const passwordMinLength = 8;
export const passwordMaxLength = 128;
/** zxcvbn's score: 3 means "safely unguessable" (about 10^8 guesses or more). */
const minScore = 3;
/**
 * zxcvbn's time grows faster than the length (a 128-character sentence takes 40 to 100 ms), so it
 * rates the first this many UTF-16 units. A password whose beginning is hard to guess is hard to
 * guess; a longer one whose first 64 characters are easy to guess ("x" 100 times, then something
 * else) is refused, which only hits padding.
 */
const ratedLength = 64;

export type PasswordRejection = 'too_short' | 'too_long' | 'too_common' | 'personal' | 'too_guessable';
export type PasswordCheck = { ok: true } | { ok: false; reason: PasswordRejection };

/** What we know about the person, so that their own name or address is not their password. */
export interface PasswordContext {
  email?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  /** Tussenvoegsel such as "van der". */
  namePrefix?: string | null;
  organisationName?: string | null;
}

/** Plain English fallbacks for API users; the web app shows its own Dutch text per reason. */
const messages: Record<PasswordRejection, string> = {
  too_short: `Choose a password of at least ${passwordMinLength} characters.`,
  too_long: `Choose a password of at most ${passwordMaxLength} characters.`,
  too_common: 'This password is on a list of common or leaked passwords.',
  personal: 'This password contains your name, your e-mail address or the name of your care organisation.',
  too_guessable: 'This password is too easy to guess.',
};

// The language packages use the same dictionary names (commonWords, wikipedia …), so each gets a
// prefix: without it the Dutch lists would silently replace the English ones.
const prefixed = (prefix: string, dictionary: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(dictionary).map(([name, words]) => [`${prefix}-${name}`, words]));

// Once per process: building the ranked dictionaries takes about 100 ms.
zxcvbnOptions.setOptions({
  dictionary: { ...common.dictionary, ...prefixed('en', en.dictionary), ...prefixed('nl', nl.dictionary) },
  graphs: common.adjacencyGraphs,
  translations: nl.translations,
  // Levenshtein matching would also catch near-misses like "Welkom02", but makes one check take
  // about 200 ms; the common-list and score checks already refuse those.
  useLevenshteinDistance: false,
});

/**
 * How many l33t variants ("p@ssw0rd" read as "password") zxcvbn tries. Each variant is a full
 * dictionary pass and the library compares its matches pairwise, so with the default of 512 a
 * 60-character string of l33t symbols takes seconds. Disguised common passwords are short; in a
 * long password the variants add little, and the first variant substitutes every symbol at once.
 */
const l33tVariantsFor = (length: number) => (length <= 16 ? 4 : length <= 32 ? 1 : 0);

/** The common/breached list itself, lowercased, for a plain look-up of the whole password. */
const commonPasswords = new Set(common.dictionary.passwords.map((p) => p.toLowerCase()));

/** Words in organisation names that say nothing about this organisation. */
const genericOrganisationWords = new Set([
  'stichting',
  'zorg',
  'zorggroep',
  'zorgcentrum',
  'zorgcentra',
  'thuiszorg',
  'woonzorg',
  'groep',
  'care',
  'huis',
  'centrum',
  'vereniging',
]);

/** The first `ratedLength` UTF-16 units, never cut inside a character. */
function ratedPart(password: string): string {
  let part = '';
  for (const char of password) {
    if (part.length + char.length > ratedLength) break;
    part += char;
  }
  return part;
}

/** Lowercase, without accents, so that "Müller" and "muller" count as the same name. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const lettersOnly = (s: string) => fold(s).replace(/[^\p{L}]/gu, '');
const codePoints = (s: string) => [...s].length;

/** The names, e-mail parts and organisation words that a password may not contain. */
function personalWords(context: PasswordContext): { plain: string[]; userInputs: string[] } {
  const plain: string[] = [];
  const userInputs: string[] = [];
  const add = (value: string | null | undefined, { contain }: { contain: boolean }) => {
    if (!value) return;
    userInputs.push(value);
    const letters = lettersOnly(value);
    if (contain && letters.length >= 3) plain.push(letters);
  };

  add(context.givenName, { contain: true });
  add(context.familyName, { contain: true });
  // "van der Berg" as a whole; the prefix alone ("van") is a common word, so only zxcvbn sees it.
  if (context.namePrefix && context.familyName) add(`${context.namePrefix} ${context.familyName}`, { contain: true });
  add(context.namePrefix, { contain: false });
  for (const part of (context.givenName ?? '').split(/[\s-]+/)) add(part, { contain: true });
  for (const part of (context.familyName ?? '').split(/[\s-]+/)) add(part, { contain: true });

  if (context.email) {
    const [local = '', domain = ''] = context.email.split('@');
    add(context.email, { contain: false });
    add(local, { contain: true });
    for (const part of local.split(/[^\p{L}]+/u)) add(part, { contain: true });
    // The domain is often a mail provider ("gmail"): zxcvbn weighs it, a plain ban would be too strict.
    add(domain.split('.')[0], { contain: false });
  }

  if (context.organisationName) {
    add(context.organisationName, { contain: true });
    for (const word of context.organisationName.split(/[^\p{L}]+/u)) {
      const isDistinctive = lettersOnly(word).length >= 4 && !genericOrganisationWords.has(lettersOnly(word));
      add(word, { contain: isDistinctive });
    }
  }
  return { plain: [...new Set(plain)], userInputs: [...new Set(userInputs)] };
}

function containsPersonalWord(password: string, words: string[]): boolean {
  const folded = fold(password);
  const letters = lettersOnly(password);
  return words.some((word) => folded.includes(word) || letters.includes(word));
}

const isWholeCommonMatch = (password: string, sequence: MatchExtended[]) =>
  sequence.length === 1 &&
  sequence[0]!.pattern === 'dictionary' &&
  sequence[0]!.dictionaryName === 'passwords' &&
  sequence[0]!.i === 0 &&
  sequence[0]!.j === password.length - 1;

/**
 * Checks a password that a person chooses. The password is checked exactly as typed: no trimming,
 * no normalisation of what is stored. Takes a few milliseconds (see the test for the measurement).
 */
export function checkNewPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  // Code points, not UTF-16 units: an emoji counts as one character, as a person would count it.
  const length = codePoints(password);
  if (length < passwordMinLength) return { ok: false, reason: 'too_short' };
  if (length > passwordMaxLength) return { ok: false, reason: 'too_long' };

  if (commonPasswords.has(password.toLowerCase())) return { ok: false, reason: 'too_common' };

  const personal = personalWords(context);
  if (containsPersonalWord(password, personal.plain)) return { ok: false, reason: 'personal' };

  const rated = ratedPart(password);
  // The options are shared by every call; that is safe because zxcvbn runs synchronously.
  zxcvbnOptions.l33tMaxSubstitutions = l33tVariantsFor(rated.length);
  // Always pass an array: zxcvbn keeps the previous call's user inputs when given none.
  const result = zxcvbn(rated, personal.userInputs);
  // "p@ssw0rd" and "drowssap" are the list's words in disguise.
  if (isWholeCommonMatch(password, result.sequence)) return { ok: false, reason: 'too_common' };
  if (result.score < minScore) {
    const usesPersonal = result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs');
    return { ok: false, reason: usesPersonal ? 'personal' : 'too_guessable' };
  }
  return { ok: true };
}

/** The one error that every route answers with when a new password is refused. */
export function passwordRejected(reason: PasswordRejection): AppError {
  return new AppError(400, 'password_rejected', 'The password cannot be used.', [
    { field: 'password', code: reason, message: messages[reason] },
  ]);
}

/** Checks and throws `passwordRejected` in one step, for services. */
export function requireAcceptablePassword(password: string, context: PasswordContext = {}): void {
  const check = checkNewPassword(password, context);
  if (!check.ok) throw passwordRejected(check.reason);
}
