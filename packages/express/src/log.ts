import createDebug from 'debug';

/** The package's debug logger (`DEBUG=okta-authn:express`); never give it a token, cookie or password. */
export const log = createDebug('okta-authn:express');
