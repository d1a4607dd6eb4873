// Translation resources and their types: English is the reference every other language must match.
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

/** Same keys as English, any strings. */
export type Translation = { [K in keyof typeof en]: (typeof en)[K] extends string ? string : Nested<(typeof en)[K]> };
type Nested<T> = { [K in keyof T]: T[K] extends string ? string : Nested<T[K]> };

type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

/** Any translation key, e.g. `credentials.reveal`. */
export type TranslationKey = Paths<typeof en>;

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
  { code: 'es', label: 'Español' },
  { code: 'de', label: 'Deutsch' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const resources: Record<LanguageCode, { translation: Translation }> = {
  en: { translation: en },
  fr: { translation: fr },
  es: { translation: es },
  de: { translation: de },
};
