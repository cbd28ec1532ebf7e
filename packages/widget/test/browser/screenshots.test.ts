/**
 * Screenshots of every view, each in four looks — light, dark, a 390 px phone page and French —
 * compared with the baselines in `test/screenshots/baseline/` (made in Debian's Chromium; see the
 * README's "Screenshot tests"), so that a layout change fails. Nothing goes to the network: every
 * step is a raw authn response given as `transaction`, or a local view, and the few requests a
 * view makes go to a `fetch` of the test's own. The page's clock is frozen so that countdowns
 * stand still, motion is reduced and nothing has the focus, so each picture is the same every run.
 */
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import '../../src/define.js';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { heading, press, root, type, until } from './helpers.js';
import {
  enrollEntry,
  enrollState,
  link,
  lockedOutState,
  mfaRequired,
  oktaError,
  oktaTotpFactor,
  passwordState,
  pushFactor,
  recoverySmsChallenge,
  smsFactor,
  successState,
  totpActivation,
  UNREACHABLE,
  user,
} from './raw-fixtures.js';

// The package's index.d.ts re-exports `./browser/commands.mjs`, whose types (commands.d.ts) TypeScript does not find under that name.
declare module '@web/test-runner-visual-regression' {
  /** Compares a picture of `element` with the baseline `name` (the test runner's visual-regression plugin). */
  export function visualDiff(element: Node, name: string): Promise<void>;
}

/** The page's frozen `Date.now()`; steps that expire do so five minutes later. */
const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const IN_FIVE_MINUTES = new Date(NOW + 5 * 60_000).toISOString();
/** A QR code served beside the tests (the element shows only http(s) QR codes; the org's would need the network). */
const QR_CODE = new URL('../screenshots/qr.png', import.meta.url).href;

/** One look of the page around the element. */
interface Variant {
  name: string;
  /** Width of the element's container, in CSS px (the card is at most 24em = 384 px wide). */
  width: number;
  /** The page's padding on each side of it. */
  padding: number;
  background: string;
  attributes: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { name: 'light', width: 400, padding: 8, background: '#f3f4f6', attributes: {} },
  { name: 'dark', width: 400, padding: 8, background: '#0b0c0e', attributes: { theme: 'dark' } },
  // A 390 px phone page with 16 px margins: the card is narrower than its maximum.
  { name: '390 px', width: 390, padding: 16, background: '#f3f4f6', attributes: {} },
  { name: 'French', width: 400, padding: 8, background: '#f3f4f6', attributes: { lang: 'fr' } },
];

/** What the test's `fetch` answers a request with: a status and a JSON body; unanswered requests wait forever. */
type Answers = Record<string, { status: number; body: unknown }>;

/** One view to take: how to get there from a fresh element. */
interface Shot {
  name: string;
  /** Attributes of the element besides the variant's. */
  attributes?: Record<string, string>;
  /** Properties set before it is added to the page. */
  properties?: Partial<OktaAuthn>;
  /** The raw authn response shown, if any. */
  transaction?: () => Record<string, unknown>;
  /** Answers by URL path (`POST /api/v1/authn` …); anything else never answers, so polling waits quietly. */
  answers?: Answers;
  /** What the person does to reach the view (the heading it starts from is passed along). */
  act?: (element: OktaAuthn) => Promise<void>;
}

const policy = { allowRememberDevice: true, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 1440, factorsPolicyInfo: {} };

/** An enrolled factor of `factorType`/`provider` with a verify link. */
function factor(id: string, factorType: string, provider: string, profile: Record<string, unknown>): Record<string, unknown> {
  return { id, factorType, provider, vendorName: provider, profile, _links: { verify: link(`/api/v1/authn/factors/${id}/verify`) } };
}

