// The Health tab: the status now and its last error, then latency and status over the last hour, day or week.
import type { McpServer } from '@mcp-studio/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatters } from '../../../../lib/format';
import { ErrorAlert } from '../../../../ui/Alert';
import { EmptyState, Section } from '../../../../ui/layoutParts';
import { Spinner } from '../../../../ui/Spinner';
import { useHealthHistory } from '../../explorerApi';
import { StatusBadge } from '../../serverBadges';
import { HealthChart } from './HealthChart';
import { HEALTH_RANGES, type HealthRange, isHealthRange, summarizeHealth, toHealthPoints } from './healthSeries';

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="rounded-md bg-zinc-50 px-3 py-2 ring-1 ring-zinc-200 ring-inset">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-base font-semibold text-zinc-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function RangePicker({ range, onChange }: { range: HealthRange; onChange(range: HealthRange): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="inline-flex rounded-md shadow-sm ring-1 ring-zinc-300 ring-inset">
      <legend className="sr-only">{t('serverExplorer.health.range')}</legend>
      {(Object.keys(HEALTH_RANGES) as HealthRange[]).map((value) => (
        <button
          key={value}
          type="button"
          aria-pressed={value === range}
          onClick={() => onChange(value)}
          className={`px-3 py-1.5 text-xs font-medium first:rounded-l-md last:rounded-r-md ${
            value === range ? 'bg-indigo-600 text-white' : 'text-zinc-700 hover:bg-zinc-50'
          }`}
        >
          {t(`serverExplorer.health.ranges.${value}`)}
        </button>
      ))}
    </fieldset>
  );
}

export function HealthTab({ server }: { server: McpServer }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const [params, setParams] = useSearchParams();
  const rangeParam = params.get('range');
  const range: HealthRange = isHealthRange(rangeParam) ? rangeParam : '24h';
  const history = useHealthHistory(server.id, range);
  const checks = history.data?.checks ?? [];
  const summary = summarizeHealth(checks);
  const until = history.dataUpdatedAt || Date.now();
  const since = until - HEALTH_RANGES[range];
  const percent = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { style: 'percent', maximumFractionDigits: 1 });
  const ms = (value: number | null) => (value === null ? '—' : t('servers.latencyMs', { count: value }));

  const setRange = (next: HealthRange) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      updated.set('range', next);
      return updated;
    });

  return (
    <div className="space-y-6">
      <Section title={t('serverExplorer.health.now')}>
        <dl className="grid gap-3 sm:grid-cols-3">
          <Stat label={t('servers.status')} value={<StatusBadge status={server.status} />} testId="health-status" />
          <Stat label={t('servers.latency')} value={ms(server.latencyMs)} />
          <Stat label={t('servers.lastChecked')} value={dateTime(server.lastCheckedAt)} />
        </dl>
        {server.lastError ? (
          <div className="mt-3 space-y-1">
            <p className="text-xs font-medium text-zinc-600">{t('serverExplorer.health.lastError')}</p>
            <p className="font-mono text-xs break-words text-red-700" data-testid="health-last-error">
              {server.lastError}
            </p>
          </div>
        ) : null}
      </Section>
      <Section title={t('serverExplorer.health.history')} actions={<RangePicker range={range} onChange={setRange} />}>
        <ErrorAlert error={history.error} />
        {history.isPending ? (
          <Spinner />
        ) : checks.length === 0 ? (
          <EmptyState
            title={t('serverExplorer.health.noChecks')}
            description={t('serverExplorer.health.noChecksHint')}
          />
        ) : (
          <div className="space-y-5">
            <dl className="grid gap-3 sm:grid-cols-4">
              <Stat
                label={t('serverExplorer.health.uptime')}
                value={summary.uptime === null ? '—' : percent.format(summary.uptime)}
                testId="health-uptime"
              />
              <Stat label={t('serverExplorer.health.average')} value={ms(summary.averageLatencyMs)} />
              <Stat label={t('serverExplorer.health.p95')} value={ms(summary.p95LatencyMs)} />
              <Stat
                label={t('serverExplorer.health.checks')}
                value={t('serverExplorer.health.checksValue', { count: summary.checks, failures: summary.failures })}
                testId="health-checks"
              />
            </dl>
            <HealthChart points={toHealthPoints(checks)} range={range} since={since} until={until} />
          </div>
        )}
      </Section>
    </div>
  );
}
