// Replaces a credential's secret value; its id, name and shares stay the same.
import type { Credential } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/layoutParts';
import { useUpdateCredential } from './credentialsApi';
import { SecretValueField } from './SecretValueField';

export function RotateValueForm({ credential }: { credential: Credential }) {
  const { t } = useTranslation();
  const update = useUpdateCredential(credential.id);
  const [value, setValue] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value) return;
    update.mutate({ value }, { onSuccess: () => setValue('') });
  };

  return (
    <Section title={t('credentials.rotate')} description={t('credentials.rotateDescription')}>
      <form className="space-y-4" onSubmit={submit}>
        <ErrorAlert error={update.error} />
        {update.isSuccess ? <Alert tone="success">{t('credentials.rotated')}</Alert> : null}
        <SecretValueField
          label={t('credentials.newValue')}
          type={credential.type}
          value={value}
          onChange={(v) => {
            setValue(v);
            update.reset();
          }}
        />
        <Button type="submit" variant="secondary" disabled={update.isPending || !value}>
          {t('credentials.rotate')}
        </Button>
      </form>
    </Section>
  );
}
