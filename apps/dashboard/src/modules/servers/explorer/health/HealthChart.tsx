// Latency over time (a line broken where checks failed, failures marked on the axis) and a status strip.
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { type BucketStatus, bucketStatuses, type HealthPoint, type HealthRange } from './healthSeries';

const STATUS_COLORS: Record<BucketStatus, string> = {
  none: 'bg-zinc-100',
  unknown: 'bg-zinc-300',
  healthy: 'bg-emerald-500',
  warning: 'bg-amber-400',
  down: 'bg-red-500',
};

function useTickFormat(range: HealthRange) {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const format = new Intl.DateTimeFormat(
    locale,
    range === '7d' ? { weekday: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' },
  );
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  return { tick: (at: number) => format.format(at), full: (at: number) => full.format(at) };
}

function PointTooltip({ active, payload, range }: TooltipContentProps & { range: HealthRange }) {
  const { t } = useTranslation();
  const { full } = useTickFormat(range);
  const point = payload?.[0]?.payload as HealthPoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded-md bg-white px-3 py-2 text-xs shadow-md ring-1 ring-zinc-200">
      <p className="font-medium text-zinc-900">{full(point.at)}</p>
      <p className="text-zinc-600">{t(`servers.statuses.${point.status}`)}</p>
      {point.latencyMs !== null ? (
        <p className="text-zinc-600">{t('servers.latencyMs', { count: point.latencyMs })}</p>
      ) : (
        <p className="max-w-xs break-words text-red-700">{point.error ?? t('serverExplorer.health.failed')}</p>
      )}
    </div>
  );
}

interface HealthChartProps {
  points: HealthPoint[];
  range: HealthRange;
  since: number;
  until: number;
}

export function HealthChart({ points, range, since, until }: HealthChartProps) {
  const { t } = useTranslation();
  const { tick, full } = useTickFormat(range);
  const buckets = bucketStatuses(points, since, until, 60);
  // Evenly spaced ticks over the whole range: recharts would otherwise place them only where data is.
  const ticks = Array.from({ length: 7 }, (_, i) => Math.round(since + (i * (until - since)) / 6));
  return (
    <div className="space-y-3">
      <div className="h-64" data-testid="health-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={[since, until]}
              ticks={ticks}
              tickFormatter={tick}
              tick={{ fontSize: 11, fill: '#71717a' }}
              minTickGap={40}
            />
            <YAxis
              tick={{ fontSize: 11, fill: '#71717a' }}
              width={64}
              allowDecimals={false}
              tickFormatter={(ms: number) => t('servers.latencyMs', { count: ms })}
            />
            <Tooltip content={(props) => <PointTooltip {...props} range={range} />} />
            <Line
              type="monotone"
              dataKey="latencyMs"
              name={t('servers.latency')}
              stroke="#4f46e5"
              strokeWidth={2}
              dot={points.length <= 60 ? { r: 2.5 } : false}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Scatter dataKey="failure" name={t('serverExplorer.health.failed')} fill="#dc2626" shape="cross" />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <div>
        <div className="flex h-5 gap-px overflow-hidden rounded" data-testid="health-strip">
          {buckets.map((status, i) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: slots are positional
              key={i}
              className={`flex-1 ${STATUS_COLORS[status]}`}
              title={status === 'none' ? undefined : t(`servers.statuses.${status}`)}
            />
          ))}
        </div>
        <div className="mt-1 flex justify-between text-xs text-zinc-500">
          <span>{full(since)}</span>
          <span>{full(until)}</span>
        </div>
      </div>
    </div>
  );
}
