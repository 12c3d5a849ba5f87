import { Type } from '@fastify/type-provider-typebox';

export const LoginBody = Type.Object(
  {
    email: Type.String({
      minLength: 3,
      maxLength: 254,
      description: 'E-mail address of the account; case and spaces around it do not matter.',
    }),
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'Password, exactly as typed.' }),
  },
  { additionalProperties: false },
);

export const SignedIn = Type.Object({
  status: Type.Literal('signed_in'),
  /** Send this back in the X-CSRF-Token header with every POST, PUT, PATCH or DELETE. */
  csrfToken: Type.String({ description: 'Send back in the X-CSRF-Token header on state-changing requests.' }),
  expiresAt: Type.String({ format: 'date-time', description: 'The absolute end of the session.' }),
});

export const SmsView = Type.Object({
  purpose: Type.Union([
    Type.Literal('login'),
    Type.Literal('password_reset'),
    Type.Literal('invitation'),
    Type.Literal('mobile_change'),
  ]),
  maskedMobile: Type.String({ description: 'The number the code went to, all but the last two digits hidden.' }),
  codeExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the latest code stops working (5 minutes).',
  }),
  resendAvailableAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'From when a new code can be asked.',
  }),
  attemptExpiresAt: Type.String({ format: 'date-time', description: 'After this the user must start again.' }),
});

export const SmsRequired = Type.Object({
  status: Type.Literal('sms_required'),
  sms: SmsView,
});

export const LoginReply = Type.Union([SignedIn, SmsRequired]);

export const VerifyBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 20, description: 'The 6 digits from the SMS; spaces are ignored.' }) },
  { additionalProperties: false },
);

export const VerifyReply = Type.Object({
  ...SignedIn.properties,
  purpose: Type.String({ description: 'login, password_reset or invitation: what was completed.' }),
});

export const ResetRequestBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254, description: 'The address of the account.' }) },
  { additionalProperties: false },
);

export const TokenBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200, description: 'The token from the link in the e-mail.' }) },
  { additionalProperties: false },
);

export const ResetCompleteBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 200, description: 'The token from the link in the e-mail.' }),
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'The new password, exactly as typed.' }),
  },
  { additionalProperties: false },
);
