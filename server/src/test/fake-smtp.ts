/**
 * A real SMTP server (npm smtp-server) on loopback that requires a login and keeps every mail it
 * accepted, parsed by mailparser as a mail program would read it. Tests can make it answer
 * "451 try again later" to the next attempts, as a busy or greylisting mail server does.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: who the SMTP client said the mail is from and for. */
  envelope: { from: string | undefined; to: string[] };
  mail: ParsedMail;
}

export interface FakeSmtp {
  /** SMTP_URL with the login, e.g. smtp://kring:geheim@127.0.0.1:2525. */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Delivery attempts (RCPT TO commands), answered or refused. */
  attempts: number;
  /** Answer the next `count` attempts with a temporary failure (451). */
  refuseNext(count: number): void;
  /** Resolves once `count` mails arrived; throws after timeoutMs. */
  waitForMails(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startFakeSmtp(options: { port?: number } = {}): Promise<FakeSmtp> {
  const user = 'kring';
  const pass = 'geheim-wachtwoord';
  let refusals = 0;
  const received: ReceivedMail[] = [];
  const fake = {} as FakeSmtp;

  const server = new SMTPServer({
    // Plain SMTP with a login, as on a local relay; no TLS certificate needed on loopback.
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      fake.attempts++;
      if (refusals > 0) {
        refusals--;
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const from = session.envelope.mailFrom;
          received.push({
            envelope: { from: from ? from.address : undefined, to: session.envelope.rcptTo.map((r) => r.address) },
            mail,
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  server.on('error', () => {
    // A client that drops the connection; the tests look at what arrived.
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  Object.assign(fake, {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    port,
    received,
    attempts: 0,
    refuseNext(count: number) {
      refusals = count;
    },
    async waitForMails(count: number, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies FakeSmtp);
  return fake;
}
