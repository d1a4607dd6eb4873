// The form storing a new credential: name, type, visibility, secret value and description.
import {
  CREDENTIAL_TYPES,
  CREDENTIAL_VISIBILITIES,
  type Credential,
  createCredentialBodySchema,
} from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { Modal, ModalActions } from '../../ui/Modal';
import { useCreateCredential } from './credentialsApi';
import { SecretValueField } from './SecretValueField';

type Form = {
  name: string;
  type: Credential['type'];
  visibility: Credential['visibility'];
  value: string;
  description: string;
};
const EMPTY: Form = { name: '', type: 'api_key', visibility: 'private', value: '', description: '' };

export function CreateCredentialDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const create = useCreateCredential();
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<unknown>(null);

  const set = <K extends keyof Form>(field: K, value: Form[K]) => setForm((f) => ({ ...f, [field]: value }));

  const close = (next: boolean) => {
    if (!next) {
      setForm(EMPTY);
      setError(null);
    }
    onOpenChange(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = createCredentialBodySchema.safeParse({
      ...form,
      description: form.description.trim() || undefined,
    });
    if (!parsed.success) return setError(new Error(parsed.error.issues[0]?.message ?? t('common.invalidInput')));
    try {
      await create.mutateAsync(parsed.data);
      close(false);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal
      open={open}
      onOpenChange={close}
      title={t('credentials.createTitle')}
      description={t('credentials.createDescription')}
    >
      <form className="space-y-4" onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={error} />
        <TextField
          label={t('common.name')}
          required
          maxLength={200}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
        />
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <SelectField
            label={t('credentials.type')}
            value={form.type}
            onChange={(e) => set('type', e.target.value as Form['type'])}
          >
            {CREDENTIAL_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`credentials.types.${type}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('credentials.visibility')}
            hint={t(`credentials.visibilityHints.${form.visibility}`)}
            value={form.visibility}
            onChange={(e) => set('visibility', e.target.value as Form['visibility'])}
          >
            {CREDENTIAL_VISIBILITIES.map((visibility) => (
              <option key={visibility} value={visibility}>
                {t(`credentials.visibilities.${visibility}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <SecretValueField
          label={t('credentials.value')}
          type={form.type}
          value={form.value}
          onChange={(v) => set('value', v)}
        />
        <TextAreaField
          label={t('common.description')}
          maxLength={2000}
          value={form.description}
          onChange={(e) => set('description', e.target.value)}
        />
        <ModalActions>
          <Button variant="secondary" onClick={() => close(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="submit-create-credential" disabled={create.isPending}>
            {t('credentials.create')}
          </Button>
        </ModalActions>
      </form>
    </Modal>
  );
}
