// Latency per day: the median and the 95th percentile, a line each; days without calls are gaps, not zeros.
import type { UsageReport } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useUsageFormat } from '../usageFormat';
import type { DayPoint } from '../usageSeries';
import { ChartFigure } from './ChartFigure';

const AXIS_TICK = { fontSize: 11, fill: '#71717a' };

export function LatencyChart({ points, totals }: { points: DayPoint[]; totals: UsageReport['totals'] }) {
  const { t } = useTranslation();
  const format = useUsageFormat();
  const measured = points.filter((p) => p.p50 !== null || p.p95 !== null);
  const summary =
    measured.length === 0
      ? t('usage.charts.noLatency')
      : t('usage.charts.latencySummary', { p50: format.ms(totals.latencyP50Ms), p95: format.ms(totals.latencyP95Ms) });

  return (
    <ChartFigure
      testId="latency-chart"
      summary={summary}
      headers={[t('usage.charts.day'), t('usage.charts.p50'), t('usage.charts.p95')]}
      rows={measured.map((p) => ({ key: p.day, cells: [format.day(p.day), format.ms(p.p50), format.ms(p.p95)] }))}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={format.shortDay} tick={AXIS_TICK} minTickGap={24} />
          <YAxis tick={AXIS_TICK} width={80} allowDecimals={false} tickFormatter={(ms: number) => format.ms(ms)} />
          <Tooltip
            labelFormatter={(day) => format.day(String(day))}
            formatter={(value) => format.ms(typeof value === 'number' ? value : null)}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter="dataKey" />
          {/* Dots, because a period with one busy day is a single point that a line alone would not draw. */}
          <Line
            type="monotone"
            dataKey="p50"
            name={t('usage.charts.p50')}
            stroke="#4f46e5"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="p95"
            name={t('usage.charts.p95')}
            stroke="#db2777"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
