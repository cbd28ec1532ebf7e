/** English messages of the security key and biometric factor (WebAuthn, U2F): the `webauthn` chunk brings them. */
export const enWebauthn = {
  'factor.webauthn.name': 'Security key or biometric',
  'factor.webauthn.intro': 'Use your security key or this device’s fingerprint or face.',
  'factor.webauthn.keyName': 'Name this key (optional)',
  'factor.webauthn.cancelled': 'The request was cancelled or timed out.',
  'factor.webauthn.registered': 'This key is already registered. Use another one.',
  'factor.webauthn.unavailable': 'Security keys can’t be used on this page or in this browser.',
  'factor.webauthn.rejected': 'This key was not accepted. Try another one.',
  'factor.webauthn.add': 'Add another security key or biometric',
} as const;
