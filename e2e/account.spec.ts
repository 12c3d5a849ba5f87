import { expectAccessible } from './axe';
import { createAccount, expect, latestCode, logInWithForm, newPerson, test } from './fixtures';

test('N3 V7.5.2: in Mijn gegevens a person ends another session, stops trusting another device and changes the password', async ({
  page,
}, testInfo) => {
  const person = newPerson('Daan');
  const password = 'een oude fiets in de tuin';
  // The "other device": an account made and logged in through the API (a session and a trusted device).
  const { request: other } = await createAccount(testInfo, person, password, 'Hendrika');

  // This browser is new for the account: the password, then an SMS code (R8).
  await logInWithForm(page, person.email, password);
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, person.mobile));
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);

  await page
    .getByRole('navigation', { name: 'Onderdelen van het portaal' })
    .getByRole('link', { name: 'Mijn gegevens' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn gegevens');

  const sessions = page.locator('section', { has: page.getByRole('heading', { name: 'Waar bent u ingelogd' }) });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByRole('listitem').first()).toContainText('Dit apparaat');
  const devices = page.locator('section', { has: page.getByRole('heading', { name: 'Vertrouwde apparaten' }) });
  await expect(devices.getByRole('listitem')).toHaveCount(2);
  await expectAccessible(page, testInfo, 'mijn-gegevens');

  await sessions.getByRole('button', { name: 'Uitloggen op dit apparaat' }).click();
  await expect(sessions.getByRole('status')).toContainText('U bent uitgelogd op');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  expect((await other.get('/api/me')).status(), 'the other session has ended').toBe(401);

  await devices.getByRole('button', { name: 'Niet meer vertrouwen' }).last().click();
  await expect(devices.getByText('Weet u het zeker?')).toBeFocused();
  await expectAccessible(page, testInfo, 'mijn-gegevens-confirm');
  await devices.getByRole('button', { name: 'Ja, niet meer vertrouwen' }).click();
  await expect(devices.getByRole('status')).toContainText('is niet meer vertrouwd');
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await expect(devices.getByRole('listitem')).toContainText('Dit apparaat');
  // R8: the other device is asked for an SMS code again.
  const again = await other.post('/api/auth/login', { data: { email: person.email, password } });
  expect(((await again.json()) as { status: string }).status).toBe('sms_required');
  await other.dispose();

  // The password form is closed until its button opens it; the first field then has the focus.
  const change = page.getByRole('button', { name: 'Wachtwoord wijzigen' });
  await expect(change).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Huidig wachtwoord', { exact: true })).toBeHidden();
  await change.click();
  await expect(page.getByLabel('Huidig wachtwoord', { exact: true })).toBeFocused();
  await expectAccessible(page, testInfo, 'mijn-gegevens-wachtwoord');
  await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(password);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('groene theepot op zolder');
  await page.getByRole('button', { name: 'Nieuw wachtwoord opslaan' }).click();
  const done = page.getByText(/^Uw wachtwoord is gewijzigd\. Op andere apparaten bent u uitgelogd\./);
  await expect(done).toBeVisible();
  // The form closes; the message stays and has the focus.
  await expect(page.getByRole('status').filter({ has: done })).toBeFocused();
  await expect(change).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Huidig wachtwoord', { exact: true })).toBeHidden();
  await expect(page.getByLabel('Huidig wachtwoord', { exact: true })).toHaveValue('');
});
