/** @okta-authn/simulator — placeholder until the package lands. */
export const packageName = '@okta-authn/simulator';
