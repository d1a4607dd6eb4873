// The period's totals at a glance: calls, failures, latency and tokens.
import type { UsageReport } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { useUsageFormat } from './usageFormat';

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-md bg-zinc-50 px-3 py-2 ring-1 ring-zinc-200 ring-inset">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold text-zinc-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function UsageTotals({ totals }: { totals: UsageReport['totals'] }) {
  const { t } = useTranslation();
  const format = useUsageFormat();
  const stats: [string, string, string][] = [
    ['calls', t('usage.totals.calls'), format.number(totals.calls)],
    ['errors', t('usage.totals.errors'), format.number(totals.errors)],
    ['rejected', t('usage.totals.rejected'), format.number(totals.rejected)],
    ['p50', t('usage.totals.p50'), format.ms(totals.latencyP50Ms)],
    ['p95', t('usage.totals.p95'), format.ms(totals.latencyP95Ms)],
    ['tokens-in', t('usage.totals.tokensIn'), format.number(totals.tokensIn)],
    ['tokens-out', t('usage.totals.tokensOut'), format.number(totals.tokensOut)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
      {stats.map(([id, label, value]) => (
        <Stat key={id} label={label} value={value} testId={`total-${id}`} />
      ))}
    </dl>
  );
}
