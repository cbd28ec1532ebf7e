// Okta's own SDK (@okta/okta-auth-js, Classic authn entry) driven against the simulator over real HTTP.
// Every authn and session move goes through the SDK's public API and the methods it makes from the
// simulator's links; plain HTTP is used only for what a person or an admin would do out of band
// (create users, read the outbox, approve a push, move the clock).
// The SDK's Node build needs no browser globals for authn: it calls Node 20's built-in fetch. What a
// browser adds and Node lacks is given below only where a test needs it: a cookie store (sessions,
// remember-device) and, for the one synchronous call to setCookieAndRedirect, `window.location`.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AuthApiError, OktaAuth } from '@okta/okta-auth-js/authn';
import type { AuthnTransaction, AuthnTransactionFunction } from '@okta/okta-auth-js/authn';
import { Secret, TOTP } from 'otpauth';
import type { OutboxMessage, RunningSimulator } from '../src/index.js';
import { startSimulator } from '../src/index.js';

const PASSWORD = 'Sim-Passw0rd!';
const NEW_PASSWORD = 'Fresh-Passw0rd-42!';

/** A factor as the SDK exposes it: the factor's fields plus one method per link. */
interface SdkFactor {
  id?: string;
  factorType: string;
  provider: string;
  status?: string;
  enrollment?: string;
  profile?: Record<string, unknown>;
  activation?: {
    sharedSecret?: string;
    qrcode?: { href: string; type: string };
    send?: (name: string, data?: object) => Promise<AuthnTransaction>;
  };
  verify?: AuthnTransactionFunction;
  enroll?: AuthnTransactionFunction;
  /** From a GET link: the SDK answers the raw JSON, not a transaction. */
  questions?: () => Promise<{ question: string; questionText: string }[]>;
}

/** What `OktaAuth#signIn` accepts on the wire: the SDK's types omit the documented `options` object. */
interface SignInBody {
  username: string;
  password: string;
  options?: { multiOptionalFactorEnroll?: boolean; warnBeforePasswordExpired?: boolean };
}

const nativeFetch = globalThis.fetch;
let sim: RunningSimulator;

/**
 * Browser behaviour the SDK relies on and Node's fetch lacks: a cookie store. A browser keeps the
 * cookies an origin sets and sends them back on `credentials: 'include'` requests (the SDK asks for
 * that on every authn and session call); Node 20's built-in fetch keeps none. The SDK reads
 * `global.fetch` at call time, so this stand-in is installed for this file only.
 */
const cookieJar = new Map<string, Map<string, string>>();

function storeCookies(url: string, response: Response): void {
  const host = new URL(url).host;
  const jar = cookieJar.get(host) ?? new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const expired = attributes.some((attribute) => /^max-age=(0|-\d+)$/i.test(attribute));
    if (expired) jar.delete(name);
    else jar.set(name, pair.slice(separator + 1));
  }
  cookieJar.set(host, jar);
}

