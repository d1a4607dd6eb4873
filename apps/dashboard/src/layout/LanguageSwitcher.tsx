// Language picker; the choice is kept in localStorage.
import { Languages } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/i18n';
import { LANGUAGES, type LanguageCode } from '../i18n/resources';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <Languages aria-hidden className="size-4 text-zinc-500" />
      <label htmlFor={id} className="sr-only">
        {t('header.language')}
      </label>
      <select
        id={id}
        value={i18n.resolvedLanguage ?? 'en'}
        onChange={(e) => changeLanguage(e.target.value as LanguageCode)}
        className="rounded-md border-0 bg-transparent py-1 pr-7 pl-1 text-sm text-zinc-700 ring-1 ring-zinc-200 ring-inset hover:bg-zinc-50 focus:ring-2 focus:ring-indigo-600"
      >
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code}>
            {language.label}
          </option>
        ))}
      </select>
    </div>
  );
}
