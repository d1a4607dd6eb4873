// How a server's transport and health are shown everywhere: one badge each.
import type { McpServer } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/layoutParts';

const STATUS_TONES = { unknown: 'neutral', healthy: 'green', warning: 'amber', down: 'red' } as const;

export function TransportBadge({ transport }: { transport: McpServer['transport'] }) {
  const { t } = useTranslation();
  return <Badge tone="accent">{t(`servers.transports.${transport}`)}</Badge>;
}

export function StatusBadge({ status }: { status: McpServer['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONES[status]}>{t(`servers.statuses.${status}`)}</Badge>;
}
