/** Plain raw transactions (API reference examples) for view tests that need no server. */
/** An org URL where nothing listens: every request fails like a network outage. */
export const UNREACHABLE = 'http://127.0.0.1:9';
/** A link of the unreachable org, POST, with `extra` fields (`name`). */
export const link = (path: string, extra: Record<string, unknown> = {}) => ({ href: `${UNREACHABLE}${path}`, hints: { allow: ['POST'] }, ...extra });

/** The user of the examples. */
export const user = {
  id: '00u1simUSER0000000a1',
  passwordChanged: '2026-02-20T08:00:00.000Z',
  profile: { login: 'ada.lovelace@example.test', firstName: 'Ada', lastName: 'Lovelace', locale: 'en_US', timeZone: 'Europe/London' },
};

const policy = {
  expiration: { passwordExpireDays: 3 },
  complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, excludeAttributes: ['firstName'] },
  age: { minAgeMinutes: 0, historyCount: 4 },
};

/** A password state with the example policy (its `age` part replaced when given). */
export function passwordState(status: 'PASSWORD_WARN' | 'PASSWORD_EXPIRED' | 'PASSWORD_RESET', age: Record<string, unknown> = policy.age): Record<string, unknown> {
  const next = status === 'PASSWORD_RESET' ? link('/api/v1/authn/credentials/reset_password', { name: 'resetPassword' }) : link('/api/v1/authn/credentials/change_password', { name: 'changePassword' });
  return {
    stateToken: '00state',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status,
    _embedded: { user, policy: { ...policy, age } },
    _links: { next, cancel: link('/api/v1/authn/cancel'), ...(status === 'PASSWORD_WARN' ? { skip: link('/api/v1/authn/skip', { name: 'skip' }) } : {}) },
  };
}

