import { DEFAULT_PASSWORD, DEFAULT_SEED } from '@okta-authn/simulator';
import type { SeedInput } from '@okta-authn/simulator';

/** One row of the demo users table: which flow a seeded user shows, and how to sign in. */
export interface DemoUser {
  /** What signing in as this user demonstrates. */
  flow: string;
  /** The username. */
  login: string;
  /** The password at start (flows that change it last until the demo restarts). */
  password: string;
  /** What to do along the way, in the page's terms. */
  hint: string;
}

/** Users the demo adds to the simulator's default seed, for the enrollment flows. */
const EXTRA_USERS = [
  {
    profile: { login: 'enroll.totp@example.test', email: 'enroll.totp@example.test', firstName: 'Theo', lastName: 'Scanner' },
    password: DEFAULT_PASSWORD,
    policy: { mfa: 'required', enroll: ['token:software:totp'] },
  },
  {
    profile: { login: 'enroll.push@example.test', email: 'enroll.push@example.test', firstName: 'Pat', lastName: 'Pairing' },
    password: DEFAULT_PASSWORD,
    policy: { mfa: 'required', enroll: ['push'] },
  },
] as const;

/** The seed the embedded simulator starts with: the default demo users plus the enrollment users above. */
export const DEMO_SEED: SeedInput = {
  ...DEFAULT_SEED,
  users: [...(DEFAULT_SEED.users ?? []), ...EXTRA_USERS] as SeedInput['users'],
};

const p = DEFAULT_PASSWORD;

/** The seeded users, one per flow, in the order the login page and the README list them. */
export const DEMO_USERS: readonly DemoUser[] = [
  { flow: 'Password only', login: 'plain@example.test', password: p, hint: 'Straight to the app.' },
  { flow: 'MFA by SMS', login: 'sms.mfa@example.test', password: p, hint: 'The code arrives in the device panel.' },
  { flow: 'MFA by voice call', login: 'call.mfa@example.test', password: p, hint: 'The device panel shows the spoken code.' },
  { flow: 'MFA by email', login: 'email.mfa@example.test', password: p, hint: 'The email is in the device panel.' },
  { flow: 'MFA by security question', login: 'question.mfa@example.test', password: p, hint: 'Answer: mayonnaise.' },
  { flow: 'Okta Verify TOTP, remember device', login: 'totp.okta@example.test', password: p, hint: 'Current code in the device panel; tick “Don’t ask again” and sign in twice.' },
  { flow: 'Google Authenticator', login: 'totp.google@example.test', password: p, hint: 'Current code in the device panel.' },
  { flow: 'Okta Verify push', login: 'push@example.test', password: p, hint: 'Approve or reject in the device panel.' },
  { flow: 'Push with number challenge', login: 'push.number@example.test', password: p, hint: 'Pick the number the sign-in page shows.' },
  { flow: 'YubiKey OTP', login: 'yubikey@example.test', password: p, hint: 'Next OTP in the device panel.' },
  { flow: 'RSA SecurID', login: 'rsa@example.test', password: p, hint: 'Current tokencode in the device panel.' },
  { flow: 'Security key or biometric (WebAuthn)', login: 'webauthn@example.test', password: p, hint: 'Import the demo key (simulator README) into a DevTools virtual authenticator; the page must be on localhost.' },
  { flow: 'SMS enrollment required', login: 'enroll.required@example.test', password: p, hint: 'Enter any valid phone number; the code arrives in the device panel.' },
  { flow: 'TOTP enrollment required', login: 'enroll.totp@example.test', password: p, hint: 'Type the code the device panel shows for the app being set up, or the shown secret into any authenticator app.' },
  { flow: 'Okta Verify push enrollment', login: 'enroll.push@example.test', password: p, hint: 'Approve the pairing in the device panel.' },
  { flow: 'Security key enrollment required', login: 'enroll.webauthn@example.test', password: p, hint: 'Register a security key, Touch ID, Windows Hello or a DevTools virtual authenticator, then sign in with it.' },
  { flow: 'Password expired', login: 'password.expired@example.test', password: p, hint: 'Choose a new password.' },
  { flow: 'Password about to expire', login: 'password.warn@example.test', password: p, hint: 'Change it or choose “Remind me later”.' },
  { flow: 'Lockout, then self-service unlock', login: 'locked.out@example.test', password: p, hint: 'Three wrong passwords lock it; unlock by email or SMS, answer: Babbage.' },
  { flow: 'Forgot password (SMS, email or call)', login: 'recovery@example.test', password: p, hint: 'Recovery answer: Babbage.' },
  { flow: 'The seeds’ recovery case', login: 'mary.jane@example.test', password: 'Initial-Passw0rd!', hint: 'Forgot password by email, answer mayonnaise, new password, then email MFA.' },
];
