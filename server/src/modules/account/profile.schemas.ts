import { Type } from '@fastify/type-provider-typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ProfileQuery = Type.Object(
  {
    clientId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'The portal the page is opened in: its organisation’s mailbox is named. Must be one of yours.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ProfileReply = Type.Object({
  givenName: Type.String(),
  namePrefix: Nullable(Type.String({ description: 'Tussenvoegsel such as "van der".' })),
  familyName: Type.String(),
  name: Type.String({ description: 'The whole name, e.g. "Johanna van der Berg".' }),
  dateOfBirth: Nullable(Type.String({ format: 'date', description: 'Where known; for a client from the ECD.' })),
  address: Nullable(
    Type.Object({
      street: Nullable(Type.String()),
      houseNumber: Nullable(Type.String()),
      postalCode: Nullable(Type.String()),
      city: Nullable(Type.String()),
    }),
  ),
  email: Type.String({ description: 'The address the person logs in with.' }),
  mobile: Nullable(Type.String({ description: 'E.164; the number login codes go to.' })),
  pendingEmail: Nullable(
    Type.Object(
      {
        email: Type.String(),
        expiresAt: Type.String({ format: 'date-time' }),
      },
      { description: 'A new address whose confirmation link has been sent and still works.' },
    ),
  ),
  organisation: Nullable(
    Type.Object({
      name: Type.String(),
      dataChangeMailbox: Type.String({ description: 'Where "wijziging doorgeven" goes (R29).' }),
    }),
  ),
});

export const EmailChangeBody = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'The current password, again.' }),
    email: Type.String({ maxLength: 1000, description: 'The new address; case and spaces around it do not matter.' }),
  },
  { additionalProperties: false },
);

export const EmailChangeReply = Type.Object({
  email: Type.String({ description: 'Where the link went.' }),
  expiresAt: Type.String({ format: 'date-time', description: 'Until when the link works (24 hours).' }),
});

export const EmailTokenBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200, description: 'The token from the link in the e-mail.' }) },
  { additionalProperties: false },
);

export const EmailConfirmReply = Type.Object({
  email: Type.String({ description: 'The new address (the one the link was sent to).' }),
});

export const MobileChangeBody = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'The current password, again.' }),
    mobile: Type.String({ maxLength: 100, description: 'The new mobile number in any usual notation.' }),
  },
  { additionalProperties: false },
);

export const MobileChangedReply = Type.Object({
  mobile: Type.String({ description: 'The new number, E.164.' }),
});

export const ChangeRequestBody = Type.Object(
  {
    message: Type.String({ maxLength: 20000, description: 'What should change; at most 2000 characters.' }),
    clientId: Type.Optional(Type.String({ format: 'uuid', description: 'The portal the request is made from.' })),
  },
  { additionalProperties: false },
);

export const ChangeRequestReply = Type.Object({
  sentTo: Type.String({ description: 'The mailbox the request went to.' }),
  organisationName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
