// Calls per day as stacked bars: successful, failed and rejected, so a bad day stands out by its colour.
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useUsageFormat } from '../usageFormat';
import { busiestDay, type DayPoint } from '../usageSeries';
import { ChartFigure } from './ChartFigure';

const AXIS_TICK = { fontSize: 11, fill: '#71717a' };
const STACK = ['ok', 'errors', 'rejected'];
/** The legend reads as the bars stack, successes first; recharts would sort it by translated label. */
const legendOrder = (item: { dataKey?: unknown }) => STACK.indexOf(String(item.dataKey));

export function CallsPerDayChart({ points }: { points: DayPoint[] }) {
  const { t } = useTranslation();
  const format = useUsageFormat();
  const sum = (pick: (p: DayPoint) => number) => points.reduce((total, p) => total + pick(p), 0);
  const busiest = busiestDay(points);
  const first = points[0]?.day;
  const last = points.at(-1)?.day;
  const summary = [
    t('usage.charts.callsSummary', {
      calls: format.number(sum((p) => p.calls)),
      ok: format.number(sum((p) => p.ok)),
      errors: format.number(sum((p) => p.errors)),
      rejected: format.number(sum((p) => p.rejected)),
      from: first ? format.day(first) : '',
      to: last ? format.day(last) : '',
    }),
    busiest ? t('usage.charts.busiest', { day: format.day(busiest.day), calls: format.number(busiest.calls) }) : '',
  ].join(' ');

  return (
    <ChartFigure
      testId="calls-chart"
      summary={summary}
      headers={[t('usage.charts.day'), t('usage.charts.ok'), t('usage.charts.errors'), t('usage.charts.rejected')]}
      rows={points
        .filter((p) => p.calls > 0)
        .map((p) => ({
          key: p.day,
          cells: [format.day(p.day), format.number(p.ok), format.number(p.errors), format.number(p.rejected)],
        }))}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={format.shortDay} tick={AXIS_TICK} minTickGap={24} />
          <YAxis tick={AXIS_TICK} width={40} allowDecimals={false} tickFormatter={format.number} />
          <Tooltip labelFormatter={(day) => format.day(String(day))} cursor={{ fill: '#f4f4f5' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={legendOrder} />
          <Bar dataKey="ok" name={t('usage.charts.ok')} stackId="calls" fill="#10b981" isAnimationActive={false} />
          <Bar
            dataKey="errors"
            name={t('usage.charts.errors')}
            stackId="calls"
            fill="#dc2626"
            isAnimationActive={false}
          />
          <Bar
            dataKey="rejected"
            name={t('usage.charts.rejected')}
            stackId="calls"
            fill="#f59e0b"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
