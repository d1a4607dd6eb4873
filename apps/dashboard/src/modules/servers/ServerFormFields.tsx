// The registration's plain fields: name, transport, the process (stdio) or endpoint (HTTP), tags and limits.
import { SERVER_TRANSPORTS, type ServerTransport } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { type FormBinding, useFieldState } from './formBinding';
import { ManifestFields } from './ManifestFields';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_TIMEOUT_SECONDS } from './serverForm';

const MONO = 'font-mono text-xs';

function StdioFields({ form, set, errors }: FormBinding) {
  const { t } = useTranslation();
  const fieldState = useFieldState(errors);
  return (
    <>
      <TextField
        label={t('servers.command')}
        spellCheck={false}
        placeholder="npx"
        value={form.command}
        onChange={(e) => set('command', e.target.value)}
        className="font-mono"
        {...fieldState('command', t('serverWizard.basics.commandHint'))}
      />
      <TextAreaField
        label={t('servers.args')}
        spellCheck={false}
        value={form.args}
        onChange={(e) => set('args', e.target.value)}
        className={MONO}
        {...fieldState('args', t('servers.form.argsHint'))}
      />
      <TextAreaField
        label={t('servers.env')}
        spellCheck={false}
        value={form.env}
        onChange={(e) => set('env', e.target.value)}
        className={MONO}
        {...fieldState('env', t('serverWizard.basics.envHint'))}
      />
      <TextField
        label={t('servers.cwd')}
        spellCheck={false}
        value={form.cwd}
        onChange={(e) => set('cwd', e.target.value)}
        className="font-mono"
        {...fieldState('cwd', t('serverWizard.basics.cwdHint'))}
      />
    </>
  );
}

function HttpFields({ form, set, errors }: FormBinding) {
  const { t } = useTranslation();
  const fieldState = useFieldState(errors);
  return (
    <>
      <TextField
        label={t('servers.url')}
        type="url"
        spellCheck={false}
        placeholder="https://mcp.example.com/mcp"
        value={form.url}
        onChange={(e) => set('url', e.target.value)}
        {...fieldState('url')}
      />
      <TextAreaField
        label={t('servers.headers')}
        spellCheck={false}
        placeholder="X-Workspace: docs"
        value={form.headers}
        onChange={(e) => set('headers', e.target.value)}
        className={MONO}
        {...fieldState('headers', t('serverWizard.basics.headersHint'))}
      />
    </>
  );
}

/** Everything of step 1; the settings tab shows the same fields. */
export function ServerFormFields(binding: FormBinding) {
  const { form, set, errors } = binding;
  const { t } = useTranslation();
  const fieldState = useFieldState(errors);
  return (
    <div className="space-y-4">
      <TextField
        label={t('common.name')}
        maxLength={100}
        value={form.name}
        onChange={(e) => set('name', e.target.value)}
        {...fieldState('name')}
      />
      <TextAreaField
        label={t('common.description')}
        rows={2}
        maxLength={2000}
        value={form.description}
        onChange={(e) => set('description', e.target.value)}
        {...fieldState('description')}
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
      {form.transport === 'stdio' ? <StdioFields {...binding} /> : <HttpFields {...binding} />}
      <TextField
        label={t('servers.tags')}
        spellCheck={false}
        placeholder="github, internal"
        value={form.tags}
        onChange={(e) => set('tags', e.target.value)}
        {...fieldState('tags', t('serverWizard.basics.tagsHint'))}
      />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <TextField
          label={t('serverWizard.basics.timeout')}
          type="number"
          inputMode="decimal"
          min={1}
          max={600}
          step="any"
          placeholder={String(DEFAULT_TIMEOUT_SECONDS)}
          value={form.timeoutSeconds}
          onChange={(e) => set('timeoutSeconds', e.target.value)}
          {...fieldState('timeoutSeconds', t('serverWizard.basics.defaultIs', { value: DEFAULT_TIMEOUT_SECONDS }))}
        />
        <TextField
          label={t('serverWizard.basics.maxConcurrency')}
          type="number"
          inputMode="numeric"
          min={1}
          max={256}
          placeholder={String(DEFAULT_MAX_CONCURRENCY)}
          value={form.maxConcurrency}
          onChange={(e) => set('maxConcurrency', e.target.value)}
          {...fieldState(
            'maxConcurrency',
            t('serverWizard.basics.maxConcurrencyHint', { value: DEFAULT_MAX_CONCURRENCY }),
          )}
        />
      </div>
      {form.transport === 'stdio' ? <ManifestFields {...binding} /> : null}
    </div>
  );
}
