/**
 * The WebAuthn credential `webauthn@example.test` has in the default seed. Its private key is
 * public on purpose (the README prints it): import it into a software or DevTools virtual
 * authenticator to sign in as that user. Never register it anywhere real.
 */
export const DEMO_WEBAUTHN_KEY = {
  /** Credential id, base64url. */
  credentialId: 'qy10oPGw_qEfw9mPobnQd4FxIqLN_rVG_IW_OHqu7g0',
  /** ES256 (P-256) private key, PKCS#8 DER, base64: what `WebAuthn.addCredential` takes as `privateKey`. */
  privateKey:
    'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgH7QhpP/6igO2tgarSJY4gZ3aH7HPEkXxU1CV4dZrKI2hRANCAARR6eIW6ux73LcaUaOEEMhxu+V3IvPm/bHig+2fxdZstsDMVGJf+7T64MQFtnGoJ506/azgZ9hTeb9u64zDRglT',
  /** The matching public key as the simulator stores it: a COSE key, base64url. */
  publicKey: 'pQECAyYgASFYIFHp4hbq7HvctxpRo4QQyHG75Xci8-b9seKD7Z_F1my2IlggwMxUYl_7tPrgxAW2cagnnTr9rOBn2FN5v27rjMNGCVM',
  /** The relying party it is registered for: the simulator on `localhost`. */
  rpId: 'localhost',
  /** The name the factor shows. */
  authenticatorName: 'Demo security key',
} as const;
