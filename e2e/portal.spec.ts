import { demo, demoPassword, expect, logInAs, logInWithForm, test, trustThisBrowser } from './fixtures';

test('a contact person in two networks logs in, switches between the clients, logs out and cannot go back', async ({
  page,
}) => {
  // A browser where Sanne did the SMS step before: the login form goes straight in (R8).
  await trustThisBrowser(page, 'sanne');
  await logInWithForm(page, demo.sanne);

  await expect(page).toHaveURL(/\/portalen$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welk portaal wilt u openen?');
  await expect(page.getByRole('banner')).toContainText('Ingelogd als Sanne de Vries');

  await page.getByRole('link', { name: /^Hendrik de Vries/ }).click();
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('Portaal van');
  await expect(banner).toContainText('Hendrik de Vries');
  await expect(page.getByRole('main')).toContainText('U bent: dochter en wettelijk vertegenwoordiger');
  await expect(page.getByRole('navigation', { name: 'Onderdelen van het portaal' }).getByRole('link')).toHaveText([
    'Algemeen',
    'Mijn gegevens',
    // As legal representative Sanne manages her father's network.
    'Beheerinstellingen',
  ]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Algemeen');
  await expect(page).toHaveTitle('Algemeen – Portaal van Hendrik de Vries – Kring');
  // R13: whom to ask about the dossier, and how to reach them.
  const main = page.getByRole('main');
  await expect(main).toContainText('Neem contact op met de contactverzorgende: Anouk Visser');
  await expect(main.getByRole('link', { name: '030 123 45 80' }).first()).toHaveAttribute('href', 'tel:0301234580');

  await page.getByRole('link', { name: 'Ander portaal kiezen' }).click();
  await page.getByRole('link', { name: /^Johanna van der Berg/ }).click();
  await expect(banner).toContainText('Johanna van der Berg');
  await expect(page.getByRole('main')).toContainText('U bent: buurvrouw');
  // As a neighbour she does not manage Johanna's network: no Beheerinstellingen there (R26).
  await expect(page.getByRole('navigation', { name: 'Onderdelen van het portaal' }).getByRole('link')).toHaveText([
    'Algemeen',
    'Mijn gegevens',
  ]);
  await expect(banner).not.toContainText('Hendrik');
  // Sanne may not read Johanna's dossier; the rights say so in plain Dutch.
  await expect(main).toContainText('U mag de agenda bekijken.');
  await expect(main).not.toContainText('U mag het dossier lezen.');
  // R29: other personal data go to the organisation's mailbox.
  await expect(main.getByRole('link', { name: 'clientportaal@delinde.kring.test' })).toHaveAttribute(
    'href',
    'mailto:clientportaal@delinde.kring.test',
  );

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole('status')).toContainText('U bent uitgelogd.');

  await page.goBack();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
  await expect(page.getByText('Johanna van der Berg')).toHaveCount(0);
  const me = await page.request.get('/api/me');
  expect(me.status()).toBe(401);
});

test('the login page loads no code of the other pages', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto('/inloggen');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
  expect(scripts.some((path) => /\/login-page-[\w-]+\.js$/.test(path))).toBe(true);
  const otherPages =
    /(portal|overview|outbox|not-found|require-session|session-header|sms-page|password-page|invitation|helpdesk|my-details)/;
  expect(scripts.filter((path) => otherPages.test(path))).toEqual([]);
});

test('R4: the eye button shows and hides the password', async ({ page }) => {
  await page.goto('/inloggen');
  const password = page.getByLabel('Wachtwoord', { exact: true });
  await password.fill('geheim-wachtwoord');
  await expect(password).toHaveAttribute('type', 'password');
  await expect(password).toHaveAttribute('autocomplete', 'current-password');
  await expect(page.getByLabel('E-mailadres')).toHaveAttribute('autocomplete', 'username');

  const eye = page.getByRole('button', { name: 'Wachtwoord tonen' });
  await expect(eye).toHaveAttribute('aria-pressed', 'false');
  await eye.click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(password).toHaveValue('geheim-wachtwoord');
  const hide = page.getByRole('button', { name: 'Wachtwoord verbergen' });
  await expect(hide).toHaveAttribute('aria-pressed', 'true');
  await hide.click();
  await expect(password).toHaveAttribute('type', 'password');
});

