// The Overview tab: the registration as saved, the connection's last known state and, for ADMINs, a live test.
import type { ConnectionTestResult, McpServer } from '@mcp-studio/protocol';
import { Loader2, PlugZap } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAbility } from '../../../../auth/ability';
import { useFormatters } from '../../../../lib/format';
import { ErrorAlert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { Section } from '../../../../ui/layoutParts';
import { ConnectionTestResultView } from '../../ConnectionTestResult';
import { ServerFacts } from '../../ServerFacts';
import { StatusBadge } from '../../serverBadges';
import { useTestServer } from '../../serversApi';

function ConnectionPanel({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const ability = useAbility();
  const test = useTestServer(server.id);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const facts: [string, ReactNode][] = [
    [t('servers.status'), <StatusBadge key="s" status={server.status} />],
    [t('servers.tools'), server.toolCount],
    [t('servers.latency'), server.latencyMs === null ? '—' : t('servers.latencyMs', { count: server.latencyMs })],
    [t('servers.lastChecked'), dateTime(server.lastCheckedAt)],
  ];
  const run = async () => {
    setResult(null);
    setResult(await test.mutateAsync(undefined).catch(() => null));
  };
  return (
    <Section
      title={t('serverExplorer.overview.connection')}
      actions={
        ability.can('update', 'McpServer') ? (
          <Button variant="secondary" size="sm" onClick={() => void run()} disabled={test.isPending}>
            {test.isPending ? (
              <Loader2 aria-hidden className="size-3.5 animate-spin" />
            ) : (
              <PlugZap aria-hidden className="size-3.5" />
            )}
            {test.isPending ? t('servers.test.running') : t('servers.test.button')}
          </Button>
        ) : undefined
      }
    >
      <dl className="space-y-3 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4">
            <dt className="text-zinc-500">{label}</dt>
            <dd className="text-right font-medium text-zinc-900">{value}</dd>
          </div>
        ))}
      </dl>
      {server.lastError && !result ? (
        <p className="mt-3 font-mono text-xs break-words text-red-700">{server.lastError}</p>
      ) : null}
      <div className="mt-4 space-y-3">
        <ErrorAlert error={test.error} />
        {result ? <ConnectionTestResultView result={result} /> : null}
      </div>
    </Section>
  );
}

export function OverviewTab({ server }: { server: McpServer }) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <ServerFacts server={server} />
      </div>
      <div className="space-y-6">
        <ConnectionPanel server={server} />
      </div>
    </div>
  );
}
