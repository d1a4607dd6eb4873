// The organization's MCP servers, live: status, latency and tools change as the `servers` topic reports them.
import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../auth/ability';
import { useFormatters } from '../../lib/format';
import { ErrorAlert } from '../../ui/Alert';
import { buttonClasses } from '../../ui/Button';
import { Badge, EmptyState, PageHeader, Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { DataTable, td } from '../../ui/Table';
import { EnableToggle } from './EnableToggle';
import { StatusBadge, TransportBadge } from './serverBadges';
import { useServers } from './serversApi';

export default function ServersListPage() {
  const { t } = useTranslation();
  const ability = useAbility();
  const { dateTime } = useFormatters();
  const servers = useServers();
  const list = servers.data?.servers ?? [];

  const addButton = ability.can('create', 'McpServer') ? (
    <Link to="/servers/new" data-testid="open-add-server" className={buttonClasses('primary')}>
      <Plus aria-hidden className="size-4" />
      {t('servers.add')}
    </Link>
  ) : null;

  return (
    <>
      <PageHeader title={t('servers.title')} description={t('servers.description')} actions={addButton} />
      <ErrorAlert error={servers.error} />
      {servers.isPending ? (
        <Spinner />
      ) : list.length === 0 && servers.data ? (
        <EmptyState title={t('servers.empty')} description={t('servers.emptyDescription')} action={addButton} />
      ) : list.length > 0 ? (
        <Section>
          <DataTable
            bodyTestId="servers-list"
            headers={[
              t('common.name'),
              t('servers.transport'),
              t('servers.status'),
              t('servers.tools'),
              t('servers.latency'),
              t('servers.lastChecked'),
              t('servers.enabled'),
              t('servers.tags'),
            ]}
          >
            {list.map((server) => (
              <tr
                key={server.id}
                data-testid={`server-row-${server.name}`}
                data-status={server.status}
                className="hover:bg-zinc-50"
              >
                <td className={td}>
                  <Link
                    to={`/servers/${server.id}`}
                    className="font-medium text-indigo-700 hover:text-indigo-600 hover:underline"
                  >
                    {server.name}
                  </Link>
                  {server.lastError && server.status !== 'healthy' ? (
                    <p className="max-w-xs truncate font-mono text-xs text-red-700" title={server.lastError}>
                      {server.lastError}
                    </p>
                  ) : null}
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  <TransportBadge transport={server.transport} />
                </td>
                <td className={td} data-testid="server-status">
                  <StatusBadge status={server.status} />
                </td>
                <td className={`${td} tabular-nums`} data-testid="server-tool-count">
                  {server.toolCount}
                </td>
                <td className={`${td} whitespace-nowrap tabular-nums`} data-testid="server-latency">
                  {server.latencyMs === null ? '—' : t('servers.latencyMs', { count: server.latencyMs })}
                </td>
                <td className={`${td} whitespace-nowrap`} data-testid="server-last-checked">
                  {dateTime(server.lastCheckedAt)}
                </td>
                <td className={td}>
                  <EnableToggle server={server} />
                </td>
                <td className={td}>
                  <span className="flex flex-wrap gap-1">
                    {server.tags.map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                  </span>
                </td>
              </tr>
            ))}
          </DataTable>
        </Section>
      ) : null}
    </>
  );
}
