// The input for a secret value: a password field, or a masked text area for multi-line keys.
import type { Credential } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../ui/fields';

const MULTILINE_TYPES: ReadonlySet<Credential['type']> = new Set(['ssh_key', 'certificate']);

interface SecretValueFieldProps {
  label: string;
  type: Credential['type'];
  value: string;
  onChange(value: string): void;
}

export function SecretValueField({ label, type, value, onChange }: SecretValueFieldProps) {
  const { t } = useTranslation();
  if (MULTILINE_TYPES.has(type)) {
    return (
      <TextAreaField
        label={label}
        hint={t('credentials.valueHint')}
        required
        rows={5}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="font-mono text-xs [-webkit-text-security:disc]"
      />
    );
  }
  return (
    <TextField
      label={label}
      hint={t('credentials.valueHint')}
      type="password"
      autoComplete="new-password"
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