const call = factor('call1', 'call', 'OKTA', { phoneNumber: '+1 XXX-XXX-4243' });
const email = factor('email1', 'email', 'OKTA', { email: 'a...e@example.test' });
const question = factor('question1', 'question', 'OKTA', { question: 'name_of_first_plush_toy', questionText: 'What is the name of your first stuffed animal?' });
const googleTotp = factor('gtotp1', 'token:software:totp', 'GOOGLE', { credentialId: user.profile.login });
const rsa = factor('rsa1', 'token', 'RSA', { credentialId: user.profile.login });
const yubikey = factor('yubi1', 'token:hardware', 'YUBICO', { credentialId: user.profile.login });
const webauthn = factor('webauthn1', 'webauthn', 'FIDO', { credentialId: 'credential-1', authenticatorName: 'Security key' });

/** `MFA_CHALLENGE` of `current` (push: `WAITING`, polled). */
function challenge(current: Record<string, unknown>, embedded: Record<string, unknown> = {}): Record<string, unknown> {
  const type = String(current.factorType);
  const resend = ['sms', 'call', 'email', 'push'].includes(type) ? { resend: [link(`/api/v1/authn/factors/${String(current.id)}/verify/resend`, { name: type })] } : {};
  return {
    stateToken: '00state',
    expiresAt: IN_FIVE_MINUTES,
    status: 'MFA_CHALLENGE',
    ...(type === 'push' ? { factorResult: 'WAITING' } : {}),
    _embedded: { user, factor: { ...current, _embedded: embedded }, policy },
    _links: {
      next: link(`/api/v1/authn/factors/${String(current.id)}/verify`, { name: type === 'push' ? 'poll' : 'verify' }),
      prev: link('/api/v1/authn/previous'),
      cancel: link('/api/v1/authn/cancel'),
      ...resend,
    },
  };
}

/** `MFA_ENROLL_ACTIVATE` of a new factor of `factorType` (push: `WAITING` with its QR code). */
function activation(factorType: string, provider: string, profile: Record<string, unknown>, embedded: Record<string, unknown> = {}): Record<string, unknown> {
  const resend = ['sms', 'call', 'email'].includes(factorType) ? { resend: [link('/api/v1/authn/factors/new1/lifecycle/resend', { name: factorType })] } : {};
  return {
    stateToken: '00state',
    expiresAt: IN_FIVE_MINUTES,
    status: 'MFA_ENROLL_ACTIVATE',
    ...(factorType === 'push' ? { factorResult: 'WAITING' } : {}),
    _embedded: { user, factor: { id: 'new1', factorType, provider, vendorName: provider, profile, _embedded: embedded } },
    _links: {
      next: link('/api/v1/authn/factors/new1/lifecycle/activate', { name: factorType === 'push' ? 'poll' : 'activate' }),
      prev: link('/api/v1/authn/previous'),
      cancel: link('/api/v1/authn/cancel'),
      ...resend,
    },
  };
}

/** `RECOVERY` with the recovery question. */
function recoveryQuestion(): Record<string, unknown> {
  return {
    stateToken: '00recovery',
    expiresAt: IN_FIVE_MINUTES,
    status: 'RECOVERY',
    recoveryType: 'PASSWORD',
    _embedded: { user: { ...user, recovery_question: { question: 'What is the food you least liked as a child?' } } },
    _links: { next: link('/api/v1/authn/recovery/answer', { name: 'answer' }), cancel: link('/api/v1/authn/cancel') },
  };
}

/** Clicks the `index`th text link (`button[part="link"]`) of the sign-in form and waits for the next step. */
function openLink(index: number): (element: OktaAuthn) => Promise<void> {
  return async (element) => {
    const before = heading(element);
    root(element).querySelectorAll<HTMLButtonElement>('button[part="link"]')[index]!.click();
    await until(() => heading(element) !== before, 'the next step', element);
  };
}

