/**
 * The data model of Kring. Tables are snake_case in the database and camelCase in code.
 * Later modules extend this file; drizzle-kit generates the migrations in server/drizzle.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Where requests to change personal data go (R29), e.g. clientportaal@debeyart.nl. */
  dataChangeMailbox: text('data_change_mailbox').notNull(),
  /** Where the helpdesk form sends its messages (R12). */
  helpdeskEmail: text('helpdesk_email').notNull(),
  phone: text('phone'),
  createdAt: createdAt(),
});

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [index('departments_organisation_idx').on(t.organisationId)],
);

export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    departmentId: uuid('department_id').references(() => departments.id),
    givenName: text('given_name').notNull(),
    /** Dutch tussenvoegsel such as "van der"; sorting ignores it. */
    namePrefix: text('name_prefix'),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    street: text('street'),
    houseNumber: text('house_number'),
    postalCode: text('postal_code'),
    city: text('city'),
    /** The client's identifier in the organisation's ECD. */
    ecdId: text('ecd_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('clients_organisation_idx').on(t.organisationId),
    uniqueIndex('clients_ecd_id_unique').on(t.organisationId, t.ecdId),
  ],
);

export const personStatuses = ['invited', 'active', 'disabled'] as const;
export type PersonStatus = (typeof personStatuses)[number];

export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed; unique over all organisations. */
    email: text('email').notNull(),
    /** E.164, e.g. +31612345678. */
    mobile: text('mobile'),
    givenName: text('given_name').notNull(),
    namePrefix: text('name_prefix'),
    familyName: text('family_name').notNull(),
    /** argon2id; null until the person has chosen a password. */
    passwordHash: text('password_hash'),
    status: text('status', { enum: personStatuses }).notNull().default('invited'),
    lastLoginAt: tstz('last_login_at'),
    /** When the person last completed an SMS verification; null means never (R7). */
    smsVerifiedAt: tstz('sms_verified_at'),
    passwordChangedAt: tstz('password_changed_at'),
    /** Personal data where known (for the client, from the ECD); changed through the organisation (R28, R29). */
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    street: text('street'),
    houseNumber: text('house_number'),
    postalCode: text('postal_code'),
    city: text('city'),
    /** Storage key of the profile photo (R30), re-encoded without metadata; null shows initials. */
    photoKey: text('photo_key'),
    photoUpdatedAt: tstz('photo_updated_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('persons_email_unique').on(t.email),
    check('persons_email_lowercase', sql`${t.email} = lower(${t.email})`),
  ],
);

export const relations = ['self', 'contact', 'legal_representative'] as const;
export type Relation = (typeof relations)[number];

/** A person's place in one client's network, with the rights the client granted (R26). */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    relation: text('relation', { enum: relations }).notNull(),
    /** Free text such as "dochter" or "buurman"; shown, never used for access. */
    relationLabel: text('relation_label'),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    grantedBy: uuid('granted_by').references(() => persons.id),
    grantedAt: tstz('granted_at').notNull().defaultNow(),
    /** The membership grants nothing from this moment on (for example a neighbour helping for a month). */
    endsAt: tstz('ends_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    uniqueIndex('memberships_person_client_unique').on(t.personId, t.clientId),
    index('memberships_client_idx').on(t.clientId),
  ],
);

export const staffRoleNames = ['care_professional', 'contactverzorgende', 'organisation_admin', 'helpdesk'] as const;
export type StaffRoleName = (typeof staffRoleNames)[number];

/**
 * A person's role in a care organisation. A care professional belongs to a department, a
 * contactverzorgende to a client; admin and helpdesk to the organisation as a whole.
 */
export const staffRoles = pgTable(
  'staff_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role', { enum: staffRoleNames }).notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    clientId: uuid('client_id').references(() => clients.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('staff_roles_person_idx').on(t.personId),
    index('staff_roles_client_idx').on(t.clientId),
    check(
      'staff_roles_scope',
      sql`(${t.role} = 'care_professional' and ${t.departmentId} is not null)
        or (${t.role} = 'contactverzorgende' and ${t.clientId} is not null)
        or (${t.role} in ('organisation_admin', 'helpdesk'))`,
    ),
  ],
);

/** Server-side sessions: only a hash of the cookie's token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Sent back in the X-CSRF-Token header with every state-changing request. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    /** The absolute end, whatever the activity. */
    expiresAt: tstz('expires_at').notNull(),
    endedAt: tstz('ended_at'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    /** The trusted device this session was started on, if any. */
    deviceId: uuid('device_id'),
  },
  (t) => [uniqueIndex('sessions_token_hash_unique').on(t.tokenHash), index('sessions_person_idx').on(t.personId)],
);

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * NEN 7513 audit log (N1). Append-only: a trigger refuses UPDATE and DELETE (migration 0001).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: tstz('occurred_at').notNull(),
    /** e.g. 'auth.login', 'client.overview.read'. */
    action: text('action').notNull(),
    outcome: text('outcome', { enum: auditOutcomes }).notNull(),
    actorPersonId: uuid('actor_person_id'),
    /** The role the actor acted in: client, contact person, care professional, … */
    actorRole: text('actor_role'),
    /** On whose behalf: the client whose portal was used. */
    clientId: uuid('client_id'),
    organisationId: uuid('organisation_id'),
    objectType: text('object_type'),
    objectId: text('object_id'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    /** Never secrets or dossier content. */
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_events_client_idx').on(t.clientId, t.occurredAt),
    index('audit_events_actor_idx').on(t.actorPersonId, t.occurredAt),
  ],
);

