/**
 * Raw authn responses for every state and factor type of the API reference, with a hostile
 * string in every server-provided text field. Built by hand on purpose: the point is to feed
 * the element what a hostile or broken server could send, which the simulator never would.
 */
export const HOSTILE = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';

const ORG = 'https://org.example.test';
const h = (suffix = '') => `${HOSTILE}${suffix}`;
const link = (path: string, extra: Record<string, unknown> = {}) => ({ href: `${ORG}${path}`, hints: { allow: ['POST'] }, ...extra });

const user = {
  id: h('user'),
  passwordChanged: '2026-02-20T08:00:00.000Z',
  profile: { login: h('@example.test'), firstName: h('first'), lastName: h('last'), locale: h(), timeZone: h() },
};
const passwordPolicy = {
  expiration: { passwordExpireDays: 3 },
  complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, excludeUsername: true, excludeAttributes: ['firstName', 'lastName', h()] },
  age: { minAgeMinutes: 0, historyCount: 4 },
};
const rememberPolicy = { allowRememberDevice: true, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 1440, factorsPolicyInfo: {} };
const common = { stateToken: h('state'), expiresAt: '2030-01-01T00:00:00.000Z', relayState: h('relay') };

/** One factor of every documented type (plus an unknown one), hostile in every profile field. */
export function factorsOfEveryType(): Record<string, unknown>[] {
  const factor = (factorType: string, provider: string, profile: Record<string, unknown>, id = `${factorType}-${provider}`) => ({
    id: `${h(id)}`,
    factorType,
    provider,
    vendorName: h(provider),
    profile,
    _links: { verify: link(`/api/v1/authn/factors/${encodeURIComponent(id)}/verify`) },
  });
  return [
    factor('question', 'OKTA', { question: h('q'), questionText: h('question text') }),
    factor('sms', 'OKTA', { phoneNumber: h('+1 XXX-XXX-4242') }),
    factor('sms', 'OKTA', { phoneNumber: h('+1 XXX-XXX-1111') }, 'sms-2'),
    factor('call', 'OKTA', { phoneNumber: h('+1 XXX-XXX-4243'), phoneExtension: h() }),
    factor('email', 'OKTA', { email: h('a...e@example.test') }),
    factor('token:software:totp', 'OKTA', { credentialId: h() }),
    factor('token:software:totp', 'GOOGLE', { credentialId: h() }),
    factor('push', 'OKTA', { credentialId: h(), deviceType: h(), name: h('phone'), platform: h(), version: h() }),
    factor('token', 'RSA', { credentialId: h() }),
    factor('token', 'SYMANTEC', { credentialId: h() }),
    factor('token:hardware', 'YUBICO', { credentialId: h() }),
    factor('token:hotp', 'CUSTOM', { credentialId: h() }),
    factor('web', 'DUO', { credentialId: h() }),
    factor('u2f', 'FIDO', { credentialId: h(), appId: h(), version: h() }),
    factor('webauthn', 'FIDO', { credentialId: h(), authenticatorName: h() }),
    factor(h('type'), h('provider'), { anything: h() }),
  ];
}

function challenge(factor: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const type = String(factor.factorType);
  const resendName = ['sms', 'call', 'email', 'push'].includes(type) ? type : undefined;
  const embedded =
    type === 'push'
      ? { challenge: { correctAnswer: 47 } }
      : type === 'u2f'
        ? { challenge: { nonce: h(), timeoutSeconds: 20 } }
        : type === 'webauthn'
          ? { challenge: { challenge: h(), userVerification: h() } }
          : {};
  return {
    ...common,
    status: 'MFA_CHALLENGE',
    factorResult: type === 'push' ? 'WAITING' : 'CHALLENGE',
    ...extra,
    _embedded: { user, factor: { ...factor, _embedded: embedded }, policy: rememberPolicy },
    _links: {
      next: link(`/api/v1/authn/factors/x/verify`, { name: type === 'push' && !extra.factorResult ? 'poll' : 'verify' }),
      prev: link('/api/v1/authn/previous'),
      cancel: link('/api/v1/authn/cancel'),
      ...(resendName ? { resend: [link('/api/v1/authn/factors/x/verify/resend', { name: resendName })] } : {}),
    },
  };
}

