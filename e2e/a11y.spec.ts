import { test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { expectAccessible } from './axe';
import { collectPageErrors, expect, logInAs } from './fixtures';

const pageErrors = new WeakMap<Page, string[]>();

/** A page in its own context, so that each scan starts without cookies. */
async function newPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const context = await browser.newContext({ ...testInfo.project.use, baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  pageErrors.set(page, collectPageErrors(page));
  return page;
}

async function expectNoViolations(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expectAccessible(page, testInfo, name);
  expect(pageErrors.get(page), `errors in the browser console on ${name}`).toEqual([]);
}

// The pages of the login steps that need an SMS code or a mailed link are scanned in the tests
// that walk through them (login.spec.ts, invitation.spec.ts, account.spec.ts).
test.describe('axe-core finds no WCAG 2.1 AA violations', () => {
  test('login page, with a field error shown', async ({ browser }, testInfo) => {
    const page = await newPage(browser, testInfo);
    await page.goto('/inloggen');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
    await expectNoViolations(page, testInfo, 'login');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByText('Vul uw e-mailadres in.')).toBeVisible();
    await expectNoViolations(page, testInfo, 'login-errors');
    await page.context().close();
  });

  test('portal chooser and Algemeen', async ({ browser }, testInfo) => {
    const page = await newPage(browser, testInfo);
    await logInAs(page, 'sanne');
    await page.goto('/portalen');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welk portaal wilt u openen?');
    await expectNoViolations(page, testInfo, 'chooser');
    await page.getByRole('link', { name: /^Johanna van der Berg/ }).click();
    await expect(page.getByRole('heading', { name: 'Wat u mag in dit portaal' })).toBeVisible();
    await expectNoViolations(page, testInfo, 'algemeen');
    await page.context().close();
  });

  test('the page for staff without a portal', async ({ browser }, testInfo) => {
    const page = await newPage(browser, testInfo);
    await logInAs(page, 'anouk');
    await page.goto('/portalen');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('U heeft nog geen cliëntportaal');
    await expectNoViolations(page, testInfo, 'no-portal');
    await page.goto('/mijn-gegevens');
    await expect(page.getByRole('heading', { name: 'Waar bent u ingelogd' })).toBeVisible();
    await expectNoViolations(page, testInfo, 'my-details-without-portal');
    await page.context().close();
  });

  test('outbox and 404', async ({ browser }, testInfo) => {
    const page = await newPage(browser, testInfo);
    await page.goto('/outbox');
    await expect(page.getByRole('status')).toHaveText(/\d+ berichten?/);
    await expectNoViolations(page, testInfo, 'outbox');
    await page.goto('/bestaat-niet');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
    await expectNoViolations(page, testInfo, 'not-found');
    await page.context().close();
  });

  test('links that do not work: reset link and invitation', async ({ browser }, testInfo) => {
    const page = await newPage(browser, testInfo);
    await page.goto('/wachtwoord-herstellen?token=bestaat-niet-1234567890');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet');
    await expectNoViolations(page, testInfo, 'reset-link-invalid');
    await page.goto('/uitnodiging?token=bestaat-niet-1234567890');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze uitnodiging werkt niet');
    await expectNoViolations(page, testInfo, 'invitation-invalid');
    await page.context().close();
  });

  test('helpdesk form, with the error summary shown', async ({ browser }, testInfo) => {
    const page = await newPage(browser, testInfo);
    await page.goto('/hulp');
    await expect(page.getByLabel('Uw naam')).toBeVisible();
    await expectNoViolations(page, testInfo, 'helpdesk');
    await page.getByRole('button', { name: 'Verstuur mijn vraag' }).click();
    await expect(page.getByRole('heading', { name: /dingen zijn nog niet goed ingevuld/ })).toBeVisible();
    await expectNoViolations(page, testInfo, 'helpdesk-errors');
    await page.context().close();
  });
});
