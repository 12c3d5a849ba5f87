import { useState, type Ref } from 'react';
import { FieldError, Input, Label, TextField, ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

export interface PasswordFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  autoComplete: 'current-password' | 'new-password';
  inputRef?: Ref<HTMLInputElement>;
  /** "Wachtwoord" unless the form has more than one password ("Huidig wachtwoord", "Nieuw wachtwoord"). */
  label?: string;
  name?: string;
  /** The input's id, for an error summary that links to it. */
  id?: string;
  /** The id of text that explains the field, such as the password rules. */
  describedBy?: string;
}

/** R4: a password field with an eye button at its end that shows and hides what was typed. */
export function PasswordField({
  value,
  onChange,
  error,
  autoComplete,
  inputRef,
  label,
  name = 'password',
  id,
  describedBy,
}: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      className="field"
      name={name}
      id={id}
      aria-describedby={describedBy}
      type={visible ? 'text' : 'password'}
      autoComplete={autoComplete}
      value={value}
      onChange={onChange}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field-label">{label ?? t('auth.login.password')}</Label>
      <div className="password-input">
        <Input ref={inputRef} className="input" autoCapitalize="none" autoCorrect="off" spellCheck={false} />
        <ToggleButton
          className="eye-button"
          isSelected={visible}
          onChange={setVisible}
          aria-label={
            label
              ? t(visible ? 'auth.password.hideNamed' : 'auth.password.showNamed', { label })
              : t(visible ? 'auth.login.hidePassword' : 'auth.login.showPassword')
          }
        >
          <EyeIcon crossed={visible} />
          <span className="eye-text" aria-hidden="true">
            {visible ? t('auth.login.hide') : t('auth.login.show')}
          </span>
        </ToggleButton>
      </div>
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg
      className="eye-icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
      {crossed ? <path d="M4 4l16 16" /> : null}
    </svg>
  );
}
