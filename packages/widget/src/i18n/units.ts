import { formatMessage } from './index.js';

/** A length of time in one unit. */
export type DurationUnit = 'minute' | 'hour' | 'day';

/**
 * Unit words for languages whose formatting data browsers leave out (Chromium has none for
 * Haitian Creole and Basque, and would write them in English), as plural messages.
 */
const UNIT_MESSAGES: Record<string, Record<DurationUnit, string>> = {
  ht: { minute: '{count, plural, other {# minit}}', hour: '{count, plural, other {# è}}', day: '{count, plural, other {# jou}}' },
  eu: { minute: '{count, plural, one {minutu #} other {# minutu}}', hour: '{count, plural, one {ordu #} other {# ordu}}', day: '{count, plural, one {egun #} other {# egun}}' },
};

/** International symbols, for a language with neither formatting data nor unit words here: never English words. */
const UNIT_SYMBOLS: Record<DurationUnit, string> = { minute: 'min', hour: 'h', day: 'd' };

/** True when this browser's `Intl` formats numbers and units for `lang` itself (not through a fallback). */
function intlKnows(lang: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf(lang).length > 0;
  } catch {
    return false;
  }
}

/**
 * `value` `unit`s as `lang` writes them ("3 Tage", "3 jou"): through `Intl` where the browser
 * knows the language, else this module's unit words, else the number and the unit's symbol.
 */
export function formatDuration(value: number, unit: DurationUnit, lang: string): string {
  if (intlKnows(lang)) return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  const message = UNIT_MESSAGES[lang.toLowerCase().split(/[-_]/)[0] ?? ''];
  if (message) return formatMessage(message[unit], { count: value }, lang);
  return `${formatMessage('{count}', { count: value }, 'en')}\u00a0${UNIT_SYMBOLS[unit]}`;
}

/** A number of minutes in the largest whole unit: 1440 → 1 day, 120 → 2 hours, 90 → 90 minutes. */
export function formatMinutes(minutes: number, lang: string): string {
  if (minutes % 1440 === 0) return formatDuration(minutes / 1440, 'day', lang);
  if (minutes % 60 === 0) return formatDuration(minutes / 60, 'hour', lang);
  return formatDuration(minutes, 'minute', lang);
}
