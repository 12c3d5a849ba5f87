import type { Profile } from './profile-types';

/** Sanne's own data as GET /api/account/profile answers it, for component tests. */
export function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    givenName: 'Sanne',
    namePrefix: 'de',
    familyName: 'Vries',
    name: 'Sanne de Vries',
    dateOfBirth: null,
    address: null,
    email: 'sanne@example.nl',
    mobile: '+31612345678',
    pendingEmail: null,
    organisation: { name: 'Zorggroep De Linde', dataChangeMailbox: 'clientportaal@example.nl' },
    ...overrides,
  };
}
