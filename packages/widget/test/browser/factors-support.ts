/**
 * Shared steps of the tests against the simulator (flows, recovery, factors, enrollment): users,
 * factors, the simulated phone and inbox, the clock.
 */
import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { cleanup, press, sim, simulatorUrl, type, until } from './helpers.js';

/** Password of every user made here. */
export const PASSWORD = 'Correct-Horse-9!';
/** Recovery question of every user made here, and its answer. */
export const QUESTION = 'What was the name of your first robot?';
/** The answer to {@link QUESTION}. */
export const ANSWER = 'Babbage';
let counter = 0;

/** A user made for one test. */
export interface TestUser {
  id: string;
  login: string;
  /** A phone number of its own (the simulator throttles SMS per number). */
  phone: string;
}

/** Options of {@link createUser}: the simulator's per-user policy, and what else the user has. */
export interface UserOptions {
  /** `required` unless told: these users exist to be asked for a factor; `none` signs in with the password alone. */
  mfa?: 'none' | 'required';
  enroll?: string[];
  allowRememberDevice?: boolean;
  rememberDeviceLifetimeInMinutes?: number;
  numberChallenge?: boolean;
  /** An active SMS factor on the user's phone. */
  sms?: boolean;
  /** The password must be changed at the next sign-in (`PASSWORD_EXPIRED`). */
  expired?: boolean;
}

