import { AuthnError } from '@okta-authn/core';
import type { MessageKey, Messages } from './i18n/index.js';
import type { OktaAuthn } from './okta-authn.js';
import type { CustomLink, UsernameOperation } from './views/types.js';

/** An option of Okta's classic widget that {@link applyClassicConfig} did not map, and why. */
export interface UnmappedOption {
  /** The option's path, e.g. `features.registration` or `i18n.en.primaryauth.newUser`. */
  option: string;
  /** Why it has no counterpart here, and what to do instead when there is something. */
  reason: string;
}

/** One thing wrong with the options given to {@link applyClassicConfig}. */
export interface ClassicConfigIssue {
  /** The option's path. */
  path: string;
  /** What is wrong. */
  message: string;
}

/** The classic widget's options given to {@link applyClassicConfig} are not what that widget accepts; `code` is `CLASSIC_CONFIG_INVALID`. Nothing was applied. */
export class ClassicConfigError extends AuthnError {
  /** Every problem found. */
  readonly issues: ClassicConfigIssue[];

  constructor(issues: ClassicConfigIssue[]) {
    super('CLASSIC_CONFIG_INVALID', `Invalid classic widget options: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'ClassicConfigError';
    this.issues = issues;
  }
}

/** The classic widget's message keys that have a counterpart here. */
const MESSAGE_KEYS: Record<string, MessageKey> = {
  'primaryauth.title': 'primary.title',
  'primaryauth.username.placeholder': 'primary.username',
  'primaryauth.password.placeholder': 'primary.password',
  'primaryauth.submit': 'primary.submit',
  'oform.next': 'primary.next',
  remember: 'primary.rememberMe',
  help: 'primary.help',
  forgotpassword: 'primary.forgotPassword',
  unlockaccount: 'primary.unlockAccount',
  goback: 'widget.backToSignIn',
};

/** `features.*` flags that map onto the element, by what they set. */
const FEATURES: Record<string, (element: OktaAuthn, on: boolean) => void> = {
  rememberMe: (element, on) => (element.noRememberMe = !on),
  selfServiceUnlock: (element, on) => (element.unlock = on),
  multiOptionalFactorEnroll: (element, on) => (element.multiOptionalFactorEnroll = on),
  hideSignOutLinkInMFA: (element, on) => (element.hideSignOutInMfa = on),
  showSessionRevocation: (element, on) => (element.showSessionRevocation = on),
  passwordlessAuth: (element, on) => (element.passwordless = on),
};

/** `features.*` flags without a counterpart, and why. */
const FEATURE_REASONS: Record<string, string> = {
  registration: 'self-service registration is not part of the Classic Authentication API; link to your registration page with customLinks',
  idpDiscovery: 'IdP discovery needs Okta-hosted routing (WebFinger); not supported',
  router: 'the element keeps no URL routes; the host page owns the URL',
  autoPush: 'the person picks "send automatically" on the push step; the element remembers it per factor',
  rememberDevice: 'shown whenever the org’s policy allows remembering the device',
  webauthn: 'security keys and biometrics are offered whenever the transaction lists them',
  redirectByFormSubmit: 'use session-endpoint or okta-session-redirect to finish',
  customExpiredPassword: 'set password-expired-url (the texts are the messages password.expiredElsewhere and password.expiredElsewhereLink)',
  securityImage: 'Okta’s security image is not shown',
  deviceFingerprinting: 'no device fingerprint is sent',
  useDeviceFingerprintForSecurityImage: 'no device fingerprint is sent',
  trackTypingPattern: 'typing patterns are not collected',
  hideBackToSignInForReset: 'password reset always offers "Back to sign in"',
  sameDeviceOVEnrollmentEnabled: 'Identity Engine only',
  mfaOnlyFlow: 'Identity Engine only; give a stateToken to start at MFA',
};

/** Options that only make sense for the classic widget's own rendering or OIDC. */
const OPTION_REASONS: Record<string, string> = {
  el: 'place the element in the page yourself (<okta-authn>)',
  clientId: 'the element ends with a sessionToken, not OIDC tokens: exchange it with session-endpoint (@okta-authn/express) or okta-session-redirect',
  redirectUri: 'the element ends with a sessionToken: use redirect-to with session-endpoint, or okta-session-redirect',
  issuer: 'the element talks to the Classic Authentication API of base-url; no authorization server is used',
  authParams: 'no OIDC authorization request is made',
  authClient: 'the element uses @okta-authn/core’s client; give it a fetch to instrument requests',
  useInteractionCodeFlow: 'the element uses the Classic Authentication API only',
  useClassicEngine: 'the element is always Classic',
  idps: 'social and enterprise IdP buttons: put your own buttons in the buttons slot',
  idpDisplay: 'social and enterprise IdP buttons: put your own buttons in the buttons slot',
  assets: 'the element loads its parts from beside its own script',
  cspNonce: 'the element needs no inline script or style (see Content Security Policy)',
  brandName: 'messages mention no brand; override the texts with messages',
  registration: 'self-service registration is not part of the Classic Authentication API',
  signOutLink: '"Back to sign in" cancels the transaction and shows sign-in; there is no sign-out URL',
  helpSupportNumber: 'put the number in the before-form or links slot',
  policyId: 'the org’s policies apply',
  idpDiscovery: 'IdP discovery needs Okta-hosted routing (WebFinger); not supported',
  piv: 'smart card (PIV) sign-in is not supported',
  globalSuccessFn: 'listen for okta-authn-success',
  globalErrorFn: 'listen for okta-authn-error',
  hooks: 'listen for okta-authn-state; views are replaced by state, not hooked',
  apiVersion: 'the element speaks the Classic Authentication API v1',
  consent: 'Identity Engine only',
  proxyIdxResponse: 'Identity Engine only',
  hcaptcha: 'no CAPTCHA in the Classic Authentication API',
  recaptcha: 'no CAPTCHA in the Classic Authentication API',
  oAuthTimeout: 'no OIDC request is made',
  nonce: 'no OIDC request is made',
  display: 'no OIDC request is made',
  defaultCountryCode: 'the phone step starts with no country preselected; the person types the number with its country code',
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads and checks the options; every problem is collected so that one error names them all. */
class Reader {
  readonly issues: ClassicConfigIssue[] = [];

  constructor(readonly options: Record<string, unknown>) {}

  private expect<T>(path: string, value: unknown, check: (value: unknown) => value is T, wanted: string): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (check(value)) return value;
    this.issues.push({ path, message: `expected ${wanted}` });
    return undefined;
  }

  string(path: string, value: unknown = this.options[path]): string | undefined {
    return this.expect(path, value, (item): item is string => typeof item === 'string', 'a string');
  }

  boolean(path: string, value: unknown): boolean | undefined {
    return this.expect(path, value, (item): item is boolean => typeof item === 'boolean', 'true or false');
  }

  object(path: string, value: unknown = this.options[path]): Record<string, unknown> | undefined {
    return this.expect(path, value, isObject, 'an object');
  }

  array(path: string, value: unknown): unknown[] | undefined {
    return this.expect(path, value, Array.isArray, 'an array');
  }

  func<T extends (...args: never[]) => unknown>(path: string, value: unknown = this.options[path]): T | undefined {
    return this.expect(path, value, (item): item is T => typeof item === 'function', 'a function');
  }
}

/** A classic `processCreds(creds, callback)` (two parameters) as an async hook; one parameter: as it is. */
function asyncProcessCreds(hook: (creds: { username: string; password: string }, callback?: () => void) => unknown) {
  return (creds: { username: string; password: string }): Promise<void> =>
    hook.length >= 2
      ? new Promise<void>((resolve, reject) => {
          try {
            hook(creds, resolve);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        })
      : Promise.resolve(hook(creds)).then(() => undefined);
}

/**
 * Maps the options of Okta's classic Sign-In Widget (`new OktaSignIn(options)`) onto `element`:
 * attributes, properties, message overrides, the brand colour, a logo and custom buttons in slots.
 * Returns every option it could not map, with why. Throws {@link ClassicConfigError} (and applies
 * nothing) when an option has the wrong type.
 */
export function applyClassicConfig(element: OktaAuthn, options: unknown): UnmappedOption[] {
  if (!isObject(options)) throw new ClassicConfigError([{ path: '(options)', message: 'expected an object' }]);
  const read = new Reader(options);
  const unmapped: UnmappedOption[] = [];
  const apply: (() => void)[] = [];
  const set = (task: () => void) => apply.push(task);

  for (const key of ['baseUrl', 'username', 'relayState', 'stateToken', 'recoveryToken'] as const) {
    const value = read.string(key);
    if (value !== undefined) set(() => (element[key] = value));
  }

  const language = options.language;
  if (typeof language === 'function') set(() => (element.language = language as OktaAuthn['language']));
  else {
    const tag = read.string('language');
    if (tag !== undefined) set(() => (element.lang = tag));
  }

  const hookTransform = read.func<(username: string, operation: UsernameOperation) => string>('transformUsername');
  if (hookTransform) set(() => (element.transformUsername = hookTransform));
  const hookCreds = read.func<(creds: { username: string; password: string }, callback?: () => void) => unknown>('processCreds');
  if (hookCreds) set(() => (element.processCreds = asyncProcessCreds(hookCreds)));

  const features = read.object('features') ?? {};
  const recovery = new Set(element.recoveryFactors.split(/[\s,]+/).filter(Boolean));
  for (const [name, value] of Object.entries(features)) {
    const path = `features.${name}`;
    const on = read.boolean(path, value);
    if (on === undefined) continue;
    const map = FEATURES[name];
    if (map) set(() => map(element, on));
    else if (name === 'smsRecovery' || name === 'callRecovery' || name === 'emailRecovery') {
      const factor = name.replace('Recovery', '');
      set(() => {
        if (on) recovery.add(factor);
        else recovery.delete(factor);
      });
    } else if (name === 'showPasswordToggleOnSignInPage') {
      if (!on) unmapped.push({ option: path, reason: 'the show/hide password button is always there' });
    } else if (name === 'showPasswordRequirementsAsHtmlList') {
      if (!on) unmapped.push({ option: path, reason: 'password requirements are always a live list' });
    } else unmapped.push({ option: path, reason: FEATURE_REASONS[name] ?? 'no counterpart in <okta-authn>' });
  }
  if (['smsRecovery', 'callRecovery', 'emailRecovery'].some((name) => name in features)) {
    set(() => (element.recoveryFactors = ['email', 'sms', 'call'].filter((factor) => recovery.has(factor)).join(' ')));
  }

  const helpLinks = read.object('helpLinks') ?? {};
  const linkAttributes = { help: 'helpUrl', forgotPassword: 'forgotPasswordUrl', unlock: 'unlockUrl' } as const;
  for (const [name, value] of Object.entries(helpLinks)) {
    const path = `helpLinks.${name}`;
    if (name in linkAttributes) {
      const href = read.string(path, value);
      const property = linkAttributes[name as keyof typeof linkAttributes];
      if (href !== undefined) set(() => (element[property] = href));
    } else if (name === 'custom') {
      const links: CustomLink[] = [];
      (read.array(path, value) ?? []).forEach((item, index) => {
        const link = read.object(`${path}[${index}]`, item);
        const text = read.string(`${path}[${index}].text`, link?.text);
        const href = read.string(`${path}[${index}].href`, link?.href);
        const target = read.string(`${path}[${index}].target`, link?.target);
        if (text !== undefined && href !== undefined) links.push({ text, href, ...(target ? { target } : {}) });
        else if (link) read.issues.push({ path: `${path}[${index}]`, message: 'expected text and href' });
      });
      set(() => (element.customLinks = links));
    } else unmapped.push({ option: path, reason: name === 'factorPage' || name === 'gracePeriodRequiredSoon' ? 'Identity Engine only' : 'no counterpart in <okta-authn>' });
  }

  const buttons: HTMLButtonElement[] = [];
  (read.array('customButtons', options.customButtons) ?? []).forEach((item, index) => {
    const path = `customButtons[${index}]`;
    const spec = read.object(path, item);
    if (!spec) return;
    const title = read.string(`${path}.title`, spec.title);
    const className = read.string(`${path}.className`, spec.className);
    const click = read.func<(event: MouseEvent) => void>(`${path}.click`, spec.click);
    if (title === undefined) {
      if (spec.i18nKey !== undefined) unmapped.push({ option: `${path}.i18nKey`, reason: 'give the button its text as title' });
      else read.issues.push({ path: `${path}.title`, message: 'expected a string' });
      return;
    }
    const button = element.ownerDocument.createElement('button');
    button.type = 'button';
    button.slot = 'buttons';
    button.textContent = title;
    if (className) button.className = className;
    if (click) button.addEventListener('click', click);
    // The classic widget marks the button with `data-se` (its test hook).
    const dataAttr = read.string(`${path}.dataAttr`, spec.dataAttr);
    if (dataAttr) button.dataset.se = dataAttr;
    buttons.push(button);
  });
  if (buttons.length) set(() => element.append(...buttons));

  const brand = read.string('colors.brand', read.object('colors')?.brand);
  if (brand !== undefined) set(() => element.style.setProperty('--okta-authn-color-primary', brand));

  const logo = read.string('logo');
  const logoText = read.string('logoText');
  if (logo !== undefined) {
    set(() => {
      const image = element.ownerDocument.createElement('img');
      image.slot = 'logo';
      image.src = logo;
      image.alt = logoText ?? '';
      element.append(image);
    });
  }

  const i18n = read.object('i18n') ?? {};
  const target = (typeof language === 'string' ? language : element.lang) || 'en';
  const messages: Messages = {};
  for (const [tag, table] of Object.entries(i18n)) {
    const entries = read.object(`i18n.${tag}`, table) ?? {};
    const matches = target.toLowerCase().split('-')[0] === tag.toLowerCase().split('-')[0];
    for (const [key, text] of Object.entries(entries)) {
      const path = `i18n.${tag}.${key}`;
      const value = read.string(path, text);
      const ours = MESSAGE_KEYS[key];
      if (value === undefined) continue;
      if (!ours) unmapped.push({ option: path, reason: 'no message of <okta-authn> says this; override ours by key with messages' });
      else if (!matches) unmapped.push({ option: path, reason: `only the element’s language is mapped (${target}); give messages per language with registerLocale` });
      else messages[ours] = value;
    }
  }
  if (Object.keys(messages).length) set(() => (element.messages = { ...element.messages, ...messages }));

  const handled = new Set(['baseUrl', 'username', 'relayState', 'stateToken', 'recoveryToken', 'language', 'transformUsername', 'processCreds', 'features', 'helpLinks', 'customButtons', 'colors', 'logo', 'i18n']);
  for (const [name, value] of Object.entries(options)) {
    if (handled.has(name) || value === undefined) continue;
    if (name === 'logoText') continue;
    unmapped.push({ option: name, reason: OPTION_REASONS[name] ?? 'no counterpart in <okta-authn>' });
  }

  if (read.issues.length) throw new ClassicConfigError(read.issues);
  for (const task of apply) task();
  return unmapped;
}
