import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MailConfig } from '../config.js';
import { startAppJobs, type AppJobs } from '../jobs/index.js';
import { testDatabaseUrl } from '../test/app.js';
import { createTestDatabase, testEngine } from '../test/db.js';
import { startFakeSmtp, type FakeSmtp } from '../test/fake-smtp.js';
import type { Database } from './db.js';
import type { JobsLog } from './jobs.js';
import { createSmtpMailer, MailSendError, queueEmail, textToHtml } from './mail.js';
import type { EmailMessage } from './outbox.js';
import { freePort } from '../test/net.js';

const from = '"Kring" <noreply@kring.example.nl>';
const resetLink = 'https://portaal.example.nl/wachtwoord-herstellen?token=geheim-token-123';
const message = (to: string): EmailMessage => ({
  to,
  subject: 'Nieuw wachtwoord kiezen voor het cliëntportaal',
  text: `Beste Peter,\n\nKlik op deze link om een nieuw wachtwoord te kiezen:\n${resetLink}\n\nMet vriendelijke groet,\nKring`,
});

describe('mail over SMTP', () => {
  let smtp: FakeSmtp;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('arrives with sender, recipient, subject, text and simple HTML made from the text', async () => {
    const mailer = createSmtpMailer({ smtpUrl: smtp.url, from });
    try {
      await mailer.send(message('peter@example.test'));
    } finally {
      mailer.close();
    }
    const [{ envelope, mail }] = (await smtp.waitForMails(1)).slice(-1) as [(typeof smtp.received)[number]];
    expect(envelope).toEqual({ from: 'noreply@kring.example.nl', to: ['peter@example.test'] });
    expect(mail.from?.value).toEqual([{ name: 'Kring', address: 'noreply@kring.example.nl' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined).toBe('peter@example.test');
    expect(mail.subject).toBe('Nieuw wachtwoord kiezen voor het cliëntportaal');
    expect(mail.text?.trim()).toBe(message('').text);
    expect(mail.html).toContain('<html lang="nl">');
    expect(mail.html).toContain('<p>Beste Peter,</p>');
    expect(mail.html).toContain(`<a href="${resetLink}">${resetLink}</a>`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('sends the HTML that the sender wrote, in the same plain page', async () => {
    const mailer = createSmtpMailer({ smtpUrl: smtp.url, from });
    try {
      await mailer.send({ ...message('sanne@example.test'), html: '<p>Beste <strong>Sanne</strong>,</p>' });
    } finally {
      mailer.close();
    }
    const received = await smtp.waitForMails(2);
    expect(received.at(-1)!.mail.html).toContain('<p>Beste <strong>Sanne</strong>,</p>');
    expect(received.at(-1)!.mail.html).toContain('font-size: 18px');
  });

  it('fails with the SMTP codes only, never the address, when the login is wrong', async () => {
    const mailer = createSmtpMailer({ smtpUrl: smtp.url.replace('geheim-wachtwoord', 'fout'), from });
    const error = await mailer.send(message('peter@example.test')).catch((e: unknown) => e);
    mailer.close();
    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ code: 'EAUTH', responseCode: 535 });
    expect((error as Error).message).not.toContain('peter@example.test');
  });

  it('makes simple, safe HTML from text: paragraphs, line breaks, links, nothing unescaped', () => {
    expect(textToHtml('Hallo <b>Jan</b> & co,\n\nZie https://kring.example.nl/pad?a=1&b=2.\nTot ziens')).toBe(
      '<p>Hallo &lt;b&gt;Jan&lt;/b&gt; &amp; co,</p>\n' +
        '<p>Zie <a href="https://kring.example.nl/pad?a=1&amp;b=2">https://kring.example.nl/pad?a=1&amp;b=2</a>.<br>\nTot ziens</p>',
    );
  });
});

describe(`mail through the job queue on ${testEngine}`, () => {
  let database: Database;
  let smtp: FakeSmtp;
  const started: AppJobs[] = [];
  const log = { info: vi.fn(), error: vi.fn() } satisfies JobsLog;
  // Short retries for the test; production waits 30 s and doubles (mailJobOptions).
  const quickRetries = { retryLimit: 5, retryDelay: 0, retryBackoff: false };

  const start = async (mail: MailConfig) => {
    const jobs = await startAppJobs(database, {
      databaseUrl: await testDatabaseUrl(database),
      log,
      mail,
      pollingIntervalSeconds: 0.5,
      schedules: false,
    });
    started.push(jobs);
    return jobs;
  };
  const mailJobs = async () =>
    (
      await database.query<{ state: string; data: unknown }>(
        "select state::text, data from pgboss.job where name = 'mail.send' order by created_on",
      )
    ).rows;
  const waitFor = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** Everything the job queue logged, with error messages, as text. */
  const logged = () =>
    JSON.stringify(
      [...log.info.mock.calls, ...log.error.mock.calls].map(([obj, msg]) => {
        const err = (obj as { err?: Error }).err;
        return { ...obj, err: err && { message: err.message, stack: err.stack }, msg };
      }),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startFakeSmtp();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((jobs) => jobs.stop()));
    await database.query("delete from pgboss.job where name = 'mail.send'");
    smtp.received.length = 0;
    smtp.attempts = 0;
    log.info.mockClear();
    log.error.mockClear();
  });
  afterAll(async () => {
    await smtp.close();
    await database.close();
  });

  it('sends a queued mail, and the finished job no longer holds its content', async () => {
    const jobs = await start({ smtpUrl: smtp.url, from });
    await queueEmail(jobs)(message('peter@example.test'));

    const [{ mail }] = (await smtp.waitForMails(1)) as [(typeof smtp.received)[number]];
    expect(mail.subject).toBe('Nieuw wachtwoord kiezen voor het cliëntportaal');
    expect(mail.text).toContain(resetLink);
    await waitFor(async () => (await mailJobs())[0]?.state === 'completed');
    const [job] = await mailJobs();
    expect(JSON.stringify(job!.data)).not.toContain('geheim-token-123');
    expect(JSON.stringify(job!.data)).not.toContain('peter@example.test');
  });

  it('delivers a mail that the server refused twice ("451 try again later") through the queue’s retries, once', async () => {
    const jobs = await start({ smtpUrl: smtp.url, from });
    smtp.refuseNext(2);
    await queueEmail(jobs, quickRetries)(message('sanne@example.test'));

    const received = await smtp.waitForMails(1);
    expect(smtp.attempts).toBe(3);
    expect(received[0]!.envelope.to).toEqual(['sanne@example.test']);
    expect(received[0]!.mail.text).toContain(resetLink);
    await waitFor(async () => (await mailJobs())[0]?.state === 'completed');
    // Give a duplicate the time to show up: nothing is lost, and nothing is sent twice.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.received).toHaveLength(1);
    // Each failed try is logged by its SMTP code, without the address, the text or the link.
    expect(log.error).toHaveBeenCalledTimes(2);
    expect(logged()).toContain('451');
    expect(logged()).not.toContain('sanne@example.test');
    expect(logged()).not.toContain('geheim-token-123');
  });

  it('keeps a mail while the mail server is down and sends it once the server is back', async () => {
    const port = await freePort();
    const down = `smtp://kring:geheim-wachtwoord@127.0.0.1:${port}`;
    const jobs = await start({ smtpUrl: down, from });
    await queueEmail(jobs, { ...quickRetries, retryDelay: 1, retryLimit: 20 })(message('johanna@example.test'));

    // The first tries fail (nothing listens), and the job waits for its next try.
    await waitFor(async () => log.error.mock.calls.length >= 1);
    expect(['retry', 'created', 'active']).toContain((await mailJobs())[0]?.state);
    expect(logged()).toContain('ESOCKET ECONNREFUSED');

    const back = await startFakeSmtp({ port });
    try {
      const [arrived] = await back.waitForMails(1, 15_000);
      expect(arrived!.envelope.to).toEqual(['johanna@example.test']);
      await waitFor(async () => (await mailJobs())[0]?.state === 'completed');
    } finally {
      await back.close();
    }
  }, 30_000);
});
