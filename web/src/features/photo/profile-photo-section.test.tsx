import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../api/types';
import { johannaId, me, overview, portal } from '../../test/fixtures';
import { renderInPortal } from '../../test/portal';
import { apiError, json, mockApi, renderRoutes } from '../../test/render';
import { initialsOf } from './avatar';
import { ProfilePhotoSection } from './profile-photo-section';

const photoUrl = '/api/persons/33333333-3333-4333-8333-333333333333/photo?v=1';
const withPhoto = (url: string | null): Me => me({ person: { ...me().person, photoUrl: url } });

function renderSection(options: { photo?: string | null; handlers?: Parameters<typeof mockApi>[0] } = {}) {
  let current = withPhoto(options.photo ?? null);
  const api = mockApi({
    'GET /api/me': () => json(current),
    'PUT /api/account/photo': () => {
      current = withPhoto(photoUrl);
      return json({ photoUrl });
    },
    'DELETE /api/account/photo': () => {
      current = withPhoto(null);
      return new Response(null, { status: 204 });
    },
    ...options.handlers,
  });
  const rendered = renderRoutes([{ path: '/', element: <ProfilePhotoSection /> }], '/');
  return { ...api, ...rendered };
}

const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]')!;
const choose = (file: File) => fireEvent.change(fileInput(), { target: { files: [file] } });
const jpegFile = (bytes = 2048, name = 'vakantie.jpg', type = 'image/jpeg') =>
  new File([new Uint8Array(bytes).fill(7)], name, { type });

