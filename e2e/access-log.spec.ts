import { request, type Page, type TestInfo } from '@playwright/test';
import { expectAccessible } from './axe';
import { authFile, expect, logInAs, newPerson, signUp, test, type SetUpAccount } from './fixtures';

/** The log's entries as they read: time, what, who (one line per entry). */
const entries = (page: Page) => page.locator('li.access-log-entry');

/** On a phone nothing may stick out sideways: the list reads top to bottom. */
async function expectNoSidewaysScroll(page: Page) {
  // A string: the e2e code is typed without the DOM library.
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow, 'the page is wider than the screen').toBeLessThanOrEqual(0);
}

/** Does a GET as a demo account from its own "browser" (the session the setup made). */
async function getAs(testInfo: TestInfo, who: SetUpAccount, path: string) {
  const context = await request.newContext({ baseURL: testInfo.project.use.baseURL, storageState: authFile(who) });
  try {
    const res = await context.get(path);
    expect(res.status(), `${who}: GET ${path}`).toBe(200);
    return res.json() as Promise<unknown>;
  } finally {
    await context.dispose();
  }
}

test('N2: a new manager sees in "Wie heeft wat bekeken" what they and the organisation admin did, and chooses a period', async ({
  page,
}, testInfo) => {
  const person = newPerson('Wilma');
  const { clientId } = await signUp(page, testInfo, person, 'Teuntje');

  // Something to see: the manager opens Algemeen, and looks at the network through the API.
  await page.goto(`/p/${clientId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Algemeen' })).toBeVisible();
  expect((await page.request.get(`/api/portals/${clientId}/network`)).status()).toBe(200);

  await page.goto(`/p/${clientId}/beheer/wie-heeft-wat-bekeken`);
  await expect(page.getByRole('heading', { level: 1, name: 'Wie heeft wat bekeken' })).toBeVisible();
  await expect(page).toHaveTitle(/^Wie heeft wat bekeken – Portaal van Teuntje Cliënt/);
  await expect(entries(page).first()).toBeVisible();

  const line = (what: string | RegExp) => entries(page).filter({ hasText: what });
  await expect(line('Netwerk bekeken')).toContainText('Door: U');
  await expect(line('Algemeen bekeken').first()).toContainText('Door: U');
  // The portal and the invitation came from the organisation's admin: by name and role.
  await expect(line('Portaal aangemaakt')).toContainText('Rob Meijer, beheerder van de zorgorganisatie');
  // The invitation was for the viewer: "u", not their own name.
  await expect(line('Uitnodiging aan u verstuurd')).toContainText('Rob Meijer');
  await expect(line('Uitnodiging aangenomen')).toContainText('Door: U');
  // Newest first: the look at the network came after opening Algemeen, long after the invitation.
  const texts = await entries(page).allTextContents();
  const index = (what: string) => texts.findIndex((t) => t.includes(what));
  expect(index('Netwerk bekeken')).toBeLessThan(index('Portaal aangemaakt'));
  await expect(page.getByText('Dit is alles uit deze periode.')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'wie-heeft-wat-bekeken');

  // The look just now is logged too: it shows after choosing a period.
  await page.getByRole('radio', { name: 'Laatste 7 dagen' }).check();
  await page.getByRole('button', { name: 'Tonen' }).click();
  await expect(line('Wie heeft wat bekeken bekeken').first()).toContainText('Door: U');
  await expect(page.getByRole('heading', { level: 2, name: /^Van / })).toBeFocused();

  // A period that runs backwards is caught on the page, with what to do.
  await page.getByRole('radio', { name: 'Zelf kiezen' }).check();
  await page.getByLabel('Van', { exact: true }).fill('2026-05-10');
  await page.getByLabel('Tot en met', { exact: true }).fill('2026-05-01');
  await page.getByRole('button', { name: 'Tonen' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('De eerste dag ligt na de laatste dag.');
  await expectAccessible(page, testInfo, 'wie-heeft-wat-bekeken-fout');

  await page.getByRole('link', { name: 'Terug naar Beheerinstellingen' }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${clientId}/beheer$`));
});

test('N2: Johanna sees that her contactverzorgende and her son looked at her portal, by name and role', async ({
  page,
}, testInfo) => {
  const me = (await getAs(testInfo, 'johanna', '/api/me')) as {
    portals: { clientId: string; relation: string }[];
  };
  const own = me.portals.find((p) => p.relation === 'self')!;
  await getAs(testInfo, 'anouk', `/api/portals/${own.clientId}`);
  await getAs(testInfo, 'peter', `/api/portals/${own.clientId}`);

  await logInAs(page, 'johanna');
  await page.goto(`/p/${own.clientId}/beheer/wie-heeft-wat-bekeken`);
  await expect(page.getByRole('heading', { level: 1, name: 'Wie heeft wat bekeken' })).toBeVisible();
  const opened = entries(page).filter({ hasText: 'Algemeen bekeken' });
  await expect(opened.filter({ hasText: 'Anouk Visser, contactverzorgende' }).first()).toBeVisible();
  await expect(opened.filter({ hasText: 'Peter van der Berg, contactpersoon (zoon)' }).first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'wie-heeft-wat-bekeken-johanna');
});