function activation(factor: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const type = String(factor.factorType);
  const qrcode = { href: `${ORG}/qr/${encodeURIComponent(h())}`, type: 'image/png' };
  const embedded =
    type === 'token:software:totp'
      ? { activation: { timeStep: 30, sharedSecret: h('SECRET'), encoding: 'base32', keyLength: 6, _links: { qrcode } } }
      : type === 'push'
        ? {
            activation: {
              expiresAt: '2030-01-01T00:00:00.000Z',
              factorResult: 'WAITING',
              _links: { qrcode, send: [link('/act/email', { name: 'email' }), link('/act/sms', { name: 'sms' })] },
            },
          }
        : type === 'u2f'
          ? { activation: { version: 'U2F_V2', appId: h(), nonce: h(), timeoutSeconds: 20 } }
          : {};
  const resend = ['sms', 'call', 'email'].includes(type) ? { resend: [link('/api/v1/authn/factors/x/lifecycle/resend', { name: type })] } : {};
  return {
    ...common,
    status: 'MFA_ENROLL_ACTIVATE',
    ...(type === 'push' ? { factorResult: 'WAITING' } : {}),
    ...extra,
    _embedded: { user, factor: { ...factor, _embedded: embedded } },
    _links: {
      next: link('/api/v1/authn/factors/x/lifecycle/activate', { name: type === 'push' && !extra.factorResult ? 'poll' : 'activate' }),
      prev: link('/api/v1/authn/previous'),
      cancel: link('/api/v1/authn/cancel'),
      ...resend,
    },
  };
}

