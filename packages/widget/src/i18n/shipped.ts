/**
 * The tags of the languages the package ships (what the element negotiates over) and their
 * writing direction: small enough for the element's entry, unlike the names in `languages.ts`.
 */

/** BCP 47 tags of every shipped language, English (built in) first, then by tag; each other one is `i18n/<tag>.js`. */
export const shippedTags = [
  'en', 'ar', 'cs', 'da', 'de', 'el', 'es', 'eu', 'fa', 'fi', 'fr', 'he', 'ht', 'hu', 'id', 'it',
  'ja', 'ko', 'ms', 'nb', 'nl-NL', 'pl', 'pt-BR', 'ro', 'ru', 'sv', 'th', 'tr', 'uk', 'vi', 'zh-CN', 'zh-TW',
] as const;

/** A language the package ships a catalogue for (or English). */
export type ShippedTag = (typeof shippedTags)[number];

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** Writing direction of any BCP 47 tag by its language subtag (`ar-EG` → `rtl`, `de` → `ltr`). */
export function languageDirection(tag: string): 'ltr' | 'rtl' {
  const [language = '', ...rest] = tag.toLowerCase().split(/[-_]/);
  if (rest.includes('latn')) return 'ltr';
  return RTL.has(language) || rest.includes('arab') || rest.includes('hebr') ? 'rtl' : 'ltr';
}
