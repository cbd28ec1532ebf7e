/** @okta-authn/express — placeholder until the package lands. */
export const packageName = '@okta-authn/express';
