/** Chunk `client`: the authn client with the schemas it checks responses with, and what `SUCCESS` does; fetched once the first form shows, awaited by the first request. */
export { AuthnClient } from '@okta-authn/core';
export { finishSignIn } from '../finish.js';
