import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';

/** One labelled text field with its help text and error, as the forms on Mijn gegevens use it. */
export function TextInputField({
  id,
  name,
  label,
  description,
  value,
  onChange,
  error,
  type = 'text',
  inputMode,
  autoComplete,
}: {
  id: string;
  name: string;
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  type?: 'text' | 'email' | 'tel';
  inputMode?: 'email' | 'tel';
  autoComplete?: string;
}) {
  return (
    <TextField
      className="field"
      id={id}
      name={name}
      type={type}
      autoComplete={autoComplete}
      value={value}
      onChange={onChange}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <Input className="input" inputMode={inputMode} autoCapitalize="none" spellCheck={false} />
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}
