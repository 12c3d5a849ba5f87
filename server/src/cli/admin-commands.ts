/**
 * What `npm run admin -- <command>` does, one function per command, on the app's own context.
 * For an organisation's first steps before any admin screen exists: the organisation, its
 * departments, its admins, and client portals with their first invitation (I2).
 */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../platform/audit.js';
import type { AppContext } from '../platform/context.js';
import { normaliseMobile } from '../platform/phone.js';
import { departments, organisations, persons, staffRoles, type Relation } from '../platform/schema.js';
import { sendActivationLink } from '../modules/auth/password-reset.service.js';
import {
  createPortal,
  firstContactPermissions,
  invite,
  type InviteeInput,
} from '../modules/invitations/invitations.service.js';
import { isPermission, type Permission } from '../platform/permissions.js';

export type Flags = Record<string, string | undefined>;

/** Every flag any command takes; each takes a value. */
export const flagNames = [
  'name',
  'mailbox',
  'helpdesk',
  'phone',
  'organisation',
  'email',
  'given-name',
  'family-name',
  'prefix',
  'mobile',
  'client',
  'client-given-name',
  'client-family-name',
  'client-prefix',
  'client-date-of-birth',
  'department',
  'ecd-id',
  'relation',
  'relation-label',
  'permissions',
] as const;

export class UsageError extends Error {}

function required<const N extends readonly string[]>(flags: Flags, ...names: N): { [K in keyof N]: string } {
  const missing = names.filter((n) => !flags[n]?.trim());
  if (missing.length) throw new UsageError(`Missing: ${missing.map((m) => `--${m}`).join(', ')}`);
  return names.map((n) => flags[n]!.trim()) as { [K in keyof N]: string };
}

const system = { personId: null, role: 'system' as const, origin: null };

export async function createOrganisation(ctx: AppContext, flags: Flags) {
  const [name, mailbox, helpdesk] = required(flags, 'name', 'mailbox', 'helpdesk');
  const [row] = await ctx.db
    .insert(organisations)
    .values({ name, dataChangeMailbox: mailbox, helpdeskEmail: helpdesk, phone: flags.phone ?? null })
    .returning();
  await recordAudit(ctx.db, ctx.clock, null, {
    action: 'organisation.created',
    outcome: 'success',
    actorRole: 'system',
    organisationId: row!.id,
  });
  return `Organisation "${name}" created: ${row!.id}`;
}

export async function createDepartment(ctx: AppContext, flags: Flags) {
  const [organisationId, name] = required(flags, 'organisation', 'name');
  const [row] = await ctx.db
    .insert(departments)
    .values({ organisationId, name, phone: flags.phone ?? null, email: flags.email ?? null })
    .returning();
  return `Department "${name}" created: ${row!.id}`;
}

export async function listOrganisations(ctx: AppContext) {
  const orgs = await ctx.db.select().from(organisations).orderBy(organisations.name);
  const deps = await ctx.db.select().from(departments).orderBy(departments.name);
  if (orgs.length === 0) return 'No organisations yet. Create one with: npm run admin -- create-organisation --name …';
  return orgs
    .map((o) =>
      [
        `${o.id}  ${o.name}`,
        ...deps.filter((d) => d.organisationId === o.id).map((d) => `  department ${d.id}  ${d.name}`),
      ].join('\n'),
    )
    .join('\n');
}

