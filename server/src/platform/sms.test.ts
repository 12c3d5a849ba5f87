import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SmsConfig } from '../config.js';
import { cmMessages, startFakeCm, type FakeCm } from '../test/fake-cm.js';
import { AppError } from './errors.js';
import { createCmSms, type SmsLog } from './sms.js';
import { freePort } from '../test/net.js';

const code = '482913';
const body = `Uw code voor het cliëntportaal is ${code}. De code is 5 minuten geldig.`;

describe('SMS through CM.com', () => {
  let cm: FakeCm;
  const log = { info: vi.fn(), warn: vi.fn() } satisfies SmsLog;
  const config = (overrides: Partial<SmsConfig> = {}): SmsConfig => ({
    provider: 'cm',
    productToken: cm.productToken,
    sender: 'Kring',
    apiUrl: cm.url,
    timeoutMs: 2_000,
    ...overrides,
  });
  /** Everything logged, as text, to check what it must not contain. */
  const logged = () => JSON.stringify([...log.info.mock.calls, ...log.warn.mock.calls]);

  beforeAll(async () => {
    cm = await startFakeCm();
  });
  beforeEach(() => {
    cm.received.length = 0;
    cm.behaviour = 'normal';
    log.info.mockClear();
    log.warn.mockClear();
  });
  afterAll(async () => {
    await cm.close();
  });

  it('sends the message as CM expects it: product token header, number as 00…, our sender, only as SMS', async () => {
    await createCmSms(config({ sender: 'Zorg Thuis' }), log).send({ to: '+31612345678', body });

    expect(cm.received).toHaveLength(1);
    const [request] = cm.received;
    expect(request!.headers['x-cm-producttoken']).toBe(cm.productToken);
    expect(request!.headers['content-type']).toBe('application/json');
    const [msg] = cmMessages(request!);
    expect(msg).toMatchObject({
      from: 'Zorg Thuis',
      to: [{ number: '0031612345678' }],
      body: { type: 'auto', content: body },
      allowedChannels: ['SMS'],
    });
    expect(msg!.reference).toMatch(/^[0-9a-f]{32}$/);
    // The token travels in the header only, not in the body as well.
    expect(JSON.stringify(request!.body)).not.toContain(cm.productToken);
    expect(log.info).toHaveBeenCalledWith(
      { provider: 'cm', reference: msg!.reference, parts: 1 },
      'sms: accepted by provider',
    );
  });

  it('sends a foreign number in CM’s form too', async () => {
    await createCmSms(config(), log).send({ to: '+32470123456', body });
    expect(cmMessages(cm.received[0]!)[0]!.to).toEqual([{ number: '0032470123456' }]);
  });

  it.each([
    [
      'CM does not know the product token',
      { productToken: '00000000-0000-0000-0000-000000000000' },
      'normal',
      400,
      101,
    ],
    ['the account has no balance', {}, 'no-balance', 400, 102],
    ['a proxy in front of CM answers with an HTML error page', {}, 'bad-gateway', 502, undefined],
  ] as const)(
    'refuses with sms_failed when %s, and logs CM’s code without the message',
    async (_what, overrides, behaviour, httpStatus, errorCode) => {
      cm.behaviour = behaviour;
      const error = await createCmSms(config(overrides), log)
        .send({ to: '+31612345678', body })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 502, code: 'sms_failed', message: expect.stringMatching(/try again/i) });
      expect(log.warn).toHaveBeenCalledWith(
        expect.objectContaining({ provider: 'cm', httpStatus, errorCode, reference: expect.any(String) }),
        'sms: provider refused the message',
      );
      expect(logged()).not.toContain(code);
      expect(logged()).not.toContain(cm.productToken);
    },
  );

  it('refuses with sms_failed when CM rejects the number, and does not log the number', async () => {
    // Valid E.164 but too short for CM: CM answers 400, errorCode 201, the message "Rejected" with 303.
    const error = await createCmSms(config(), log)
      .send({ to: '+3161234', body })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 502, code: 'sms_failed' });
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ httpStatus: 400, errorCode: 201, messageErrorCode: 303 }),
      'sms: provider refused the message',
    );
    expect(logged()).not.toContain('3161234');
    expect(logged()).not.toContain(code);
  });

  it('gives up on a provider that never answers after SMS_TIMEOUT_MS, with sms_failed', async () => {
    cm.behaviour = 'hang';
    const started = Date.now();
    const error = await createCmSms(config({ timeoutMs: 300 }), log)
      .send({ to: '+31612345678', body })
      .catch((e: unknown) => e);
    const took = Date.now() - started;

    expect(cm.received).toHaveLength(1); // it did arrive; the answer never came
    expect(error).toMatchObject({ status: 502, code: 'sms_failed' });
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(1_500);
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ provider: 'cm', reason: 'timeout', timeoutMs: 300 }),
      'sms: provider did not answer',
    );
  });

  it('fails at once with sms_failed when the provider cannot be reached', async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await createCmSms(config({ apiUrl: `http://127.0.0.1:${port}/v1.0/message` }), log)
      .send({ to: '+31612345678', body })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 502, code: 'sms_failed' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'unreachable', networkError: 'ECONNREFUSED' }),
      'sms: provider did not answer',
    );
  });

  it('refuses a number that is not in E.164 form before anything is sent', async () => {
    await expect(createCmSms(config(), log).send({ to: '06-12345678', body })).rejects.toThrow(/E\.164/);
    expect(cm.received).toHaveLength(0);
  });
});
