import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  test as base,
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type BrowserContext,
  type Page,
  type TestInfo,
} from '@playwright/test';

export { expect };

/**
 * Every test fails when the page logs an error or throws: a CSP violation, a React warning or an
 * uncaught exception is a bug even when the screen looks right. A 401 from /api/me is how the app
 * learns that nobody is logged in, so Chromium's "Failed to load resource" lines are expected.
 */
export function collectPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('Failed to load resource')) return;
    problems.push(`console.error: ${message.text()}`);
  });
  return problems;
}

export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ page }, use) => {
      const problems = collectPageErrors(page);
      await use();
      expect(problems, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export const demoPassword = 'kring-demo-2026';

export const demo = {
  /** Legal representative of Hendrik de Vries and "buurvrouw" in Johanna van der Berg's network. */
  sanne: 'sanne.devries@demo.kring.test',
  /** "zoon" of Johanna; one portal. */
  peter: 'peter.vanderberg@demo.kring.test',
  /** A client: her own portal. */
  johanna: 'johanna.vanderberg@demo.kring.test',
  /** Staff of Zorggroep De Linde, in no client's network. */
  anouk: 'anouk.visser@demo.kring.test',
  /** Organisation admin: creates portals and invitations through the API. */
  rob: 'rob.meijer@demo.kring.test',
  /** Never logged in before the tests: the first-login SMS on the desktop project. */
  fatima: 'fatima.elamrani@demo.kring.test',
  /** Never logged in before the tests: the first-login SMS on the phone project. */
  kees: 'kees.vandijk@demo.kring.test',
} as const;

export type DemoKey = keyof typeof demo;

/** The demo accounts' mobile numbers (server/src/cli/demo-data.ts), where their codes go. */
export const demoMobile: Record<DemoKey, string> = {
  johanna: '+31612340001',
  peter: '+31612340002',
  sanne: '+31612340003',
  fatima: '+31612340005',
  anouk: '+31612340007',
  rob: '+31612340008',
  kees: '+31612340009',
};

/** The accounts e2e/auth.setup.ts logs in once (with SMS), for the other tests to reuse. */
export const setUpAccounts = ['sanne', 'peter', 'johanna', 'anouk', 'rob'] as const satisfies readonly DemoKey[];
export type SetUpAccount = (typeof setUpAccounts)[number];

export const authFile = (who: SetUpAccount) =>
  path.join('.tmp', `e2e-auth-${process.env.E2E_PORT ?? 3100}`, `${who}.json`);

interface StoredState {
  cookies: Parameters<BrowserContext['addCookies']>[0];
}

const readState = (who: SetUpAccount): StoredState => JSON.parse(fs.readFileSync(authFile(who), 'utf8')) as StoredState;

/**
 * Puts the session made by the setup into the browser: logged in without the login form or an
 * SMS. The session is shared by tests, so a test that logs out must log in itself (logInWithForm).
 */
export async function logInAs(page: Page, who: SetUpAccount): Promise<void> {
  await page.context().addCookies(readState(who).cookies);
}

/**
 * R8/R11: makes this browser a trusted device of the account (the cookie the SMS step left), so
 * that the login form goes straight in without an SMS code.
 */
export async function trustThisBrowser(page: Page, who: SetUpAccount): Promise<void> {
  await page.context().addCookies(readState(who).cookies.filter((c) => c.name.endsWith('kring_device')));
}

/** Fills and sends the login form. */
export async function logInWithForm(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

interface OutboxMessage {
  channel: 'sms' | 'email';
  to: string;
  subject: string | null;
  body: string;
}

export async function readOutbox(request: APIRequestContext): Promise<OutboxMessage[]> {
  const response = await request.get('/api/dev/outbox');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** The newest SMS code sent to a number (E.164), from the demo outbox. */
export async function latestCode(request: APIRequestContext, mobile: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const sms = (await readOutbox(request)).find((m) => m.channel === 'sms' && m.to === mobile);
      code = sms?.body.match(/\b(\d{6})\b/)?.[1];
      return code;
    }, `an SMS code to ${mobile}`)
    .toBeTruthy();
  return code!;
}

/** The path and query of the newest link to `pathname` mailed to an address, from the demo outbox. */
export async function latestLink(request: APIRequestContext, email: string, pathname: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const mail = (await readOutbox(request)).find(
        (m) => m.channel === 'email' && m.to === email && m.body.includes(pathname),
      );
      const url = mail?.body.match(/https?:\/\/\S+/)?.[0];
      link = url ? new URL(url).pathname + new URL(url).search : undefined;
      return link;
    }, `a mail to ${email} with a link to ${pathname}`)
    .toBeTruthy();
  return link!;
}

