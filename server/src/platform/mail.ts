/**
 * E-mail over SMTP, through the job queue. `ctx.outbox.sendEmail` only queues a `mail.send` job
 * (in the database, so it survives a restart); the worker sends it over SMTP and, when the server
 * is down or answers "try again later", pg-boss tries again with growing delays. A mail is never
 * lost to a passing failure and never holds up the request (docs/decisions/006).
 */
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.js';
import type { SendOptions } from './jobs.js';
import type { EmailMessage } from './outbox.js';

/** The queue of outgoing mail. */
export const mailQueue = 'mail.send';

/**
 * 8 retries, 30 s doubling each time with jitter: the last try is 2 to 4 hours after the first,
 * which rides out a mail server's maintenance window. One try may take 5 minutes at most; a
 * node that died while sending has its job retried after that.
 */
export const mailJobOptions = {
  retryLimit: 8,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 300,
} satisfies SendOptions;

/** The part of the job queue that sending mail needs. */
export interface MailQueue {
  send(name: typeof mailQueue, data: EmailMessage, options?: SendOptions): Promise<string | null>;
}

/**
 * `sendEmail` for real delivery: queues the mail and resolves once the job is stored. Not inside
 * a `db.transaction()` on PGlite (the send would wait for the transaction forever): after the commit.
 */
export function queueEmail(queue: MailQueue, options: SendOptions = mailJobOptions) {
  return async (message: EmailMessage): Promise<void> => {
    const data: EmailMessage = { to: message.to, subject: message.subject, text: message.text };
    if (message.html !== undefined) data.html = message.html;
    const id = await queue.send(mailQueue, data, options);
    if (!id) throw new Error('mail.send: the job queue did not take the mail');
  };
}

/** Sends one mail now; the worker of the mail queue uses it. */
export interface Mailer {
  /** Resolves once the SMTP server accepted the mail; throws MailSendError otherwise. */
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

/**
 * Why SMTP delivery failed, by codes only: the server's own answer often repeats the recipient's
 * address, and job errors are logged.
 */
export class MailSendError extends Error {
  readonly code: string | undefined;
  readonly responseCode: number | undefined;
  constructor(cause: unknown) {
    const e = (cause ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? e.code : undefined;
    const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
    const command = typeof e.command === 'string' ? e.command.replace(/[^A-Z ]/g, '') : undefined;
    // A socket error names its system code (ECONNREFUSED, ECONNRESET…) only in its message.
    const systemCode =
      code === 'ESOCKET' && typeof e.message === 'string' ? /\b(E[A-Z]{3,})\b/.exec(e.message)?.[1] : undefined;
    const parts = [code, systemCode, responseCode, command && `at ${command}`].filter(Boolean);
    super(`SMTP delivery failed: ${parts.join(' ') || 'unknown error'}`);
    this.name = 'MailSendError';
    this.code = code;
    this.responseCode = responseCode;
  }
}

export function createSmtpMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    // nodemailer waits 2 minutes to connect and 10 minutes on a silent socket by default; a job
    // that hangs that long blocks the queue on this node. Options in SMTP_URL's query win.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // Mail content never reads files or fetches URLs on the server.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: htmlDocument(message.html ?? textToHtml(message.text)),
          // Tells mail servers and out-of-office replies that no person sent this (RFC 3834).
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (err) {
        throw new MailSendError(err);
      }
    },
    close() {
      transport.close();
    },
  };
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/**
 * Simple HTML for a plain-text mail: paragraphs at blank lines, line breaks kept, web addresses
 * as links. For mails whose sender gave no HTML of its own.
 */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => {
      const lines = paragraph
        .split(/\r?\n/)
        .map((line) =>
          escapeHtml(line).replace(/https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`),
        );
      return `<p>${lines.join('<br>\n')}</p>`;
    })
    .join('\n');
}

/** Wraps a fragment in a plain, large-print page; a full document is left as it is. */
function htmlDocument(body: string): string {
  if (/^\s*(<!doctype|<html)/i.test(body)) return body;
  return [
    '<!doctype html>',
    '<html lang="nl">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 18px; line-height: 1.5; color: #1a1a1a; max-width: 40em; margin: 0 auto; padding: 16px;">',
    body,
    '</body>',
    '</html>',
  ].join('\n');
}
