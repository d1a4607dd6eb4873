// The authentication of a registration: how the studio proves itself to an HTTP server, and the secrets a process gets.
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields';
import { type FormBinding, useFieldState } from './formBinding';
import { SecretInputField } from './SecretInputField';
import { SecretPairsField } from './SecretPairsField';
import { AUTH_TYPES, type AuthType, type SecretDraft, type ServerForm } from './serverForm';

type SecretFieldName = 'apiKey' | 'password' | 'token' | 'certificate' | 'privateKey' | 'ca';

/** The saved registration, when editing: its secrets can be kept or replaced. */
interface AuthFieldsProps extends FormBinding {
  stored?: ServerForm;
}

export function AuthFields(props: AuthFieldsProps) {
  const { form, set, errors, stored } = props;
  const { t } = useTranslation();
  const fieldState = useFieldState(errors);

  if (form.transport === 'stdio') {
    return (
      <div className="space-y-4">
        <p className="text-sm text-zinc-600">{t('serverWizard.auth.stdioNote')}</p>
        <SecretPairsField list="secretEnv" {...props} stored={stored?.secretEnv} />
      </div>
    );
  }

  const secret = (field: SecretFieldName, label: string, isMultiline = false) => {
    const kept = stored?.[field];
    return (
      <SecretInputField
        label={label}
        field={field}
        draft={form[field]}
        onChange={(draft: SecretDraft) => set(field, draft)}
        errors={errors}
        isMultiline={isMultiline}
        storedCredentialId={
          kept?.mode === 'stored' && stored?.authType === form.authType ? kept.credentialId : undefined
        }
      />
    );
  };

  return (
    <div className="space-y-5">
      <SelectField
        label={t('serverWizard.auth.type')}
        value={form.authType}
        onChange={(e) => set('authType', e.target.value as AuthType)}
      >
        {AUTH_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`serverWizard.auth.types.${type}`)}
          </option>
        ))}
      </SelectField>
      {form.authType === 'api_key' ? (
        <>
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <SelectField
              label={t('serverWizard.auth.apiKeyIn')}
              value={form.apiKeyIn}
              onChange={(e) => set('apiKeyIn', e.target.value as ServerForm['apiKeyIn'])}
            >
              <option value="header">{t('serverWizard.auth.inHeader')}</option>
              <option value="query">{t('serverWizard.auth.inQuery')}</option>
            </SelectField>
            <TextField
              label={form.apiKeyIn === 'header' ? t('serverWizard.auth.headerName') : t('serverWizard.auth.queryName')}
              spellCheck={false}
              className="font-mono"
              value={form.apiKeyName}
              onChange={(e) => set('apiKeyName', e.target.value)}
              {...fieldState('apiKeyName')}
            />
          </div>
          {secret('apiKey', t('serverWizard.auth.apiKey'))}
        </>
      ) : null}
      {form.authType === 'basic' ? (
        <>
          <TextField
            label={t('serverWizard.auth.username')}
            autoComplete="off"
            value={form.username}
            onChange={(e) => set('username', e.target.value)}
            {...fieldState('username')}
          />
          {secret('password', t('serverWizard.auth.password'))}
        </>
      ) : null}
      {form.authType === 'bearer' ? secret('token', t('serverWizard.auth.token')) : null}
      {form.authType === 'mtls' ? (
        <>
          {secret('certificate', t('serverWizard.auth.certificate'), true)}
          {secret('privateKey', t('serverWizard.auth.privateKey'), true)}
          <label className="flex items-center gap-2 text-sm text-zinc-800">
            <input type="checkbox" checked={form.hasCa} onChange={(e) => set('hasCa', e.target.checked)} />
            {t('serverWizard.auth.useCa')}
          </label>
          {form.hasCa ? secret('ca', t('serverWizard.auth.ca'), true) : null}
        </>
      ) : null}
      <SecretPairsField list="secretHeaders" {...props} stored={stored?.secretHeaders} />
      <p className="text-xs text-zinc-500">{t('serverWizard.auth.vaultNote')}</p>
    </div>
  );
}
