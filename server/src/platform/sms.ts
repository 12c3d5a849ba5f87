/**
 * SMS through a provider's HTTP API. A login code must arrive now or the user must be told, so an
 * SMS is sent during the request, not from the job queue (docs/decisions/006): a provider error,
 * a refused message or a provider that does not answer within SMS_TIMEOUT_MS becomes `sms_failed`
 * (502), which the page shows with a "send a new code" action. The text of a message never goes
 * into a log: it holds the code.
 */
import { randomUUID } from 'node:crypto';
import type { SmsConfig } from '../config.js';
import { AppError } from './errors.js';
import type { SmsMessage } from './outbox.js';
import { isE164 } from './phone.js';

/** What an SMS provider needs to do; one implementation per provider, chosen by SMS_PROVIDER. */
export interface SmsProvider {
  /** The SMS_PROVIDER value, for logs. */
  readonly name: string;
  /** Resolves once the provider accepted the message; throws `smsFailed()` otherwise. */
  send(message: SmsMessage): Promise<void>;
}

/** Where providers log; Fastify's logger fits. */
export interface SmsLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const smsFailed = () =>
  new AppError(502, 'sms_failed', 'The text message could not be sent. Try again in a moment.');

/** The provider that SMS_PROVIDER names. */
export function createSmsProvider(config: SmsConfig, log: SmsLog): SmsProvider {
  switch (config.provider) {
    case 'cm':
      return createCmSms(config, log);
  }
}

/** CM.com wants numbers as 00, country code, number: +31612345678 becomes 0031612345678. */
export function toCmNumber(e164: string): string {
  return `00${e164.slice(1)}`;
}

/** CM.com's answer to a message request (Business Messaging API, "Responses & Errors - JSON"). */
interface CmAnswer {
  /** "Created 1 message(s)", or why the whole request was refused. */
  details?: string;
  /** 0 when every message was accepted; 101 authentication, 102 balance, 201 some messages refused, … */
  errorCode?: number;
  messages?: {
    to?: string;
    /** "Accepted" or "Rejected". */
    status?: string;
    reference?: string | null;
    parts?: number;
    /** Why this message was refused; may repeat the number, so it is not logged. */
    messageDetails?: string | null;
    messageErrorCode?: number | string;
  }[];
}

/**
 * CM.com's Business Messaging API: one POST with a JSON body, authenticated by the product token
 * in the X-CM-PRODUCTTOKEN header. "Accepted" means CM will try to deliver; delivery itself is
 * reported later (status reports), which Kring does not use: a code that does not arrive is
 * asked again by the user.
 */
export function createCmSms(config: SmsConfig, log: SmsLog): SmsProvider {
  return {
    name: 'cm',
    async send(message) {
      if (!isE164(message.to)) throw new Error('sendSms needs a number in E.164 form (see normaliseMobile)');
      // Our reference for this message: it is in CM's messaging log and in ours, without the number.
      const reference = randomUUID().replaceAll('-', '');
      const request = {
        messages: {
          msg: [
            {
              from: config.sender,
              to: [{ number: toCmNumber(message.to) }],
              // "auto" lets CM switch to Unicode when the text needs it (é, ë in Dutch names).
              body: { type: 'auto', content: message.body },
              reference,
              // Only as an SMS: an account with WhatsApp or RCS configured must not reroute a login code.
              allowedChannels: ['SMS'],
              // Longer texts go as one concatenated SMS instead of being cut off.
              minimumNumberOfMessageParts: 1,
              maximumNumberOfMessageParts: 8,
            },
          ],
        },
      };
      const context = { provider: 'cm', reference };

      let status: number;
      let answer: CmAnswer | undefined;
      try {
        const res = await fetch(config.apiUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-cm-producttoken': config.productToken,
          },
          body: JSON.stringify(request),
          redirect: 'error',
          // Covers connecting, the headers and the body: a provider that hangs never hangs the page.
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        status = res.status;
        const text = await res.text();
        try {
          answer = JSON.parse(text) as CmAnswer;
        } catch {
          answer = undefined; // e.g. an HTML error page from a proxy in front of CM
        }
      } catch (err) {
        const error = err as Error & { cause?: { code?: unknown } };
        const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError';
        log.warn(
          {
            ...context,
            reason: timedOut ? 'timeout' : 'unreachable',
            ...(timedOut ? { timeoutMs: config.timeoutMs } : { networkError: String(error.cause?.code ?? error.name) }),
          },
          'sms: provider did not answer',
        );
        throw smsFailed();
      }

      const first = answer?.messages?.[0];
      const accepted =
        status >= 200 && status < 300 && answer?.errorCode === 0 && first?.status?.toLowerCase() === 'accepted';
      if (accepted) {
        log.info({ ...context, parts: first?.parts }, 'sms: accepted by provider');
        return;
      }
      // Codes only: CM's texts may repeat the number, and the message body holds the login code.
      log.warn(
        {
          ...context,
          httpStatus: status,
          errorCode: typeof answer?.errorCode === 'number' ? answer.errorCode : undefined,
          messageErrorCode: codeOrUndefined(first?.messageErrorCode),
        },
        'sms: provider refused the message',
      );
      throw smsFailed();
    },
  };
}

function codeOrUndefined(value: unknown): number | string | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d{1,6}$/.test(value)) return value;
  return undefined;
}
