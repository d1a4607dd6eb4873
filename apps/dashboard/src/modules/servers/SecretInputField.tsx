// One secret of a registration: a new value (typed, or read from a file), an existing credential, or the stored one.
import { KeyRound, RotateCcw } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../ui/Button';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useCredentials } from '../credentials/credentialsApi';
import { FieldErrorText } from './formBinding';
import type { SecretDraft } from './serverForm';
import type { FieldErrors } from './serverFormValidation';

/** Masks a multi-line secret as it is typed, like a password field. */
const MASKED = 'font-mono text-xs [-webkit-text-security:disc]';

interface SecretInputFieldProps {
  label: string;
  /** The form field, for its error and test ids. */
  field: string;
  draft: SecretDraft;
  onChange(draft: SecretDraft): void;
  errors: FieldErrors;
  /** PEM material: a text area and a file picker. */
  isMultiline?: boolean;
  /** The credential the saved registration uses, so a replacement can be undone. */
  storedCredentialId?: string;
  hint?: ReactNode;
}

function CredentialName({ id }: { id: string }) {
  const credentials = useCredentials();
  const name = credentials.data?.credentials.find((c) => c.id === id)?.name;
  return (
    <Link to={`/credentials/${id}`} className="font-mono text-xs text-indigo-700 hover:underline">
      {name ?? id}
    </Link>
  );
}

function StoredSecret({
  label,
  field,
  credentialId,
  onReplace,
}: {
  label: string;
  field: string;
  credentialId: string;
  onReplace(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-1.5" data-testid={`secret-${field}`}>
      <p className="text-sm font-medium text-zinc-800">{label}</p>
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-zinc-50 px-3 py-2 ring-1 ring-zinc-200 ring-inset">
        <p className="flex flex-wrap items-center gap-1.5 text-sm text-zinc-700">
          <KeyRound aria-hidden className="size-3.5 text-zinc-500" />
          <span>
            {t('serverWizard.secret.stored')} ({t('serverWizard.secret.credentialWord')}{' '}
            <CredentialName id={credentialId} />)
          </span>
        </p>
        <Button variant="secondary" size="sm" onClick={onReplace}>
          {t('serverWizard.secret.replace')}
        </Button>
      </div>
    </div>
  );
}

export function SecretInputField(props: SecretInputFieldProps) {
  const { label, field, draft, onChange, errors, isMultiline, storedCredentialId, hint } = props;
  const { t } = useTranslation();
  const groupName = useId();
  const isExisting = draft.mode === 'existing';
  const credentials = useCredentials();
  const error = errors[field];

  if (draft.mode === 'stored') {
    return (
      <StoredSecret
        label={label}
        field={field}
        credentialId={draft.credentialId}
        onReplace={() => onChange({ mode: 'new', value: '' })}
      />
    );
  }

  const readFile = async (file: File | undefined) => {
    if (file) onChange({ mode: 'new', value: await file.text() });
  };
  const valueHint = error ? undefined : (hint ?? t('serverWizard.secret.newHint'));
  const invalid = error ? { 'aria-invalid': true as const } : {};

  return (
    <fieldset className="space-y-2" data-testid={`secret-${field}`}>
      <legend className="text-sm font-medium text-zinc-800">{label}</legend>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-zinc-700">
        {(['new', 'existing'] as const).map((mode) => (
          <label key={mode} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name={groupName}
              checked={draft.mode === mode}
              onChange={() => onChange(mode === 'new' ? { mode, value: '' } : { mode, credentialId: '' })}
            />
            {t(`serverWizard.secret.${mode}`)}
          </label>
        ))}
        {storedCredentialId ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onChange({ mode: 'stored', credentialId: storedCredentialId })}
          >
            <RotateCcw aria-hidden className="size-3.5" />
            {t('serverWizard.secret.keepStored')}
          </Button>
        ) : null}
      </div>
      {isExisting ? (
        <SelectField
          label={t('serverWizard.secret.credential', { label })}
          hideLabel
          value={draft.credentialId}
          onChange={(e) => onChange({ mode: 'existing', credentialId: e.target.value })}
          disabled={credentials.isPending}
          {...invalid}
        >
          <option value="">{t('serverWizard.secret.chooseCredential')}</option>
          {(credentials.data?.credentials ?? []).map((credential) => (
            <option key={credential.id} value={credential.id}>
              {credential.name}
            </option>
          ))}
        </SelectField>
      ) : isMultiline ? (
        <>
          <TextAreaField
            label={t('serverWizard.secret.value', { label })}
            hideLabel
            hint={valueHint}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            placeholder="-----BEGIN …-----"
            value={draft.value}
            onChange={(e) => onChange({ mode: 'new', value: e.target.value })}
            className={MASKED}
            {...invalid}
          />
          <TextField
            label={t('serverWizard.secret.fromFile', { label })}
            type="file"
            accept=".pem,.crt,.cer,.key,text/plain"
            onChange={(e) => void readFile(e.target.files?.[0])}
            className="text-xs file:mr-3 file:rounded file:border-0 file:bg-zinc-100 file:px-2 file:py-1 file:text-xs"
          />
        </>
      ) : (
        <TextField
          label={t('serverWizard.secret.value', { label })}
          hideLabel
          hint={valueHint}
          type="password"
          autoComplete="new-password"
          value={draft.value}
          onChange={(e) => onChange({ mode: 'new', value: e.target.value })}
          {...invalid}
        />
      )}
      {isExisting && credentials.error ? (
        <p className="text-xs text-red-700">{t('serverWizard.secret.credentialsUnavailable')}</p>
      ) : null}
      <FieldErrorText errors={errors} field={field} />
    </fieldset>
  );
}
