/**
 * Chunk `client`: the authn client with the schemas it checks responses with, and what comes only
 * through it: `SUCCESS` (its view and what it does) and the views of states and factors this
 * element has none for. Fetched once the first form shows, awaited by the first request.
 */
export { AuthnClient } from '@okta-authn/core';
export { finishSignIn } from '../finish.js';
export { success } from '../views/success.js';
export { unsupportedState } from '../views/unsupported-state.js';
export { unsupported } from '../factors/unsupported.js';
export { stepStyles as styles } from '../styles/steps.js';
