import type { AuthnClient, Factor, Transaction, TransactionStatus } from '@okta-authn/core';
import type { TemplateResult } from 'lit';
import type { DisplayError } from '../error-messages.js';
import type { MessageKey, MessageParams, Translate } from '../i18n/index.js';

/** Views that are not a transaction state: what the person sees before a transaction exists. */
export type LocalViewName = 'primary' | 'forgot-password' | 'unlock-account';

/** The element's configuration, as views need it (read-only; from attributes and properties). */
export interface WidgetConfig {
  /** Okta org URL. */
  baseUrl: string;
  /** Opaque value passed to primary auth and recovery, echoed by Okta. */
  relayState: string | undefined;
  /** Recovery factors offered by forgot-password and unlock (`email`, `sms`, `call`). */
  recoveryFactors: ReadonlyArray<'email' | 'sms' | 'call'>;
  /** URL of the help link; `undefined` hides it. */
  helpUrl: string | undefined;
  /** Show the "remember me" checkbox. */
  rememberMe: boolean;
  /** Username to prefill (attribute, else the remembered one). */
  username: string | undefined;
  /** `username` came from "remember me" storage (so the checkbox starts ticked). */
  usernameRemembered: boolean;
  /** Ask for `MFA_ENROLL` to loop while optional factors remain. */
  multiOptionalFactorEnroll: boolean;
  /** The host's `transformUsername` hook: the username as sent to Okta for `operation`. */
  transformUsername: (username: string, operation: UsernameOperation) => string;
  /** The host's `processCreds` hook, run (and awaited) before primary auth; a throw stops the sign-in. */
  processCreds: ((creds: { username: string; password: string }) => void | Promise<void>) | undefined;
  /** URL that replaces the built-in forgot-password flow (http(s) only). */
  forgotPasswordUrl: string | undefined;
  /** URL that replaces the built-in unlock flow (http(s) only). */
  unlockUrl: string | undefined;
  /** Show "Unlock account?" on the sign-in form (`unlock`). */
  unlock: boolean;
  /** The host's extra links under the sign-in form (http(s) only). */
  customLinks: readonly CustomLink[];
  /** Offer "Sign me out of all other devices" when a new password is set. */
  showSessionRevocation: boolean;
  /** Where the org's passwords are changed: `PASSWORD_EXPIRED` links there instead of asking for a new password. */
  passwordExpiredUrl: string | undefined;
  /** No "Back to sign in" (sign out) during MFA. */
  hideSignOutInMfa: boolean;
  /** The first step asks for the username alone ("Next"); a factor stands in for the password (`passwordless`). */
  passwordless: boolean;
}

/** The operation a username is sent for, as the classic widget's `transformUsername` names it. */
export type UsernameOperation = 'PRIMARY_AUTH' | 'FORGOT_PASSWORD' | 'UNLOCK_ACCOUNT';

/** A link of the host's under the sign-in form (Okta's `helpLinks.custom`). */
export interface CustomLink {
  /** The link's text. */
  text: string;
  /** Its URL: http(s), relative URLs resolve against the page; any other is not shown. */
  href: string;
  /** `target` attribute, e.g. `_blank` (then `rel="noopener noreferrer"`). */
  target?: string;
}

/** A banner above the current view (not an error): e.g. "your session expired". */
export interface Notice {
  /** Message key. */
  key: MessageKey;
  /** Placeholder values. */
  params?: MessageParams;
  /** The notice stays while the transaction is in one of these states; otherwise it clears on the next step. */
  keepWhile?: TransactionStatus[];
}

/** Options of {@link WidgetContext.run}. */
export interface RunOptions {
  /** `name` of the input the error is about (or a function choosing it from the error): it gets `aria-invalid` and the focus. */
  field?: string | ((error: unknown) => string | undefined);
  /** Overrides of the default error mapping, Okta error code → message key. */
  errorKeys?: Record<string, MessageKey>;
  /** A notice to show with the resulting transaction. */
  notice?: (next: Transaction) => Notice | undefined;
  /** Called with the resulting transaction before it is shown (e.g. to record when a code was sent). */
  onResult?: (next: Transaction) => void;
  /** Message announced to screen readers when the action succeeds and the state does not change. */
  announce?: MessageKey;
}

