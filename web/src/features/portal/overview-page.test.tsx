import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { overview } from '../../test/fixtures';
import { OverviewContent } from './overview-page';

describe('Algemeen', () => {
  it('describes each right in plain Dutch, one line each', () => {
    render(
      <OverviewContent
        data={overview({
          you: { role: 'contact_person', relationLabel: 'zoon', permissions: ['messages:use', 'dossier:read'] },
        })}
      />,
    );
    const rights = screen.getByRole('heading', { name: 'Wat u mag in dit portaal' }).parentElement!;
    expect(
      within(rights)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['U mag het dossier lezen.', 'U mag berichten lezen en sturen.']);
  });

  it('R13: names the contactverzorgende and how to reach them by phone', () => {
    render(<OverviewContent data={overview()} />);
    expect(
      screen.getByText('Vragen over het dossier van Johanna? Neem contact op met de contactverzorgende: Anouk Visser.'),
    ).toBeTruthy();
    const phones = screen.getAllByRole('link', { name: '030 123 45 80' });
    expect(phones[0]?.getAttribute('href')).toBe('tel:0301234580');
  });

  it('speaks to the client as "uw" in their own portal', () => {
    render(
      <OverviewContent
        data={overview({ you: { role: 'client', relationLabel: null, permissions: ['dossier:read'] } })}
      />,
    );
    expect(
      screen.getByText('Vragen over uw dossier? Neem contact op met uw contactverzorgende: Anouk Visser.'),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Uw afdeling' })).toBeTruthy();
  });

  it('R29: other changes go by e-mail to the organisation mailbox; R5/R6: the browsers that work', () => {
    render(<OverviewContent data={overview()} />);
    expect(screen.getByRole('link', { name: 'clientportaal@example.nl' }).getAttribute('href')).toBe(
      'mailto:clientportaal@example.nl',
    );
    expect(screen.getByText(/Edge, Chrome, Firefox en Safari/).textContent).toContain('smartphone of tablet');
  });

  it('still helps when no contactverzorgende is known', () => {
    render(<OverviewContent data={overview({ contactverzorgende: null })} />);
    expect(screen.getByText(/Er is nog geen contactverzorgende bekend\./)).toBeTruthy();
  });
});
