/** Entry of the one-file browser build (`dist/browser/okta-authn.js`): registers `<okta-authn>` and exports the API. */
import './define.js';

export * from './index.js';
export { TAG_NAME, defineOktaAuthn } from './define.js';
