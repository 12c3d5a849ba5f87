import { Type } from '@fastify/type-provider-typebox';

export const LoginBody = Type.Object(
  {
    /** The e-mail address of the account; case and surrounding spaces do not matter. */
    email: Type.String({ minLength: 3, maxLength: 254, description: 'E-mail address of the account.' }),
    /** Checked exactly as typed. */
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'Password, exactly as typed.' }),
  },
  { additionalProperties: false },
);

export const SessionReply = Type.Object({
  /** Send this back in the X-CSRF-Token header with every POST, PUT, PATCH or DELETE. */
  csrfToken: Type.String({ description: 'Send back in the X-CSRF-Token header on state-changing requests.' }),
  expiresAt: Type.String({ format: 'date-time', description: 'The absolute end of the session.' }),
});
