/**
 * A small HTTP server on loopback that speaks CM.com's Business Messaging API (POST /v1.0/message,
 * JSON, product token in the X-CM-PRODUCTTOKEN header or in messages.authentication.productToken)
 * and answers as CM does: per message "Accepted" or "Rejected" with CM's error codes, a 400 with
 * errorCode 101 for an unknown token. Tests switch it to other behaviour: a provider error, or a
 * server that takes the request and never answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CmReceived {
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, as sent. */
  body: unknown;
}

export type CmBehaviour =
  /** CM's own checks: token, sender, number, body. */
  | 'normal'
  /** 400 errorCode 102, as for an account without balance. */
  | 'no-balance'
  /** A 502 HTML page, as from a proxy in front of CM. */
  | 'bad-gateway'
  /** Reads the request and never answers. */
  | 'hang';

export interface FakeCm {
  /** The endpoint to use as SMS_API_URL. */
  url: string;
  productToken: string;
  received: CmReceived[];
  behaviour: CmBehaviour;
  close(): Promise<void>;
}

interface CmMsg {
  from?: unknown;
  to?: { number?: unknown }[];
  body?: { type?: unknown; content?: unknown };
  reference?: unknown;
}

export async function startFakeCm(productToken = '8f2c6a1e-4b7d-4e0a-9c3f-2d5b8a7e6f10'): Promise<FakeCm> {
  const fake: FakeCm = {
    url: '',
    productToken,
    received: [],
    behaviour: 'normal',
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(json));
      };
      if (req.method !== 'POST' || req.url !== '/v1.0/message') return answer(404, { message: 'Not found' });
      let body: { messages?: { authentication?: { productToken?: unknown }; msg?: CmMsg[] } };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, { details: 'Malformed request', errorCode: 202, messages: [] });
      }
      fake.received.push({ headers: req.headers, body });

      if (fake.behaviour === 'hang') return; // never answers; the client has to give up
      if (fake.behaviour === 'bad-gateway') {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      }
      const token = req.headers['x-cm-producttoken'] ?? body.messages?.authentication?.productToken;
      if (token !== productToken) {
        return answer(400, { details: 'No account found for the given authentication', errorCode: 101, messages: [] });
      }
      if (fake.behaviour === 'no-balance') {
        return answer(400, { details: 'Insufficient balance.', errorCode: 102, messages: [] });
      }
      const msgs = body.messages?.msg;
      if (!Array.isArray(msgs) || msgs.length === 0) {
        return answer(400, { details: 'The MSG array is incorrect.', errorCode: 203, messages: [] });
      }
      const results = msgs.flatMap((msg) => {
        const reference = typeof msg.reference === 'string' ? msg.reference : null;
        return (msg.to ?? []).map(({ number }) => {
          const to = String(number ?? '');
          const reject = (messageErrorCode: number, messageDetails: string) => ({
            to,
            status: 'Rejected',
            reference,
            parts: 0,
            messageDetails,
            messageErrorCode,
          });
          const from = typeof msg.from === 'string' ? msg.from : '';
          if (!/^[A-Za-z0-9 ]{1,11}$/.test(from) && !/^\d{1,16}$/.test(from)) {
            return reject(301, 'The from field is invalid.');
          }
          if (!/^00\d{8,15}$/.test(to)) return reject(303, `Gsm '${to}' is not a number.`);
          const content = msg.body?.content;
          if (typeof content !== 'string' || content === '') return reject(304, 'A body without content was found');
          return {
            to,
            status: 'Accepted',
            reference,
            parts: Math.max(1, Math.ceil(content.length / 153)),
            messageDetails: null,
            messageErrorCode: 0,
          };
        });
      });
      const created = results.filter((r) => r.status === 'Accepted').length;
      answer(created === 0 ? 400 : 200, {
        details: `Created ${created} message(s)`,
        errorCode: created === results.length ? 0 : 201,
        messages: results,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}/v1.0/message`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** The messages of a request as CM reads them. */
export function cmMessages(received: CmReceived): CmMsg[] {
  return (received.body as { messages?: { msg?: CmMsg[] } }).messages?.msg ?? [];
}
