// Numbers, latencies, shares and UTC days in the user's language, for the Usage page's figures and charts.
import { useTranslation } from 'react-i18next';

export function useUsageFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const integer = new Intl.NumberFormat(locale);
  const share = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  // Usage days are UTC days: formatting them in UTC keeps "June 3" from showing as June 2 west of Greenwich.
  const short = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayInstant = (day: string) => Date.parse(`${day}T00:00:00Z`);
  return {
    number: (value: number) => integer.format(value),
    ms: (value: number | null) => (value === null ? '—' : t('usage.ms', { value: integer.format(Math.round(value)) })),
    share: (part: number, whole: number) => (whole === 0 ? '—' : share.format(part / whole)),
    shortDay: (day: string) => short.format(dayInstant(day)),
    day: (day: string) => full.format(dayInstant(day)),
  };
}
