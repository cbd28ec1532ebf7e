import { languageDirection, shippedTags } from './shipped.js';
import type { ShippedTag } from './shipped.js';

export { languageDirection, shippedTags } from './shipped.js';
export type { ShippedTag } from './shipped.js';

/** A language the package ships a catalogue for. */
export interface ShippedLanguage {
  /** BCP 47 tag, as the catalogue file is named (`i18n/<tag>.js`). */
  readonly tag: ShippedTag;
  /** The language's name in its own language, for pickers. */
  readonly name: string;
  /** Writing direction of the language. */
  readonly dir: 'ltr' | 'rtl';
}

/** Each shipped language's name in its own language. */
const NAMES: Record<ShippedTag, string> = {
  en: 'English',
  ar: 'العربية',
  cs: 'Čeština',
  da: 'Dansk',
  de: 'Deutsch',
  el: 'Ελληνικά',
  es: 'Español',
  eu: 'Euskara',
  fa: 'فارسی',
  fi: 'Suomi',
  fr: 'Français',
  he: 'עברית',
  ht: 'Kreyòl ayisyen',
  hu: 'Magyar',
  id: 'Bahasa Indonesia',
  it: 'Italiano',
  ja: '日本語',
  ko: '한국어',
  ms: 'Bahasa Melayu',
  nb: 'Norsk bokmål',
  'nl-NL': 'Nederlands',
  pl: 'Polski',
  'pt-BR': 'Português (Brasil)',
  ro: 'Română',
  ru: 'Русский',
  sv: 'Svenska',
  th: 'ไทย',
  tr: 'Türkçe',
  uk: 'Українська',
  vi: 'Tiếng Việt',
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
};

/** Every language the package ships, English (built in) first, then by tag. */
export const shippedLanguages: readonly ShippedLanguage[] = shippedTags.map((tag) => ({ tag, name: NAMES[tag], dir: languageDirection(tag) }));
