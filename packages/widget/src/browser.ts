/**
 * Entry of the browser build (`dist/browser/okta-authn.js`): registers `<okta-authn>` and exports
 * the API, without the whole English catalogue (`en`, `isMessageKey`: import those from the
 * package), so that only the first step's English loads up front.
 */
import './define.js';

export * from './api.js';
export { TAG_NAME, defineOktaAuthn } from './define.js';

// The chunks import this file by its plain URL; loaded under another (`?v=2`), it would be a second copy.
if (/[?#]/.test(import.meta.url)) {
  console.warn('<okta-authn>: load okta-authn.js without a query string or hash; its chunks import it by its plain URL. Version the folder instead.');
}
