/** @okta-authn/widget — placeholder until the package lands. */
export const packageName = '@okta-authn/widget';
