// The transport-specific fields of the add-server form: a process for stdio, a URL and authentication for HTTP.
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { AUTH_TYPES, type AuthType, type ServerForm } from './serverForm';

/** Masks a multi-line secret as it is typed, like a password field. */
const MASKED = 'font-mono text-xs [-webkit-text-security:disc]';

interface FieldsProps {
  form: ServerForm;
  set<K extends keyof ServerForm>(field: K, value: ServerForm[K]): void;
}

export function StdioFields({ form, set }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('servers.command')}
        required
        spellCheck={false}
        placeholder="npx"
        value={form.command}
        onChange={(e) => set('command', e.target.value)}
        className="font-mono"
      />
      <TextAreaField
        label={t('servers.args')}
        hint={t('servers.form.argsHint')}
        spellCheck={false}
        value={form.args}
        onChange={(e) => set('args', e.target.value)}
        className="font-mono text-xs"
      />
      <TextAreaField
        label={t('servers.env')}
        hint={t('servers.form.envHint')}
        spellCheck={false}
        value={form.env}
        onChange={(e) => set('env', e.target.value)}
        className="font-mono text-xs"
      />
      <TextAreaField
        label={t('servers.secretEnv')}
        hint={t('servers.form.secretEnvHint')}
        spellCheck={false}
        autoComplete="off"
        value={form.secretEnv}
        onChange={(e) => set('secretEnv', e.target.value)}
        className={MASKED}
      />
    </>
  );
}

export function HttpFields({ form, set }: FieldsProps) {
  const { t } = useTranslation();
  const secret = (label: string, field: 'token' | 'apiKey' | 'password') => (
    <TextField
      label={label}
      type="password"
      autoComplete="new-password"
      required
      value={form[field]}
      onChange={(e) => set(field, e.target.value)}
    />
  );
  return (
    <>
      <TextField
        label={t('servers.url')}
        type="url"
        required
        spellCheck={false}
        placeholder="https://mcp.example.com/mcp"
        value={form.url}
        onChange={(e) => set('url', e.target.value)}
      />
      <SelectField
        label={t('servers.auth.label')}
        value={form.authType}
        onChange={(e) => set('authType', e.target.value as AuthType)}
      >
        {AUTH_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`servers.auth.types.${type}`)}
          </option>
        ))}
      </SelectField>
      {form.authType === 'bearer' ? secret(t('servers.auth.token'), 'token') : null}
      {form.authType === 'api_key' ? (
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <TextField
            label={t('servers.auth.headerName')}
            required
            spellCheck={false}
            value={form.headerName}
            onChange={(e) => set('headerName', e.target.value)}
          />
          {secret(t('servers.auth.apiKey'), 'apiKey')}
        </div>
      ) : null}
      {form.authType === 'basic' ? (
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <TextField
            label={t('servers.auth.username')}
            required
            autoComplete="off"
            value={form.username}
            onChange={(e) => set('username', e.target.value)}
          />
          {secret(t('servers.auth.password'), 'password')}
        </div>
      ) : null}
      <p className="text-xs text-zinc-500">{t('servers.form.secretsHint')}</p>
    </>
  );
}
