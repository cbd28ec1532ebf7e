/** @okta-authn/widget — the `<okta-authn>` element, its events, messages and view contract. */
import { en } from './i18n/en.js';
import { addEnglish } from './i18n/index.js';

export * from './api.js';
export { ClassicConfigError, applyClassicConfig } from './classic-config.js';
export type { ClassicConfigIssue, UnmappedOption } from './classic-config.js';
export { en, isMessageKey } from './i18n/en.js';
export { languageDirection, shippedLanguages, shippedTags } from './i18n/languages.js';
export type { ShippedLanguage, ShippedTag } from './i18n/languages.js';
export { negotiateLanguage } from './i18n/negotiate.js';

// Importing the package brings the whole English catalogue: `createTranslator` knows every message at once.
addEnglish(en);
