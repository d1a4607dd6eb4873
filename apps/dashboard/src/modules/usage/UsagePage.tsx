// The Usage page: today's quota, the filters (kept in the URL), the period's totals, charts by day and the groups.
import { useQueryClient } from '@tanstack/react-query';
import { Download, RefreshCw } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { queryKeys } from '../../api/queryKeys';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { EmptyState, PageHeader, Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { CallsPerDayChart } from './charts/CallsPerDayChart';
import { LatencyChart } from './charts/LatencyChart';
import { ErrorsTable, TopToolsTable } from './GroupTables';
import { QuotaCard } from './QuotaCard';
import { UsageFilterBar } from './UsageFilterBar';
import { UsageTotals } from './UsageTotals';
import { useQuota, useUsageExport, useUsageReport } from './usageApi';
import { filtersFromParams, isPeriodValid, type UsageFilters, withFilter } from './usageFilters';
import { daySeries } from './usageSeries';

export default function UsagePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  // "Today" for the default period and the presets; Refresh moves it on, so a page left open past midnight catches up.
  const [now, setNow] = useState(() => new Date());
  const filters = useMemo(() => filtersFromParams(params, now), [params, now]);
  const isValid = isPeriodValid(filters);

  const days = useUsageReport(filters, 'day', isValid);
  const tools = useUsageReport(filters, 'tool', isValid);
  const servers = useUsageReport(filters, 'server', isValid);
  // Only the studio knows whether this caller sees the organization; the day report says so.
  const isOrganization = days.data?.scope === 'organization';
  const users = useUsageReport(filters, 'user', isValid && isOrganization);
  const quota = useQuota();
  const download = useUsageExport();

  const points = useMemo(() => daySeries(days.data?.groups ?? [], filters.from, filters.to), [days.data, filters]);
  const totals = days.data?.totals;
  const isRefreshing = [days, tools, servers, users, quota].some((query) => query.isFetching);

  const change = (changes: Partial<Record<keyof UsageFilters, string | undefined>>) =>
    setParams((current) => withFilter(current, changes), { replace: true });
  const refresh = () => {
    setNow(new Date());
    void queryClient.invalidateQueries({ queryKey: queryKeys.usage });
  };
  const exportAs = (format: 'csv' | 'json') => download.mutate({ filters, format });

  const actions = (
    <>
      <Button variant="secondary" onClick={refresh} disabled={isRefreshing} data-testid="usage-refresh">
        <RefreshCw aria-hidden className={`size-4 ${isRefreshing ? 'animate-spin' : ''}`} />
        {t('usage.refresh')}
      </Button>
      {(['csv', 'json'] as const).map((format) => (
        <Button
          key={format}
          variant="secondary"
          onClick={() => exportAs(format)}
          disabled={!isValid || download.isPending}
        >
          <Download aria-hidden className="size-4" />
          {download.isPending && download.variables?.format === format
            ? t('usage.exporting')
            : t(format === 'csv' ? 'usage.exportCsv' : 'usage.exportJson')}
        </Button>
      ))}
    </>
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('usage.title')}
        description={isOrganization ? t('usage.descriptionOrganization') : t('usage.descriptionSelf')}
        actions={actions}
      />
      <ErrorAlert error={download.error} />
      <Section title={t('usage.quota.title')}>
        {quota.data ? <QuotaCard quota={quota.data} /> : quota.error ? <ErrorAlert error={quota.error} /> : <Spinner />}
      </Section>
      <Section title={t('usage.filters.title')}>
        <UsageFilterBar
          filters={filters}
          onChange={change}
          onClear={() => setParams(new URLSearchParams(), { replace: true })}
          isOrganization={isOrganization}
          now={now}
        />
      </Section>
      {!isValid ? (
        <Alert tone="warning">{t('usage.filters.invalidPeriod')}</Alert>
      ) : days.error ? (
        <ErrorAlert error={days.error} />
      ) : !totals ? (
        <Spinner />
      ) : (
        <>
          <Section title={t('usage.totals.title')}>
            <UsageTotals totals={totals} />
          </Section>
          {totals.calls === 0 ? (
            <EmptyState title={t('usage.empty')} description={t('usage.emptyDescription')} />
          ) : (
            <>
              <div className="grid gap-6 lg:grid-cols-2">
                <Section title={t('usage.charts.callsTitle')} description={t('usage.charts.callsDescription')}>
                  <CallsPerDayChart points={points} />
                </Section>
                <Section title={t('usage.charts.latencyTitle')} description={t('usage.charts.latencyDescription')}>
                  <LatencyChart points={points} totals={totals} />
                </Section>
              </div>
              <Section title={t('usage.groups.topTools')} description={t('usage.groups.topToolsDescription')}>
                <ErrorAlert error={tools.error} />
                {tools.data ? <TopToolsTable groups={tools.data.groups} /> : <Spinner />}
              </Section>
              <div className={`grid gap-6 ${isOrganization ? 'lg:grid-cols-2' : ''}`}>
                <Section
                  title={t('usage.groups.errorsByServer')}
                  description={t('usage.groups.errorsByServerDescription')}
                >
                  <ErrorAlert error={servers.error} />
                  {servers.data ? (
                    <ErrorsTable
                      groups={servers.data.groups}
                      nameHeader={t('usage.groups.server')}
                      testId="errors-by-server"
                    />
                  ) : (
                    <Spinner />
                  )}
                </Section>
                {isOrganization ? (
                  <Section
                    title={t('usage.groups.errorsByUser')}
                    description={t('usage.groups.errorsByUserDescription')}
                  >
                    <ErrorAlert error={users.error} />
                    {users.data ? (
                      <ErrorsTable
                        groups={users.data.groups}
                        nameHeader={t('usage.groups.user')}
                        testId="errors-by-user"
                      />
                    ) : (
                      <Spinner />
                    )}
                  </Section>
                ) : null}
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
