/** Chunk `client`: the authn client and the response schemas it checks with, loaded right after the first form shows and awaited by the first request. */
export { AuthnClient } from '@okta-authn/core';
