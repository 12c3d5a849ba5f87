import AxeBuilder from '@axe-core/playwright';
import { test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { collectPageErrors, demo, expect, logInAs } from './fixtures';

// N6: WCAG 2.1 A and AA. Every page is scanned on both projects (desktop and phone).
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const pageErrors = new WeakMap<Page, string[]>();

/** AxeBuilder needs a page of a context made with browser.newContext(). */
async function newPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const context = await browser.newContext({ ...testInfo.project.use, baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  pageErrors.set(page, collectPageErrors(page));
  return page;
}

async function expectNoViolations(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(summary, `axe violations on ${name}`).toEqual([]);
  expect(pageErrors.get(page), `errors in the browser console on ${name}`).toEqual([]);
  // A full-page picture of every page on every viewport, to look at (test-results/).
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

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
    await logInAs(page, demo.sanne);
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
    await logInAs(page, demo.anouk);
    await page.goto('/portalen');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('U heeft nog geen cliëntportaal');
    await expectNoViolations(page, testInfo, 'no-portal');
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
});
