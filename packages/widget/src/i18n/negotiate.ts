/** Old or macro-language tags browsers still send, and the tag we ship for each. */
const ALIASES: Record<string, string> = { iw: 'he', in: 'id', no: 'nb', nn: 'nb', zh: 'zh-cn' };

/** Chinese variants by script or region: traditional script for Taiwan, Hong Kong and Macau. */
function chineseVariant(subtags: string[]): string {
  if (subtags.includes('hant') || subtags.some((subtag) => ['tw', 'hk', 'mo'].includes(subtag))) return 'zh-tw';
  return 'zh-cn';
}

/**
 * The best of `available` (BCP 47 tags) for a person who asks for `wanted`, most wanted first:
 * for each wanted tag in turn, the same tag, else its language alone (`de-AT` → `de`), else the
 * language in another region (`pt-PT` → `pt-BR`); `fallback` when none of them is available.
 * Comparison ignores case and `_`; the answer is spelled as in `available`.
 */
export function negotiateLanguage(wanted: readonly string[], available: readonly string[], fallback = 'en'): string {
  const byLower = new Map(available.map((tag) => [tag.toLowerCase().replace(/_/g, '-'), tag]));
  for (const raw of wanted) {
    const subtags = raw.trim().toLowerCase().replace(/_/g, '-').split('-').filter(Boolean);
    const [language] = subtags;
    if (!language) continue;
    const exact = byLower.get(subtags.join('-'));
    if (exact) return exact;
    const base = language === 'zh' ? chineseVariant(subtags) : (ALIASES[language] ?? language);
    const alone = byLower.get(base);
    if (alone) return alone;
    const sibling = [...byLower.keys()].find((tag) => tag.split('-')[0] === base.split('-')[0]);
    if (sibling) return byLower.get(sibling)!;
  }
  return fallback;
}
