import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { PasswordField } from './password-field';

function Harness() {
  const [value, setValue] = useState('geheim');
  return <PasswordField value={value} onChange={setValue} autoComplete="current-password" />;
}

describe('PasswordField', () => {
  it('R4: the eye button shows and hides the typed password, and says what it will do', () => {
    render(<Harness />);
    const input = screen.getByLabelText('Wachtwoord', { selector: 'input' });
    expect(input.getAttribute('type')).toBe('password');
    expect(input.getAttribute('autocomplete')).toBe('current-password');

    const show = screen.getByRole('button', { name: 'Wachtwoord tonen' });
    expect(show.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(show);

    expect(input.getAttribute('type')).toBe('text');
    expect((input as HTMLInputElement).value).toBe('geheim');
    const hide = screen.getByRole('button', { name: 'Wachtwoord verbergen' });
    expect(hide.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(hide);

    expect(input.getAttribute('type')).toBe('password');
    expect(screen.getByRole('button', { name: 'Wachtwoord tonen' })).toBeTruthy();
  });

  it('the eye button does not send the form', () => {
    render(<Harness />);
    expect(screen.getByRole('button', { name: 'Wachtwoord tonen' }).getAttribute('type')).toBe('button');
  });
});
