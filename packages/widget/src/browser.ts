/**
 * Entry of the browser build (`dist/browser/okta-authn.js`): registers `<okta-authn>` and exports
 * the API, without the whole English catalogue (`en`, `isMessageKey`: import those from the
 * package), so that only the first step's English loads up front.
 */
import './define.js';

export * from './api.js';
export { TAG_NAME, defineOktaAuthn } from './define.js';
