/**
 * Factories: each test builds its own organisation, clients and people, and never relies on
 * seeded rows. Every value is unique per call, so tests can share a database.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../platform/db.js';
import { hashPassword } from '../platform/passwords.js';
import type { Permission } from '../platform/permissions.js';
import {
  clients,
  departments,
  memberships,
  organisations,
  persons,
  staffRoles,
  type PersonStatus,
  type Relation,
  type StaffRoleName,
} from '../platform/schema.js';

export const testPassword = 'een-lang-test-wachtwoord';
let cachedHash: Promise<string> | undefined;
const uniq = () => randomBytes(4).toString('hex');

/** A valid Dutch mobile number in E.164 (06-1…: every number in that range is a real mobile number). */
export const randomMobile = () => `+3161${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

export async function buildOrganisation(db: Db, values: Partial<typeof organisations.$inferInsert> = {}) {
  const [row] = await db
    .insert(organisations)
    .values({
      name: `Zorggroep ${uniq()}`,
      dataChangeMailbox: `gegevens-${uniq()}@org.test`,
      helpdeskEmail: `helpdesk-${uniq()}@org.test`,
      ...values,
    })
    .returning();
  return row!;
}

export async function buildDepartment(
  db: Db,
  organisationId: string,
  values: Partial<typeof departments.$inferInsert> = {},
) {
  const [row] = await db
    .insert(departments)
    .values({ organisationId, name: `Afdeling ${uniq()}`, phone: '030 000 00 00', ...values })
    .returning();
  return row!;
}

/** A client, in a new organisation and department unless given. */
export async function buildClient(db: Db, values: Partial<typeof clients.$inferInsert> = {}) {
  const organisationId = values.organisationId ?? (await buildOrganisation(db)).id;
  const departmentId =
    values.departmentId === undefined ? (await buildDepartment(db, organisationId)).id : values.departmentId;
  const [row] = await db
    .insert(clients)
    .values({ givenName: 'Geertruida', familyName: `Client${uniq()}`, ...values, organisationId, departmentId })
    .returning();
  return row!;
}

export async function buildPerson(
  db: Db,
  values: Partial<Omit<typeof persons.$inferInsert, 'passwordHash'>> & {
    password?: string | null;
    status?: PersonStatus;
  } = {},
) {
  const { password = testPassword, ...rest } = values;
  cachedHash ??= hashPassword(testPassword);
  const passwordHash =
    password === null ? null : password === testPassword ? await cachedHash : await hashPassword(password);
  const [row] = await db
    .insert(persons)
    .values({
      email: `persoon-${uniq()}@example.test`,
      mobile: randomMobile(),
      givenName: 'Kees',
      familyName: `Persoon${uniq()}`,
      status: 'active',
      ...rest,
      passwordHash,
    })
    .returning();
  return { ...row!, password };
}

/** A person in the client's network with the given rights (none unless asked: least rights). */
export async function buildContactPerson(
  db: Db,
  clientId: string,
  options: {
    permissions?: Permission[];
    relation?: Relation;
    endsAt?: Date | null;
    revokedAt?: Date | null;
    person?: Awaited<ReturnType<typeof buildPerson>>;
    personValues?: Parameters<typeof buildPerson>[1];
  } = {},
) {
  const person = options.person ?? (await buildPerson(db, options.personValues));
  const [membership] = await db
    .insert(memberships)
    .values({
      personId: person.id,
      clientId,
      relation: options.relation ?? 'contact',
      permissions: options.permissions ?? [],
      endsAt: options.endsAt ?? null,
      revokedAt: options.revokedAt ?? null,
    })
    .returning();
  return { person, membership: membership! };
}

export async function buildStaff(
  db: Db,
  organisationId: string,
  role: StaffRoleName,
  scope: { departmentId?: string; clientId?: string } = {},
  person?: Awaited<ReturnType<typeof buildPerson>>,
) {
  const staff = person ?? (await buildPerson(db));
  await db.insert(staffRoles).values({ personId: staff.id, organisationId, role, ...scope });
  return staff;
}