/** Fixed-window counters for rate limits, shared by every app node. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: tstz('window_start').notNull(),
    count: integer('count').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_expires_idx').on(t.expiresAt)],
);

export const outboxChannels = ['sms', 'email'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];

/** Demo mode only: what the portal would have sent by SMS or e-mail. */
export const devOutbox = pgTable(
  'dev_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel', { enum: outboxChannels }).notNull(),
    to: text('to').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [index('dev_outbox_created_idx').on(t.createdAt)],
);

/**
 * A browser that completed the SMS step (R8, R11). The browser's cookie holds one random token;
 * each person who verified on that browser has a row with its hash.
 */
export const trustedDevices = pgTable(
  'trusted_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    tokenHash: text('token_hash').notNull(),
    /** Readable label such as "Chrome · Windows". */
    label: text('label').notNull(),
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at').notNull(),
    revokedAt: tstz('revoked_at'),
  },
  // The unique index starts with person_id, so it also serves the lookups per person.
  (t) => [uniqueIndex('trusted_devices_person_token_unique').on(t.personId, t.tokenHash)],
);

export const attemptPurposes = ['login', 'password_reset', 'invitation', 'mobile_change'] as const;
export type AttemptPurpose = (typeof attemptPurposes)[number];

/**
 * A login (or reset, or invitation) between the password and the SMS code. The browser holds a
 * cookie with its token; a code is only accepted for the attempt it was sent for (N3: V6.6.2).
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    purpose: text('purpose', { enum: attemptPurposes }).notNull(),
    /** The number the codes go to (E.164); for an invitation or a change, the new number. */
    mobile: text('mobile').notNull(),
    /** For a reset: the new password's hash, applied only after the SMS step. */
    pendingPasswordHash: text('pending_password_hash'),
    /** For an invitation: which one is being accepted. */
    invitationId: uuid('invitation_id'),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    completedAt: tstz('completed_at'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('login_attempts_token_hash_unique').on(t.tokenHash),
    index('login_attempts_person_idx').on(t.personId),
  ],
);

/** SMS codes: stored as a hash, valid 5 minutes (R10), single use, at most 5 wrong entries. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => loginAttempts.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    mobile: text('mobile').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: tstz('created_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    failedTries: integer('failed_tries').notNull().default(0),
    usedAt: tstz('used_at'),
  },
  (t) => [
    index('sms_codes_attempt_idx').on(t.attemptId, t.createdAt),
    index('sms_codes_person_idx').on(t.personId, t.createdAt),
    index('sms_codes_mobile_idx').on(t.mobile, t.createdAt),
  ],
);

/** Single-use links sent by e-mail: password resets (60 minutes) and e-mail confirmations. */
export const emailTokenPurposes = ['password_reset', 'email_change'] as const;
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    purpose: text('purpose', { enum: emailTokenPurposes }).notNull(),
    /** For an e-mail change: the new address. */
    email: text('email'),
    createdAt: tstz('created_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [
    uniqueIndex('email_tokens_token_hash_unique').on(t.tokenHash),
    index('email_tokens_person_idx').on(t.personId),
  ],
);

/** An invitation to a client's network (I2): single-use link, valid 7 days. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    relation: text('relation', { enum: relations }).notNull(),
    relationLabel: text('relation_label'),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    invitedBy: uuid('invited_by').references(() => persons.id),
    /**
     * The role the inviter acted in ('organisation_admin', 'client', 'contact_person', …). A person
     * who invited as a manager of the network must still manage it when the invitation is accepted.
     */
    inviterRole: text('inviter_role'),
    /** The membership's end date once accepted, e.g. for a neighbour helping for a month. */
    accessEndsAt: tstz('access_ends_at'),
    /**
     * The name as the inviter typed it, shown in the list of open invitations. An existing account
     * keeps its own name, so showing that one would tell the inviter the address has an account.
     */
    givenName: text('given_name'),
    namePrefix: text('name_prefix'),
    familyName: text('family_name'),
    createdAt: tstz('created_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_unique').on(t.tokenHash),
    index('invitations_client_idx').on(t.clientId),
    index('invitations_person_idx').on(t.personId),
  ],
);

/** Messages from the public helpdesk form (R12). */
export const helpdeskRequests = pgTable(
  'helpdesk_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** Whose portal the problem is about, as the sender typed it. */
    portalOf: text('portal_of'),
    message: text('message').notNull(),
    createdAt: tstz('created_at').notNull(),
    ip: inet('ip'),
  },
  (t) => [index('helpdesk_requests_organisation_idx').on(t.organisationId, t.createdAt)],
);

/**
 * Wrong passwords in a row per e-mail address, whether or not an account exists (so that the
 * answer reveals nothing): growing delays after 5, a block after 100 until a password reset (N5).
 */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: tstz('locked_until'),
  updatedAt: tstz('updated_at').notNull(),
});

/**
 * "Wijziging doorgeven" (R29): a person asks the organisation to change data they cannot change
 * themselves (name, address, date of birth). Stored, and sent to the organisation's mailbox.
 */
export const dataChangeRequests = pgTable(
  'data_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The portal the request was made from, if any. */
    clientId: uuid('client_id').references(() => clients.id),
    message: text('message').notNull(),
    /** The mailbox it was sent to, as it was at that moment. */
    sentTo: text('sent_to').notNull(),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [index('data_change_requests_person_idx').on(t.personId, t.createdAt)],
);
