import { test as base, expect, type Page } from '@playwright/test';

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
} as const;

/**
 * Logs in through the API, which is quicker than the form; the cookie lands in the page's
 * browser context. The login form itself has its own tests.
 */
export async function logInAs(page: Page, email: string): Promise<void> {
  const response = await page.request.post('/api/auth/login', { data: { email, password: demoPassword } });
  expect(response.status(), `login of ${email}`).toBe(200);
}

/** Fills and sends the login form. */
export async function logInWithForm(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}
