import type { CustomLink, UsernameOperation, WidgetConfig } from './views/types.js';

const RECOVERY_FACTORS = ['email', 'sms', 'call'] as const;
const USERNAME_KEY = 'okta-authn:username:';
const STATE_TOKEN_KEY = 'okta-authn:stateToken:';

/** The element's attributes and properties that make up a {@link WidgetConfig}. */
export interface ConfigSource {
  baseUrl: string;
  relayState: string | undefined;
  recoveryFactors: string;
  helpUrl: string | undefined;
  noRememberMe: boolean;
  username: string | undefined;
  multiOptionalFactorEnroll: boolean;
  transformUsername: ((username: string, operation: UsernameOperation) => string) | undefined;
  processCreds: ((creds: { username: string; password: string }) => void | Promise<void>) | undefined;
  forgotPasswordUrl: string | undefined;
  unlockUrl: string | undefined;
  unlock: boolean;
  customLinks: readonly CustomLink[] | undefined;
  showSessionRevocation: boolean;
  passwordExpiredUrl: string | undefined;
  hideSignOutInMfa: boolean;
  passwordless: boolean;
}

/** `href` resolved against `base` when it is an http(s) URL; else `undefined` (`javascript:`, `data:`, not a URL). */
export function httpUrl(href: string, base?: string): URL | undefined {
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** `href` resolved against the page when it is an http(s) URL; else `undefined` (`javascript:`, `data:`, not a URL). */
function safeLink(href: string | undefined): string | undefined {
  return href ? httpUrl(href, typeof document === 'undefined' ? undefined : document.baseURI)?.href : undefined;
}

/** The username as typed, for hosts without a `transformUsername` hook. */
const sameUsername = (username: string): string => username;

/** The configuration views read, from the element's attributes (and the remembered username). */
export function readConfig(source: ConfigSource): WidgetConfig {
  const factors = source.recoveryFactors
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((name): name is (typeof RECOVERY_FACTORS)[number] => (RECOVERY_FACTORS as readonly string[]).includes(name));
  const help = source.helpUrl === 'none' ? undefined : safeLink(source.helpUrl || (source.baseUrl ? `${source.baseUrl.replace(/\/+$/, '')}/help/login` : undefined));
  const remembered = source.username || source.noRememberMe ? undefined : rememberedUsername(source.baseUrl);
  return {
    baseUrl: source.baseUrl,
    relayState: source.relayState || undefined,
    recoveryFactors: factors,
    helpUrl: help,
    rememberMe: !source.noRememberMe,
    username: source.username || remembered,
    usernameRemembered: Boolean(remembered),
    multiOptionalFactorEnroll: source.multiOptionalFactorEnroll,
    transformUsername: source.transformUsername ?? sameUsername,
    processCreds: source.processCreds,
    forgotPasswordUrl: safeLink(source.forgotPasswordUrl),
    unlockUrl: safeLink(source.unlockUrl),
    unlock: source.unlock,
    customLinks: (source.customLinks ?? []).flatMap((link) => {
      const href = safeLink(link?.href);
      return href && typeof link.text === 'string' ? [{ text: link.text, href, ...(link.target ? { target: link.target } : {}) }] : [];
    }),
    showSessionRevocation: source.showSessionRevocation,
    passwordExpiredUrl: safeLink(source.passwordExpiredUrl),
    hideSignOutInMfa: source.hideSignOutInMfa,
    passwordless: source.passwordless,
  };
}

/** The username remembered for the org at `baseUrl`, if any. */
function rememberedUsername(baseUrl: string): string | undefined {
  try {
    return localStorage.getItem(`${USERNAME_KEY}${baseUrl}`) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers (or forgets) the username for the org at `baseUrl` after a sign-in attempt. */
export function storeUsername(baseUrl: string, username: string, remember: boolean): void {
  try {
    if (remember) localStorage.setItem(`${USERNAME_KEY}${baseUrl}`, username);
    else localStorage.removeItem(`${USERNAME_KEY}${baseUrl}`);
  } catch {
    // Storage can be disabled (private mode, policy); remembering is best effort.
  }
}

/** The stateToken kept for the org at `baseUrl` by {@link keepStateToken}, to resume after a reload. */
export function keptStateToken(baseUrl: string): string | undefined {
  try {
    return sessionStorage.getItem(`${STATE_TOKEN_KEY}${baseUrl}`) || undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the current stateToken of the org at `baseUrl` in `sessionStorage` (this tab only), or forgets it (`undefined`). */
export function keepStateToken(baseUrl: string, stateToken: string | undefined): void {
  try {
    if (stateToken) sessionStorage.setItem(`${STATE_TOKEN_KEY}${baseUrl}`, stateToken);
    else sessionStorage.removeItem(`${STATE_TOKEN_KEY}${baseUrl}`);
  } catch {
    // Storage can be disabled (private mode, policy); resuming after a reload is best effort.
  }
}
