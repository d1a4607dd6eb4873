// An agent's record and the model tokens its node relayed for it.
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/Alert';
import { FactList, Section } from '../../../ui/layoutParts';
import { RelativeTime } from '../badges';
import type { AgentTabProps } from './AgentDetailPage';
import { useAgent, useAgentUsage } from './agentsApi';

export function AgentOverview({ nodeId, agentId }: AgentTabProps) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const agent = useAgent(nodeId, agentId).data;
  const usage = useAgentUsage(nodeId, agentId);
  const number = new Intl.NumberFormat(i18n.resolvedLanguage);
  if (!agent) return null;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Section title={t('agentDetail.record')}>
        <FactList
          testId="agent-facts"
          facts={[
            [
              t('agentDetail.id'),
              <code key="id" className="font-mono text-xs">
                {agent.id}
              </code>,
            ],
            [t('agentServers.engine'), t(`agentServers.engines.${agent.engine}`)],
            [t('agentWizard.model'), agent.model ?? t('agentWizard.defaultModel')],
            [t('agentWizard.apiKey'), agent.hasApiKey ? t('agentDetail.apiKeyStored') : t('agentWizard.apiKeyNone')],
            [t('agentWizard.capabilities'), agent.capabilities.join(', ') || '—'],
            [t('agentDetail.unixUser'), agent.unixUser ?? '—'],
            [
              t('agentDetail.home'),
              <code key="home" className="font-mono text-xs break-all">
                {agent.home}
              </code>,
            ],
            [t('agentDetail.createdAt'), dateTime(agent.createdAt)],
            [t('agentServers.lastActive'), <RelativeTime key="active" iso={agent.lastActiveAt} />],
          ]}
        />
      </Section>
      <Section title={t('agentDetail.usage')} description={t('agentDetail.usageDescription')}>
        <ErrorAlert error={usage.error} />
        {usage.data ? (
          <FactList
            testId="agent-usage"
            facts={[
              [t('agentDetail.requests'), number.format(usage.data.totals.requests)],
              [t('agentDetail.inputTokens'), number.format(usage.data.totals.inputTokens)],
              [t('agentDetail.outputTokens'), number.format(usage.data.totals.outputTokens)],
            ]}
          />
        ) : null}
      </Section>
    </div>
  );
}
