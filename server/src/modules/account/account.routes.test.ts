/** N3 V7.5.2: a person sees where they are logged in and which browsers are trusted, and ends each. */
import { describe, expect, it } from 'vitest';
import { injectAs, useTestApp } from '../../test/app.js';
import { buildPerson, testPassword } from '../../test/factories.js';
import { lastMessageTo } from '../../test/outbox.js';

const chrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

describe('sessions and trusted devices', () => {
  const t = useTestApp();

  async function twoBrowsers() {
    const person = await buildPerson(t.database.db);
    const laptop = await injectAs(t.app, person, { userAgent: chrome });
    const phone = await injectAs(t.app, person, { userAgent: iphone });
    return { person, laptop, phone };
  }

  it('lists the own sessions with a readable device, this one marked', async () => {
    const { laptop } = await twoBrowsers();
    const res = await laptop.inject({ method: 'GET', url: '/api/account/sessions' });
    const sessions = res.json().sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s: { current: boolean }) => s.current).device).toBe('Chrome · Windows');
    expect(sessions.find((s: { current: boolean }) => !s.current).device).toBe('Safari · iPhone');
  });

  it('ends another session at once; someone else’s session is a 404', async () => {
    const { laptop, phone } = await twoBrowsers();
    const other = (await laptop.inject({ method: 'GET', url: '/api/account/sessions' }))
      .json()
      .sessions.find((s: { current: boolean }) => !s.current);
    expect((await laptop.inject({ method: 'DELETE', url: `/api/account/sessions/${other.id}` })).statusCode).toBe(204);
    expect((await phone.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const stranger = await injectAs(t.app, await buildPerson(t.database.db));
    const mine = (await laptop.inject({ method: 'GET', url: '/api/account/sessions' })).json().sessions[0];
    expect((await stranger.inject({ method: 'DELETE', url: `/api/account/sessions/${mine.id}` })).statusCode).toBe(404);
    expect((await laptop.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('R11: a device no longer trusted asks for the SMS code again at the next login', async () => {
    const { person, laptop, phone } = await twoBrowsers();
    const devices = (await laptop.inject({ method: 'GET', url: '/api/account/devices' })).json().devices;
    expect(devices.map((d: { label: string }) => d.label).sort()).toEqual(['Chrome · Windows', 'Safari · iPhone']);
    const phoneDevice = devices.find((d: { current: boolean }) => !d.current);
    expect((await laptop.inject({ method: 'DELETE', url: `/api/account/devices/${phoneDevice.id}` })).statusCode).toBe(
      204,
    );
    const login = (deviceToken: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        cookies: { kring_device: deviceToken },
        payload: { email: person.email, password: testPassword },
      });
    expect((await login(phone.deviceToken!)).json().status).toBe('sms_required');
    expect((await login(laptop.deviceToken!)).json().status).toBe('signed_in');
  });

  it('a password change ends the other sessions and device trusts, keeps this one, and mails the person', async () => {
    const { person, laptop, phone } = await twoBrowsers();
    const newPassword = 'de kat slaapt graag op de bank';
    const wrong = await laptop.inject({
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: 'niet-het-huidige', newPassword },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('current_password_wrong');
    const weak = await laptop.inject({
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: testPassword, newPassword: 'welkom123' },
    });
    expect(weak.json().error.code).toBe('password_rejected');
    const ok = await laptop.inject({
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: testPassword, newPassword },
    });
    expect(ok.statusCode).toBe(204);
    expect((await phone.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await laptop.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    const devices = (await laptop.inject({ method: 'GET', url: '/api/account/devices' })).json().devices;
    expect(devices).toHaveLength(1);
    expect(devices[0].current).toBe(true);
    expect((await lastMessageTo(t.database.db, person.email))?.subject).toMatch(/gewijzigd/);
  });
});
