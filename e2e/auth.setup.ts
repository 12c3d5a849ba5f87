import { test as setup } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { authFile, demo, demoMobile, demoPassword, expect, latestCode, setUpAccounts } from './fixtures';

/**
 * Every demo account gets an SMS code at its first login (R7). This logs in each account the
 * tests use once, with its code from the demo outbox, and keeps the cookies: the session, and the
 * trusted-device cookie that lets the login form go straight in (R8). The other tests reuse them,
 * which keeps the accounts under the server's limits (5 codes an hour per account).
 */
setup('log in the demo accounts once, with their SMS code', async ({ playwright, baseURL }) => {
  fs.mkdirSync(path.dirname(authFile('sanne')), { recursive: true });
  for (const who of setUpAccounts) {
    const request = await playwright.request.newContext({ baseURL });
    const login = await request.post('/api/auth/login', { data: { email: demo[who], password: demoPassword } });
    expect(login.status(), `login of ${who}`).toBe(200);
    expect(((await login.json()) as { status: string }).status).toBe('sms_required');
    const code = await latestCode(request, demoMobile[who]);
    const verify = await request.post('/api/auth/sms/verify', { data: { code } });
    expect(verify.status(), `SMS code of ${who}`).toBe(200);
    await request.storageState({ path: authFile(who) });
    await request.dispose();
  }
});
