import { Type } from '@fastify/type-provider-typebox';
import { permissions, type Permission } from '../../platform/permissions.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
// A plain enum: a union built from a mapped array loses its literal types in TypeBox.
const PermissionSchema = Type.Unsafe<Permission>({ type: 'string', enum: [...permissions] });
const PermissionList = (description: string) => Type.Array(PermissionSchema, { uniqueItems: true, description });
const RelationSchema = Type.Union(
  [Type.Literal('self'), Type.Literal('contact'), Type.Literal('legal_representative')],
  { description: '"self" is the client.' },
);

export const NetworkParams = Type.Object({
  /** The client whose network it is. */
  clientId: Type.String({ format: 'uuid', description: 'The client whose network it is.' }),
});

export const MemberParams = Type.Object({
  /** The client whose network it is. */
  clientId: Type.String({ format: 'uuid', description: 'The client whose network it is.' }),
  /** The person in that network. */
  personId: Type.String({ format: 'uuid', description: 'The person in that network.' }),
});

export const NetworkMember = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  /** Given name, tussenvoegsel and family name, e.g. "Jan van den Berg". */
  name: Type.String({ description: 'Given name, tussenvoegsel and family name.' }),
  givenName: Type.String(),
  /** Tussenvoegsel; shown, but ignored when sorting. */
  namePrefix: Nullable(Type.String({ description: 'Tussenvoegsel, e.g. "van den"; ignored when sorting.' })),
  familyName: Type.String({ description: 'Family name without the tussenvoegsel; the list is sorted by it.' }),
  relation: RelationSchema,
  /** Free text such as "dochter". */
  relationLabel: Nullable(Type.String({ description: 'Free text such as "dochter" or "buurman".' })),
  /** Only present when the viewer manages the network. */
  permissions: Type.Optional(PermissionList('Rights in this portal; only shown to a manager of the network.')),
  /** When the access ends by itself; null when it does not. */
  accessEndsAt: Nullable(Type.String({ format: 'date-time', description: 'When the access ends by itself.' })),
  /** The entry is the viewer. */
  isSelf: Type.Boolean({ description: 'True for the viewer’s own entry.' }),
});

export const PendingInvitation = Type.Object({
  invitationId: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'Given name, tussenvoegsel and family name.' }),
  givenName: Type.String(),
  namePrefix: Nullable(Type.String({ description: 'Tussenvoegsel.' })),
  familyName: Type.String(),
  /** Where the invitation was sent. */
  email: Type.String({ description: 'Where the invitation was sent.' }),
  relation: RelationSchema,
  relationLabel: Nullable(Type.String()),
  permissions: PermissionList('Rights the person gets on accepting.'),
  /** After this the link no longer works. */
  expiresAt: Type.String({ format: 'date-time', description: 'After this the link no longer works.' }),
  /** When it was sent (or last replaced by a new invitation). */
  createdAt: Type.String({ format: 'date-time', description: 'When the invitation was made.' }),
  /** Who sent it; null when the organisation did it from the command line. */
  invitedByName: Nullable(Type.String({ description: 'Name of who invited; null for the organisation.' })),
  /** Once accepted, the access ends by itself at this moment; null: no end. */
  accessEndsAt: Nullable(Type.String({ format: 'date-time', description: 'When the access will end by itself.' })),
});

export const NetworkReply = Type.Object({
  /** Whether the viewer may change rights and remove people (the client, or network:manage). */
  canManage: Type.Boolean({ description: 'Whether the viewer may change rights and remove people.' }),
  /** Sorted the Dutch way: by family name without the tussenvoegsel (R22). No order is implied. */
  members: Type.Array(NetworkMember, {
    description: 'Sorted by family name without the tussenvoegsel (R22); the position means nothing.',
  }),
  /** Only present for a manager. */
  pendingInvitations: Type.Optional(
    Type.Array(PendingInvitation, { description: 'Invitations not yet accepted; only shown to a manager.' }),
  ),
});

export const PermissionsBody = Type.Object(
  {
    /** The complete new set of rights; rights left out are taken away. */
    permissions: PermissionList('The complete new set of rights; rights left out are taken away.'),
    /** Omitted: unchanged; null: no end date; else a moment in the future. */
    endsAt: Type.Optional(
      Nullable(
        Type.String({
          format: 'date-time',
          description: 'When the access ends by itself; null for no end date; omitted to keep it as it is.',
        }),
      ),
    ),
    /** Confirms that the person may read the dossier, which is personal (R27). */
    confirmDossier: Type.Optional(
      Type.Boolean({ description: 'Must be true when the change grants dossier:read to someone without it (R27).' }),
    ),
  },
  { additionalProperties: false },
);

export const InviteBody = Type.Object(
  {
    givenName: Type.String({ minLength: 1, maxLength: 100, description: 'Given name of the person invited.' }),
    namePrefix: Type.Optional(Nullable(Type.String({ maxLength: 30, description: 'Tussenvoegsel, e.g. "de".' }))),
    familyName: Type.String({ minLength: 1, maxLength: 100, description: 'Family name without the tussenvoegsel.' }),
    /** Where the invitation goes. A person who already has an account with it joins with that account. */
    email: Type.String({
      format: 'email',
      maxLength: 254,
      description: 'Where the invitation goes; an address that already has an account joins with it.',
    }),
    /** For the SMS codes of a new account; an existing account keeps its own number. */
    mobile: Type.String({
      minLength: 8,
      maxLength: 30,
      description: 'Mobile number for the SMS codes of a new account, any common notation.',
    }),
    relation: Type.Union([Type.Literal('contact'), Type.Literal('legal_representative')], {
      description: 'A contact person, or the client’s legal representative.',
    }),
    relationLabel: Type.Optional(Nullable(Type.String({ maxLength: 60, description: 'Free text such as "buurman".' }))),
    /** Left out: the least rights (N7): agenda read, messages, bulletin board read. */
    permissions: Type.Optional(
      PermissionList(
        'Rights on accepting; left out: agenda read, messages and bulletin board read (N7). Only rights the manager holds.',
      ),
    ),
    /** When the access ends by itself; null or left out: no end. */
    accessEndsAt: Type.Optional(
      Nullable(Type.String({ format: 'date-time', description: 'When the access ends by itself; in the future.' })),
    ),
    /** Confirms that the person may read the dossier, which is personal (R27). */
    confirmDossier: Type.Optional(
      Type.Boolean({ description: 'Must be true when the rights include dossier:read (R27).' }),
    ),
  },
  { additionalProperties: false },
);

export const InvitationParams = Type.Object({
  clientId: Type.String({ format: 'uuid', description: 'The client whose network it is.' }),
  invitationId: Type.String({ format: 'uuid', description: 'An open invitation into that network.' }),
});

export const InvitationReply = Type.Object({
  invitationId: Type.String({ format: 'uuid' }),
  /** After this the link no longer works (7 days). */
  expiresAt: Type.String({ format: 'date-time', description: 'After this the link no longer works (7 days).' }),
});
