/**
 * How the portal sends e-mail and SMS. In demo mode (DEV_OUTBOX) both are stored in the dev outbox
 * and shown in the app; real SMTP and SMS providers plug in behind the same interface.
 * No dossier content ever goes into a message.
 */
import { desc } from 'drizzle-orm';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { devOutbox, type OutboxChannel } from './schema.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface SmsMessage {
  /** E.164 number. */
  to: string;
  body: string;
}

export interface Outbox {
  sendEmail(message: EmailMessage): Promise<void>;
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
