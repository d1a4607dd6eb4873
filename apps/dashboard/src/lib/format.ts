// Dates and times in the user's chosen language.
import { useTranslation } from 'react-i18next';

export function useFormatters() {
  const { i18n, t } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return {
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : t('common.never')),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : t('common.never')),
  };
}
