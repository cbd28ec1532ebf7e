/** @okta-authn/core — placeholder until the package lands. */
export const packageName = '@okta-authn/core';
