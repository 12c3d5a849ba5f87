import { Type } from '@fastify/type-provider-typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AccessLogParams = Type.Object({
  /** The client whose portal it is. */
  clientId: Type.String({ format: 'uuid', description: 'The client whose portal it is.' }),
});

export const AccessLogQuery = Type.Object(
  {
    /** First day of the period (Europe/Amsterdam), inclusive. Default: 29 days before `to`. */
    from: Type.Optional(
      Type.String({
        format: 'date',
        description: 'First day of the period, YYYY-MM-DD in Dutch time, inclusive. Default: 29 days before `to`.',
      }),
    ),
    /** Last day of the period (Europe/Amsterdam), inclusive. Default: today. */
    to: Type.Optional(
      Type.String({
        format: 'date',
        description: 'Last day of the period, YYYY-MM-DD in Dutch time, inclusive. Default: today.',
      }),
    ),
    /** `nextCursor` of the previous page; omitted for the first (newest) page. */
    cursor: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]{0,15}$',
        description:
          'The nextCursor of the previous page, with the same from and to; omitted for the newest page. ' +
          'Events that happen while paging do not shift the pages.',
      }),
    ),
  },
  { additionalProperties: false },
);

const Role = Nullable(
  Type.String({
    description:
      'client, contact_person, legal_representative, care_professional, contactverzorgende, organisation_admin, ' +
      'helpdesk or system; null when not known.',
  }),
);

export const AccessLogEntry = Type.Object({
  /** Stable id of the event; also what a cursor points at. */
  id: Type.String({ description: 'Stable id of the event.' }),
  occurredAt: Type.String({ format: 'date-time' }),
  /** Stable code, e.g. "network.permissions_changed"; the web app turns it into plain Dutch. */
  action: Type.String({ description: 'Stable code such as "network.permissions_changed"; the web app words it.' }),
  /** "denied" for an attempt without the right. */
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]),
  actor: Type.Object({
    /**
     * person: someone in the network or staff of the organisation, named; outsider: someone with no
     * tie to this client (their name is not shown); system: the portal itself; unknown: no longer known.
     */
    kind: Type.Union([
      Type.Literal('person'),
      Type.Literal('outsider'),
      Type.Literal('system'),
      Type.Literal('unknown'),
    ]),
    /** Given name, tussenvoegsel and family name; null unless kind is person. */
    name: Nullable(Type.String({ description: 'Given name, tussenvoegsel and family name; only for kind person.' })),
    role: Role,
    /** Free text such as "zoon", for a person in the network. */
    relationLabel: Nullable(Type.String({ description: 'Free text such as "zoon", for a person in the network.' })),
    /** The viewer did this. */
    isYou: Type.Boolean({ description: 'True when the viewer did this.' }),
  }),
  /** The person the action was about (rights changed, invited, removed); null for other actions. */
  subject: Nullable(
    Type.Object({
      name: Nullable(Type.String({ description: 'Null when the person is no longer known.' })),
      isYou: Type.Boolean({ description: 'True when it was about the viewer.' }),
    }),
  ),
});

export const AccessLogReply = Type.Object({
  /** The period shown, after defaults: YYYY-MM-DD in Dutch time, both days included. */
  from: Type.String({ format: 'date', description: 'First day shown (Dutch time), inclusive.' }),
  to: Type.String({ format: 'date', description: 'Last day shown (Dutch time), inclusive.' }),
  /** Newest first; at most 25. */
  entries: Type.Array(AccessLogEntry, { description: 'Newest first (time, then id); at most 25 per page.' }),
  /** Pass as `cursor` for the next (older) page; null when there is nothing more. */
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next, older page; null at the end.' })),
});