/** Every state and factor type of the API reference, hostile; `name` says which. */
export function hostileTransactions(): { name: string; raw: Record<string, unknown> }[] {
  const factors = factorsOfEveryType();
  const enrollable = factors.map(({ id: _id, ...factor }, index) => ({
    ...factor,
    status: 'NOT_SETUP',
    enrollment: index % 2 ? 'OPTIONAL' : 'REQUIRED',
    _links: { enroll: link('/api/v1/authn/factors'), questions: { href: `${ORG}/api/v1/users/x/factors/questions`, hints: { allow: ['GET'] } } },
    _embedded: { phones: [{ id: h(), status: 'ACTIVE', profile: { phoneNumber: h() } }] },
  }));
  const list: { name: string; raw: Record<string, unknown> }[] = [
    {
      name: 'UNAUTHENTICATED (step-up)',
      raw: {
        ...common,
        status: 'UNAUTHENTICATED',
        type: 'SESSION_STEP_UP',
        _embedded: {
          target: { type: 'APP', name: h(), label: h('app'), _links: { logo: { name: 'medium', href: `${ORG}/${h()}`, type: 'image/png' } } },
          authentication: { protocol: 'SAML2.0', issuer: { id: h(), name: h(), uri: h() } },
        },
        _links: { next: link('/api/v1/authn', { name: 'authenticate' }) },
      },
    },
    { name: 'PASSWORD_WARN', raw: { ...common, status: 'PASSWORD_WARN', _embedded: { user, policy: passwordPolicy }, _links: { next: link('/c', { name: 'changePassword' }), skip: link('/s', { name: 'skip' }), cancel: link('/x') } } },
    { name: 'PASSWORD_EXPIRED', raw: { ...common, status: 'PASSWORD_EXPIRED', _embedded: { user, policy: passwordPolicy }, _links: { next: link('/c', { name: 'changePassword' }), cancel: link('/x') } } },
    { name: 'PASSWORD_RESET', raw: { ...common, status: 'PASSWORD_RESET', recoveryType: 'PASSWORD', _embedded: { user, policy: passwordPolicy }, _links: { next: link('/r', { name: 'resetPassword' }), cancel: link('/x') } } },
    {
      name: 'RECOVERY (question)',
      raw: { ...common, status: 'RECOVERY', recoveryType: 'PASSWORD', _embedded: { user: { ...user, recovery_question: { question: h('question') } } }, _links: { next: link('/a', { name: 'answer' }), cancel: link('/x') } },
    },
    {
      name: 'RECOVERY (trusted recoveryToken)',
      raw: { expiresAt: common.expiresAt, status: 'RECOVERY', recoveryToken: h('token'), recoveryType: 'UNLOCK', _embedded: { user }, _links: { next: link('/t', { name: 'recovery' }), cancel: link('/x') } },
    },
    ...['SMS', 'CALL'].map((factorType) => ({
      name: `RECOVERY_CHALLENGE ${factorType}`,
      raw: {
        ...common,
        status: 'RECOVERY_CHALLENGE',
        factorType,
        recoveryType: 'PASSWORD',
        _links: { next: link(`/recovery/factors/${factorType}/verify`, { name: 'verify' }), cancel: link('/x'), resend: link(`/recovery/factors/${factorType}/resend`, { name: factorType.toLowerCase() }) },
      },
    })),
    { name: 'RECOVERY_CHALLENGE EMAIL', raw: { status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'UNLOCK', relayState: h() } },
    { name: 'LOCKED_OUT', raw: { status: 'LOCKED_OUT', _embedded: {}, _links: { next: link('/api/v1/authn/recovery/unlock', { name: 'unlock' }), cancel: link('/x') } } },
    { name: 'MFA_ENROLL', raw: { ...common, status: 'MFA_ENROLL', _embedded: { user, factors: enrollable }, _links: { cancel: link('/x'), skip: link('/s', { name: 'skip' }) } } },
    { name: 'MFA_REQUIRED (every type)', raw: { ...common, status: 'MFA_REQUIRED', _embedded: { user, factors, policy: rememberPolicy }, _links: { cancel: link('/x') } } },
    ...factors.map((factor) => ({
      name: `MFA_REQUIRED (only ${factor.factorType === 'question' ? 'question' : String(factor.factorType).slice(0, 30)} ${String(factor.provider).slice(0, 10)})`,
      raw: { ...common, status: 'MFA_REQUIRED', _embedded: { user, factors: [factor], policy: rememberPolicy }, _links: { cancel: link('/x') } },
    })),
    ...factors.map((factor) => ({ name: `MFA_CHALLENGE ${String(factor.factorType).slice(0, 30)} ${String(factor.provider).slice(0, 10)}`, raw: challenge(factor) })),
    { name: 'MFA_CHALLENGE push REJECTED', raw: challenge(factors[7]!, { factorResult: 'REJECTED' }) },
    { name: 'MFA_CHALLENGE push TIMEOUT', raw: challenge(factors[7]!, { factorResult: 'TIMEOUT' }) },
    ...factors.map((factor) => ({ name: `MFA_ENROLL_ACTIVATE ${String(factor.factorType).slice(0, 30)} ${String(factor.provider).slice(0, 10)}`, raw: activation(factor) })),
    { name: 'MFA_ENROLL_ACTIVATE push TIMEOUT', raw: activation(factors[7]!, { factorResult: 'TIMEOUT' }) },
    { name: 'SUCCESS', raw: { expiresAt: common.expiresAt, status: 'SUCCESS', sessionToken: h('session'), relayState: h(), _embedded: { user } } },
    {
      name: 'SUCCESS (step-up)',
      raw: { ...common, status: 'SUCCESS', type: 'SESSION_STEP_UP', _links: { next: { name: 'original', href: `${ORG}/login/step-up/redirect?stateToken=${encodeURIComponent(h())}`, hints: { allow: ['GET'] } } } },
    },
    { name: 'SUCCESS (unlock)', raw: { expiresAt: common.expiresAt, status: 'SUCCESS', recoveryType: 'UNLOCK', _embedded: { user } } },
    ...[6, 7].map((index) => ({
      name: `MFA_ENROLL_ACTIVATE ${String(factors[index]!.factorType).slice(0, 30)} with javascript: and data: QR links`,
      raw: JSON.parse(JSON.stringify(activation(factors[index]!)).replaceAll(`${ORG}/qr/`, index === 6 ? 'javascript:window.__xss=1//' : 'data:text/html,<script>window.__xss=1</script>')) as Record<string, unknown>,
    })),
  ];
  return list;
}
