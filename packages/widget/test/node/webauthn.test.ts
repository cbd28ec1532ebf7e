import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { DEFAULT_PASSWORD, DEFAULT_SEED, DEMO_WEBAUTHN_KEY, startSimulator } from '@okta-authn/simulator';
import type { SeedInput } from '@okta-authn/simulator';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { serveBrowserBuild } from './browser-build.js';
import type { BuildServer } from './browser-build.js';

// Security keys in real Chromium: the browser build on a page served from `localhost` (a WebAuthn
// relying party id must be a domain, and the simulator's is its own host, `localhost`), the real
// simulator, and a virtual authenticator added through the DevTools protocol. The browser's
// `navigator.credentials` is never replaced: the authenticator signs for real and the simulator
// checks it with a WebAuthn server library.

const API_TOKEN = 'webauthn-test-api-token';

/** A P-256 key as the DevTools protocol takes it (PKCS#8, base64) and as the simulator stores it (COSE, base64url). */
function newKey(): { credentialId: string; privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' });
  // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}
  const cose = Buffer.concat([Buffer.from('a5010203262001215820', 'hex'), Buffer.from(jwk.x!, 'base64url'), Buffer.from('225820', 'hex'), Buffer.from(jwk.y!, 'base64url')]);
  return {
    credentialId: randomBytes(32).toString('base64url'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: cose.toString('base64url'),
  };
}

const SECOND = newKey();
const TWO_KEYS = 'two.keys@example.test';
/** Has the demo key and must still set up a security question: `MFA_ENROLL` after the key, where another key may be added. */
const ADDS_KEY = 'adds.key@example.test';
/** Must register a security key; with `multi-optional-factor-enroll` the list comes back after it, offering another. */
const MORE_KEYS = 'more.keys@example.test';

const seed: SeedInput = {
  ...DEFAULT_SEED,
  users: [
    ...(DEFAULT_SEED.users ?? []),
    {
      profile: { login: TWO_KEYS, email: TWO_KEYS, firstName: 'Tess', lastName: 'Twokeys' },
      password: DEFAULT_PASSWORD,
      policy: { mfa: 'required' },
      factors: [
        { factorType: 'webauthn', credentialId: DEMO_WEBAUTHN_KEY.credentialId, publicKey: DEMO_WEBAUTHN_KEY.publicKey, authenticatorName: 'Desk key' },
        { factorType: 'webauthn', credentialId: SECOND.credentialId, publicKey: SECOND.publicKey, authenticatorName: 'Pocket key' },
        { factorType: 'sms', phoneNumber: '+15552024299' },
      ],
    },
    {
      profile: { login: ADDS_KEY, email: ADDS_KEY, firstName: 'Ada', lastName: 'Addkey' },
      password: DEFAULT_PASSWORD,
      policy: { mfa: 'required', enroll: ['webauthn', 'question'] },
      factors: [{ factorType: 'webauthn', credentialId: DEMO_WEBAUTHN_KEY.credentialId, publicKey: DEMO_WEBAUTHN_KEY.publicKey, authenticatorName: 'Desk key' }],
    },
    {
      profile: { login: MORE_KEYS, email: MORE_KEYS, firstName: 'Mo', lastName: 'Keys' },
      password: DEFAULT_PASSWORD,
      policy: { mfa: 'required', enroll: ['webauthn'] },
    },
  ],
};

/** Records the element's success event before any page script runs. */
function recorder(): void {
  const state = { success: undefined as unknown };
  (window as unknown as { __webauthn: typeof state }).__webauthn = state;
  document.addEventListener('okta-authn-success', (event) => {
    const detail = (event as CustomEvent<{ user?: { profile?: { login?: string } } }>).detail;
    state.success = detail.user?.profile?.login ?? '';
  });
}

/** Base64 (what `WebAuthn.addCredential` takes) of a base64url credential id. */
const base64 = (base64url: string) => Buffer.from(base64url, 'base64url').toString('base64');

describe('security keys and biometrics in Chromium with a virtual authenticator', () => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  let server: BuildServer;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext | undefined;
  /** The demo key's signature counter: each test starts its authenticator past the last value the simulator saw. */
  let demoCount = 0;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, apiToken: API_TOKEN, seed });
    const page = (attributes: string) =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Security keys</title><script type="module" src="/widget/okta-authn.js"></script></head>` +
      `<body><main><okta-authn base-url="${simulator.url}" no-remember-me ${attributes}></okta-authn></main></body></html>`;
    server = await serveBrowserBuild({ '/': page(''), '/no-shadow': page('no-shadow'), '/multi': page('multi-optional-factor-enroll') });
    // The same server by name: the simulator's relying party id is `localhost`, which a page on 127.0.0.1 may not use.
    origin = server.origin.replace('127.0.0.1', 'localhost');
    expect(new URL(simulator.url).hostname).toBe('localhost');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await simulator?.close();
  });

  /** A fresh page at `path` with a virtual authenticator (user verification succeeds unless told otherwise); `withoutWebAuthn` takes the API away, as in a browser that lacks it. */
  async function open(path = '/', withoutWebAuthn = false): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(recorder);
    if (withoutWebAuthn) await page.addInitScript(() => Reflect.deleteProperty(window, 'PublicKeyCredential'));
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await page.goto(`${origin}${path}`);
    return { page, cdp, authenticatorId };
  }

  /** Puts a credential for the simulator's relying party into the authenticator. */
  async function addKey(cdp: CDPSession, authenticatorId: string, key: { credentialId: string; privateKey: string }, signCount = 0): Promise<void> {
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: { credentialId: base64(key.credentialId), isResidentCredential: false, rpId: DEMO_WEBAUTHN_KEY.rpId, privateKey: key.privateKey, signCount },
    });
  }

  /** The demo key, its counter past every earlier use. */
  async function addDemoKey(cdp: CDPSession, authenticatorId: string): Promise<void> {
    demoCount += 100;
    await addKey(cdp, authenticatorId, DEMO_WEBAUTHN_KEY, demoCount);
  }

  async function signIn(page: Page, login: string): Promise<void> {
    await page.locator('okta-authn input[name="username"]').fill(login);
    await page.locator('okta-authn input[name="password"]').fill(DEFAULT_PASSWORD);
    await page.locator('okta-authn input[name="password"]').press('Enter');
  }

  const title = (page: Page, text: string) => page.locator('okta-authn [part="title"]', { hasText: text }).waitFor();
  const button = (page: Page, name: string) => page.locator('okta-authn').getByRole('button', { name, exact: true });
  /** A security method of a list, by its name (its button says the name, then a line about it). */
  const method = (page: Page, name: string) =>
    page.locator('okta-authn button[part~="factor"]').filter({ has: page.locator('[part="factor-name"]', { hasText: new RegExp(`^${name}$`) }) });
  const alert = (page: Page, text: string) => page.locator('okta-authn [role="alert"]', { hasText: text }).waitFor();

  async function signedIn(page: Page): Promise<string> {
    await title(page, 'You are signed in');
    return page.evaluate(() => String((window as unknown as { __webauthn: { success?: unknown } }).__webauthn.success));
  }

  /** The user's WebAuthn factors, as the Factors API lists them. */
  async function keysOf(login: string): Promise<{ credentialId?: string; authenticatorName?: string }[]> {
    const response = await fetch(`${simulator.url}/api/v1/users/${login}/factors`, { headers: { Authorization: `SSWS ${API_TOKEN}`, Accept: 'application/json' } });
    const factors = (await response.json()) as { factorType: string; profile: { credentialId?: string; authenticatorName?: string } }[];
    return factors.filter((factor) => factor.factorType === 'webauthn').map((factor) => factor.profile);
  }

  test.each([
    ['shadow DOM', '/'],
    ['no-shadow', '/no-shadow'],
  ])('the seeded key signs webauthn@example.test in after one click, never before it (%s)', async (_name, path) => {
    const { page, cdp, authenticatorId } = await open(path);
    await addDemoKey(cdp, authenticatorId);
    await signIn(page, 'webauthn@example.test');
    await title(page, 'Security key or biometric');
    await page.locator('okta-authn', { hasText: 'Use your security key or this device’s fingerprint or face.' }).waitFor();
    // Nothing was asked of the authenticator before the click: its counter is untouched.
    const before = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(before.credentials[0]?.signCount).toBe(demoCount);
    await button(page, 'Verify').click();
    expect(await signedIn(page)).toBe('webauthn@example.test');
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]?.signCount).toBe(demoCount + 1);
    demoCount += 1;
  });

  test('enroll.webauthn@example.test registers a named key, then signs in with it', async () => {
    const { page, cdp, authenticatorId } = await open();
    await signIn(page, 'enroll.webauthn@example.test');
    await title(page, 'Set up security methods');
    await method(page, 'Security key or biometric').click();
    await title(page, 'Security key or biometric');
    await page.locator('okta-authn input[name="authenticatorName"]').fill('Blue key');
    await button(page, 'Set up').click();
    expect(await signedIn(page)).toBe('enroll.webauthn@example.test');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    const factors = (await (
      await fetch(`${simulator.url}/api/v1/users/enroll.webauthn@example.test/factors`, { headers: { Authorization: `SSWS ${API_TOKEN}`, Accept: 'application/json' } })
    ).json()) as { factorType: string; profile: { authenticatorName?: string; credentialId?: string } }[];
    const key = factors.find((factor) => factor.factorType === 'webauthn');
    expect(key?.profile.authenticatorName).toBe('Blue key');
    expect(base64(key?.profile.credentialId ?? '')).toBe(credentials[0]?.credentialId);

    await page.goto(`${origin}/`);
    await signIn(page, 'enroll.webauthn@example.test');
    await title(page, 'Security key or biometric');
    await button(page, 'Verify').click();
    expect(await signedIn(page)).toBe('enroll.webauthn@example.test');
  });

  test('a cancelled ceremony (user verification fails) says so with "Try again", which then succeeds', async () => {
    const { page, cdp, authenticatorId } = await open();
    await addDemoKey(cdp, authenticatorId);
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await signIn(page, 'webauthn@example.test');
    await button(page, 'Verify').click();
    await alert(page, 'The request was cancelled or timed out.');
    expect(await button(page, 'Choose another security method').count()).toBe(1);
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await button(page, 'Try again').click();
    expect(await signedIn(page)).toBe('webauthn@example.test');
    demoCount += 1;
  });

  test('a key the user has not registered (the right id, another private key) gets Okta’s refusal, and the right key then signs in', async () => {
    const { page, cdp, authenticatorId } = await open();
    await addKey(cdp, authenticatorId, { credentialId: DEMO_WEBAUTHN_KEY.credentialId, privateKey: SECOND.privateKey }, 1);
    await signIn(page, 'webauthn@example.test');
    await button(page, 'Verify').click();
    await alert(page, 'This key was not accepted. Try another one.');
    await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: base64(DEMO_WEBAUTHN_KEY.credentialId) });
    await addDemoKey(cdp, authenticatorId);
    await button(page, 'Try again').click();
    expect(await signedIn(page)).toBe('webauthn@example.test');
    demoCount += 1;
  });

  test('two keys are one choice in the picker, and the key the person has answers the challenge shared by both', async () => {
    const { page, cdp, authenticatorId } = await open();
    await addKey(cdp, authenticatorId, SECOND);
    await signIn(page, TWO_KEYS);
    await title(page, 'Choose a security method');
    const choices = page.locator('okta-authn button[part~="factor"] [part="factor-name"]');
    const labels = (await choices.allTextContents()).map((label) => label.trim());
    expect(labels).toHaveLength(2);
    expect(labels).toContain('Security key or biometric');
    await method(page, 'Security key or biometric').click();
    await button(page, 'Verify').click();
    expect(await signedIn(page)).toBe(TWO_KEYS);
  });

  test('adding a key the authenticator already holds for this person says it is registered; another key then registers, and the person goes on to the next method', async () => {
    const { page, cdp, authenticatorId } = await open();
    await addDemoKey(cdp, authenticatorId);
    await signIn(page, ADDS_KEY);
    await button(page, 'Verify').click();
    await title(page, 'Set up security methods');
    await method(page, 'Add another security key or biometric').click();
    await title(page, 'Security key or biometric');
    await button(page, 'Set up').click();
    // Okta excluded the demo key, which this authenticator holds: the browser refuses with InvalidStateError.
    await alert(page, 'This key is already registered. Use another one.');
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
    expect(await button(page, 'Back to security methods').count()).toBe(1);
    // Another key: the demo credential leaves the authenticator, and "Try again" registers a new one.
    await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: base64(DEMO_WEBAUTHN_KEY.credentialId) });
    await button(page, 'Try again').click();
    await title(page, 'Set up security methods');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    const keys = await keysOf(ADDS_KEY);
    expect(keys.map((key) => key.authenticatorName)).toEqual(['Desk key', 'Security key 2']);
    expect(base64(keys[1]?.credentialId ?? '')).toBe(credentials[0]?.credentialId);
    await method(page, 'Security question').click();
    await title(page, 'Set up a security question');
    await page.locator('okta-authn input[name="answer"]').fill('a robot named Babbage');
    await button(page, 'Save').click();
    expect(await signedIn(page)).toBe(ADDS_KEY);
    demoCount += 1;
  });

  test('with multi-optional-factor-enroll, "Add another" with the key just registered says so, and the person goes back to the list and finishes', async () => {
    const { page, cdp, authenticatorId } = await open('/multi');
    await signIn(page, MORE_KEYS);
    await title(page, 'Set up security methods');
    await method(page, 'Security key or biometric').click();
    await button(page, 'Set up').click();
    await button(page, 'Finish').waitFor();
    await method(page, 'Add another security key or biometric').click();
    await button(page, 'Set up').click();
    await alert(page, 'This key is already registered. Use another one.');
    await page.locator('okta-authn').getByRole('button', { name: 'Back to security methods' }).click();
    await button(page, 'Finish').click();
    expect(await signedIn(page)).toBe(MORE_KEYS);
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
    expect(await keysOf(MORE_KEYS)).toHaveLength(1);
  });

  test('a browser without WebAuthn says security keys cannot be used here, before any request, and the person chooses another method', async () => {
    const { page } = await open('/', true);
    await signIn(page, TWO_KEYS);
    await method(page, 'Security key or biometric').click();
    await alert(page, 'Security keys can’t be used on this page or in this browser.');
    await button(page, 'Try again').click();
    await alert(page, 'Security keys can’t be used on this page or in this browser.');
    await button(page, 'Choose another security method').click();
    await method(page, 'SMS').filter({ hasText: '+1 XXX-XXX-4299' }).waitFor();
  });
});
