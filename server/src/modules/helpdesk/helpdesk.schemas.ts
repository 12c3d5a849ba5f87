import { Type } from '@fastify/type-provider-typebox';

/**
 * The schema only checks types and outer limits; the rules a person can break (a missing name, no
 * way to reach them, a message that is too long) are checked in the service, so that every field
 * gets its own error code in one answer.
 */
export const HelpdeskBody = Type.Object({
  /** The care organisation whose helpdesk gets the question (GET /helpdesk/organisations). */
  organisationId: Type.String({
    format: 'uuid',
    description: 'The care organisation whose helpdesk gets the question (see GET /api/helpdesk/organisations).',
  }),
  /** Who asks; required. */
  name: Type.String({ maxLength: 500, description: 'Name of the person who asks; required (at most 200 characters).' }),
  /** Where the helpdesk can answer; an e-mail address or a phone number (or both) is required. */
  email: Type.Optional(
    Type.String({ maxLength: 500, description: 'E-mail address for the answer. Give this, a phone number, or both.' }),
  ),
  /** Kept as typed; must contain 8 to 15 digits. */
  phone: Type.Optional(
    Type.String({
      maxLength: 500,
      description: 'Phone number for the answer, kept as typed; must contain 8 to 15 digits.',
    }),
  ),
  /** Whose portal the problem is about, in the sender's own words, e.g. "mijn moeder, mevrouw Jansen". */
  portalOf: Type.Optional(
    Type.String({
      maxLength: 500,
      description: 'Whose portal the problem is about, free text (at most 200 characters).',
    }),
  ),
  /** The problem, in the sender's own words; required, at most 2000 characters. */
  message: Type.String({ maxLength: 10000, description: 'The problem; required, at most 2000 characters.' }),
  /** A honeypot: the form hides this field from people, so only robots fill it in. */
  website: Type.Optional(
    Type.String({ maxLength: 2000, description: 'Leave empty. The form hides this field; robots fill it in.' }),
  ),
});

export const HelpdeskReply = Type.Object({
  /** Always true: the question was received. */
  received: Type.Literal(true),
});

export const OrganisationsReply = Type.Object({
  organisations: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
    }),
    { description: 'Every organisation on this installation, by name. The form hides the choice when there is one.' },
  ),
});