/** A new person for one test: their own address and mobile number, so that no limit is shared. */
export function newPerson(givenName: string) {
  const id = randomUUID().slice(0, 8);
  // 06-5 numbers are mobile numbers; seven random digits keep the tests' numbers apart.
  const digits = [...randomBytes(7)].map((b) => String(b % 10)).join('');
  return {
    givenName,
    familyName: 'Testpersoon',
    email: `${givenName.toLowerCase()}.${id}@e2e.kring.test`,
    mobile: `+3165${digits}`,
  };
}
export type NewPerson = ReturnType<typeof newPerson>;

async function apiContext(testInfo: TestInfo, storageState?: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: testInfo.project.use.baseURL, storageState });
}

/** What the admin may choose for the first person of a new portal; by default a contact person with the first contact's rights. */
export interface InviteeOptions {
  relationLabel?: string;
  permissions?: string[];
}

/**
 * I2: the demo admin creates a portal for a new client and invites `person` into it (through the
 * admin API, as the admin screens come later). Returns the client's name.
 */
export async function invite(
  testInfo: TestInfo,
  person: NewPerson,
  clientGivenName: string,
  invitee: InviteeOptions = {},
): Promise<{ clientId: string; clientName: string }> {
  const admin = await apiContext(testInfo, authFile('rob'));
  try {
    const me = await admin.get('/api/me');
    expect(me.status(), 'the admin session from the setup').toBe(200);
    const csrf = ((await me.json()) as { session: { csrfToken: string } }).session.csrfToken;
    const created = await admin.post('/api/admin/portals', {
      headers: { 'x-csrf-token': csrf },
      data: {
        client: { givenName: clientGivenName, familyName: 'Cliënt' },
        invitee: {
          givenName: person.givenName,
          familyName: person.familyName,
          email: person.email,
          mobile: person.mobile,
          relation: 'contact',
          ...invitee,
        },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    return {
      clientId: ((await created.json()) as { clientId: string }).clientId,
      clientName: `${clientGivenName} Cliënt`,
    };
  } finally {
    await admin.dispose();
  }
}

/**
 * An active account without the UI: invited, accepted with `password` and the SMS code, all
 * through the API. Returns the API context, which is now logged in and a trusted device.
 */
export async function createAccount(testInfo: TestInfo, person: NewPerson, password: string, clientGivenName: string) {
  const { clientName } = await invite(testInfo, person, clientGivenName);
  const browser = await apiContext(testInfo);
  const token = new URLSearchParams((await latestLink(browser, person.email, '/uitnodiging')).split('?')[1]).get(
    'token',
  );
  const accepted = await browser.post('/api/invitations/accept', { data: { token, password } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const code = await latestCode(browser, person.mobile);
  const verified = await browser.post('/api/auth/sms/verify', { data: { code } });
  expect(verified.status(), await verified.text()).toBe(200);
  return { request: browser, clientName };
}

/** The password the tests' new people choose. */
export const newPersonPassword = 'een oude fiets in de tuin';

/**
 * A new person with a portal of their own to work in: the admin creates a portal for a new client
 * and invites `person` as its first contact person (who may manage the network, R26); the person
 * accepts through the API with the SMS code, so that `page` is logged in as them. Returns the
 * portal's client id and the client's name. For tests that change things, so that they never
 * change the demo data other tests read.
 */
export async function signUp(
  page: Page,
  testInfo: TestInfo,
  person: NewPerson,
  clientGivenName: string,
  invitee: InviteeOptions = {},
): Promise<{ clientId: string; clientName: string }> {
  const portal = await invite(testInfo, person, clientGivenName, invitee);
  await acceptInvitation(page, person);
  return portal;
}

/** Accepts the newest invitation mailed to `person` through the API, SMS code included: `page` is then logged in. */
export async function acceptInvitation(page: Page, person: NewPerson): Promise<void> {
  const link = await latestLink(page.request, person.email, '/uitnodiging');
  const token = new URL(link, 'http://x').searchParams.get('token');
  const accepted = await page.request.post('/api/invitations/accept', {
    data: { token, password: newPersonPassword },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const verify = await page.request.post('/api/auth/sms/verify', {
    data: { code: await latestCode(page.request, person.mobile) },
  });
  expect(verify.status(), await verify.text()).toBe(200);
}
