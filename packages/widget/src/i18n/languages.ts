/** A language the package ships a catalogue for. */
export interface ShippedLanguage {
  /** BCP 47 tag, as the catalogue file is named (`i18n/<tag>.js`). */
  readonly tag: string;
  /** The language's name in its own language, for pickers. */
  readonly name: string;
  /** Writing direction of the language. */
  readonly dir: 'ltr' | 'rtl';
}

/** Every language the package ships, English (built in) first, then by tag. */
export const shippedLanguages: readonly ShippedLanguage[] = [
  { tag: 'en', name: 'English', dir: 'ltr' },
  { tag: 'ar', name: 'العربية', dir: 'rtl' },
  { tag: 'cs', name: 'Čeština', dir: 'ltr' },
  { tag: 'da', name: 'Dansk', dir: 'ltr' },
  { tag: 'de', name: 'Deutsch', dir: 'ltr' },
  { tag: 'el', name: 'Ελληνικά', dir: 'ltr' },
  { tag: 'es', name: 'Español', dir: 'ltr' },
  { tag: 'eu', name: 'Euskara', dir: 'ltr' },
  { tag: 'fa', name: 'فارسی', dir: 'rtl' },
  { tag: 'fi', name: 'Suomi', dir: 'ltr' },
  { tag: 'fr', name: 'Français', dir: 'ltr' },
  { tag: 'he', name: 'עברית', dir: 'rtl' },
  { tag: 'ht', name: 'Kreyòl ayisyen', dir: 'ltr' },
  { tag: 'hu', name: 'Magyar', dir: 'ltr' },
  { tag: 'id', name: 'Bahasa Indonesia', dir: 'ltr' },
  { tag: 'it', name: 'Italiano', dir: 'ltr' },
  { tag: 'ja', name: '日本語', dir: 'ltr' },
  { tag: 'ko', name: '한국어', dir: 'ltr' },
  { tag: 'ms', name: 'Bahasa Melayu', dir: 'ltr' },
  { tag: 'nb', name: 'Norsk bokmål', dir: 'ltr' },
  { tag: 'nl-NL', name: 'Nederlands', dir: 'ltr' },
  { tag: 'pl', name: 'Polski', dir: 'ltr' },
  { tag: 'pt-BR', name: 'Português (Brasil)', dir: 'ltr' },
  { tag: 'ro', name: 'Română', dir: 'ltr' },
  { tag: 'ru', name: 'Русский', dir: 'ltr' },
  { tag: 'sv', name: 'Svenska', dir: 'ltr' },
  { tag: 'th', name: 'ไทย', dir: 'ltr' },
  { tag: 'tr', name: 'Türkçe', dir: 'ltr' },
  { tag: 'uk', name: 'Українська', dir: 'ltr' },
  { tag: 'vi', name: 'Tiếng Việt', dir: 'ltr' },
  { tag: 'zh-CN', name: '简体中文', dir: 'ltr' },
  { tag: 'zh-TW', name: '繁體中文', dir: 'ltr' },
];

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** Writing direction of any BCP 47 tag by its language subtag (`ar-EG` → `rtl`, `de` → `ltr`). */
export function languageDirection(tag: string): 'ltr' | 'rtl' {
  const [language = '', ...rest] = tag.toLowerCase().split(/[-_]/);
  if (rest.includes('latn')) return 'ltr';
  return RTL.has(language) || rest.includes('arab') || rest.includes('hebr') ? 'rtl' : 'ltr';
}
