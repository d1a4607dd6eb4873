// The report's groups as tables: the most called tools, and where the errors come from (servers, users).
import type { UsageGroupRow } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { DataTable, td } from '../../ui/Table';
import { useUsageFormat } from './usageFormat';
import { rankByErrors } from './usageSeries';

/** Enough rows to find the culprit without a wall of numbers; the export has every call. */
const MAX_ROWS = 10;

function NoCalls() {
  const { t } = useTranslation();
  return <p className="text-sm text-zinc-500">{t('usage.groups.none')}</p>;
}

/** Tools by calls (the report's own order), with their errors and latency. */
export function TopToolsTable({ groups }: { groups: UsageGroupRow[] }) {
  const { t } = useTranslation();
  const format = useUsageFormat();
  if (groups.length === 0) return <NoCalls />;
  return (
    <DataTable
      bodyTestId="top-tools"
      headers={[
        t('usage.groups.tool'),
        t('usage.groups.calls'),
        t('usage.groups.errors'),
        t('usage.groups.p50'),
        t('usage.groups.p95'),
      ]}
    >
      {groups.slice(0, MAX_ROWS).map((row) => (
        <tr key={row.key} data-testid="top-tool-row" data-tool={row.key}>
          <td className={`${td} max-w-xs truncate font-mono text-xs`} title={row.label}>
            {row.label}
          </td>
          <td className={`${td} tabular-nums`} data-testid="top-tool-calls">
            {format.number(row.calls)}
          </td>
          <td className={`${td} tabular-nums`}>{format.number(row.errors)}</td>
          <td className={`${td} whitespace-nowrap tabular-nums`}>{format.ms(row.latencyP50Ms)}</td>
          <td className={`${td} whitespace-nowrap tabular-nums`}>{format.ms(row.latencyP95Ms)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Groups with the most errors first, and how large a share of their calls failed. */
export function ErrorsTable({
  groups,
  nameHeader,
  testId,
}: {
  groups: UsageGroupRow[];
  nameHeader: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useUsageFormat();
  if (groups.length === 0) return <NoCalls />;
  return (
    <DataTable
      bodyTestId={testId}
      headers={[nameHeader, t('usage.groups.errors'), t('usage.groups.calls'), t('usage.groups.errorRate')]}
    >
      {rankByErrors(groups)
        .slice(0, MAX_ROWS)
        .map((row) => (
          <tr key={row.key}>
            <td className={`${td} max-w-[14rem] truncate`} title={row.label}>
              {row.label}
            </td>
            <td className={`${td} tabular-nums ${row.errors > 0 ? 'font-semibold text-red-700' : ''}`}>
              {format.number(row.errors)}
            </td>
            <td className={`${td} tabular-nums`}>{format.number(row.calls)}</td>
            <td className={`${td} tabular-nums`}>{format.share(row.errors, row.calls)}</td>
          </tr>
        ))}
    </DataTable>
  );
}
