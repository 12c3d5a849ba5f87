import { Type } from '@fastify/type-provider-typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const PortalParams = Type.Object({
  /** The client whose portal is opened. */
  clientId: Type.String({ format: 'uuid', description: 'The client whose portal is opened.' }),
});

export const MeReply = Type.Object({
  person: Type.Object({
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    givenName: Type.String(),
    namePrefix: Nullable(Type.String({ description: 'Tussenvoegsel, e.g. "van der".' })),
    familyName: Type.String(),
    displayName: Type.String({ description: 'Given name, tussenvoegsel and family name.' }),
    photoUrl: Nullable(Type.String({ description: 'The own profile photo; null shows initials (R30).' })),
  }),
  portals: Type.Array(
    Type.Object({
      clientId: Type.String({ format: 'uuid' }),
      clientName: Type.String(),
      clientGivenName: Type.String(),
      relation: Type.Union([Type.Literal('self'), Type.Literal('contact'), Type.Literal('legal_representative')], {
        description: '"self" when the person is the client.',
      }),
      relationLabel: Nullable(Type.String({ description: 'Free text such as "dochter".' })),
      permissions: Type.Array(Type.String(), { description: 'Rights in this portal, e.g. "dossier:read".' }),
      accessEndsAt: Nullable(Type.String({ format: 'date-time', description: 'When the access ends by itself.' })),
      organisationName: Type.String(),
      clientPhotoUrl: Nullable(
        Type.String({ description: 'The client’s profile photo, for the portal header; null shows initials.' }),
      ),
    }),
    { description: 'Portals the person may open, the own portal first, then by surname.' },
  ),
  staffRoles: Type.Array(
    Type.Object({
      role: Type.String({ description: 'care_professional, contactverzorgende, organisation_admin or helpdesk.' }),
      organisationName: Type.String(),
      departmentName: Nullable(Type.String()),
    }),
  ),
  session: Type.Object({
    csrfToken: Type.String({ description: 'Send back in the X-CSRF-Token header on state-changing requests.' }),
    expiresAt: Type.String({ format: 'date-time', description: 'The absolute end of the session.' }),
    idleExpiresAt: Type.String({ format: 'date-time', description: 'When the session ends without activity.' }),
  }),
});

export const OverviewReply = Type.Object({
  client: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), givenName: Type.String() }),
  you: Type.Object({
    role: Type.String({ description: 'client, contact_person, legal_representative or a staff role.' }),
    relationLabel: Nullable(Type.String()),
    permissions: Type.Array(Type.String()),
  }),
  department: Nullable(
    Type.Object({ name: Type.String(), phone: Nullable(Type.String()), email: Nullable(Type.String()) }),
  ),
  contactverzorgende: Nullable(Type.Object({ name: Type.String() })),
  organisation: Type.Object({
    name: Type.String(),
    phone: Nullable(Type.String()),
    helpdeskEmail: Type.String(),
    dataChangeMailbox: Type.String({ description: 'Where to ask for changes of personal data (R29).' }),
  }),
});
