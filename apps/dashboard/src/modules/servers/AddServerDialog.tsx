// The dialog registering a server: its fields, a connection test of the unsaved registration, then saving it.
import { type ConnectionTestResult, SERVER_TRANSPORTS, type ServerTransport } from '@mcp-studio/protocol';
import { Loader2, PlugZap } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { Modal, ModalActions } from '../../ui/Modal';
import { ConnectionTestResultView } from './ConnectionTestResult';
import { HttpFields, StdioFields } from './ServerFormFields';
import { EMPTY_FORM, type ServerForm, toCreateBody } from './serverForm';
import { useCreateServer, useTestNewServer } from './serversApi';

export function AddServerDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateServer();
  const test = useTestNewServer();
  const [form, setForm] = useState<ServerForm>(EMPTY_FORM);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);

  // Any change makes the last test result stale.
  const set = <K extends keyof ServerForm>(field: K, value: ServerForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setResult(null);
  };

  const close = (next: boolean) => {
    if (!next) {
      setForm(EMPTY_FORM);
      setError(null);
      setResult(null);
    }
    onOpenChange(next);
  };

  /** The body of the form, or null with the reason shown. */
  const body = () => {
    setError(null);
    const built = toCreateBody(form);
    if (built.ok) return built.body;
    const message =
      built.error === 'badEnvLine'
        ? t('servers.form.badEnvLine', { line: built.detail })
        : built.error === 'badSecretEnvLine'
          ? t('servers.form.badSecretEnvLine')
          : (built.detail ?? t('common.invalidInput'));
    setError(new Error(message));
    return null;
  };

  const runTest = async () => {
    const parsed = body();
    if (!parsed) return;
    setResult(null);
    try {
      setResult(await test.mutateAsync(parsed));
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = body();
    if (!parsed) return;
    try {
      const server = await create.mutateAsync(parsed);
      close(false);
      navigate(`/servers/${server.id}`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal
      open={open}
      onOpenChange={close}
      title={t('servers.addTitle')}
      description={t('servers.addDescription')}
      isSticky
      testId="add-server-dialog"
    >
      <form className="space-y-4" onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('common.name')}
          required
          maxLength={100}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
        />
        <TextAreaField
          label={t('common.description')}
          rows={2}
          maxLength={2000}
          value={form.description}
          onChange={(e) => set('description', e.target.value)}
        />
        <SelectField
          label={t('servers.transport')}
          value={form.transport}
          onChange={(e) => set('transport', e.target.value as ServerTransport)}
        >
          {SERVER_TRANSPORTS.map((transport) => (
            <option key={transport} value={transport}>
              {t(`servers.transports.${transport}`)}
            </option>
          ))}
        </SelectField>
        {form.transport === 'stdio' ? <StdioFields form={form} set={set} /> : <HttpFields form={form} set={set} />}
        <ErrorAlert error={error} />
        {result ? <ConnectionTestResultView result={result} /> : null}
        <ModalActions>
          <Button variant="secondary" onClick={() => close(false)}>
            {t('common.cancel')}
          </Button>
          <Button variant="secondary" onClick={() => void runTest()} disabled={test.isPending}>
            {test.isPending ? (
              <Loader2 aria-hidden className="size-4 animate-spin" />
            ) : (
              <PlugZap aria-hidden className="size-4" />
            )}
            {test.isPending ? t('servers.test.running') : t('servers.test.button')}
          </Button>
          <Button type="submit" data-testid="submit-add-server" disabled={create.isPending}>
            {t('servers.save')}
          </Button>
        </ModalActions>
      </form>
    </Modal>
  );
}
