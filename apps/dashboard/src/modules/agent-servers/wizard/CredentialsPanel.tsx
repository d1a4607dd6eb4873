// The new agent's credentials, shown this once: the node keeps only a hash of the token.
import type { CreatedAgent } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../ui/Alert';
import { buttonClasses } from '../../../ui/Button';
import { CopyButton } from '../../../ui/CopyButton';
import { Section } from '../../../ui/layoutParts';

function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium text-zinc-800">{label}</p>
      <div className="flex items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs break-all"
        >
          {value}
        </code>
        <CopyButton value={value} label={t('common.copy')} aria-label={`${t('common.copy')} — ${label}`} />
      </div>
    </div>
  );
}

export function CredentialsPanel({ nodeId, created }: { nodeId: string; created: CreatedAgent }) {
  const { t } = useTranslation();
  return (
    <Section title={t('agentWizard.credentials')}>
      <div className="max-w-2xl space-y-4" data-testid="agent-credentials">
        <Alert tone="warning">{t('agentWizard.shownOnce')}</Alert>
        <SecretRow label={t('agentWizard.agentId')} value={created.credentials.agentId} testId="credential-agent-id" />
        <SecretRow label={t('agentWizard.agentToken')} value={created.credentials.token} testId="credential-token" />
        <div className="flex flex-wrap gap-2 pt-2">
          <Link to={`/agent-servers/${nodeId}/agents/${created.agent.id}`} className={buttonClasses('primary')}>
            {t('agentWizard.openAgent')}
          </Link>
          <Link to={`/agent-servers/${nodeId}`} className={buttonClasses('secondary')}>
            {t('agentWizard.backToNode')}
          </Link>
        </div>
      </div>
    </Section>
  );
}
