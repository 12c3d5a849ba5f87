/** The answers of the Mijn gegevens API (server/src/modules/account/profile.schemas.ts). */
export interface ProfileAddress {
  street: string | null;
  houseNumber: string | null;
  postalCode: string | null;
  city: string | null;
}

export interface Profile {
  givenName: string;
  namePrefix: string | null;
  familyName: string;
  name: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string | null;
  address: ProfileAddress | null;
  email: string;
  /** E.164. */
  mobile: string | null;
  pendingEmail: { email: string; expiresAt: string } | null;
  organisation: { name: string; dataChangeMailbox: string } | null;
}

export interface EmailChangeSent {
  email: string;
  expiresAt: string;
}

export interface ChangeRequestSent {
  sentTo: string;
  organisationName: string;
  createdAt: string;
}
