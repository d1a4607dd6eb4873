// How a node's status, an agent's status and a terminal's state are shown everywhere: one badge each.
import type { AgentServerStatus, AgentStatus } from '@mcp-studio/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/layoutParts';
import { formatRelative } from './nodeFormat';

const NODE_TONES = {
  ONLINE: 'green',
  DEGRADED: 'amber',
  OFFLINE: 'red',
  MAINTENANCE: 'accent',
  UNKNOWN: 'neutral',
} as const satisfies Record<AgentServerStatus, string>;

export function NodeStatusBadge({ status }: { status: AgentServerStatus }) {
  const { t } = useTranslation();
  return <Badge tone={NODE_TONES[status]}>{t(`agentServers.statuses.${status}`)}</Badge>;
}

const AGENT_TONES = { active: 'green', suspended: 'amber', offline: 'neutral' } as const;

export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  const { t } = useTranslation();
  return <Badge tone={AGENT_TONES[status]}>{t(`agentServers.agentStatuses.${status}`)}</Badge>;
}

/** "12 seconds ago", kept current; the exact time in the tooltip. */
export function RelativeTime({ iso }: { iso: string | null }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(timer);
  }, []);
  if (!iso) return <span>{t('common.never')}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString(i18n.resolvedLanguage)}>
      {formatRelative(iso, now, i18n.resolvedLanguage ?? 'en')}
    </time>
  );
}

/** A small bar for a share used, with the figure in words beside it. */
export function UsageMeter({ percent, label }: { percent: number | null; label: string }) {
  if (percent === null) return <span className="text-zinc-400">—</span>;
  const tone = percent >= 90 ? 'bg-red-500' : percent >= 75 ? 'bg-amber-500' : 'bg-emerald-500';
  return (
    <span className="inline-flex items-center gap-2 whitespace-nowrap">
      <span className="h-1.5 w-16 overflow-hidden rounded-full bg-zinc-200" aria-hidden>
        <span className={`block h-full ${tone}`} style={{ width: `${percent}%` }} />
      </span>
      <span className="tabular-nums">{label}</span>
    </span>
  );
}
