// The organization's MCP servers, kept current by the `servers` topic, with the dialog adding one.
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../auth/ability';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Badge, EmptyState, PageHeader, Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { DataTable, td } from '../../ui/Table';
import { AddServerDialog } from './AddServerDialog';
import { StatusBadge, TransportBadge } from './serverBadges';
import { useServers } from './serversApi';

export default function ServersListPage() {
  const { t } = useTranslation();
  const ability = useAbility();
  const servers = useServers();
  const [isAddOpen, setIsAddOpen] = useState(false);
  const list = servers.data?.servers ?? [];

  const addButton = ability.can('create', 'McpServer') ? (
    <Button data-testid="open-add-server" onClick={() => setIsAddOpen(true)}>
      <Plus aria-hidden className="size-4" />
      {t('servers.add')}
    </Button>
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
              t('servers.enabled'),
              t('servers.tags'),
            ]}
          >
            {list.map((server) => (
              <tr key={server.id} data-testid={`server-row-${server.name}`} className="hover:bg-zinc-50">
                <td className={td}>
                  <Link
                    to={`/servers/${server.id}`}
                    className="font-medium text-indigo-700 hover:text-indigo-600 hover:underline"
                  >
                    {server.name}
                  </Link>
                </td>
                <td className={td}>
                  <TransportBadge transport={server.transport} />
                </td>
                <td className={td}>
                  <StatusBadge status={server.status} />
                </td>
                <td className={`${td} tabular-nums`}>{server.toolCount}</td>
                <td className={`${td} whitespace-nowrap tabular-nums`}>
                  {server.latencyMs === null ? '—' : t('servers.latencyMs', { count: server.latencyMs })}
                </td>
                <td className={td}>{server.enabled ? t('servers.yes') : t('servers.no')}</td>
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
      <AddServerDialog open={isAddOpen} onOpenChange={setIsAddOpen} />
    </>
  );
}
