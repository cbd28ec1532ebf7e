/** Shared steps of the factor tests (test/browser/factors-*.test.ts): users, factors and the simulated phone. */
import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { errorText, press, root, sim, type } from './helpers.js';

/** Password of every user made here. */
export const PASSWORD = 'Correct-Horse-9!';
let counter = 0;

/** A user made for one test. */
export interface TestUser {
  id: string;
  login: string;
  phone: string;
}

/** Options of {@link createUser}: the simulator's per-user policy. */
export interface UserOptions {
  mfa?: 'none' | 'required';
  enroll?: string[];
  allowRememberDevice?: boolean;
  rememberDeviceLifetimeInMinutes?: number;
  numberChallenge?: boolean;
}

/** Creates an active user with a password and the given sign-on / enrollment policy. */
export async function createUser(policy: UserOptions = {}): Promise<TestUser> {
  counter += 1;
  const login = `factors.${Date.now()}.${counter}@example.test`;
  const phone = `+1555404${String(1000 + (Date.now() % 8000) + counter).slice(-4)}`;
  const created = await sim<{ id: string }>('POST', '/api/v1/users?activate=true', {
    profile: { login, email: login, firstName: 'Fiona', lastName: 'Factor', mobilePhone: phone },
    credentials: { password: { value: PASSWORD } },
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(200);
  const updated = await sim('PUT', `/__sim/users/${created.body.id}/policy`, { mfa: 'required', ...policy });
  expect(updated.status, JSON.stringify(updated.body)).to.equal(200);
  return { id: created.body.id, login, phone };
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

/** Messages sent to `to` (phone or email), oldest first. */
export async function outbox(to: string): Promise<{ channel: string; code: string | null; text: string }[]> {
  return (await sim<{ channel: string; code: string | null; text: string }[]>('GET', `/__sim/outbox?to=${encodeURIComponent(to)}`)).body;
}

/** The newest code sent to `to`. */
export async function lastCode(to: string): Promise<string> {
  const code = (await outbox(to)).at(-1)?.code;
  if (!code) throw new Error(`No code sent to ${to}`);
  return code;
}

/** Moves the simulator's clock. */
export async function advance(seconds: number): Promise<void> {
  const response = await sim('POST', '/__sim/clock/advance', { seconds });
  expect(response.status).to.equal(200);
}

/** Types the username and password and presses Enter. */
export async function signIn(element: OktaAuthn, login: string): Promise<void> {
  await type(element, 'username', login);
  await type(element, 'password', PASSWORD);
  await press('Enter');
}

/** Waits until `predicate` holds, re-checking every frame; says what it waited for on failure. */
export async function waitFor(predicate: () => boolean, what: string, element?: OktaAuthn, timeout = 15000): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeout) throw new Error(`Timed out waiting for ${what}${element ? `; error: "${errorText(element)}"; text: ${text(element).slice(0, 300)}` : ''}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** The visible text of the element, whitespace collapsed. */
export function text(element: OktaAuthn): string {
  return (root(element).textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first element matching `selector` in the element's render root. */
export function find<T extends Element = HTMLElement>(element: OktaAuthn, selector: string): T | null {
  return root(element).querySelector<T>(selector);
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