function cookieHeader(url: string): string | undefined {
  const jar = cookieJar.get(new URL(url).host);
  if (!jar || jar.size === 0) return undefined;
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

const browserFetch: typeof fetch = async (input, init = {}) => {
  const url = input instanceof Request ? input.url : String(input);
  const headers = new Headers(init.headers);
  const cookies = init.credentials === 'include' ? cookieHeader(url) : undefined;
  if (cookies !== undefined) headers.set('cookie', cookies);
  const response = await nativeFetch(input, { ...init, headers });
  if (init.credentials === 'include') storeCookies(url, response);
  return response;
};

/** A top-level navigation, as the browser makes it after `session.setCookieAndRedirect`. */
async function navigate(url: string): Promise<Response> {
  const cookies = cookieHeader(url);
  const response = await nativeFetch(url, { redirect: 'manual', headers: cookies === undefined ? {} : { cookie: cookies } });
  storeCookies(url, response);
  return response;
}

/** An admin or dev-control request (never through the SDK). */
async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await nativeFetch(`${sim.url}${path}`, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `SSWS ${sim.apiToken}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text.length > 0 ? JSON.parse(text) : undefined;
}

let userCount = 0;

/** Creates an active user through the management API and sets its sign-on and enrollment policy. */
async function createUser(options: {
  policy?: Record<string, unknown>;
  mobilePhone?: string;
  smsFactor?: boolean;
  expired?: boolean;
}): Promise<{ id: string; login: string; phone: string }> {
  userCount += 1;
  const login = `sdk.user${userCount}.${Date.now()}@example.test`;
  const phone = `+1555303${String(1000 + userCount).slice(-4)}`;
  const user = (await call('POST', `/api/v1/users?activate=true${options.expired ? '&nextLogin=changePassword' : ''}`, {
    profile: { firstName: 'Sdk', lastName: 'Tester', email: login, login, ...(options.mobilePhone === undefined ? {} : { mobilePhone: options.mobilePhone }) },
    credentials: { password: { value: PASSWORD }, recovery_question: { question: 'Name of my first robot?', answer: 'Babbage' } },
  })) as { id: string };
  if (options.smsFactor) {
    await call('POST', `/api/v1/users/${user.id}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: phone } });
  }
  if (options.policy) await call('PUT', `/__sim/users/${user.id}/policy`, options.policy);
  return { id: user.id, login, phone };
}

/** Messages the org sent to a phone number or address, oldest first. */
async function outbox(to: string): Promise<OutboxMessage[]> {
  return (await call('GET', `/__sim/outbox?to=${encodeURIComponent(to)}`)) as OutboxMessage[];
}

async function lastCode(to: string): Promise<string> {
  const code = (await outbox(to)).at(-1)?.code;
  if (code === undefined || code === null) throw new Error(`no code was sent to ${to}`);
  return code;
}

async function advanceClock(seconds: number): Promise<void> {
  await call('POST', '/__sim/clock/advance', { seconds });
}

function totpCode(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: sim.clock.now() });
}

function newClient(): OktaAuth {
  return new OktaAuth({ issuer: `${sim.url}/oauth2/default` });
}

function signIn(auth: OktaAuth, body: SignInBody): Promise<AuthnTransaction> {
  return auth.signInWithCredentials(body);
}

function factorOf(tx: AuthnTransaction, factorType: string, provider = 'OKTA'): SdkFactor {
  const factors = (tx.factors ?? []) as SdkFactor[];
  const found = factors.find((factor) => factor.factorType === factorType && factor.provider === provider);
  if (!found) throw new Error(`no ${factorType}/${provider} factor in ${tx.status}`);
  return found;
}

/** The transaction's stateToken: the SDK keeps it only on `data` (the raw response). */
function stateTokenOf(tx: AuthnTransaction): string {
  const token = (tx as AuthnTransaction & { data?: { stateToken?: string } }).data?.stateToken;
  if (token === undefined) throw new Error(`${tx.status} has no stateToken`);
  return token;
}

/** Calls one of the methods the SDK made from a link, failing clearly when the link was missing. */
function move(fn: AuthnTransactionFunction | undefined, name: string, data?: object): Promise<AuthnTransaction> {
  if (fn === undefined) throw new Error(`the SDK made no ${name}() from the simulator's links`);
  return fn(data);
}

/** Calls a named link of an array-form `resend` (the SDK makes `resend(name, data)` from it). */
function resendBy(tx: AuthnTransaction, name: string): Promise<AuthnTransaction> {
  if (tx.resend === undefined) throw new Error(`the SDK made no resend() in ${tx.status}`);
  return (tx.resend as (linkName: string, data?: object) => Promise<AuthnTransaction>)(name);
}

