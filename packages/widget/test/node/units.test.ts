import { describe, expect, test } from 'vitest';
import { formatDuration, formatMinutes } from '../../src/i18n/units.js';

describe('durations', () => {
  test('a language Intl knows is written by Intl, in the largest whole unit', () => {
    expect(formatMinutes(1440, 'de')).toBe('1 Tag');
    expect(formatMinutes(120, 'fr')).toMatch(/^2\sheures$/);
    expect(formatMinutes(90, 'en')).toBe('90 minutes');
  });

  test('a language without Intl data is written with its own unit words, or the unit symbol, never English words', () => {
    const supported = (lang: string): boolean => Intl.NumberFormat.supportedLocalesOf(lang).length > 0;
    if (!supported('ht')) expect(formatDuration(3, 'day', 'ht')).toBe('3 jou');
    if (!supported('eu')) expect(formatDuration(1, 'day', 'eu')).toBe('egun 1');
    expect(formatDuration(2, 'hour', 'x-none')).toBe('2\u00a0h');
    expect(formatDuration(30, 'minute', 'x-none')).toBe('30\u00a0min');
  });
});
