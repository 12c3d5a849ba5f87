import type { Ref } from 'react';
import { FieldError, Input, Label, TextField } from 'react-aria-components';

/** The e-mail address of an account (the login name), as the login and "forgot password" pages ask it. */
export function EmailField({
  label,
  value,
  onChange,
  error,
  inputRef,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <TextField
      className="field"
      name="email"
      type="email"
      autoComplete="username"
      value={value}
      onChange={onChange}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      <Input ref={inputRef} className="input" inputMode="email" autoCapitalize="none" spellCheck={false} />
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}
