import { DEMO_WEBAUTHN_KEY } from './factors/webauthn-demo-key.js';
import type { SeedInput } from './seed.js';

/** The password every default-seed user signs in with. */
export const DEFAULT_PASSWORD = 'Sim-Passw0rd!';

const mfa = { mfa: 'required' } as const;

function person(login: string, firstName: string, lastName: string, extra: Record<string, string> = {}) {
  return { login, email: login, firstName, lastName, ...extra };
}

/** One user per flow the demo shows; the package README lists them. */
export const DEFAULT_SEED: SeedInput = {
  passwordPolicies: {
    default: { lockout: { maxAttempts: 10 } },
    expiring: { age: { maxAgeDays: 90, expireWarnDays: 7 } },
    'lockout-visible': { lockout: { maxAttempts: 3, autoUnlockMinutes: 30, showLockoutFailures: true } },
    'seed-recovery': {
      complexity: { minLength: 10, excludeUsername: true, excludeAttributes: ['firstName', 'lastName'] },
      age: { minAgeMinutes: 0, historyCount: 10 },
    },
  },
  users: [
    { profile: person('plain@example.test', 'Paula', 'Plain'), password: DEFAULT_PASSWORD },
    {
      profile: person('sms.mfa@example.test', 'Sam', 'Texter', { mobilePhone: '+15552024201' }),
      password: DEFAULT_PASSWORD,
      policy: mfa,
      factors: [{ factorType: 'sms', phoneNumber: '+15552024201' }],
    },
    {
      profile: person('call.mfa@example.test', 'Cal', 'Caller'),
      password: DEFAULT_PASSWORD,
      policy: mfa,
      factors: [{ factorType: 'call', phoneNumber: '+15552024202' }],
    },
    { profile: person('email.mfa@example.test', 'Emma', 'Mailer'), password: DEFAULT_PASSWORD, policy: mfa, factors: [{ factorType: 'email' }] },
    {
      profile: person('question.mfa@example.test', 'Quinn', 'Asker'),
      password: DEFAULT_PASSWORD,
      policy: mfa,
      factors: [{ factorType: 'question', question: 'disliked_food', answer: 'mayonnaise' }],
    },
    {
      profile: person('totp.okta@example.test', 'Otto', 'Verify'),
      password: DEFAULT_PASSWORD,
      policy: { mfa: 'required', allowRememberDevice: true, rememberDeviceLifetimeInMinutes: 15 },
      factors: [{ factorType: 'token:software:totp', provider: 'OKTA', sharedSecret: 'JBSWY3DPEHPK3PXP' }],
    },
    {
      profile: person('totp.google@example.test', 'Gina', 'Authenticator'),
      password: DEFAULT_PASSWORD,
      policy: mfa,
      factors: [{ factorType: 'token:software:totp', provider: 'GOOGLE', sharedSecret: 'KRSXG5CTMVRXEZLU' }],
    },
    { profile: person('push@example.test', 'Pia', 'Pusher'), password: DEFAULT_PASSWORD, policy: mfa, factors: [{ factorType: 'push' }] },
    {
      profile: person('push.number@example.test', 'Nico', 'Numbers'),
      password: DEFAULT_PASSWORD,
      policy: { mfa: 'required', numberChallenge: true },
      factors: [{ factorType: 'push' }],
    },
    {
      profile: person('yubikey@example.test', 'Yuki', 'Keys'),
      password: DEFAULT_PASSWORD,
      policy: mfa,
      factors: [{ factorType: 'token:hardware', provider: 'YUBICO', credentialId: 'ccccccbcgujh' }],
    },
    {
      profile: person('rsa@example.test', 'Rosa', 'Tokens'),
      password: DEFAULT_PASSWORD,
      policy: mfa,
      factors: [{ factorType: 'token', provider: 'RSA', credentialId: 'rsa-000123' }],
    },
    {
      profile: person('webauthn@example.test', 'Wren', 'Authn'),
      password: DEFAULT_PASSWORD,
      policy: mfa,
      factors: [
        {
          factorType: 'webauthn',
          credentialId: DEMO_WEBAUTHN_KEY.credentialId,
          publicKey: DEMO_WEBAUTHN_KEY.publicKey,
          authenticatorName: DEMO_WEBAUTHN_KEY.authenticatorName,
        },
      ],
    },
    {
      profile: person('passwordless@example.test', 'Pat', 'Passwordless'),
      password: DEFAULT_PASSWORD,
      policy: { passwordless: true },
      factors: [{ factorType: 'email' }, { factorType: 'question', question: 'disliked_food', answer: 'mayonnaise' }],
    },
    { profile: person('enroll.required@example.test', 'Erin', 'Enroller'), password: DEFAULT_PASSWORD, policy: { mfa: 'required', enroll: ['sms'] } },
    {
      profile: person('enroll.webauthn@example.test', 'Kit', 'Keyholder'),
      password: DEFAULT_PASSWORD,
      policy: { mfa: 'required', enroll: ['webauthn'] },
    },
    { profile: person('password.expired@example.test', 'Pete', 'Expired'), password: DEFAULT_PASSWORD, passwordExpired: true },
    { profile: person('password.warn@example.test', 'Wanda', 'Warned'), password: DEFAULT_PASSWORD, passwordPolicy: 'expiring', passwordAgeDays: 85 },
    {
      profile: person('locked.out@example.test', 'Lou', 'Locked', { mobilePhone: '+15552024203' }),
      password: DEFAULT_PASSWORD,
      passwordPolicy: 'lockout-visible',
      recoveryQuestion: { question: 'What is the name of your first robot?', answer: 'Babbage' },
    },
    {
      profile: person('recovery@example.test', 'Rae', 'Covery', { mobilePhone: '+15552024204' }),
      password: DEFAULT_PASSWORD,
      recoveryQuestion: { question: 'What is the name of your first robot?', answer: 'Babbage' },
      factors: [{ factorType: 'sms', phoneNumber: '+15552024204' }],
    },
    {
      profile: person('mary.jane@example.test', 'Mary', 'Jane'),
      password: 'Initial-Passw0rd!',
      passwordPolicy: 'seed-recovery',
      recoveryQuestion: { question: 'disliked_food', answer: 'mayonnaise' },
      policy: mfa,
      factors: [{ factorType: 'email' }],
    },
  ],
};
