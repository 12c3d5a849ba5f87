import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Profile } from './profile-types';

export const profileQueryKey = ['account', 'profile'] as const;

/** The person's own data; `clientId` is the portal the page is open in (its organisation's mailbox is named). */
export function useProfile(clientId: string | undefined) {
  return useQuery({
    queryKey: [...profileQueryKey, clientId ?? null],
    queryFn: ({ signal }) =>
      api<Profile>(`/account/profile${clientId ? `?clientId=${encodeURIComponent(clientId)}` : ''}`, { signal }),
  });
}

/** "Berkenlaan 12" and "3581 AB Utrecht": the lines of a Dutch address, leaving out what is not known. */
export function addressLines(address: Profile['address']): string[] {
  if (!address) return [];
  const first = [address.street, address.houseNumber].filter(Boolean).join(' ');
  const second = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [first, second].filter(Boolean);
}

/** "+31612345678" as "06 12345678"; a foreign number stays as it is. */
export function formatMobile(e164: string): string {
  return e164.startsWith('+316') && e164.length === 12 ? `06 ${e164.slice(4)}` : e164;
}

/** "12 april 1938" from "1938-04-12", without time zones: a birthday is a calendar date. */
export function formatBirthDate(isoDate: string, language: 'nl' | 'en'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}
