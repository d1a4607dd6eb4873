// One MCP server: its registration, health and connection test; ADMINs enable, disable or delete it.
import type { ConnectionTestResult, McpServer } from '@mcp-studio/protocol';
import { ArrowLeft, Loader2, PlugZap, Power, Trash2 } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/apiError';
import { useAbility } from '../../auth/ability';
import { useFormatters } from '../../lib/format';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, PageHeader, Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { ConnectionTestResultView } from './ConnectionTestResult';
import { ServerFacts } from './ServerFacts';
import { StatusBadge } from './serverBadges';
import { useDeleteServer, useServer, useTestServer, useUpdateServer } from './serversApi';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/servers" className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900">
      <ArrowLeft aria-hidden className="size-4" />
      {t('servers.back')}
    </Link>
  );
}

function HealthPanel({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
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
      title={t('servers.health')}
      actions={
        <Button variant="secondary" size="sm" onClick={() => void run()} disabled={test.isPending}>
          {test.isPending ? (
            <Loader2 aria-hidden className="size-3.5 animate-spin" />
          ) : (
            <PlugZap aria-hidden className="size-3.5" />
          )}
          {test.isPending ? t('servers.test.running') : t('servers.test.button')}
        </Button>
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

function AdminPanel({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ability = useAbility();
  const update = useUpdateServer(server.id);
  const remove = useDeleteServer();
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const mayUpdate = ability.can('update', 'McpServer');
  const mayDelete = ability.can('delete', 'McpServer');
  if (!mayUpdate && !mayDelete) return null;
  return (
    <Section title={t('servers.manage')}>
      <div className="space-y-4">
        {mayUpdate ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-zinc-700">{server.enabled ? t('servers.isEnabled') : t('servers.isDisabled')}</p>
            <Button
              variant="secondary"
              size="sm"
              disabled={update.isPending}
              onClick={() => update.mutate({ enabled: !server.enabled })}
            >
              <Power aria-hidden className="size-3.5" />
              {server.enabled ? t('servers.disable') : t('servers.enable')}
            </Button>
          </div>
        ) : null}
        <ErrorAlert error={update.error} />
        {mayDelete ? (
          <Button variant="danger" onClick={() => setIsDeleteOpen(true)}>
            <Trash2 aria-hidden className="size-4" />
            {t('servers.delete')}
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        open={isDeleteOpen}
        onOpenChange={setIsDeleteOpen}
        title={t('servers.deleteTitle', { name: server.name })}
        message={t('servers.deleteMessage')}
        confirmLabel={t('servers.delete')}
        onConfirm={async () => {
          await remove.mutateAsync(server.id);
          navigate('/servers', { replace: true });
        }}
      />
    </Section>
  );
}

export default function ServerDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useServer(id);
  const server = query.data;

  // A 404 after a deletion elsewhere must win over the last data still held by the query.
  const isMissing = query.error instanceof ApiError && query.error.status === 404;
  if (query.isPending) return <Spinner />;
  if (!server || isMissing) {
    return (
      <>
        <BackLink />
        {isMissing ? <EmptyState title={t('servers.notFound')} /> : <ErrorAlert error={query.error} />}
      </>
    );
  }

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2" data-testid="server-name">
            {server.name}
            <StatusBadge status={server.status} />
            {server.enabled ? null : <span className="text-sm font-normal text-zinc-500">{t('servers.disabled')}</span>}
          </span>
        }
        description={server.description ?? undefined}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ServerFacts server={server} />
        </div>
        <div className="space-y-6">
          <HealthPanel server={server} />
          <AdminPanel server={server} />
        </div>
      </div>
    </>
  );
}