const SHOTS: Shot[] = [
  { name: 'sign-in' },
  { name: 'sign-in-field-error', act: async (element) => {
    root(element).querySelector<HTMLInputElement>('input[name="username"]')!.focus();
    await press('Enter');
    await until(() => root(element).querySelector('[part~="field-error"]') !== null, 'the message under the username', element);
  } },
  {
    name: 'sign-in-error-banner',
    answers: { '/api/v1/authn': { status: 401, body: oktaError('E0000004', 'Authentication failed') } },
    act: async (element) => {
      await type(element, 'username', 'ada.lovelace@example.test');
      await type(element, 'password', 'not-the-password');
      await press('Enter');
      await until(() => root(element).querySelector('[part="error"]') !== null, 'the error banner', element);
    },
  },
  { name: 'unsupported-status', transaction: () => ({ status: 'ADMIN_CONSENT_REQUIRED', stateToken: '00state' }) },
  { name: 'forgot-password', act: openLink(0) },
  { name: 'unlock-account', properties: { unlock: true }, act: openLink(1) },
  { name: 'recovery-challenge-sms', transaction: recoverySmsChallenge },
  { name: 'recovery-question', transaction: recoveryQuestion },
  { name: 'recovery-email-sent', transaction: () => ({ status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'PASSWORD' }) },
  { name: 'password-reset', transaction: () => passwordState('PASSWORD_RESET') },
  { name: 'password-expired', transaction: () => passwordState('PASSWORD_EXPIRED') },
  { name: 'password-warn', transaction: () => passwordState('PASSWORD_WARN') },
  {
    name: 'password-changed',
    transaction: () => passwordState('PASSWORD_RESET'),
    answers: { '/api/v1/authn/credentials/reset_password': { status: 200, body: successState() } },
    act: async (element) => {
      await type(element, 'newPassword', 'Analytical-Engine-1843');
      await type(element, 'confirmPassword', 'Analytical-Engine-1843');
      const before = heading(element);
      await press('Enter');
      await until(() => heading(element) !== before, 'the password changed', element);
    },
  },
  { name: 'locked-out', transaction: lockedOutState },
  { name: 'account-unlocked', transaction: () => ({ ...successState(), recoveryType: 'UNLOCK', sessionToken: undefined }) },
  { name: 'success', transaction: successState },
  {
    name: 'mfa-required',
    transaction: () => mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242'), call, email, pushFactor(), oktaTotpFactor(), googleTotp, rsa, yubikey, question, webauthn], true),
  },
  { name: 'mfa-challenge-sms', transaction: () => challenge(smsFactor('sms1', '+1 XXX-XXX-4242')) },
  { name: 'mfa-challenge-call', transaction: () => challenge(call) },
  { name: 'mfa-challenge-email', transaction: () => challenge(email) },
  { name: 'mfa-challenge-push', transaction: () => challenge(pushFactor()) },
  { name: 'mfa-challenge-push-number', transaction: () => challenge(pushFactor(), { challenge: { correctAnswer: 47 } }) },
  { name: 'mfa-challenge-totp', transaction: () => mfaRequired([googleTotp], true) },
  { name: 'mfa-challenge-token', transaction: () => mfaRequired([rsa], true) },
  { name: 'mfa-challenge-yubikey', transaction: () => mfaRequired([yubikey], true) },
  { name: 'mfa-challenge-question', transaction: () => mfaRequired([question], true) },
  { name: 'mfa-challenge-webauthn', transaction: () => challenge(webauthn, { challenge: { challenge: 'Y2hhbGxlbmdl', userVerification: 'preferred' } }) },
  { name: 'factor-unsupported', transaction: () => mfaRequired([factor('claims1', 'claims_provider', 'CUSTOM', {})]) },
  {
    name: 'mfa-enroll',
    transaction: () =>
      enrollState(
        [
          enrollEntry('sms', 'OKTA', 'REQUIRED'),
          enrollEntry('token:software:totp', 'GOOGLE', 'REQUIRED'),
          enrollEntry('email', 'OKTA', 'REQUIRED', 'ACTIVE'),
          enrollEntry('push', 'OKTA', 'OPTIONAL'),
          enrollEntry('webauthn', 'FIDO', 'OPTIONAL'),
          enrollEntry('question', 'OKTA', 'OPTIONAL'),
        ],
        false,
      ),
  },
  { name: 'enroll-activate-sms', transaction: () => activation('sms', 'OKTA', { phoneNumber: '+1 XXX-XXX-4242' }) },
  { name: 'enroll-activate-call', transaction: () => activation('call', 'OKTA', { phoneNumber: '+1 XXX-XXX-4243' }) },
  { name: 'enroll-activate-email', transaction: () => activation('email', 'OKTA', { email: 'a...e@example.test' }) },
  {
    name: 'enroll-activate-totp',
    transaction: () => {
      const raw = totpActivation() as { _embedded: { factor: { _embedded: { activation: { _links: { qrcode: { href: string } } } } } } };
      raw._embedded.factor._embedded.activation._links.qrcode.href = QR_CODE;
      return raw as unknown as Record<string, unknown>;
    },
  },
  {
    name: 'enroll-activate-push',
    transaction: () =>
      activation('push', 'OKTA', {}, {
        activation: {
          expiresAt: IN_FIVE_MINUTES,
          factorResult: 'WAITING',
          _links: { qrcode: { href: QR_CODE, type: 'image/png' }, send: [link('/api/v1/authn/factors/new1/lifecycle/activate/email', { name: 'email' }), link('/api/v1/authn/factors/new1/lifecycle/activate/sms', { name: 'sms' })] },
        },
      }),
  },
  { name: 'enroll-activate-webauthn', transaction: () => activation('webauthn', 'FIDO', {}, { activation: { challenge: 'Y2hhbGxlbmdl', rp: { name: 'Example' }, user: { id: 'dXNlcg', name: user.profile.login, displayName: 'Ada Lovelace' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] } }) },
];

