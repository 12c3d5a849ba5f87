/**
 * How the portal sends e-mail and SMS. In demo mode (DEV_OUTBOX) both are stored in the dev outbox
 * and shown in the app; otherwise mail goes through the job queue to SMTP (mail.ts) and SMS straight
 * to the provider (sms.ts). No dossier content ever goes into a message.
 */
import { desc } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { queueEmail, type MailQueue } from './mail.js';
import { isE164 } from './phone.js';
import { devOutbox, type OutboxChannel } from './schema.js';
import { createSmsProvider, type SmsLog } from './sms.js';

export interface EmailMessage {
  to: string;
  subject: string;
  /** Plain Dutch text; the mail's HTML is made from it when `html` is not given. */
  text: string;
  /** Simple HTML (a fragment is fine: it gets a plain, large-print page around it). */
  html?: string;
}

export interface SmsMessage {
  /** E.164 number, as normaliseMobile returns it. */
  to: string;
  body: string;
}

export interface Outbox {
  /**
   * Queues the mail; it is sent in the background and retried until the mail server takes it.
   * Call it after a transaction commits, never inside `db.transaction()`: on PGlite the queue
   * waits for the transaction's connection forever.
   */
  sendEmail(message: EmailMessage): Promise<void>;
  /**
   * Sends the SMS now and resolves once the provider accepted it. Throws `sms_failed` (502) when
   * the provider refuses it, fails or does not answer in time, so the user can ask again.
   */
  sendSms(message: SmsMessage): Promise<void>;
}

export interface OutboxMessage {
  channel: OutboxChannel;
  to: string;
  subject: string | null;
  body: string;
  createdAt: Date;
}

/** Demo mode: every message lands in the dev_outbox table, readable on the outbox page. */
export function createDevOutbox(db: Db, clock: Clock): Outbox {
  return {
    async sendEmail(message) {
      await db.insert(devOutbox).values({
        channel: 'email',
        to: message.to,
        subject: message.subject,
        body: message.text,
        createdAt: clock.now(),
      });
    },
    async sendSms(message) {
      // The same rule as the real provider, so that a wrongly stored number shows up in demo mode.
      if (!isE164(message.to)) throw new Error('sendSms needs a number in E.164 form (see normaliseMobile)');
      await db
        .insert(devOutbox)
        .values({ channel: 'sms', to: message.to, subject: null, body: message.body, createdAt: clock.now() });
    },
  };
}

/** Without a configured provider nothing can be sent; failing loudly beats losing a message silently. */
export function createUnconfiguredOutbox(): Outbox {
  const fail = async () => {
    throw new Error('No mail or SMS provider is configured');
  };
  return { sendEmail: fail, sendSms: fail };
}

export interface OutboxDeps {
  db: Db;
  clock: Clock;
  /** The job queue that mail.send jobs go into; required when mail is configured. */
  jobs: MailQueue | undefined;
  log: SmsLog;
}

/** The outbox the configuration asks for: the dev outbox in demo mode, else the real providers. */
export function createOutbox(config: Config, deps: OutboxDeps): Outbox {
  if (config.devOutbox) return createDevOutbox(deps.db, deps.clock);
  const unconfigured = createUnconfiguredOutbox();
  let sendEmail = unconfigured.sendEmail;
  if (config.mail) {
    if (!deps.jobs)
      throw new Error('Real mail goes through the job queue: start it (startAppJobs) and pass it as jobs');
    sendEmail = queueEmail(deps.jobs);
  }
  const sms = config.sms ? createSmsProvider(config.sms, deps.log) : undefined;
  return { sendEmail, sendSms: sms ? (message) => sms.send(message) : unconfigured.sendSms };
}

/** The newest messages first. */
export async function listDevOutbox(db: Db, limit = 50): Promise<OutboxMessage[]> {
  return db
    .select({
      channel: devOutbox.channel,
      to: devOutbox.to,
      subject: devOutbox.subject,
      body: devOutbox.body,
      createdAt: devOutbox.createdAt,
    })
    .from(devOutbox)
    .orderBy(desc(devOutbox.createdAt), desc(devOutbox.id))
    .limit(limit);
}