/** Creates an active user with a password, the recovery question, a phone of its own and the given policy. */
export async function createUser(options: UserOptions = {}): Promise<TestUser> {
  const { sms, expired, ...policy } = options;
  counter += 1;
  const login = `widget.${Date.now()}.${counter}@example.test`;
  const phone = `+1555${String(crypto.getRandomValues(new Uint32Array(1))[0]! % 10_000_000).padStart(7, '0')}`;
  const created = await sim<{ id: string }>('POST', `/api/v1/users?activate=true${expired ? '&nextLogin=changePassword' : ''}`, {
    profile: { login, email: login, firstName: 'Fiona', lastName: 'Factor', mobilePhone: phone },
    credentials: { password: { value: PASSWORD }, recovery_question: { question: QUESTION, answer: ANSWER } },
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(200);
  const user = { id: created.body.id, login, phone };
  if (sms) {
    const factor = await sim('POST', `/api/v1/users/${user.id}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: phone } });
    expect(factor.status, JSON.stringify(factor.body)).to.be.oneOf([200, 201]);
  }
  const updated = await sim('PUT', `/__sim/users/${user.id}/policy`, { mfa: 'required', ...policy });
  expect(updated.status, JSON.stringify(updated.body)).to.equal(200);
  return user;
}

/**
 * The hooks of a suite against the simulator: its URL before the first test, every mounted
 * element removed after each. Returns the org URL to give `base-url` (read it inside tests).
 */
export function useSimulator(): () => string {
  let baseUrl = '';
  before(async () => {
    baseUrl = await simulatorUrl();
  });
  afterEach(cleanup);
  return () => baseUrl;
}

/** A factor as the Factors API answers. */
export interface ApiFactor {
  id: string;
  status: string;
  profile: Record<string, unknown>;
  _embedded?: { activation?: { sharedSecret?: string } };
}

/** Enrolls and activates a factor through the Factors API, using the dev controls as the phone / token. */
export async function addFactor(user: TestUser, body: Record<string, unknown>): Promise<ApiFactor> {
  const delivered = ['sms', 'call', 'email'].includes(String(body.factorType));
  const created = await sim<ApiFactor>('POST', `/api/v1/users/${user.id}/factors${delivered ? '?activate=true' : ''}`, body);
  expect(created.status, JSON.stringify(created.body)).to.equal(200);
  const factor = created.body;
  if (factor.status === 'ACTIVE') return factor;
  if (body.factorType === 'push') {
    await sim('POST', `/__sim/push/${factor.id}/approve`, {});
  } else {
    const { passCode } = await passcode(user, factor.id);
    const activated = await sim('POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { passCode });
    expect(activated.status, JSON.stringify(activated.body)).to.equal(200);
  }
  return factor;
}

/** The code the factor's device shows now (dev control). */
export async function passcode(user: TestUser, factorId: string): Promise<{ passCode: string }> {
  const response = await sim<{ passCode: string }>('GET', `/__sim/users/${user.id}/factors/${factorId}/passcode`);
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body;
}

/** The user's factors (Factors API). */
export async function factorsOf(user: TestUser): Promise<ApiFactor[]> {
  return (await sim<ApiFactor[]>('GET', `/api/v1/users/${user.id}/factors`)).body;
}

/** A message the simulated phone or inbox received. */
export interface SentMessage {
  channel: string;
  code: string | null;
  text: string;
}

/** Messages sent to `to` (phone or email), oldest first; only those of `channel` when given. */
export async function outbox(to: string, channel?: 'sms' | 'call' | 'email'): Promise<SentMessage[]> {
  return (await sim<SentMessage[]>('GET', `/__sim/outbox?to=${encodeURIComponent(to)}${channel ? `&channel=${channel}` : ''}`)).body;
}

/** The newest code sent to `to` (of `channel` when given). */
export async function lastCode(to: string, channel?: 'sms' | 'call' | 'email'): Promise<string> {
  const code = (await outbox(to, channel)).at(-1)?.code;
  if (!code) throw new Error(`No code sent to ${to}`);
  return code;
}

/** Moves the simulator's clock. */
export async function advance(seconds: number): Promise<void> {
  const response = await sim('POST', '/__sim/clock/advance', { seconds });
  expect(response.status).to.equal(200);
}

/** Types the username and password ({@link PASSWORD} unless told) and presses Enter. */
export async function signIn(element: OktaAuthn, login: string, password = PASSWORD): Promise<void> {
  await type(element, 'username', login);
  await type(element, 'password', password);
  await press('Enter');
}

/**
 * Counts requests whose URL contains `fragment` while the test runs (a pass-through wrapper of
 * `fetch`, so the element still talks to the real simulator). Call `restore()` when done.
 */
export function countRequests(fragment: string): { count: () => number; restore: () => void } {
  const original = window.fetch;
  let seen = 0;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes(fragment)) seen += 1;
    return original.call(window, input, init);
  };
  return { count: () => seen, restore: () => void (window.fetch = original) };
}

/** The longest wait of the element's polling: push verification polls every 4 s, activation every 6 s, retries back off to 16 s. */
const POLL_WAITS_MS = { min: 4000, max: 16_000 };

/** The element's push polling, driven by the test instead of waited for (see {@link drivePolling}). */
export interface PollingDriver {
  /** Waits until polling waits for its next turn, then lets that poll go at once. */
  poll(): Promise<void>;
  /** Lets every poll go as soon as polling waits for it, until `done()` holds (also when polling has ended by then). */
  pollUntil(done: () => boolean, what: string): Promise<void>;
  /** Gives the page its own timers back; a wait still held runs now. */
  restore(): void;
}

/**
 * Holds the page's polling waits (timers of 4 to 16 s: a poll's interval or a long retry back-off)
 * until the test says so, so that a test never waits for real time to pass: it moves the
 * simulator's clock, then calls `poll()`. Shorter timers (countdowns) and the 30 s request
 * timeout run as usual.
 */
export function drivePolling(): PollingDriver {
  const realSet = window.setTimeout;
  const realClear = window.clearTimeout;
  const held = new Map<number, () => void>();
  let nextId = 2 ** 30;
  window.setTimeout = ((handler: TimerHandler, ms = 0, ...args: unknown[]) => {
    if (typeof handler !== 'function' || ms < POLL_WAITS_MS.min || ms > POLL_WAITS_MS.max) return realSet(handler, ms, ...args);
    nextId += 1;
    held.set(nextId, () => (handler as (...values: unknown[]) => void)(...args));
    return nextId;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id === undefined || !held.delete(id)) realClear(id);
  }) as typeof window.clearTimeout;
  const runHeld = () => {
    const due = [...held.values()];
    held.clear();
    for (const run of due) run();
  };
  return {
    async poll() {
      await until(() => held.size > 0, 'polling to wait for its next turn');
      runHeld();
    },
    async pollUntil(done, what) {
      await until(() => {
        if (done()) return true;
        runHeld();
        return false;
      }, what);
    },
    restore() {
      window.setTimeout = realSet;
      window.clearTimeout = realClear;
      runHeld();
    },
  };
}

/**
 * Moves the page's clock (`Date.now`, which the element's countdowns read) forward by `seconds`
 * while `body` runs — together with the simulator's, so its resend throttle agrees.
 */
export async function laterBy<T>(seconds: number, body: () => Promise<T>): Promise<T> {
  const real = Date.now;
  Date.now = () => real.call(Date) + seconds * 1000;
  await advance(seconds);
  try {
    return await body();
  } finally {
    Date.now = real;
  }
}

/** The simulator's current time in ms. */
export async function simNow(): Promise<number> {
  return Date.parse((await sim<{ now: string }>('GET', '/__sim/clock')).body.now);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of a base32 secret at `time`, with Web Crypto. */
export async function totpCode(secret: string, time: number): Promise<string> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = new Uint8Array(Math.floor(bits.length / 8));
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = parseInt(bits.slice(index * 8, index * 8 + 8), 2);
  const counter = new DataView(new ArrayBuffer(8));
  counter.setBigUint64(0, BigInt(Math.floor(time / 30000)));
  const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter.buffer));
  const offset = mac[mac.length - 1]! & 15;
  const value = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(value % 1_000_000).padStart(6, '0');
}
