// Renames a credential and changes its description and visibility; the value is rotated separately.
import { CREDENTIAL_VISIBILITIES, type Credential } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { Section } from '../../ui/layoutParts';
import { useUpdateCredential } from './credentialsApi';

export function EditCredentialForm({ credential }: { credential: Credential }) {
  const { t } = useTranslation();
  const update = useUpdateCredential(credential.id);
  const [name, setName] = useState(credential.name);
  const [description, setDescription] = useState(credential.description ?? '');
  const [visibility, setVisibility] = useState(credential.visibility);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: { name?: string; description?: string | null; visibility?: Credential['visibility'] } = {};
    if (name.trim() !== credential.name) body.name = name.trim();
    if (description.trim() !== (credential.description ?? '')) body.description = description.trim() || null;
    if (visibility !== credential.visibility) body.visibility = visibility;
    if (Object.keys(body).length > 0) update.mutate(body);
  };

  const edited =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      update.reset();
    };

  return (
    <Section title={t('credentials.details')}>
      <form className="space-y-4" onSubmit={submit}>
        <ErrorAlert error={update.error} />
        {update.isSuccess ? <Alert tone="success">{t('common.saved')}</Alert> : null}
        <TextField
          label={t('common.name')}
          required
          maxLength={200}
          value={name}
          onChange={(e) => edited(setName)(e.target.value)}
        />
        <SelectField
          label={t('credentials.visibility')}
          hint={t(`credentials.visibilityHints.${visibility}`)}
          value={visibility}
          onChange={(e) => edited(setVisibility)(e.target.value as Credential['visibility'])}
        >
          {CREDENTIAL_VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(`credentials.visibilities.${v}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('common.description')}
          maxLength={2000}
          value={description}
          onChange={(e) => edited(setDescription)(e.target.value)}
        />
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('credentials.saveChanges')}
        </Button>
      </form>
    </Section>
  );
}
