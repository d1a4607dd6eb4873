// A server's "Settings" tab: every field of its registration (secrets kept or replaced), its tools, restart, delete.
import type { McpServer } from '@mcp-studio/protocol';
import { RotateCw, Trash2 } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAbility } from '../../auth/ability';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Section } from '../../ui/layoutParts';
import { AuthFields } from './AuthFields';
import { isSameManifest } from './manifestSummary';
import { ServerFormFields } from './ServerFormFields';
import { ServerToolsSettings } from './ServerToolsSettings';
import { fieldErrorsOfApiError } from './serverApiErrors';
import { manifestOf, toServerBody } from './serverBody';
import type { ServerForm } from './serverForm';
import { formFromServer } from './serverFormFromServer';
import type { FieldErrors } from './serverFormValidation';
import { useDeleteServer, useRestartServer, useUpdateServer } from './serversApi';

function RegistrationForm({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const update = useUpdateServer(server.id);
  // The saved registration, as the form started from it: its secrets can be restored after "Replace".
  const [baseline, setBaseline] = useState<ServerForm>(() => formFromServer(server));
  const [form, setForm] = useState<ServerForm>(baseline);
  const [isDirty, setIsDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [isSaved, setIsSaved] = useState(false);

  const reset = () => {
    const fresh = formFromServer(server);
    setBaseline(fresh);
    setForm(fresh);
    setIsDirty(false);
    setErrors({});
    setError(null);
  };

  // A change saved elsewhere (or by this form) shows here, unless this form holds unsaved changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new saved version is what matters
  useEffect(() => {
    if (!isDirty) reset();
  }, [server.updatedAt]);

  const set = <K extends keyof ServerForm>(field: K, value: ServerForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setIsDirty(true);
    setIsSaved(false);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key.split('.')[0] !== field)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setIsSaved(false);
    const built = toServerBody(form, 'update');
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    try {
      // A field emptied in the form is cleared on the server (a PATCH keeps what it does not name).
      const cleared = {
        ...(built.body.description ? {} : { description: null }),
        ...(built.body.transport === 'stdio' && !built.body.cwd ? { cwd: null } : {}),
      };
      await update.mutateAsync({ ...built.body, ...cleared });
      setIsDirty(false);
      setIsSaved(true);
    } catch (e) {
      setError(e);
      setErrors(fieldErrorsOfApiError(e, form));
    }
  };

  const hasFieldErrors = Object.keys(errors).length > 0;
  const manifest = form.transport === 'stdio' && form.hasManifest ? manifestOf(form) : null;
  const willDisable = server.enabled && isDirty && !isSameManifest(manifest, server.manifest);
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="server-settings-form" className="space-y-6">
      <Section title={t('serverWizard.steps.basics')}>
        <ServerFormFields form={form} set={set} errors={errors} />
      </Section>
      <Section title={t('serverWizard.steps.auth')}>
        <AuthFields form={form} set={set} errors={errors} stored={baseline} />
      </Section>
      <div className="space-y-3">
        {willDisable ? <Alert tone="warning">{t('serverWizard.settings.manifestChanged')}</Alert> : null}
        {hasFieldErrors && !error ? <Alert tone="error">{t('common.invalidInput')}</Alert> : null}
        <ErrorAlert error={error} />
        {isSaved ? <Alert tone="success">{t('common.saved')}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={reset} disabled={!isDirty}>
            {t('serverWizard.settings.discard')}
          </Button>
          <Button type="submit" data-testid="save-server-settings" disabled={!isDirty || update.isPending}>
            {update.isPending ? t('common.saving') : t('serverWizard.settings.save')}
          </Button>
        </div>
      </div>
    </form>
  );
}

/** Restart and delete; enabling is the switch in the page header (EnableToggle). */
function ActionsPanel({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ability = useAbility();
  const restart = useRestartServer(server.id);
  const remove = useDeleteServer();
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  return (
    <Section title={t('serverWizard.settings.actionsTitle')}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-zinc-700">{t('serverWizard.settings.restartHint')}</p>
          <Button variant="secondary" onClick={() => restart.mutate()} disabled={restart.isPending}>
            <RotateCw aria-hidden className={`size-4 ${restart.isPending ? 'animate-spin' : ''}`} />
            {t('serverWizard.settings.restart')}
          </Button>
        </div>
        <ErrorAlert error={restart.error} />
        {restart.isSuccess ? <Alert tone="success">{t('serverWizard.settings.restarted')}</Alert> : null}
        {ability.can('delete', 'McpServer') ? (
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 pt-4">
            <p className="text-sm text-zinc-700">{t('serverWizard.settings.deleteMessage')}</p>
            <Button variant="danger" onClick={() => setIsDeleteOpen(true)}>
              <Trash2 aria-hidden className="size-4" />
              {t('servers.delete')}
            </Button>
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={isDeleteOpen}
        onOpenChange={setIsDeleteOpen}
        title={t('servers.deleteTitle', { name: server.name })}
        message={t('serverWizard.settings.deleteMessage')}
        confirmLabel={t('servers.delete')}
        onConfirm={async () => {
          await remove.mutateAsync(server.id);
          navigate('/servers', { replace: true });
        }}
      />
    </Section>
  );
}

/** Mounted by the server page as its "Settings" tab. */
export function ServerSettingsTab({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const ability = useAbility();
  if (!ability.can('update', 'McpServer')) {
    return <p className="text-sm text-zinc-600">{t('serverWizard.settings.adminsOnly')}</p>;
  }
  return (
    <div className="grid items-start gap-6 lg:grid-cols-3" data-testid="server-settings">
      <div className="space-y-6 lg:col-span-2">
        <RegistrationForm server={server} />
        <ServerToolsSettings server={server} />
      </div>
      <ActionsPanel server={server} />
    </div>
  );
}