/** The test's `fetch`: answers from `answers` by path, else waits until the element aborts. */
function answering(answers: Answers): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const answer = answers[url.pathname];
    if (answer) return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } }));
    return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
  };
}

/** Settles the element for a picture: rendered, fonts and images loaded, no focus, two frames painted. */
async function settle(element: OktaAuthn): Promise<void> {
  await until(() => heading(element) !== '' && root(element).querySelector('.loading') === null, 'a step with its heading', element);
  await element.updateComplete;
  await document.fonts.ready;
  const images = [...root(element).querySelectorAll('img')];
  await until(() => images.every((image) => image.complete), 'its images', element);
  (element.shadowRoot?.activeElement as HTMLElement | null)?.blur();
  await element.updateComplete;
  for (let frame = 0; frame < 2; frame += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
}

describe('every view looks as its baseline in light, dark, a 390 px page and French', () => {
  const realNow = Date.now;
  let row: HTMLElement | undefined;

  before(async () => {
    Date.now = () => NOW;
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    // The four looks side by side, all in view.
    await setViewport({ width: 1700, height: 1200 });
  });

  after(async () => {
    Date.now = realNow;
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  afterEach(() => {
    row?.remove();
    row = undefined;
    sessionStorage.clear();
    localStorage.clear();
  });

  for (const shot of SHOTS) {
    it(`${shot.name}: one picture of the four looks side by side, as its baseline`, async () => {
      row = document.createElement('div');
      row.style.cssText = 'display:flex;align-items:stretch;width:max-content';
      const elements = VARIANTS.map((variant) => {
        const page = document.createElement('div');
        page.title = variant.name;
        page.style.cssText = `flex:none;width:${variant.width}px;box-sizing:border-box;padding:8px ${variant.padding}px;background:${variant.background}`;
        const element = document.createElement('okta-authn');
        for (const [name, value] of Object.entries({ 'base-url': UNREACHABLE, ...variant.attributes, ...shot.attributes })) element.setAttribute(name, value);
        Object.assign(element, { fetch: answering(shot.answers ?? {}) }, shot.properties);
        page.append(element);
        row!.append(page);
        return element;
      });
      document.body.append(row);
      await Promise.all(elements.map((element) => element.updateComplete));
      if (shot.transaction) for (const element of elements) element.transaction = shot.transaction();
      await Promise.all(elements.map(settle));
      // One at a time: the person's keyboard goes to one element.
      for (const element of elements) {
        await shot.act?.(element);
        await settle(element);
      }
      await visualDiff(row, shot.name);
    });
  }
});
