/**
 * The person's own data on Mijn gegevens (R28, R29): name, date of birth and address where known,
 * e-mail address and mobile number, and where to ask for other changes.
 */
import { findAccess, requireAccess } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext } from '../../platform/context.js';
import { unauthenticated } from '../../platform/errors.js';
import { formatName } from '../../platform/names.js';
import * as authRepo from '../auth/auth.repository.js';
import * as repo from './account.repository.js';

export interface Address {
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
  /** YYYY-MM-DD, or null when not known. */
  dateOfBirth: string | null;
  address: Address | null;
  email: string;
  /** E.164; the owner sees the whole number. */
  mobile: string | null;
  /** A new address waiting for its confirmation link. */
  pendingEmail: { email: string; expiresAt: Date } | null;
  /** Where other changes go (R29), for the portal the page is opened in. */
  organisation: { name: string; dataChangeMailbox: string } | null;
}

const addressOf = (a: Address): Address | null =>
  a.street || a.houseNumber || a.postalCode || a.city
    ? { street: a.street, houseNumber: a.houseNumber, postalCode: a.postalCode, city: a.city }
    : null;

/**
 * The organisation that handles this person's requests: that of the portal the page is opened in
 * (which must be one the person reaches, else 404), else the first organisation the person
 * belongs to (a network first, then staff). Undefined for a person in no organisation at all.
 */
export async function organisationFor(ctx: AppContext, actor: Actor, clientId?: string) {
  if (clientId) {
    const access = await requireAccess(ctx, actor, clientId);
    return repo.findOrganisation(ctx.db, access.organisationId);
  }
  const [first] = await repo.listOrganisationsOf(ctx.db, actor.personId, ctx.clock.now());
  return first;
}

/**
 * The person's own data. For a client (relation 'self') the date of birth and address the
 * organisation keeps in the client record fill what the person record does not know; reading
 * them is logged as a read of that client's data (N1).
 */
export async function getProfile(ctx: AppContext, actor: Actor, clientId?: string): Promise<Profile> {
  const person = await authRepo.findPersonById(ctx.db, actor.personId);
  if (!person) throw unauthenticated();
  const organisation = await organisationFor(ctx, actor, clientId);
  const now = ctx.clock.now();

  let dateOfBirth = person.dateOfBirth;
  let address = addressOf(person);
  if (!dateOfBirth || !address) {
    const selves = await repo.listSelfClients(ctx.db, actor.personId, now);
    // The client of the portal that is open, when that is the person's own.
    const own = selves.find((c) => c.id === clientId) ?? selves[0];
    if (own) {
      dateOfBirth ??= own.dateOfBirth;
      // An address is shown whole from one source, never a street from one and a city from another.
      address ??= addressOf(own);
      const access = await findAccess(ctx, actor, own.id);
      await recordAudit(ctx.db, ctx.clock, actor, {
        action: 'account.profile.read',
        outcome: 'success',
        actorPersonId: actor.personId,
        actorRole: access?.role ?? 'client',
        clientId: own.id,
        organisationId: own.organisationId,
        objectType: 'client',
        objectId: own.id,
      });
    }
  }

  const pending = await repo.findOpenEmailChange(ctx.db, actor.personId, now);
  return {
    givenName: person.givenName,
    namePrefix: person.namePrefix,
    familyName: person.familyName,
    name: formatName(person),
    dateOfBirth,
    address,
    email: person.email,
    mobile: person.mobile,
    pendingEmail: pending?.email ? { email: pending.email, expiresAt: pending.expiresAt } : null,
    organisation: organisation ? { name: organisation.name, dataChangeMailbox: organisation.dataChangeMailbox } : null,
  };
}
