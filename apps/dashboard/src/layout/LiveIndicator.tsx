// A dot and a word saying whether live updates are flowing.
import { useTranslation } from 'react-i18next';
import { type LiveStatus, useLiveStatus } from '../live/liveContext';

const DOT: Record<LiveStatus, string> = {
  live: 'bg-emerald-500',
  connecting: 'bg-amber-400 animate-pulse',
  offline: 'bg-zinc-400',
};

export function LiveIndicator() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  return (
    <span
      data-testid="live-indicator"
      data-status={status}
      title={t(`live.${status}Hint`)}
      className="inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium text-zinc-600 ring-1 ring-zinc-200 ring-inset"
    >
      <span aria-hidden className={`size-2 rounded-full ${DOT[status]}`} />
      {t(`live.${status}`)}
    </span>
  );
}
