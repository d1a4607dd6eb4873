// The quota warning above every page: from 80 % of today's MCP calls, and louder once calls are refused.
import type { QuotaStatus } from '@mcp-studio/protocol';
import { AlertTriangle, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../auth/ability';
import { useFormatters } from '../../lib/format';
import { useQuota } from './usageApi';
import { quotaLevel, quotaShare } from './usageSeries';

const TONES = {
  warning: { box: 'bg-amber-50 text-amber-900 ring-amber-300', link: 'text-amber-950', Icon: AlertTriangle },
  reached: { box: 'bg-red-50 text-red-900 ring-red-300', link: 'text-red-950', Icon: XCircle },
} as const;

/** The banner for a quota, or nothing below 80 % or on an unlimited plan. */
export function QuotaNotice({ quota }: { quota: QuotaStatus }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const canChangePlan = useAbility().can('update', 'Organization');
  const level = quotaLevel(quota);
  if (level === 'none' || quota.limit === null) return null;

  const locale = i18n.resolvedLanguage ?? 'en';
  const values = {
    used: quota.used.toLocaleString(locale),
    limit: quota.limit.toLocaleString(locale),
    percent: new Intl.NumberFormat(locale, { style: 'percent' }).format(quotaShare(quota) ?? 0),
    time: dateTime(quota.reset_at),
  };
  const { box, link, Icon } = TONES[level];
  return (
    <div
      // A refused call is an error the user must notice; nearing the limit is news that can wait its turn.
      role={level === 'reached' ? 'alert' : 'status'}
      data-testid="quota-banner"
      data-level={level}
      className={`flex gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset ${box}`}
    >
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 space-y-1">
        <p className="font-medium">
          {level === 'reached' ? t('usage.quota.reached', values) : t('usage.quota.warning', values)}
        </p>
        <p>
          {level === 'warning' ? `${t('usage.quota.resetsAt', values)} ` : null}
          {canChangePlan ? null : `${t('usage.quota.askAdmin')} `}
          <Link to="/settings/organization" className={`font-semibold underline underline-offset-2 ${link}`}>
            {canChangePlan ? t('usage.quota.upgrade') : t('usage.quota.seePlan')}
          </Link>
        </p>
      </div>
    </div>
  );
}

/** The shell's notice: polls the quota wherever the user is, and shows the banner when it says something. */
export default function QuotaBanner() {
  const quota = useQuota();
  if (!quota.data) return null;
  return <QuotaNotice quota={quota.data} />;
}