/** What the element gives every view: the transaction, messages, and the way to act. */
export interface WidgetContext {
  /** The current live transaction; `undefined` before sign-in and in local views. */
  readonly tx: Transaction | undefined;
  /** The core client of this element (for starting transactions: sign-in, recovery, unlock). */
  readonly client: AuthnClient;
  /** Element configuration. */
  readonly config: WidgetConfig;
  /** True while a request runs: submit buttons are disabled and the form is `aria-busy`. */
  readonly busy: boolean;
  /** The error on display, if any. */
  readonly error: DisplayError | undefined;
  /** `name` of the input the current error is about. */
  readonly errorField: string | undefined;
  /** The language in use (BCP 47), for `Intl` formatting. */
  readonly lang: string;
  /** Looks up a message (English → `lang` catalogue → `messages` property). */
  readonly msg: Translate;
  /**
   * Runs a request: sets busy, clears the error, awaits `action`; a resulting transaction
   * becomes the current one (new view, `okta-authn-state`, focus to the first field); a thrown
   * error is mapped, shown in the alert region, focused and fired as `okta-authn-error`.
   * Resolves to the new transaction, or `undefined` when the action failed or resolved to nothing.
   */
  run(action: () => Promise<Transaction | void>, options?: RunOptions): Promise<Transaction | undefined>;
  /**
   * Makes `next` the current transaction without a new view, focus move or event — for a poll's
   * `WAITING` answer, so later moves use its stateToken and links. Does nothing and returns false
   * when `next` would need another view (its view key differs) or there is no transaction.
   */
  replace(next: Transaction): boolean;
  /** Resolves once no request runs (at once when none does). */
  idle(): Promise<void>;
  /** Shows a client-side validation error (no request), on `field` when given. */
  fail(key: MessageKey, field?: string, params?: MessageParams): void;
  /** True when the local view exists (links to it show only then). */
  canShow(view: LocalViewName): boolean;
  /** Moves focus to the first field after the next render (a view changed its own step). */
  refocus(): void;
  /** Switches to a local view (no transaction), clearing error and notice. */
  show(view: LocalViewName): void;
  /** Cancels the transaction when it publishes `cancel`, then returns to sign-in. */
  cancel(): Promise<void>;
  /** Returns to sign-in at once, with an optional notice. */
  restart(notice?: Notice): void;
  /** Says `text` through the polite live region (e.g. "Code sent", a password rule met). */
  announce(text: string): void;
  /** Re-renders the element (after a view changed its own state). */
  requestUpdate(): void;
  /** Stores the username for next time ("remember me"), or forgets it when `remember` is false. */
  rememberUsername(username: string, remember: boolean): void;
  /** An id unique to this element instance (`uid('code')`), for `for`/`aria-describedby` in light DOM. */
  uid(name: string): string;
  /** Current time in ms; views use it for countdowns so tests can move time. */
  now(): number;
  /**
   * Scratch memory kept for the life of one transaction (cleared when it ends), for what must
   * survive a re-created view: when a code was sent, which factor was picked.
   */
  readonly memory: Map<string, unknown>;
}

/**
 * A view: the UI of one transaction state (or local step). The element creates one per state
 * (per state and factor for `MFA_CHALLENGE` / `MFA_ENROLL_ACTIVATE`) and drops it on the next.
 */
export interface View {
  /** Heading text of the view (rendered by the element as the card's `<h2>`). */
  heading(): string;
  /** The body: intro, `<form>`, links. Called on every render; read `ctx.tx` for data. */
  render(): TemplateResult;
  /** Called once after the view is first shown (start timers, polling). */
  connect?(): void;
  /** Called when the view is replaced or the element leaves the page (stop timers, abort polling). */
  disconnect?(): void;
}

/** Creates a view for a context. */
export type ViewFactory = (ctx: WidgetContext) => View;

/** Which UI a factor module is asked for. */
export type FactorStep = 'verify' | 'enroll' | 'activate';

/**
 * One factor type's UI (`chunks.ts` says which factor types each module serves). `verify` serves `MFA_REQUIRED` (after the factor is picked) and
 * `MFA_CHALLENGE`; `enroll` serves `MFA_ENROLL` after the factor is picked; `activate` serves
 * `MFA_ENROLL_ACTIVATE`. A missing step falls back to the unsupported-factor view.
 */
export interface FactorModule {
  /** Short name, e.g. "SMS", "Okta Verify". */
  name(ctx: WidgetContext, factor: Factor): string;
  /** Its name in a list of security methods ("SMS", "Google Authenticator code"): never a value of the person's profile. */
  label(ctx: WidgetContext, factor: Factor): string;
  /** One line under the name in a list: what using it takes ("A code from the Google Authenticator app"), telling several of one type apart (a masked phone); never the person's login. */
  description?(ctx: WidgetContext, factor: Factor): string;
  /** Its family's icon in a list (from `src/factor-icons.ts`); lists show a generic one without it. */
  icon?(factor: Factor): TemplateResult;
  /** Verify UI for `factor`. */
  verify?(ctx: WidgetContext, factor: Factor): View;
  /** Enroll UI for `factor` (an entry of `MFA_ENROLL`'s `factors`). */
  enroll?(ctx: WidgetContext, factor: Factor): View;
  /** Activation UI for `factor` (`MFA_ENROLL_ACTIVATE`'s `_embedded.factor`). */
  activate?(ctx: WidgetContext, factor: Factor): View;
  /** True when `factor` is to be picked at once in a list of several (a push the person chose to send automatically). */
  autoPick?(ctx: WidgetContext, factor: Factor): boolean;
}
