import { Type } from '@fastify/type-provider-typebox';
import { permissions } from '../../platform/permissions.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });

export const Invitee = Type.Object(
  {
    givenName: Name('Given name of the invitee.'),
    namePrefix: Type.Optional(Nullable(Type.String({ maxLength: 30, description: 'Tussenvoegsel, e.g. "de".' }))),
    familyName: Name('Family name without the tussenvoegsel.'),
    email: Type.String({
      format: 'email',
      maxLength: 254,
      description: 'Where the invitation goes; becomes the login.',
    }),
    mobile: Type.String({
      minLength: 8,
      maxLength: 30,
      description: 'Mobile number for the SMS codes, any common notation.',
    }),
    relation: Type.Union([Type.Literal('self'), Type.Literal('contact'), Type.Literal('legal_representative')], {
      description: '"self" invites the client; the client holds every right on their own portal.',
    }),
    relationLabel: Type.Optional(Nullable(Type.String({ maxLength: 60, description: 'Free text such as "dochter".' }))),
    permissions: Type.Optional(
      Type.Array(Type.Union(permissions.map((p) => Type.Literal(p))), {
        uniqueItems: true,
        description: 'Rights to grant; by default what the first contact person needs, without the dossier.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CreatePortalBody = Type.Object(
  {
    organisationId: Type.Optional(
      Type.String({ format: 'uuid', description: 'Needed only for an admin of several organisations.' }),
    ),
    client: Type.Object(
      {
        givenName: Name('Given name of the client.'),
        namePrefix: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
        familyName: Name('Family name without the tussenvoegsel.'),
        dateOfBirth: Type.Optional(Nullable(Type.String({ format: 'date' }))),
        departmentId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
        ecdId: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'The client in the ECD.' }))),
      },
      { additionalProperties: false },
    ),
    invitee: Invitee,
  },
  { additionalProperties: false },
);

export const CreatePortalReply = Type.Object({
  clientId: Type.String({ format: 'uuid' }),
  invitationId: Type.String({ format: 'uuid' }),
});

export const ClientParams = Type.Object({ clientId: Type.String({ format: 'uuid' }) });

export const InvitationView = Type.Object({
  givenName: Type.String(),
  email: Type.String(),
  maskedMobile: Nullable(Type.String()),
  clientName: Type.String({ description: 'Whose network the invitation is for.' }),
  relation: Type.String(),
  organisationName: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  existingAccount: Type.Boolean({
    description: 'The invitee already has an account: they log in and accept (POST /invitations/join).',
  }),
});

export const JoinReply = Type.Object({
  clientId: Type.String({ format: 'uuid', description: 'The portal the person joined.' }),
});

export const AcceptBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 200, description: 'The token from the link in the e-mail.' }),
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'The chosen password, exactly as typed.' }),
    mobile: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 30,
        description: 'A corrected mobile number; the known one when left out.',
      }),
    ),
  },
  { additionalProperties: false },
);
