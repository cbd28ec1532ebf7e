/** @okta-authn/widget — the `<okta-authn>` element, its events, messages and view contract. */
import { en } from './i18n/en.js';
import { addEnglish } from './i18n/index.js';

export * from './api.js';
export { en, isMessageKey } from './i18n/en.js';

// Importing the package brings the whole English catalogue: `createTranslator` knows every message at once.
addEnglish(en);