/** An enrolled SMS factor. */
export function smsFactor(id: string, phone: string): Record<string, unknown> {
  return { id, factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', profile: { phoneNumber: phone }, _links: { verify: link(`/api/v1/authn/factors/${id}/verify`) } };
}

/** `MFA_REQUIRED` with the given factors. */
export function mfaRequired(factors: Record<string, unknown>[], allowRememberDevice = false): Record<string, unknown> {
  return {
    stateToken: '00state',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'MFA_REQUIRED',
    _embedded: { user, factors, policy: { allowRememberDevice, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 0, factorsPolicyInfo: {} } },
    _links: { cancel: link('/api/v1/authn/cancel') },
  };
}

/** `MFA_CHALLENGE` for an SMS factor (API reference §1.5). */
export function smsChallenge(allowRememberDevice = true): Record<string, unknown> {
  const factor = smsFactor('sms1', '+1 XXX-XXX-4242');
  return {
    stateToken: '00state',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'MFA_CHALLENGE',
    _embedded: { user, factor, policy: { allowRememberDevice, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 1440, factorsPolicyInfo: {} } },
    _links: {
      next: link('/api/v1/authn/factors/sms1/verify', { name: 'verify' }),
      prev: link('/api/v1/authn/previous'),
      cancel: link('/api/v1/authn/cancel'),
      resend: [link('/api/v1/authn/factors/sms1/verify/resend', { name: 'sms' })],
    },
  };
}

/** `SUCCESS` with a session token. */
export function successState(sessionToken = '20111simSESSIONtoken'): Record<string, unknown> {
  return { expiresAt: '2030-01-01T00:00:00.000Z', status: 'SUCCESS', sessionToken, _embedded: { user } };
}

/** `LOCKED_OUT` as documented. */
export function lockedOutState(): Record<string, unknown> {
  return { status: 'LOCKED_OUT', _embedded: {}, _links: { next: link('/api/v1/authn/recovery/unlock', { name: 'unlock' }), cancel: link('/api/v1/authn/cancel') } };
}

/** An entry of `MFA_ENROLL`'s factor list. */
export function enrollEntry(factorType: string, provider: string, enrollment: string, status = 'NOT_SETUP'): Record<string, unknown> {
  return { factorType, provider, vendorName: provider, status, enrollment, _links: status === 'ACTIVE' ? {} : { enroll: link('/api/v1/authn/factors') } };
}

/** `MFA_ENROLL` with the given entries, and `skip` when allowed. */
export function enrollState(factors: Record<string, unknown>[], skip: boolean): Record<string, unknown> {
  return {
    stateToken: '00enroll',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'MFA_ENROLL',
    _embedded: { user: { id: '00u1', profile: { login: 'ada@example.test' } }, factors },
    _links: { cancel: link('/api/v1/authn/cancel'), ...(skip ? { skip: link('/api/v1/authn/skip', { name: 'skip' }) } : {}) },
  };
}

/** `MFA_ENROLL_ACTIVATE` for Google Authenticator: QR code link and shared secret (API reference §4). */
export function totpActivation(): Record<string, unknown> {
  return {
    stateToken: '00state',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'MFA_ENROLL_ACTIVATE',
    _embedded: {
      user,
      factor: {
        id: 'totp1',
        factorType: 'token:software:totp',
        provider: 'GOOGLE',
        vendorName: 'GOOGLE',
        profile: { credentialId: user.profile.login },
        _embedded: { activation: { timeStep: 30, sharedSecret: 'JBSWY3DPEHPK3PXP', encoding: 'base32', keyLength: 6, _links: { qrcode: { href: `${UNREACHABLE}/qr/totp1.png`, type: 'image/png' } } } },
      },
    },
    _links: { next: link('/api/v1/authn/factors/totp1/lifecycle/activate', { name: 'activate' }), prev: link('/api/v1/authn/previous'), cancel: link('/api/v1/authn/cancel') },
  };
}

/** `RECOVERY_CHALLENGE` by SMS (forgot password), with "send again". */
export function recoverySmsChallenge(): Record<string, unknown> {
  return {
    stateToken: '00rc',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'RECOVERY_CHALLENGE',
    factorType: 'SMS',
    recoveryType: 'PASSWORD',
    _links: {
      next: link('/api/v1/authn/recovery/factors/SMS/verify', { name: 'verify' }),
      cancel: link('/api/v1/authn/cancel'),
      resend: link('/api/v1/authn/recovery/factors/SMS/resend', { name: 'sms' }),
    },
  };
}

/** An enrolled Okta Verify push factor. */
export function pushFactor(id = 'push1'): Record<string, unknown> {
  return { id, factorType: 'push', provider: 'OKTA', vendorName: 'OKTA', profile: { name: 'Pixel' }, _links: { verify: link(`/api/v1/authn/factors/${id}/verify`) } };
}

/** An enrolled Okta Verify code (TOTP) factor. */
export function oktaTotpFactor(id = 'totp1'): Record<string, unknown> {
  return { id, factorType: 'token:software:totp', provider: 'OKTA', vendorName: 'OKTA', profile: { credentialId: user.profile.login }, _links: { verify: link(`/api/v1/authn/factors/${id}/verify`) } };
}

/** `MFA_REQUIRED` with push and an Okta Verify code; `autoPush`: the person chose "send push automatically" before. */
export function pushAndTotpRequired(autoPush: boolean): Record<string, unknown> {
  return {
    stateToken: '00state',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'MFA_REQUIRED',
    _embedded: {
      user,
      factors: [oktaTotpFactor(), pushFactor()],
      policy: { allowRememberDevice: false, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 0, factorsPolicyInfo: { push1: { autoPushEnabled: autoPush } } },
    },
    _links: { cancel: link('/api/v1/authn/cancel') },
  };
}

/** `MFA_CHALLENGE` of the push factor, `WAITING` (polled), with its `stateToken`. */
export function pushWaiting(stateToken = '00state'): Record<string, unknown> {
  return {
    stateToken,
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'MFA_CHALLENGE',
    factorResult: 'WAITING',
    _embedded: { user, factor: pushFactor(), policy: { allowRememberDevice: false, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 0, factorsPolicyInfo: {} } },
    _links: {
      next: link('/api/v1/authn/factors/push1/verify', { name: 'poll' }),
      prev: link('/api/v1/authn/previous'),
      cancel: link('/api/v1/authn/cancel'),
      resend: [link('/api/v1/authn/factors/push1/verify/resend', { name: 'push' })],
    },
  };
}

/** An Okta error body. */
export function oktaError(errorCode: string, errorSummary: string, causes: string[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { errorCode, errorSummary, errorLink: errorCode, errorId: 'oae1', errorCauses: causes.map((cause) => ({ errorSummary: cause })), ...extra };
}