describe('ProfilePhotoSection (R30)', () => {
  it('the initials are the button; a chosen photo is shown in a circle first, and saved as the bare file', async () => {
    const { calls } = renderSection();
    const button = await screen.findByRole('button', { name: 'Foto kiezen' });
    expect(button.textContent).toContain('SV');
    // The camera roll must open on a phone: no capture attribute; HEIC is left to the phone to convert.
    expect(fileInput().getAttribute('accept')).toBe('image/jpeg,image/png,image/webp');
    expect(fileInput().hasAttribute('capture')).toBe(false);

    const file = jpegFile();
    choose(file);
    const preview = await screen.findByRole('img', { name: 'Uw gekozen foto, zoals anderen die zien' });
    expect(preview.className).toBe('photo-preview');
    expect(preview.getAttribute('src')).toBe(
      `data:image/jpeg;base64,${btoa(String.fromCharCode(...new Uint8Array(2048).fill(7)))}`,
    );
    const question = screen.getByText('Zo ziet uw foto eruit. Wilt u deze foto gebruiken?');
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls.some((c) => c.key === 'PUT /api/account/photo')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    const done = await screen.findByText('Uw foto is opgeslagen.');
    expect(done.closest('[role="status"]')).toBeTruthy();
    const put = calls.find((c) => c.key === 'PUT /api/account/photo')!;
    expect(put.init?.body).toBe(file);
    expect((put.init?.headers as Record<string, string>)['content-type']).toBe('application/octet-stream');
    expect((put.init?.headers as Record<string, string>)['x-csrf-token']).toBe('csrf');

    // The new photo comes back with /api/me, and the button now offers another one.
    const other = await screen.findByRole('button', { name: 'Andere foto kiezen' });
    expect(within(other).getByRole('presentation').getAttribute('src')).toBe(photoUrl);
    expect(screen.queryByRole('img', { name: /gekozen foto/ })).toBeNull();
  });

  it('cancelling the preview changes nothing', async () => {
    const { calls } = renderSection({ photo: photoUrl });
    await screen.findByRole('button', { name: 'Andere foto kiezen' });
    choose(jpegFile());
    fireEvent.click(await screen.findByRole('button', { name: 'Annuleren' }));
    expect(await screen.findByRole('button', { name: 'Andere foto kiezen' })).toBeTruthy();
    expect(calls.some((c) => c.key === 'PUT /api/account/photo')).toBe(false);
  });

  it('a file over 10 MB or an empty file is refused here, with the limit, before any upload', async () => {
    const { calls } = renderSection();
    await screen.findByRole('button', { name: 'Foto kiezen' });
    choose(jpegFile(10 * 1024 * 1024 + 1, 'groot.jpg'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Deze foto is groter dan 10 MB. Kies een kleinere foto');
    expect(screen.queryByRole('button', { name: 'Opslaan' })).toBeNull();

    choose(jpegFile(0, 'leeg.jpg'));
    expect((await screen.findByRole('alert')).textContent).toContain('Dit bestand is leeg.');
    expect(calls.some((c) => c.key === 'PUT /api/account/photo')).toBe(false);
  });

  it('a file the browser cannot show is no photo; a HEIC gets its own advice', async () => {
    renderSection();
    await screen.findByRole('button', { name: 'Foto kiezen' });
    choose(jpegFile(100, 'boodschappen.jpg'));
    fireEvent.error(await screen.findByRole('img', { name: /gekozen foto/ }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Dit bestand is geen foto die we kunnen gebruiken. Kies een foto van het type JPEG, PNG of WebP.',
    );

    choose(jpegFile(100, 'IMG_0001.HEIC', ''));
    fireEvent.error(await screen.findByRole('img', { name: /gekozen foto/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Deze foto is een HEIC-foto');
  });

  it('the server’s refusal is told in plain Dutch and the old photo stays', async () => {
    renderSection({
      photo: photoUrl,
      handlers: { 'PUT /api/account/photo': () => apiError(422, 'photo_broken') },
    });
    await screen.findByRole('button', { name: 'Andere foto kiezen' });
    choose(jpegFile());
    fireEvent.click(await screen.findByRole('button', { name: 'Opslaan' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Deze foto kunnen we niet lezen. Misschien is het bestand beschadigd',
    );
    const button = screen.getByRole('button', { name: 'Andere foto kiezen' });
    expect(within(button).getByRole('presentation').getAttribute('src')).toBe(photoUrl);
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('removes the photo only after a confirmation, and can be cancelled', async () => {
    const { calls } = renderSection({ photo: photoUrl });
    fireEvent.click(await screen.findByRole('button', { name: 'Foto verwijderen' }));
    const question = screen.getByText('Weet u zeker dat u uw foto wilt verwijderen?');
    await waitFor(() => expect(document.activeElement).toBe(question));
    fireEvent.click(screen.getByRole('button', { name: 'Nee, laten staan' }));
    expect(screen.queryByText('Weet u zeker dat u uw foto wilt verwijderen?')).toBeNull();
    expect(calls.some((c) => c.key === 'DELETE /api/account/photo')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Foto verwijderen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ja, foto verwijderen' }));
    expect(await screen.findByText('Uw foto is verwijderd.')).toBeTruthy();
    const button = await screen.findByRole('button', { name: 'Foto kiezen' });
    expect(button.textContent).toContain('SV');
    expect(screen.queryByRole('button', { name: 'Foto verwijderen' })).toBeNull();
  });
});

describe('the client’s photo in the portal bar', () => {
  function renderShell(clientPhotoUrl: string | null) {
    renderInPortal({
      pages: [{ index: true, element: null }],
      path: '',
      person: me({ portals: [portal({ clientPhotoUrl })] }),
      handlers: { [`GET /api/portals/${johannaId}`]: () => json(overview()) },
    });
  }

  it('shows the client’s photo beside the name', async () => {
    renderShell('/api/persons/44444444-4444-4444-8444-444444444444/photo?v=2');
    await screen.findByText('Johanna van der Berg');
    const img = document.querySelector<HTMLImageElement>('.portal-bar img.avatar')!;
    expect(img.getAttribute('src')).toBe('/api/persons/44444444-4444-4444-8444-444444444444/photo?v=2');
    // The name is written beside it: the picture itself stays silent for a screen reader.
    expect(img.getAttribute('alt')).toBe('');
  });

  it('shows the initials when the client has no photo', async () => {
    renderShell(null);
    await screen.findByText('Johanna van der Berg');
    expect(document.querySelector('.portal-bar img')).toBeNull();
    expect(document.querySelector('.portal-bar .avatar-initials')?.textContent).toBe('JB');
  });
});

describe('initialsOf', () => {
  it('skips the tussenvoegsel', () => {
    expect(initialsOf('Johanna van der Berg')).toBe('JB');
    expect(initialsOf('Sanne de Vries')).toBe('SV');
    expect(initialsOf('  ilse  ')).toBe('I');
    expect(initialsOf('Ömer Çelik')).toBe('ÖÇ');
  });
});