/** Awaits a rejection and checks that it is the SDK's AuthApiError with Okta's fields. */
async function authApiError(promise: Promise<unknown>, status: number, errorCode: string): Promise<AuthApiError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${errorCode}, the call succeeded`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AuthApiError);
  const apiError = error as AuthApiError;
  expect(apiError).toMatchObject({ name: 'AuthApiError', errorCode, errorLink: errorCode });
  expect(apiError.xhr?.status).toBe(status);
  expect(apiError.errorId).toEqual(expect.any(String));
  expect(Array.isArray(apiError.errorCauses)).toBe(true);
  return apiError;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, devControls: true });
  globalThis.fetch = browserFetch;
});
afterEach(() => {
  cookieJar.clear();
});
afterAll(async () => {
  globalThis.fetch = nativeFetch;
  await sim.close();
});

describe('primary authentication', () => {
  test('plain sign-in answers SUCCESS with a sessionToken and the user, and leaves no transaction to resume', async () => {
    const user = await createUser({});
    const auth = newClient();
    const tx = await auth.signInWithCredentials({ username: user.login, password: PASSWORD, relayState: '/app/deep/link' });
    expect(tx.status).toBe('SUCCESS');
    expect(tx.relayState).toBe('/app/deep/link');
    expect(tx.sessionToken).toEqual(expect.any(String));
    expect(Date.parse(String(tx.expiresAt))).toBeGreaterThan(sim.clock.now());
    expect(tx.user).toMatchObject({ id: user.id, profile: { login: user.login, firstName: 'Sdk', lastName: 'Tester' } });
    expect(auth.tx.exists()).toBe(false);
  });

  test('a wrong password rejects with AuthApiError E0000004', async () => {
    const user = await createUser({});
    const error = await authApiError(signIn(newClient(), { username: user.login, password: 'not-the-password' }), 401, 'E0000004');
    expect(error.errorSummary).toBe('Authentication failed');
  });
});

describe('SMS MFA', () => {
  test('verify sends a code; a wrong code is E0000068 and keeps the transaction; prev, throttled resend and the right code finish', async () => {
    const user = await createUser({ smsFactor: true, policy: { mfa: 'required' } });
    const auth = newClient();
    const required = await signIn(auth, { username: user.login, password: PASSWORD });
    expect(required.status).toBe('MFA_REQUIRED');
    expect(required.cancel).toEqual(expect.any(Function));
    const sms = factorOf(required, 'sms');
    expect(sms.profile).toEqual({ phoneNumber: `+1 XXX-XXX-${user.phone.slice(-4)}` });

    const challenge = await move(sms.verify, 'verify');
    expect(challenge.status).toBe('MFA_CHALLENGE');
    expect(challenge.factor).toMatchObject({ id: sms.id, factorType: 'sms' });
    expect(stateTokenOf(challenge)).toBe(stateTokenOf(required));
    const wrong = await authApiError(move(challenge.verify, 'verify', { passCode: '000000' }), 403, 'E0000068');
    expect(wrong.errorCauses).toEqual([{ errorSummary: "Your passcode doesn't match our records. Please try again." }]);

    const back = await move(challenge.prev, 'prev');
    expect(back.status).toBe('MFA_REQUIRED');
    await advanceClock(31);
    const again = await move(factorOf(back, 'sms').verify, 'verify');
    await authApiError(resendBy(again, 'sms'), 429, 'E0000109');
    await advanceClock(31);
    const resent = await resendBy(again, 'sms');
    expect(resent.status).toBe('MFA_CHALLENGE');
    expect((await outbox(user.phone)).length).toBeGreaterThanOrEqual(2);

    const done = await move(resent.verify, 'verify', { passCode: await lastCode(user.phone) });
    expect(done.status).toBe('SUCCESS');
    expect(done.sessionToken).toEqual(expect.any(String));
  });
});

describe('enrollment and TOTP', () => {
  test('MFA_ENROLL → enroll TOTP (secret and QR code) → activate with a computed code → MFA_ENROLL with skip → SUCCESS', async () => {
    const user = await createUser({ policy: { mfa: 'required', enroll: ['token:software:totp'], allowRememberDevice: true } });
    const auth = newClient();
    const enroll = await signIn(auth, { username: user.login, password: PASSWORD, options: { multiOptionalFactorEnroll: true } });
    expect(enroll.status).toBe('MFA_ENROLL');
    expect(enroll.skip).toBeUndefined();
    expect(factorOf(enroll, 'token:software:totp', 'GOOGLE')).toMatchObject({ status: 'NOT_SETUP', enrollment: 'REQUIRED' });
    const okta = factorOf(enroll, 'token:software:totp', 'OKTA');

    const activate = await move(okta.enroll, 'enroll');
    expect(activate.status).toBe('MFA_ENROLL_ACTIVATE');
    const factor = activate.factor as SdkFactor;
    expect(factor).toMatchObject({ factorType: 'token:software:totp', provider: 'OKTA' });
    const secret = String(factor.activation?.sharedSecret);
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    expect(factor.activation?.qrcode).toMatchObject({ type: 'image/png', href: expect.stringContaining(sim.url) });
    expect(activate.prev).toEqual(expect.any(Function));

    const code = totpCode(secret);
    const wrongCode = `${code.slice(0, 5)}${(Number(code.at(-1)) + 1) % 10}`;
    await authApiError(move(activate.activate, 'activate', { passCode: wrongCode }), 403, 'E0000068');
    const more = await move(activate.activate, 'activate', { passCode: code });
    expect(more.status).toBe('MFA_ENROLL');
    expect(factorOf(more, 'token:software:totp', 'OKTA').status).toBe('ACTIVE');
    const done = await move(more.skip, 'skip');
    expect(done.status).toBe('SUCCESS');

    const required = await signIn(auth, { username: user.login, password: PASSWORD });
    expect(required.status).toBe('MFA_REQUIRED');
    const totp = factorOf(required, 'token:software:totp');
    await authApiError(move(totp.verify, 'verify', { passCode: code }), 403, 'E0000082');
    await advanceClock(30);
    const verified = await move(totp.verify, 'verify', { passCode: totpCode(secret), rememberDevice: true });
    expect(verified.status).toBe('SUCCESS');
    expect((await signIn(auth, { username: user.login, password: PASSWORD })).status).toBe('SUCCESS');
  });

  test('the question factor enrolls with the list from its questions() link', async () => {
    const user = await createUser({ policy: { mfa: 'required', enroll: ['question'] } });
    const enroll = await signIn(newClient(), { username: user.login, password: PASSWORD });
    const question = factorOf(enroll, 'question');
    if (question.questions === undefined) throw new Error('the SDK made no questions() from the simulator\'s links');
    const questions = await question.questions();
    expect(questions).toContainEqual(expect.objectContaining({ question: 'disliked_food', questionText: expect.any(String) }));
    await authApiError(move(question.enroll, 'enroll', { profile: { question: 'disliked_food', answer: '' } }), 400, 'E0000001');
    const done = await move(question.enroll, 'enroll', { profile: { question: 'disliked_food', answer: 'mayonnaise' } });
    expect(done.status).toBe('SUCCESS');
  });
});

describe('Okta Verify push', () => {
  test('enrollment polls until the device is paired, then sign-in polls until the push is approved', async () => {
    const user = await createUser({ policy: { mfa: 'required', enroll: ['push'] } });
    const enroll = await signIn(newClient(), { username: user.login, password: PASSWORD });
    expect(enroll.status).toBe('MFA_ENROLL');
    const waiting = await move(factorOf(enroll, 'push').enroll, 'enroll');
    expect(waiting).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING' });
    const pushId = String((waiting.factor as SdkFactor).id);
    const activation = (waiting.factor as SdkFactor).activation;
    expect(activation?.qrcode).toMatchObject({ type: 'image/png' });
    if (activation?.send === undefined) throw new Error('the SDK made no activation.send() from the simulator\'s links');
    const emailed = await activation.send('email');
    expect(emailed).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING' });
    expect((await outbox(user.login)).at(-1)?.channel).toBe('email');

    let paired: Promise<unknown> | undefined;
    const enrolled = await move(waiting.poll, 'poll', {
      delay: 20,
      transactionCallBack: () => {
        paired ??= call('POST', `/__sim/push/${pushId}/approve`, {});
      },
    });
    await paired;
    expect(enrolled.status).toBe('SUCCESS');

    const required = await signIn(newClient(), { username: user.login, password: PASSWORD });
    expect(required.status).toBe('MFA_REQUIRED');
    const challenge = await move(factorOf(required, 'push').verify, 'verify', { autoPush: false });
    expect(challenge).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'WAITING' });
    let approved: Promise<unknown> | undefined;
    const results: string[] = [];
    const done = await move(challenge.poll, 'poll', {
      delay: 20,
      transactionCallBack: (response: { factorResult: string }) => {
        results.push(response.factorResult);
        approved ??= call('POST', `/__sim/push/${pushId}/approve`, {});
      },
    });
    await approved;
    expect(results[0]).toBe('WAITING');
    expect(done.status).toBe('SUCCESS');
    expect(done.sessionToken).toEqual(expect.any(String));
  });

  test('a rejected push ends the poll with REJECTED and a verify that sends a new push', async () => {
    const user = await createUser({ policy: { mfa: 'required', enroll: ['push'] } });
    const enroll = await signIn(newClient(), { username: user.login, password: PASSWORD });
    const waiting = await move(factorOf(enroll, 'push').enroll, 'enroll');
    const pushId = String((waiting.factor as SdkFactor).id);
    await call('POST', `/__sim/push/${pushId}/approve`, {});
    expect((await move(waiting.poll, 'poll', { delay: 0 })).status).toBe('SUCCESS');

    const required = await signIn(newClient(), { username: user.login, password: PASSWORD });
    const challenge = await move(factorOf(required, 'push').verify, 'verify');
    await call('POST', `/__sim/push/${pushId}/reject`, {});
    const rejected = await move(challenge.poll, 'poll', { delay: 0 });
    expect(rejected).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'REJECTED' });
    expect(rejected.poll).toBeUndefined();
    const retried = await move(rejected.verify, 'verify');
    expect(retried).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'WAITING' });
    await move(retried.cancel, 'cancel');
  });
});

describe('passwords', () => {
  test('an expired password answers PASSWORD_EXPIRED with the policy; a wrong old password is E0000014; changePassword finishes', async () => {
    const user = await createUser({ expired: true });
    const expired = await signIn(newClient(), { username: user.login, password: PASSWORD });
    expect(expired.status).toBe('PASSWORD_EXPIRED');
    expect(expired.policy).toMatchObject({ complexity: { minLength: expect.any(Number) } });
    await authApiError(move(expired.changePassword, 'changePassword', { oldPassword: 'Wrong-Passw0rd!', newPassword: NEW_PASSWORD }), 403, 'E0000014');
    const done = await move(expired.changePassword, 'changePassword', { oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(done.status).toBe('SUCCESS');
    expect((await signIn(newClient(), { username: user.login, password: NEW_PASSWORD })).status).toBe('SUCCESS');
  });

  test('PASSWORD_WARN (warnBeforePasswordExpired) offers changePassword and skip; skip finishes', async () => {
    const warn = await signIn(newClient(), { username: 'password.warn@example.test', password: PASSWORD, options: { warnBeforePasswordExpired: true } });
    expect(warn.status).toBe('PASSWORD_WARN');
    expect(warn.policy).toMatchObject({ expiration: { passwordExpireDays: expect.any(Number) } });
    expect(warn.changePassword).toEqual(expect.any(Function));
    expect((await move(warn.skip, 'skip')).status).toBe('SUCCESS');
  });

  test('forgot password by SMS: RECOVERY_CHALLENGE → verify → RECOVERY → answer → PASSWORD_RESET → resetPassword → SUCCESS', async () => {
    const user = await createUser({ mobilePhone: '+1-555-303-7001' });
    const auth = newClient();
    const challenge = await auth.forgotPassword({ username: user.login, factorType: 'SMS' });
    expect(challenge).toMatchObject({ status: 'RECOVERY_CHALLENGE', factorType: 'SMS', recoveryType: 'PASSWORD' });
    expect(challenge.cancel).toEqual(expect.any(Function));
    const wrong = await authApiError(move(challenge.verify, 'verify', { passCode: '000000' }), 403, 'E0000068');
    expect(wrong.errorCauses).toEqual([{ errorSummary: "Your token doesn't match our records. Please try again." }]);
    await advanceClock(31);
    const resent = await move(challenge.resend, 'resend');
    expect(resent.status).toBe('RECOVERY_CHALLENGE');

    const recovery = await move(resent.verify, 'verify', { passCode: await lastCode('+15553037001') });
    expect(recovery).toMatchObject({ status: 'RECOVERY', recoveryType: 'PASSWORD', user: { recovery_question: { question: 'Name of my first robot?' } } });
    await authApiError(move(recovery.answer, 'answer', { answer: 'Turing' }), 403, 'E0000087');
    const reset = await move(recovery.answer, 'answer', { answer: 'Babbage' });
    expect(reset.status).toBe('PASSWORD_RESET');
    expect(reset.policy).toMatchObject({ complexity: expect.any(Object) });
    const done = await move(reset.resetPassword, 'resetPassword', { newPassword: NEW_PASSWORD });
    expect(done.status).toBe('SUCCESS');
    expect(done.sessionToken).toEqual(expect.any(String));

    await authApiError(signIn(newClient(), { username: user.login, password: PASSWORD }), 401, 'E0000004');
    expect((await signIn(newClient(), { username: user.login, password: NEW_PASSWORD })).status).toBe('SUCCESS');
  });

  test('with MFA required, resetPassword commits the password and answers MFA_REQUIRED with a new stateToken', async () => {
    const user = await createUser({ smsFactor: true, policy: { mfa: 'required' } });
    const challenge = await newClient().forgotPassword({ username: user.login, factorType: 'SMS' });
    const recovery = await move(challenge.verify, 'verify', { passCode: await lastCode(user.phone) });
    const reset = await move(recovery.answer, 'answer', { answer: 'Babbage' });
    const required = await move(reset.resetPassword, 'resetPassword', { newPassword: NEW_PASSWORD });
    expect(required.status).toBe('MFA_REQUIRED');
    expect(stateTokenOf(required)).not.toBe(stateTokenOf(reset));
    const before = (await call('GET', `/api/v1/users/${user.id}`)) as { passwordChanged: string };
    expect(required.user?.passwordChanged).toBe(before.passwordChanged);
    await advanceClock(31);
    const mfa = await move(factorOf(required, 'sms').verify, 'verify');
    const done = await move(mfa.verify, 'verify', { passCode: await lastCode(user.phone) });
    expect(done.status).toBe('SUCCESS');
    expect((await signIn(newClient(), { username: user.login, password: NEW_PASSWORD })).status).toBe('MFA_REQUIRED');
  });

  test('forgot password by email: the link-less RECOVERY_CHALLENGE, then verifyRecoveryToken with the emailed token; a used token is E0000105', async () => {
    const user = await createUser({});
    const auth = newClient();
    const sent = await auth.forgotPassword({ username: user.login, factorType: 'EMAIL' });
    expect(sent).toMatchObject({ status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'PASSWORD' });
    expect(sent.verify).toBeUndefined();
    expect((await move(sent.cancel, 'cancel')).status).toBeUndefined();

    const recoveryToken = await lastCode(user.login);
    const recovery = await auth.verifyRecoveryToken({ recoveryToken });
    expect(recovery).toMatchObject({ status: 'RECOVERY', recoveryType: 'PASSWORD' });
    const reset = await move(recovery.answer, 'answer', { answer: 'babbage' });
    const done = await move(reset.resetPassword, 'resetPassword', { newPassword: NEW_PASSWORD });
    expect(done.status).toBe('SUCCESS');
    await authApiError(auth.verifyRecoveryToken({ recoveryToken }), 403, 'E0000105');
  });

  test('a locked account is unlocked by SMS through unlockAccount; SUCCESS says UNLOCK and the password works again', async () => {
    const user = await createUser({ mobilePhone: '+1-555-303-7002' });
    await call('POST', `/api/v1/users/${user.id}/lifecycle/lock`);
    await authApiError(signIn(newClient(), { username: user.login, password: PASSWORD }), 401, 'E0000004');
    const challenge = await newClient().unlockAccount({ username: user.login, factorType: 'SMS' });
    expect(challenge).toMatchObject({ status: 'RECOVERY_CHALLENGE', recoveryType: 'UNLOCK' });
    const recovery = await move(challenge.verify, 'verify', { passCode: await lastCode('+15553037002') });
    const unlocked = await move(recovery.answer, 'answer', { answer: 'Babbage' });
    expect(unlocked).toMatchObject({ status: 'SUCCESS', recoveryType: 'UNLOCK' });
    expect((await signIn(newClient(), { username: user.login, password: PASSWORD })).status).toBe('SUCCESS');
  });

  test('LOCKED_OUT (showLockoutFailures) offers unlock() that starts the unlock recovery', async () => {
    const username = 'locked.out@example.test';
    let answer: AuthnTransaction | undefined;
    for (let attempt = 0; attempt < 3 && answer === undefined; attempt += 1) {
      answer = await signIn(newClient(), { username, password: `Wrong-Passw0rd-${attempt}` }).catch((error: unknown) => {
        expect(error).toMatchObject({ errorCode: 'E0000004' });
        return undefined;
      });
    }
    expect(answer?.status).toBe('LOCKED_OUT');
    const challenge = await move(answer?.unlock, 'unlock', { username, factorType: 'SMS' });
    expect(challenge).toMatchObject({ status: 'RECOVERY_CHALLENGE', recoveryType: 'UNLOCK', factorType: 'SMS' });
    await move(challenge.cancel, 'cancel');
  });
});

describe('transaction lifecycle', () => {
  test('a transaction resumes by stateToken in a fresh client and from the SDK storage, with working factor methods', async () => {
    const user = await createUser({ smsFactor: true, policy: { mfa: 'required' } });
    const auth = newClient();
    const required = await signIn(auth, { username: user.login, password: PASSWORD });
    const stateToken = stateTokenOf(required);
    expect(auth.tx.exists()).toBe(true);

    const resumed = await newClient().tx.resume({ stateToken });
    expect(resumed.status).toBe('MFA_REQUIRED');
    expect(factorOf(resumed, 'sms').id).toBe(factorOf(required, 'sms').id);
    const fromStorage = await auth.tx.resume();
    expect(fromStorage.status).toBe('MFA_REQUIRED');
    const introspected = await newClient().tx.introspect({ stateToken });
    expect(introspected.status).toBe('MFA_REQUIRED');

    const challenge = await move(factorOf(resumed, 'sms').verify, 'verify');
    const again = await newClient().tx.resume({ stateToken });
    expect(again.status).toBe('MFA_CHALLENGE');
    const done = await move(again.verify, 'verify', { passCode: await lastCode(user.phone) });
    expect(done.status).toBe('SUCCESS');
    expect(challenge.status).toBe('MFA_CHALLENGE');
  });

  test('cancel ends the transaction: resuming its stateToken is E0000011 and the SDK forgets it', async () => {
    const user = await createUser({ smsFactor: true, policy: { mfa: 'required' } });
    const auth = newClient();
    const required = await signIn(auth, { username: user.login, password: PASSWORD });
    const stateToken = stateTokenOf(required);
    const cancelled = await move(required.cancel, 'cancel');
    expect(cancelled.status).toBeUndefined();
    expect(auth.tx.exists()).toBe(false);
    await authApiError(newClient().tx.resume({ stateToken }), 401, 'E0000011');
  });

  test('an expired stateToken rejects the next move with E0000011 "Invalid token provided"', async () => {
    const user = await createUser({ smsFactor: true, policy: { mfa: 'required' } });
    const auth = newClient();
    const required = await signIn(auth, { username: user.login, password: PASSWORD });
    expect(Date.parse(String(required.expiresAt))).toBeGreaterThan(sim.clock.now());
    await advanceClock(5 * 60 + 1);
    const error = await authApiError(move(factorOf(required, 'sms').verify, 'verify'), 401, 'E0000011');
    expect(error.errorSummary).toBe('Invalid token provided');
    expect(auth.tx.exists()).toBe(false);
  });
});

describe('sessions', () => {
  test('setCookieAndRedirect sets the sid cookie; session exists, get, user, refresh and close work on it', async () => {
    const user = await createUser({});
    const auth = newClient();
    const tx = await signIn(auth, { username: user.login, password: PASSWORD });
    expect(await auth.session.exists()).toBe(false);

    // setCookieAndRedirect navigates with window.location.assign; Node has no window, so this
    // test lends the SDK a minimal one for the duration of the call and follows the navigation.
    const navigations: string[] = [];
    const redirectUrl = 'http://localhost:3000/after-sign-in';
    Reflect.set(globalThis, 'window', { location: { href: redirectUrl, assign: (url: string) => navigations.push(url) } });
    try {
      auth.session.setCookieAndRedirect(tx.sessionToken, redirectUrl);
    } finally {
      Reflect.deleteProperty(globalThis, 'window');
    }
    expect(navigations).toHaveLength(1);
    const target = new URL(String(navigations[0]));
    expect(`${target.origin}${target.pathname}`).toBe(`${sim.url}/login/sessionCookieRedirect`);
    const landing = await navigate(target.href);
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe(redirectUrl);
    expect(cookieHeader(sim.url)).toMatch(/(^|; )sid=/);

    expect(await auth.session.exists()).toBe(true);
    const session = await auth.session.get();
    expect(session).toMatchObject({ status: 'ACTIVE', login: user.login, userId: user.id, amr: ['pwd'] });
    expect(await session.user?.()).toMatchObject({ id: user.id, profile: { login: user.login } });
    expect(await session.refresh?.()).toMatchObject({ status: 'ACTIVE', userId: user.id });
    expect(await auth.session.refresh()).toMatchObject({ status: 'ACTIVE', login: user.login });

    await auth.session.close();
    expect(await auth.session.exists()).toBe(false);
    expect(await auth.session.get()).toEqual({ status: 'INACTIVE' });
  });

  test('a sessionToken is single-use: a second redirect sets no cookie and no session exists', async () => {
    const user = await createUser({});
    const auth = newClient();
    const tx = await signIn(auth, { username: user.login, password: PASSWORD });
    const url = `${sim.url}/login/sessionCookieRedirect?token=${encodeURIComponent(String(tx.sessionToken))}&redirectUrl=${encodeURIComponent('http://localhost:3000/')}`;
    await navigate(url);
    cookieJar.clear();
    const second = await navigate(url);
    expect(second.status).toBe(302);
    expect(second.headers.getSetCookie().some((cookie) => cookie.startsWith('sid='))).toBe(false);
    expect(await auth.session.exists()).toBe(false);
  });
});
