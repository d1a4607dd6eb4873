// The last step: the registration as it will be created, what its manifest lets it do, and whether to enable it.
import type { ConnectionTestResult } from '@mcp-studio/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, FactList } from '../../../ui/layoutParts';
import { useCredentials } from '../../credentials/credentialsApi';
import { CHECKBOX } from '../formBinding';
import { ManifestPermissions } from '../ManifestPermissions';
import { manifestOf } from '../serverBody';
import {
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_TIMEOUT_SECONDS,
  lines,
  listItems,
  parseEnvLines,
  parseHeaderLines,
  type SecretDraft,
  type ServerForm,
} from '../serverForm';

const mono = (text: string) => <code className="font-mono text-xs break-all">{text}</code>;

/** Each secret by its place, and where its value comes from; never the value. */
function useSecretRows(form: ServerForm): [string, SecretDraft][] {
  const { t } = useTranslation();
  const rows: [string, SecretDraft][] = [];
  if (form.transport === 'stdio') {
    for (const pair of form.secretEnv) rows.push([pair.name.trim(), pair.secret]);
    return rows;
  }
  const auth = t(`serverWizard.auth.types.${form.authType}`);
  if (form.authType === 'api_key') rows.push([`${auth}: ${form.apiKeyName.trim()}`, form.apiKey]);
  if (form.authType === 'basic') rows.push([`${auth}: ${form.username.trim()}`, form.password]);
  if (form.authType === 'bearer') rows.push([auth, form.token]);
  if (form.authType === 'mtls') {
    rows.push(
      [t('serverWizard.auth.certificate'), form.certificate],
      [t('serverWizard.auth.privateKey'), form.privateKey],
    );
    if (form.hasCa) rows.push([t('serverWizard.auth.ca'), form.ca]);
  }
  for (const pair of form.secretHeaders) rows.push([pair.name.trim(), pair.secret]);
  return rows;
}

interface ConfirmStepProps {
  form: ServerForm;
  result: ConnectionTestResult | null;
  onEnabledChange(enabled: boolean): void;
}

export function ConfirmStep({ form, result, onEnabledChange }: ConfirmStepProps) {
  const { t } = useTranslation();
  const credentials = useCredentials();
  const secretRows = useSecretRows(form);
  const credentialName = (id: string) => credentials.data?.credentials.find((c) => c.id === id)?.name ?? id;
  const tools = result?.ok ? result.tools : [];
  const tags = listItems(form.tags);
  const env = parseEnvLines(form.env);
  const headers = parseHeaderLines(form.headers);
  const names = (
    record: { env: Record<string, string> } | { headers: Record<string, string> } | { badLine: string },
  ) => {
    const keys = 'badLine' in record ? [] : Object.keys('env' in record ? record.env : record.headers);
    return keys.length > 0 ? mono(keys.join(', ')) : '—';
  };

  const facts: [string, ReactNode][] = [
    [t('common.name'), form.name.trim()],
    ...(form.description.trim() ? [[t('common.description'), form.description.trim()] as [string, ReactNode]] : []),
    [t('servers.transport'), t(`servers.transports.${form.transport}`)],
    ...((form.transport === 'stdio'
      ? [
          [t('serverWizard.confirm.commandLine'), mono([form.command.trim(), ...lines(form.args)].join(' '))],
          [t('servers.env'), names(env)],
          ...(form.cwd.trim() ? [[t('servers.cwd'), mono(form.cwd.trim())]] : []),
        ]
      : [
          [t('servers.url'), mono(form.url.trim())],
          [t('servers.headers'), names(headers)],
          [t('serverWizard.auth.type'), t(`serverWizard.auth.types.${form.authType}`)],
        ]) as [string, ReactNode][]),
    [
      t('serverWizard.confirm.secrets'),
      secretRows.length === 0 ? (
        '—'
      ) : (
        <ul key="secrets" className="space-y-1">
          {secretRows.map(([place, draft]) => (
            <li key={place}>
              {mono(place)} —{' '}
              {draft.mode === 'new'
                ? t('serverWizard.confirm.newSecret')
                : t('serverWizard.confirm.credentialSecret', { name: credentialName(draft.credentialId) })}
            </li>
          ))}
        </ul>
      ),
    ],
    [
      t('servers.tags'),
      tags.length > 0 ? (
        <span key="tags" className="flex flex-wrap gap-1">
          {tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </span>
      ) : (
        '—'
      ),
    ],
    [
      t('serverWizard.basics.timeout'),
      form.timeoutSeconds.trim() || t('serverWizard.confirm.default', { value: DEFAULT_TIMEOUT_SECONDS }),
    ],
    [
      t('serverWizard.basics.maxConcurrency'),
      form.maxConcurrency.trim() || t('serverWizard.confirm.default', { value: DEFAULT_MAX_CONCURRENCY }),
    ],
    [
      t('servers.tools'),
      tools.length === 0 ? (
        t('serverWizard.confirm.toolsUnknown')
      ) : (
        <span key="tools" data-testid="confirm-tools">
          {t('serverWizard.tools.enabledCount', {
            count: tools.filter((tool) => !form.disabledTools.includes(tool.name)).length,
            total: tools.length,
          })}
          {form.disabledTools.length > 0 ? (
            <span className="block text-zinc-600">
              {t('serverWizard.confirm.disabledTools')} {mono(form.disabledTools.join(', '))}
            </span>
          ) : null}
        </span>
      ),
    ],
  ];

  return (
    <div className="space-y-5">
      <FactList testId="wizard-summary" facts={facts} labelWidth="12rem" />
      {form.transport === 'stdio' && form.hasManifest ? (
        <ManifestPermissions manifest={manifestOf(form)} />
      ) : form.transport === 'stdio' ? (
        <p className="text-sm text-zinc-600">{t('serverWizard.confirm.noManifest')}</p>
      ) : null}
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className={`mt-0.5 ${CHECKBOX}`}
          checked={form.enabled}
          onChange={(e) => onEnabledChange(e.target.checked)}
        />
        <span>
          <span className="block font-medium text-zinc-800">{t('serverWizard.confirm.enableNow')}</span>
          <span className="block text-xs text-zinc-500">{t('serverWizard.confirm.enableNowHint')}</span>
        </span>
      </label>
    </div>
  );
}
