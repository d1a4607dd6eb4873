// i18next set-up: the language comes from localStorage, then the browser, then English.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type LanguageCode, resources } from './resources';

const LANGUAGE_KEY = 'mcps.lang';

function isLanguage(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((l) => l.code === code);
}

function initialLanguage(): LanguageCode {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (isLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

export function changeLanguage(code: LanguageCode): void {
  localStorage.setItem(LANGUAGE_KEY, code);
  void i18n.changeLanguage(code);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export { i18n };
