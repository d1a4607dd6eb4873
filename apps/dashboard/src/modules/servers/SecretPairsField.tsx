// The secret environment variables (stdio) or headers (HTTP) of a registration: one row per name, each value a secret.
import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { type FormBinding, useFieldState } from './formBinding';
import { SecretInputField } from './SecretInputField';
import { newSecretPair, type SecretPair } from './serverForm';

interface SecretPairsFieldProps extends FormBinding {
  list: 'secretEnv' | 'secretHeaders';
  /** The saved registration's rows, so a replaced value can be restored. */
  stored?: SecretPair[];
}

export function SecretPairsField({ list, form, set, errors, stored = [] }: SecretPairsFieldProps) {
  const { t } = useTranslation();
  const fieldState = useFieldState(errors);
  const pairs = form[list];
  const update = (key: string, change: Partial<SecretPair>) =>
    set(
      list,
      pairs.map((pair) => (pair.key === key ? { ...pair, ...change } : pair)),
    );
  const storedId = (key: string) => {
    const secret = stored.find((pair) => pair.key === key)?.secret;
    return secret?.mode === 'stored' ? secret.credentialId : undefined;
  };

  return (
    <div className="space-y-3" data-testid={`${list}-list`}>
      <div>
        <h3 className="text-sm font-medium text-zinc-800">{t(`serverWizard.pairs.${list}.title`)}</h3>
        <p className="text-xs text-zinc-500">{t(`serverWizard.pairs.${list}.hint`)}</p>
      </div>
      {pairs.map((pair, index) => (
        <div key={pair.key} className="space-y-3 rounded-md p-3 ring-1 ring-zinc-200 ring-inset">
          <div className="flex items-end gap-2">
            <div className="min-w-0 flex-1">
              <TextField
                label={t(`serverWizard.pairs.${list}.name`, { index: index + 1 })}
                spellCheck={false}
                autoComplete="off"
                className="font-mono"
                placeholder={list === 'secretEnv' ? 'API_KEY' : 'X-Api-Key'}
                value={pair.name}
                onChange={(e) => update(pair.key, { name: e.target.value })}
                {...fieldState(`${list}.${pair.key}.name`)}
              />
            </div>
            <Button
              variant="ghost"
              onClick={() =>
                set(
                  list,
                  pairs.filter((p) => p.key !== pair.key),
                )
              }
            >
              <Trash2 aria-hidden className="size-4" />
              {t('serverWizard.pairs.remove')}
            </Button>
          </div>
          <SecretInputField
            label={t(`serverWizard.pairs.${list}.value`, { name: pair.name.trim() || index + 1 })}
            field={`${list}.${pair.key}.value`}
            draft={pair.secret}
            onChange={(secret) => update(pair.key, { secret })}
            errors={errors}
            storedCredentialId={storedId(pair.key)}
          />
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => set(list, [...pairs, newSecretPair()])}>
        <Plus aria-hidden className="size-3.5" />
        {t(`serverWizard.pairs.${list}.add`)}
      </Button>
    </div>
  );
}