test('a wrong password shows a Dutch message that says what to do', async ({ page }) => {
  await logInWithForm(page, demo.peter, 'niet-het-goede-wachtwoord');
  await expect(page.getByRole('alert')).toHaveText(
    'Het e-mailadres of het wachtwoord klopt niet. Kijk of u alles goed heeft getypt en probeer het opnieuw.',
  );
  await expect(page).toHaveURL(/\/inloggen$/);
});

test('empty fields are named before anything is sent', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByText('Vul uw e-mailadres in.')).toBeVisible();
  await expect(page.getByText('Vul uw wachtwoord in.')).toBeVisible();
  await expect(page.getByLabel('E-mailadres')).toBeFocused();
});

test('a client goes straight into her own portal', async ({ page }) => {
  await logInAs(page, 'johanna');
  await page.goto('/portalen');
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('banner')).toContainText('Mijn portaal');
  await expect(page.getByRole('link', { name: 'Ander portaal kiezen' })).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText(
    'Vragen over uw dossier? Neem contact op met uw contactverzorgende: Anouk Visser.',
  );
});

test('staff without a portal are told whom to ask', async ({ page }) => {
  await logInAs(page, 'anouk');
  await page.goto('/portalen');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('U heeft nog geen cliëntportaal');
  await expect(page.getByRole('main')).toContainText('U werkt bij Zorggroep De Linde.');
  // Staff see their own sessions and devices too (N3 V7.5.2).
  await page.getByRole('link', { name: 'Naar Mijn gegevens' }).click();
  await expect(page).toHaveURL(/\/mijn-gegevens$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn gegevens');
  await expect(page.getByRole('heading', { name: 'Waar bent u ingelogd' })).toBeVisible();
});

test('when the session ends, the login page says why and returns to the same page afterwards', async ({ page }) => {
  await logInAs(page, 'peter');
  await page.goto('/portalen');
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
  const portalUrl = page.url();
  await expect(page.getByRole('heading', { name: 'Wat u mag in dit portaal' })).toBeVisible();

  // As if the idle timeout passed: the browser no longer has a session (it stays a trusted device).
  await page.context().clearCookies({ name: /kring_session$/ });
  await page.reload();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole('status')).toHaveText(
    'U bent uitgelogd, omdat u een tijd niets heeft gedaan. Log opnieuw in om verder te gaan.',
  );
  await expect(page.getByText('Johanna van der Berg')).toHaveCount(0);

  await page.getByLabel('E-mailadres').fill(demo.peter);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(portalUrl);
});

test('a page behind the login sends a visitor to the login page', async ({ page }) => {
  await page.goto('/portalen');
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
});

test('the demo outbox is reachable from the login page and lists messages newest first', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Demo: verzonden e-mail en sms bekijken' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demo: verzonden berichten');
  await expect(page.getByText('Dit is een demo.')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/\d+ berichten?/);
  await page.getByRole('button', { name: 'Vernieuwen' }).click();
  await expect(page.getByRole('button', { name: 'Vernieuwen' })).toBeEnabled();
});

test('an unknown address shows a Dutch page with a way back', async ({ page }) => {
  await page.goto('/bestaat-niet');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
  await expect(page).toHaveTitle('Deze pagina bestaat niet – Kring');
  await page.getByRole('link', { name: 'Naar de startpagina', exact: true }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
});

test('English can be chosen and is remembered', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

// Also on the phone: people with shaky hands pair a keyboard or use switch access, which moves focus the same way.
test('the skip link is the first thing the keyboard reaches', async ({ page }) => {
  await page.goto('/inloggen');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Direct naar de inhoud' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('E-mailadres')).toBeFocused();
});
