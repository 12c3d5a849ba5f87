import { request as playwrightRequest, type Locator, type Page, type TestInfo } from '@playwright/test';
import sharp from 'sharp';
import { expectAccessible } from './axe';
import { acceptInvitation, authFile, expect, newPerson, signUp, test, type NewPerson } from './fixtures';

/** A phone photo: 1200 × 900 with some detail, a GPS position and a camera make in its EXIF. */
async function phonePhoto(): Promise<Buffer> {
  const pixels = Buffer.alloc(1200 * 900 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919) % 251;
  return sharp(pixels, { raw: { width: 1200, height: 900, channels: 3 } })
    .withExif({
      IFD0: { Make: 'KringCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 10/1' },
    })
    .jpeg()
    .toBuffer();
}

/** Chooses a file through the page's own button, as a person does (the file picker opens). */
async function chooseFile(page: Page, button: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(file);
}

/** The admin creates a portal for `client` as the client themselves (relation "self"); returns its id. */
async function createOwnPortal(testInfo: TestInfo, client: NewPerson): Promise<string> {
  const admin = await playwrightRequest.newContext({
    baseURL: testInfo.project.use.baseURL,
    storageState: authFile('rob'),
  });
  try {
    const csrf = ((await (await admin.get('/api/me')).json()) as { session: { csrfToken: string } }).session.csrfToken;
    const created = await admin.post('/api/admin/portals', {
      headers: { 'x-csrf-token': csrf },
      data: {
        client: { givenName: client.givenName, familyName: client.familyName },
        invitee: { ...client, relation: 'self' },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    return ((await created.json()) as { clientId: string }).clientId;
  } finally {
    await admin.dispose();
  }
}

async function inviteContact(testInfo: TestInfo, clientId: string, person: NewPerson): Promise<void> {
  const admin = await playwrightRequest.newContext({
    baseURL: testInfo.project.use.baseURL,
    storageState: authFile('rob'),
  });
  try {
    const csrf = ((await (await admin.get('/api/me')).json()) as { session: { csrfToken: string } }).session.csrfToken;
    const invited = await admin.post(`/api/admin/clients/${clientId}/invitations`, {
      headers: { 'x-csrf-token': csrf },
      data: { ...person, relation: 'contact', relationLabel: 'dochter' },
    });
    expect(invited.status(), await invited.text()).toBe(201);
  } finally {
    await admin.dispose();
  }
}

/** True once the image has really been loaded and drawn (not blocked, not broken). */
const loaded = (image: Locator) =>
  image.evaluate((element) => {
    // No DOM types in the e2e project: the two properties needed, by name.
    const img = element as unknown as { complete: boolean; naturalWidth: number };
    return img.complete ? img.naturalWidth : 0;
  });

test('R30: the client chooses a photo, sees it in a circle, saves it, and it shows in the portal bar, also for the network', async ({
  page,
  browser,
}, testInfo) => {
  const client = newPerson('Wilhelmina');
  const clientId = await createOwnPortal(testInfo, client);
  await acceptInvitation(page, client);
  await page.goto(`/p/${clientId}/mijn-gegevens`);

  const bar = page.locator('.portal-bar');
  await expect(bar.locator('.avatar-initials')).toHaveText('WT');
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Uw foto' }) });
  const choose = section.getByRole('button', { name: 'Foto kiezen' });
  await expect(choose).toContainText('WT');
  await expectAccessible(page, testInfo, 'photo-none');

  await chooseFile(page, choose, { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
  const preview = section.getByRole('img', { name: 'Uw gekozen foto, zoals anderen die zien' });
  await expect(preview).toBeVisible();
  expect(await loaded(preview)).toBe(1200);
  // The circle people will see: a round crop of the middle.
  await expect(preview).toHaveCSS('border-radius', '50%');
  await expect(preview).toHaveCSS('object-fit', 'cover');
  await expect(section.getByText('Zo ziet uw foto eruit. Wilt u deze foto gebruiken?')).toBeFocused();
  await expectAccessible(page, testInfo, 'photo-preview');

  await section.getByRole('button', { name: 'Opslaan' }).click();
  await expect(section.getByRole('status')).toHaveText('Uw foto is opgeslagen.');
  const other = section.getByRole('button', { name: 'Andere foto kiezen' });
  const saved = other.locator('img');
  await expect(saved).toHaveAttribute('src', /^\/api\/persons\/[0-9a-f-]{36}\/photo\?v=\d+$/);
  // Re-encoded to 512 × 512 by the server, and allowed by the page's CSP.
  await expect.poll(() => loaded(saved)).toBe(512);
  const src = (await saved.getAttribute('src'))!;
  // The portal bar of the client's own portal shows the same photo.
  await expect(bar.locator('img.avatar')).toHaveAttribute('src', src);
  await expect.poll(() => loaded(bar.locator('img.avatar'))).toBe(512);

  // The served file carries the right type and headers, and no GPS or camera data.
  const served = await page.request.get(src);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/webp');
  expect(served.headers()['content-disposition']).toBe('inline; filename="foto.webp"');
  expect(served.headers()['x-content-type-options']).toBe('nosniff');
  const metadata = await sharp(await served.body()).metadata();
  expect(metadata.exif).toBeUndefined();
  expect((await served.body()).includes('KringCam')).toBe(false);
  await expectAccessible(page, testInfo, 'photo-saved');

  // A daughter in the client's network sees the client's photo in her portal bar.
  const daughter = newPerson('Dochter');
  await inviteContact(testInfo, clientId, daughter);
  const context = await browser.newContext();
  try {
    const daughterPage = await context.newPage();
    await acceptInvitation(daughterPage, daughter);
    const me = (await (await daughterPage.request.get('/api/me')).json()) as {
      portals: { clientId: string; clientPhotoUrl: string | null }[];
    };
    expect(me.portals.find((p) => p.clientId === clientId)?.clientPhotoUrl).toBe(src);
    await daughterPage.goto(`/p/${clientId}`);
    const daughterBar = daughterPage.locator('.portal-bar');
    await expect(daughterBar).toContainText('Wilhelmina Testpersoon');
    await expect(daughterBar.locator('img.avatar')).toHaveAttribute('src', src);
    await expect.poll(() => loaded(daughterBar.locator('img.avatar'))).toBe(512);
  } finally {
    await context.close();
  }

  // Someone outside the network gets nothing.
  const stranger = newPerson('Vreemde');
  const strangerContext = await browser.newContext();
  try {
    const strangerPage = await strangerContext.newPage();
    await signUp(strangerPage, testInfo, stranger, 'Anders');
    expect((await strangerPage.request.get(src)).status()).toBe(404);
  } finally {
    await strangerContext.close();
  }
});

test('R30: a wrong or damaged file gets a clear Dutch message and changes nothing; a photo can be removed', async ({
  page,
}, testInfo) => {
  const person = newPerson('Femke');
  const { clientId } = await signUp(page, testInfo, person, 'Grietje');
  await page.goto(`/p/${clientId}/mijn-gegevens`);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Uw foto' }) });
  const choose = section.getByRole('button', { name: 'Foto kiezen' });
  await expect(choose).toContainText('FT');

  // A shopping list renamed to .jpg: the browser cannot show it, so it is not offered for saving.
  await chooseFile(page, choose, {
    name: 'foto.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('melk, brood, kaas\n'),
  });
  await expect(section.getByRole('alert')).toHaveText(
    'Dit bestand is geen foto die we kunnen gebruiken. Kies een foto van het type JPEG, PNG of WebP.',
  );
  await expect(section.getByRole('button', { name: 'Opslaan' })).toHaveCount(0);
  await expect(choose).toBeFocused();
  await expectAccessible(page, testInfo, 'photo-wrong-file');

  // A photo that was not copied completely: the browser shows half of it, the server refuses it.
  const full = await phonePhoto();
  await chooseFile(page, choose, {
    name: 'half.jpg',
    mimeType: 'image/jpeg',
    buffer: full.subarray(0, Math.floor(full.length / 2)),
  });
  await section.getByRole('button', { name: 'Opslaan' }).click();
  await expect(section.getByRole('alert')).toContainText('Deze foto kunnen we niet lezen.');
  await expect(choose).toBeVisible();
  const me = (await (await page.request.get('/api/me')).json()) as { person: { photoUrl: string | null } };
  expect(me.person.photoUrl, 'nothing changed').toBeNull();

  // A good photo, then removed again after the question.
  await chooseFile(page, choose, { name: 'goed.jpg', mimeType: 'image/jpeg', buffer: full });
  await section.getByRole('button', { name: 'Opslaan' }).click();
  await expect(section.getByRole('status')).toHaveText('Uw foto is opgeslagen.');
  await section.getByRole('button', { name: 'Foto verwijderen' }).click();
  await expect(section.getByText('Weet u zeker dat u uw foto wilt verwijderen?')).toBeFocused();
  await expectAccessible(page, testInfo, 'photo-remove-confirm');
  await section.getByRole('button', { name: 'Ja, foto verwijderen' }).click();
  await expect(section.getByRole('status')).toHaveText('Uw foto is verwijderd.');
  await expect(section.getByRole('button', { name: 'Foto kiezen' })).toContainText('FT');
});
