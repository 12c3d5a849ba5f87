import { expectAccessible } from './axe';
import {
  createAccount,
  demo,
  demoMobile,
  expect,
  latestCode,
  latestLink,
  logInWithForm,
  newPerson,
  test,
} from './fixtures';

test('R7, R8: the first login asks for an SMS code; a wrong code says so; the next login on this browser does not', async ({
  page,
}, testInfo) => {
  // An account that has never logged in, one per viewport (each account may get 5 codes an hour).
  const who = testInfo.project.name === 'phone' ? 'kees' : 'fatima';
  await logInWithForm(page, demo[who]);

  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vul de code uit de sms in');
  await expect(page.getByText(/We hebben een sms met een code gestuurd naar/)).toContainText(
    `•• •• •• •• ${demoMobile[who].slice(-2)}`,
  );
  const field = page.getByLabel('Code uit de sms');
  await expect(field).toHaveAttribute('inputmode', 'numeric');
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByText(/^De code werkt tot \d{2}:\d{2} uur\./)).toBeVisible();
  // R11: why an SMS might come every time.
  await expect(page.getByRole('heading', { name: 'Krijgt u elke keer een sms?' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stuur een nieuwe code' })).toBeDisabled();
  await expect(page.getByText(/^U kunt over \d+ seconden een nieuwe code vragen\.$/)).toBeVisible();
  await expectAccessible(page, testInfo, 'sms');

  // A reload keeps the step: the page asks the server which attempt this browser has.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vul de code uit de sms in');

  const code = await latestCode(page.request, demoMobile[who]);
  const wrong = code === '000000' ? '111111' : '000000';
  await field.fill(wrong);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Deze code klopt niet.' })).toHaveText(
    'Deze code klopt niet. U kunt het nog 4 keer proberen. Kijk goed naar de code in de nieuwste sms.',
  );
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, testInfo, 'sms-wrong-code');

  await field.fill(code);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Algemeen');

  // R8: this browser is now trusted; after logging out, the password is enough here.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await logInWithForm(page, demo[who]);
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
});

test('R3, N4: forgot password → link from the mail → new password → SMS → in; the old password and the link no longer work', async ({
  page,
}, testInfo) => {
  const person = newPerson('Eva');
  const oldPassword = 'zeven blauwe kikkers zingen';
  const newPassword = 'groene theepot op zolder';
  const { request, clientName } = await createAccount(testInfo, person, oldPassword, 'Wilhelmina');
  await request.dispose();

  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await expect(page).toHaveURL(/\/wachtwoord-vergeten$/);
  await expect(page.getByRole('heading', { name: 'Waarom een link en geen wachtwoord?' })).toBeVisible();
  await expectAccessible(page, testInfo, 'forgot-password');
  await page.getByLabel('E-mailadres').fill(person.email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in uw e-mail');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('status')).toHaveText(
    'Als dit e-mailadres bij ons bekend is, krijgt u binnen een paar minuten een e-mail met een link. De link werkt 60 minuten.',
  );
  await expectAccessible(page, testInfo, 'forgot-password-sent');

  const link = await latestLink(page.request, person.email, '/wachtwoord-herstellen');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kies een nieuw wachtwoord');
  await expect(page.getByText('Gebruik minstens 8 tekens.')).toBeVisible();
  const password = page.getByLabel('Nieuw wachtwoord', { exact: true });
  await password.fill('wachtwoord');
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByText(/^Dit wachtwoord gebruiken veel mensen/)).toBeVisible();
  await expect(password).toBeFocused();
  await expectAccessible(page, testInfo, 'reset-password-rejected');

  // R4: the eye button shows what was typed.
  await password.fill(newPassword);
  await page.getByRole('button', { name: 'Nieuw wachtwoord tonen' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Verder' }).click();

  // N4: the reset does not skip the SMS step.
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await expect(page.getByText('Uw nieuwe wachtwoord werkt pas als u deze code heeft ingevuld.')).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, person.mobile));
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw wachtwoord is gewijzigd');
  await expectAccessible(page, testInfo, 'password-changed');
  await page.getByRole('link', { name: 'Verder naar het portaal' }).click();
  await expect(page.getByRole('banner')).toContainText(clientName);

  // The link works once.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze link is al gebruikt');

  await page.goto('/portalen');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await logInWithForm(page, person.email, oldPassword);
  await expect(page.getByRole('alert')).toHaveText(
    'Het e-mailadres of het wachtwoord klopt niet. Kijk of u alles goed heeft getypt en probeer het opnieuw.',
  );
});
