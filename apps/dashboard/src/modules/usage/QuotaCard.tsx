// Today's quota on the Usage page, at any level: a bar towards the limit and when it resets.
import { PLANS, type Plan, type QuotaStatus } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { quotaLevel, quotaShare } from './usageSeries';

function isPlan(value: string): value is Plan {
  return (PLANS as readonly string[]).includes(value);
}

const BAR_COLOURS = { none: 'bg-indigo-600', warning: 'bg-amber-500', reached: 'bg-red-600' } as const;

export function QuotaCard({ quota }: { quota: QuotaStatus }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const locale = i18n.resolvedLanguage ?? 'en';
  const plan = isPlan(quota.plan) ? t(`plans.${quota.plan}`) : quota.plan;
  const resets = t('usage.quota.resets', { time: dateTime(quota.reset_at) });

  if (quota.limit === null) {
    return (
      <p className="text-sm text-zinc-700" data-testid="quota-card">
        {t('usage.quota.unlimited', { plan, used: quota.used.toLocaleString(locale) })} {resets}
      </p>
    );
  }
  const share = quotaShare(quota) ?? 0;
  return (
    <div className="space-y-2" data-testid="quota-card" data-level={quotaLevel(quota)}>
      <p className="text-sm text-zinc-700">
        <span className="font-medium text-zinc-900" data-testid="quota-used">
          {t('usage.quota.usedOfLimit', {
            used: quota.used.toLocaleString(locale),
            limit: quota.limit.toLocaleString(locale),
            percent: new Intl.NumberFormat(locale, { style: 'percent' }).format(share),
          })}
        </span>{' '}
        {resets}
      </p>
      <div
        role="progressbar"
        aria-label={t('usage.quota.meterLabel')}
        aria-valuemin={0}
        aria-valuemax={quota.limit}
        aria-valuenow={Math.min(quota.used, quota.limit)}
        className="h-2.5 overflow-hidden rounded-full bg-zinc-200"
      >
        <div className={`h-full rounded-full ${BAR_COLOURS[quotaLevel(quota)]}`} style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