/** An organisation admin: a staff role and an activation link by e-mail (choose a password, then SMS). */
export async function createAdmin(ctx: AppContext, flags: Flags) {
  const [organisationId, rawEmail, givenName, familyName, rawMobile] = required(
    flags,
    'organisation',
    'email',
    'given-name',
    'family-name',
    'mobile',
  );
  const email = rawEmail.toLowerCase();
  const mobile = normaliseMobile(rawMobile);
  if (!mobile) throw new UsageError(`Not a mobile number: ${rawMobile}`);
  const [existing] = await ctx.db.select().from(persons).where(eq(persons.email, email)).limit(1);
  const person =
    existing ??
    (
      await ctx.db
        .insert(persons)
        .values({ email, mobile, givenName, familyName, namePrefix: flags.prefix ?? null, status: 'invited' })
        .returning()
    )[0]!;
  await ctx.db.insert(staffRoles).values({ personId: person.id, organisationId, role: 'organisation_admin' });
  await recordAudit(ctx.db, ctx.clock, null, {
    action: 'staff.role_granted',
    outcome: 'success',
    actorRole: 'system',
    organisationId,
    objectType: 'person',
    objectId: person.id,
    details: { role: 'organisation_admin' },
  });
  if (!existing || existing.status === 'invited') {
    await sendActivationLink(ctx, person.id);
    return `Admin ${email} created; an activation link was mailed (valid 7 days).`;
  }
  return `${email} already had an account and is now also organisation admin.`;
}

function inviteeFrom(flags: Flags): InviteeInput {
  const [email, givenName, familyName, mobile] = required(flags, 'email', 'given-name', 'family-name', 'mobile');
  const relation = (flags.relation ?? 'contact') as Relation;
  if (!['self', 'contact', 'legal_representative'].includes(relation)) {
    throw new UsageError('--relation must be self, contact or legal_representative');
  }
  let permissions: Permission[] = firstContactPermissions;
  if (flags.permissions) {
    const list = flags.permissions.split(',').map((p) => p.trim());
    const bad = list.filter((p) => !isPermission(p));
    if (bad.length) throw new UsageError(`Unknown rights: ${bad.join(', ')}`);
    permissions = list as Permission[];
  }
  return {
    email,
    givenName,
    familyName,
    namePrefix: flags.prefix ?? null,
    mobile,
    relation,
    relationLabel: flags['relation-label'] ?? null,
    permissions,
  };
}

/** A client's portal with the invitation of its first person. */
export async function createPortalCommand(ctx: AppContext, flags: Flags) {
  const [organisationId, clientGivenName, clientFamilyName] = required(
    flags,
    'organisation',
    'client-given-name',
    'client-family-name',
  );
  const { clientId } = await createPortal(
    ctx,
    organisationId,
    {
      givenName: clientGivenName,
      familyName: clientFamilyName,
      namePrefix: flags['client-prefix'] ?? null,
      dateOfBirth: flags['client-date-of-birth'] ?? null,
      departmentId: flags.department ?? null,
      ecdId: flags['ecd-id'] ?? null,
    },
    inviteeFrom(flags),
    system,
  );
  return `Portal created for client ${clientId}; the invitation was mailed to ${flags.email} (valid 7 days).`;
}

export async function inviteCommand(ctx: AppContext, flags: Flags) {
  const [clientId] = required(flags, 'client');
  await invite(ctx, clientId, inviteeFrom(flags), system);
  return `Invitation mailed to ${flags.email} (valid 7 days).`;
}

export const usage = `Usage: npm run admin -- <command> [--flag value …]

Commands:
  list-organisations
  create-organisation --name "Zorggroep X" --mailbox clientportaal@x.nl --helpdesk helpdesk@x.nl [--phone "030 …"]
  create-department   --organisation <id> --name "Afdeling Y" [--phone …] [--email …]
  create-admin        --organisation <id> --email … --given-name … --family-name … --mobile 06… [--prefix "van"]
  create-portal       --organisation <id> --client-given-name … --client-family-name … [--client-prefix …]
                      [--client-date-of-birth 1938-04-12] [--department <id>] [--ecd-id …]
                      --email … --given-name … --family-name … --mobile 06… [--prefix …]
                      [--relation contact|self|legal_representative] [--relation-label dochter]
                      [--permissions agenda:read,board:read,…]
  invite              --client <id> --email … --given-name … --family-name … --mobile 06… [same options as above]`;
