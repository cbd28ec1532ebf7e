/** Demo placeholder: replaced by the real demo site (issue 6). */
console.log('okta-authn demo: not built yet');
