import { UnsupportedStatusError } from '@okta-authn/core';
import type { AuthnClient, Transaction } from '@okta-authn/core';
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { LIKELY_AFTER_RECOVERY_TOKEN, LIKELY_AFTER_SIGN_IN, clientChunk } from './chunks.js';
import { keepStateToken, keptStateToken, readConfig, storeUsername } from './config.js';
import { describeError } from './error-messages.js';
import type { DisplayError } from './error-messages.js';
import { errorEvent, stateEvent } from './events.js';
import { focusTarget } from './focus.js';
import { createTranslator } from './i18n/index.js';
import type { MessageKey, MessageParams, Messages, Translate } from './i18n/index.js';
import { shippedTags } from './i18n/shipped.js';
import { LanguageController } from './language-controller.js';
import { catalogueSteps } from './locales.js';
import { adoptLightStyles, styles } from './okta-authn.styles.js';
import { chunkStyles, chunksFor, hasLocalView, onChunkStyles, prefetch, prepare, viewFactory, viewKey } from './registry.js';
import { ConfigurationError, NO_BASE_URL, withoutSecrets } from './session.js';
import { backToSignIn, isFieldError, links } from './views/parts.js';
import type { CustomLink, LocalViewName, Notice, RunOptions, UsernameOperation, View, WidgetContext } from './views/types.js';

let instances = 0;

/** Runs `task` when the page is idle (soon after, where the browser cannot tell). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 300 });
  else setTimeout(task, 200);
}

/**
 * `<okta-authn>` runs Okta's Classic Authentication API flows — sign-in, MFA, enrollment,
 * password expiry and recovery, unlock — in one form that password managers understand.
 *
 * @summary Okta Classic sign-in as one custom element.
 *
 * @fires okta-authn-state - The element shows a new transaction state. `detail: { status, stateToken }`.
 * @fires okta-authn-success - The transaction reached `SUCCESS`. `detail: { sessionToken, user }`. Cancelable: `preventDefault()` stops the session POST, the redirect and the `okta-session-redirect` navigation.
 * @fires okta-authn-error - A request failed (the element shows it too). `detail: { error }`.
 *
 * @slot logo - A logo above the card's heading (Okta's `logo`).
 * @slot before-form - Text above the sign-in form.
 * @slot buttons - Extra buttons under the sign-in button (Okta's `customButtons`).
 * @slot links - Extra links after the sign-in form's links.
 *
 * @csspart base - The card around everything.
 * @csspart title - The heading of the current step.
 * @csspart notice - An informational banner (session expired, password changed).
 * @csspart error - The error banner, for errors that belong to no field.
 * @csspart retry - The "Try again" button in the error alert.
 * @csspart form - The form of the current step.
 * @csspart intro - The introductory text of a step.
 * @csspart field - A label + input group.
 * @csspart label - A field label.
 * @csspart input - A text, password, tel or code input.
 * @csspart field-error - The message under a field in error (its input's `aria-describedby`).
 * @csspart password-toggle - The show/hide password icon button inside a password input (`aria-pressed` when shown).
 * @csspart checkbox - A checkbox with its label.
 * @csspart button - Every button (with `submit` or `secondary`).
 * @csspart submit - The primary (submit) button.
 * @csspart secondary - A secondary action button.
 * @csspart links - The row of links under a form.
 * @csspart link - A link-styled action (forgot password, back, choose another factor).
 * @csspart back - The "Back to sign in" link.
 * @csspart password-rules - The live password requirements checklist.
 * @csspart factor-list - The list of security methods to choose from.
 * @csspart factor - One security method in that list.
 * @csspart factor-enrolled - A security method already set up, in the enrollment list.
 * @csspart countdown - The "send again in N s" text.
 * @csspart resend - The "send again" button (with `button secondary`).
 * @csspart qr - A QR code image (TOTP and Okta Verify enrollment).
 * @csspart secret - The TOTP key for manual entry ("can't scan?").
 * @csspart copy - The button that copies that key (with `button secondary`).
 * @csspart waiting - The "waiting for you to approve" indicator while a push is pending.
 * @csspart challenge - The number to pick in Okta Verify (number challenge).
 * @csspart help - The "didn't get it?" disclosure.
 * @csspart status - The status icon of a step that ends there (account unlocked, password changed, email sent).
 *
 * @cssprop --okta-authn-color-primary - Buttons, links, focus accents.
 * @cssprop --okta-authn-color-primary-hover - Primary button hover background. Default: the primary moved 20% away from its text colour.
 * @cssprop --okta-authn-color-on-primary - Text on primary buttons. Default: white or black, whichever contrasts more with the primary (at least 4.58:1).
 * @cssprop --okta-authn-color-text - Body text.
 * @cssprop --okta-authn-color-text-muted - Secondary text.
 * @cssprop --okta-authn-color-background - Card and input background.
 * @cssprop --okta-authn-color-surface - Toggle buttons and factor list entries.
 * @cssprop --okta-authn-color-border - Input and button borders.
 * @cssprop --okta-authn-color-focus - Focus ring.
 * @cssprop --okta-authn-color-error - Error text and border.
 * @cssprop --okta-authn-color-error-background - Error alert background.
 * @cssprop --okta-authn-color-success - A met password rule.
 * @cssprop --okta-authn-color-notice - Notice text.
 * @cssprop --okta-authn-color-notice-background - Notice background.
 * @cssprop --okta-authn-color-link - Links.
 * @cssprop --okta-authn-radius - Inputs and buttons.
 * @cssprop --okta-authn-radius-card - The card.
 * @cssprop --okta-authn-space-xs - Smallest gap.
 * @cssprop --okta-authn-space-s - Small gap, input padding.
 * @cssprop --okta-authn-space-m - Gap between fields.
 * @cssprop --okta-authn-space-l - Card padding.
 * @cssprop --okta-authn-font-family - Font family.
 * @cssprop --okta-authn-font-size - Base font size (default `medium`, the reader's default size); the other sizes are relative to it.
 * @cssprop --okta-authn-font-size-small - Hints, checklist, countdown.
 * @cssprop --okta-authn-font-size-title - Heading.
 * @cssprop --okta-authn-font-size-challenge - The push number challenge.
 * @cssprop --okta-authn-font-weight-bold - Labels, headings, primary buttons.
 * @cssprop --okta-authn-line-height - Line height.
 * @cssprop --okta-authn-width - Maximum width of the card, centred in the element (default `24em`).
 * @cssprop --okta-authn-shadow - Card shadow.
 * @cssprop --okta-authn-transition-duration - Button transitions (0 under prefers-reduced-motion).
 */
export class OktaAuthn extends LitElement {
  static override styles = styles;

  /** The reactive properties (documented with their fields below) and the attribute each one reads. */
  static override properties = {
    baseUrl: { attribute: 'base-url' },
    sessionEndpoint: { attribute: 'session-endpoint' },
    redirectTo: { attribute: 'redirect-to' },
    oktaSessionRedirect: { attribute: 'okta-session-redirect' },
    recoveryToken: { attribute: 'recovery-token' },
    stateToken: { attribute: 'state-token' },
    noResume: { type: Boolean, attribute: 'no-resume' },
    relayState: { attribute: 'relay-state' },
    lang: {},
    language: { attribute: false },
    noShadow: { type: Boolean, attribute: 'no-shadow', reflect: true },
    theme: { reflect: true },
    recoveryFactors: { attribute: 'recovery-factors' },
    helpUrl: { attribute: 'help-url' },
    csrfToken: { attribute: 'csrf-token' },
    csrfHeader: { attribute: 'csrf-header' },
    noRememberMe: { type: Boolean, attribute: 'no-remember-me' },
    username: {},
    multiOptionalFactorEnroll: { type: Boolean, attribute: 'multi-optional-factor-enroll' },
    unlock: { type: Boolean },
    forgotPasswordUrl: { attribute: 'forgot-password-url' },
    unlockUrl: { attribute: 'unlock-url' },
    showSessionRevocation: { type: Boolean, attribute: 'show-session-revocation' },
    passwordExpiredUrl: { attribute: 'password-expired-url' },
    hideSignOutInMfa: { type: Boolean, attribute: 'hide-sign-out-in-mfa' },
    passwordless: { type: Boolean },
    customLinks: { attribute: false },
    transformUsername: { attribute: false },
    processCreds: { attribute: false },
    transaction: { attribute: false },
    messages: { attribute: false },
    fetch: { attribute: false },
    // Private state: a change re-renders; `attribute: false` said outright for the Custom Elements Manifest.
    tx: { state: true, attribute: false },
    local: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    error: { state: true, attribute: false },
    errorField: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    loadingKey: { state: true, attribute: false },
  };

  /** Okta org URL, e.g. `https://example.okta.com`. Required. */
  baseUrl = '';

  /**
   * URL that receives `POST { sessionToken }` on success; unset: the page handles `okta-authn-success`.
   * Resolved against `document.baseURI`; must be http(s) on the page's origin, else a configuration error and nothing is sent.
   */
  sessionEndpoint: string | undefined;

  /** Where to go after the session endpoint accepted the token; unset: stay. Only http(s) URLs on the page's origin are followed. */
  redirectTo: string | undefined;

  /**
   * Without a `session-endpoint`: on `SUCCESS` the browser goes to Okta's `/login/sessionCookieRedirect`,
   * which sets the org's session cookie and sends it on to this URL (http(s); relative URLs resolve against the page;
   * Okta only follows one of the org's trusted origins).
   */
  oktaSessionRedirect: string | undefined;

  /** A recovery token (from a recovery email link): the element starts by exchanging it. */
  recoveryToken: string | undefined;

  /** A stateToken to resume (e.g. `?stateToken=` of a step-up redirect). */
  stateToken: string | undefined;

  /**
   * Do not keep the current stateToken in `sessionStorage` (key `okta-authn:stateToken:<base-url>`); by default a reload
   * mid-flow resumes at the same step, and the token is forgotten at `SUCCESS`, cancel and expiry.
   */
  noResume = false;

  /** Opaque value sent with sign-in and recovery, echoed back by Okta. */
  relayState: string | undefined;

  /**
   * Language of the messages (BCP 47), negotiated over the shipped and registered languages
   * (`de-AT` → `de`); `auto`: the browser's languages (`navigator.languages`); default: the
   * closest `lang` on the page, else English.
   */
  override lang = '';

  /**
   * The language, set from script: a BCP 47 tag, or a function of the supported tags and the
   * browser's languages that returns one (as Okta's widget allows); wins over `lang`.
   */
  language: string | ((supported: readonly string[], preferred: readonly string[]) => string | undefined) | undefined;

  /** Render into the light DOM instead of a shadow root (read when the element is first connected). */
  noShadow = false;

  /** `light` or `dark` forces that theme; unset (or any other value): the page's `color-scheme` decides (`light dark` follows the OS). */
  theme: 'light' | 'dark' | undefined;

  /** Recovery factors offered for forgot password and unlock, space-separated: `email`, `sms`, `call`. Default `email`. */
  recoveryFactors = 'email';

  /** URL of the "Help" link; default `<base-url>/help/login`; `none` hides it. */
  helpUrl: string | undefined;

  /** CSRF token sent to the session endpoint; default: `<meta name="csrf-token">`. */
  csrfToken: string | undefined;

  /** Header that carries the CSRF token. Default `X-CSRF-Token`. */
  csrfHeader = 'X-CSRF-Token';

  /** Hide the "remember me" checkbox (and do not store the username). */
  noRememberMe = false;

  /** Username to prefill. */
  username: string | undefined;

  /** Let `MFA_ENROLL` offer every optional factor in turn (`options.multiOptionalFactorEnroll`). */
  multiOptionalFactorEnroll = false;

  /** Show "Unlock account?" on the sign-in form (off by default, as in Okta's widget; the org must allow self-service unlock). */
  unlock = false;

  /** A page that replaces the built-in forgot-password flow: "Forgot password?" links there (http(s) only). */
  forgotPasswordUrl: string | undefined;

  /** A page that replaces the built-in unlock flow: "Unlock account?" links there, `unlock` or not (http(s) only). */
  unlockUrl: string | undefined;

  /** Offer "Sign me out of all other devices" when a new password is set (sends `revokeSessions`). */
  showSessionRevocation = false;

  /** For orgs whose passwords are changed elsewhere: `PASSWORD_EXPIRED` says so and links here instead of asking for a new password (http(s) only). */
  passwordExpiredUrl: string | undefined;

  /** No "Back to sign in" during MFA (`MFA_REQUIRED`, `MFA_CHALLENGE`). */
  hideSignOutInMfa = false;

  /** Username-first sign-in: the first step asks for the username alone ("Next"), then a factor instead of a password; the org's sign-on policy must allow it (Okta Classic's factor sequencing). */
  passwordless = false;

  /** Extra links under the sign-in form, after "Help": `{ text, href, target? }`; only http(s) URLs are shown. */
  customLinks: CustomLink[] | undefined;

  /** The username as sent to Okta, for `operation` `PRIMARY_AUTH`, `FORGOT_PASSWORD` or `UNLOCK_ACCOUNT` (e.g. append a domain). */
  transformUsername: ((username: string, operation: UsernameOperation) => string) | undefined;

  /** Runs, and is awaited, before primary auth with what the person typed; a throw shows an error and nothing is sent. */
  processCreds: ((creds: { username: string; password: string }) => void | Promise<void>) | undefined;

  /** A raw authn response (a resumed stateToken, a step-up): the element renders its state. */
  transaction: unknown;

  /** Message overrides by catalogue key; win over `lang` and English. */
  messages: Messages = {};

  /**
   * The `fetch` every request of this element goes through (authn API and session POST); default
   * `globalThis.fetch`. Set it to proxy or instrument requests; read at each request.
   */
  fetch: typeof globalThis.fetch | undefined;

  private tx: Transaction | undefined;
  private local: LocalViewName = 'primary';
  private busy = false;
  private error: DisplayError | undefined;
  private errorField: string | undefined;
  private notice: Notice | undefined;
  private announcement = '';
  /** The view key whose chunks are loading (the card says so meanwhile). */
  private loadingKey: string | undefined;
  /** Settles when the chunks of {@link loadingKey} are loaded or failed. */
  #loading: Promise<void> | undefined;

  readonly #instanceId = `okta-authn-${(instances += 1)}`;
  readonly #memory = new Map<string, unknown>();
  #view: View | undefined;
  #currentViewKey = '';
  /** The view key whose chunks failed to load: shown as the network error until "Try again" or another step. */
  #failedKey: string | undefined;
  #pendingFocus = false;
  #lastRun: { action: () => Promise<Transaction | void>; options: RunOptions } | undefined;
  #client: AuthnClient | undefined;
  /** Settles when the client's chunk, asked for by a request, is loaded or failed. */
  #clientLoading: Promise<void> | undefined;
  #clientBaseUrl = '';
  #started = false;
  readonly #languages = new LanguageController(this, () => this.#wantedLanguages());
  /** The catalogue {@link translator} was made with. */
  #translated: Messages | undefined;
  #translator: Translate = createTranslator();
  readonly #context: WidgetContext = this.#createContext();
  /** Bumped whenever what is shown is replaced (new transaction, restart, local view, host's `transaction`, removal): results of older requests are dropped. */
  #generation = 0;
  #idleWaiters: (() => void)[] = [];
  /** The person interacted with the element since the focus was last inside it: steps may move the focus. */
  #acted = false;
  /** How many of {@link chunkStyles} this element has adopted. */
  #adoptedSheets = 0;
  /** Stops adopting chunks' styles as they arrive (while disconnected). */
  #stopStyles: (() => void) | undefined;

  constructor() {
    super();
    const act = (): void => {
      this.#acted = true;
    };
    for (const type of ['click', 'keydown', 'input']) this.addEventListener(type, act);
    // While the person fills in the sign-in form, load what most likely comes next.
    const likely = (): void => {
      if (this.#currentViewKey === viewKey(undefined, 'primary') || this.tx?.status === 'UNAUTHENTICATED') whenIdle(() => prefetch(LIKELY_AFTER_SIGN_IN));
    };
    for (const type of ['focusin', 'input']) this.addEventListener(type, likely, { once: true });
    this.addEventListener('focusout', (event) => {
      const to = event.relatedTarget;
      if (to instanceof Node && to !== this && !this.contains(to) && !this.shadowRoot?.contains(to)) this.#acted = false;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A chunk's styles are adopted when it arrives (often prefetched), not when its view first shows: the step then renders without a style pass of its own.
    this.#adoptChunkStyles();
    this.#stopStyles = onChunkStyles(() => this.#adoptChunkStyles());
    this.#view?.connect?.();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopStyles?.();
    this.#abandon();
    this.#view?.disconnect?.();
  }

  /** Drops the result of any request in flight (it belongs to what is no longer shown) and clears busy. */
  #abandon(): void {
    this.#generation += 1;
    this.#setBusy(false);
  }

  #setBusy(busy: boolean): void {
    this.busy = busy;
    if (!busy) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  /** Resolves when no request runs. */
  #idle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.#idleWaiters.push(resolve)) : Promise.resolve();
  }

  /** True when the focus is inside the element. */
  #hasFocus(): boolean {
    return Boolean(this.shadowRoot?.activeElement) || this.contains(this.ownerDocument.activeElement);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (!this.hasAttribute('no-shadow')) return super.createRenderRoot();
    adoptLightStyles(this);
    return this;
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.#languages.sync(viewKey(this.tx, this.local));
    if (changed.has('messages') || this.#translated !== this.#languages.catalogue) {
      this.#translated = this.#languages.catalogue;
      this.#translator = createTranslator(this.#languages.catalogue, this.messages ?? {}, this.#languages.locale);
    }
    if (changed.has('transaction') && this.transaction !== undefined) {
      this.#adopt(this.transaction);
    } else if (!this.#started) {
      this.#start();
    } else if (changed.has('recoveryToken') && this.recoveryToken) {
      this.#exchangeRecoveryToken(this.recoveryToken);
    }
    this.#started = true;
    this.#ensureView();
    this.#adoptChunkStyles();
  }

  /** Adopts the style sheets chunks brought since the last update, before their views render. */
  #adoptChunkStyles(): void {
    const sheets = chunkStyles();
    if (sheets.length === this.#adoptedSheets) return;
    const fresh = sheets.slice(this.#adoptedSheets);
    this.#adoptedSheets = sheets.length;
    const root = this.renderRoot;
    if (root === this) adoptLightStyles(this, fresh);
    else if (root instanceof ShadowRoot) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...fresh.flatMap((sheet) => sheet.styleSheet ?? [])];
  }

  protected override firstUpdated(): void {
    // The first form shows without the client; it follows once the page is idle, before the person can have typed.
    whenIdle(() => prefetch([clientChunk]));
  }

  protected override updated(): void {
    if (this.#pendingFocus && !this.loadingKey) {
      this.#pendingFocus = false;
      // Never take the focus from the page on load or from a background result: only after the person acted here, or when it is already inside.
      if (this.#acted || this.#hasFocus()) this.#moveFocus();
    }
  }

  /** The languages wanted, most wanted first: `language`, else `lang`, else the closest `lang` on the page; `auto`: the browser's. */
  #wantedLanguages(): string[] {
    const preferred = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? [...navigator.languages] : [navigator.language];
    const language = typeof this.language === 'function' ? this.language(shippedTags, preferred) : this.language;
    const owner = typeof document === 'undefined' ? undefined : this.parentElement?.closest('[lang]')?.getAttribute('lang');
    const lang = language || this.lang || owner || (typeof document === 'undefined' ? '' : document.documentElement.lang);
    if (!lang) return [];
    return lang.trim().toLowerCase() === 'auto' ? preferred : [lang];
  }

  /** The client for `base-url`; its chunk is loaded by {@link withClient}, which every request awaits first. */
  #getClient(): AuthnClient {
    const module = clientChunk.module;
    if (!module) throw new TypeError('The client chunk is used before it loaded');
    if (!this.#client || this.#clientBaseUrl !== this.baseUrl) {
      this.#client = new module.AuthnClient({ baseUrl: this.baseUrl || 'https://invalid.invalid', fetch: (input, init) => this.#request(input, init) });
      this.#clientBaseUrl = this.baseUrl;
    }
    return this.#client;
  }

  /** Loads the client's chunk (at once when it is loaded); the element waits for it in {@link getUpdateComplete}. */
  #withClient(): Promise<AuthnClient> {
    if (clientChunk.module) return Promise.resolve(this.#getClient());
    const loading = clientChunk.load().then(() => this.#getClient());
    const settled = loading.then(
      () => undefined,
      () => undefined,
    );
    this.#clientLoading = settled;
    void settled.then(() => {
      if (this.#clientLoading === settled) this.#clientLoading = undefined;
    });
    return loading;
  }

  /** Sends a request through the `fetch` property, else the global `fetch`. */
  #request(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // Called detached from the element: a host's `element.fetch = window.fetch` must not run with `this` = element.
    const fetcher = this.fetch ?? globalThis.fetch;
    return fetcher(input, init);
  }

  /** Exchanges a recovery token (from an email link) for the recovery question step; the views it leads to load meanwhile. */
  #exchangeRecoveryToken(recoveryToken: string): void {
    prefetch(LIKELY_AFTER_RECOVERY_TOKEN);
    const options = { multiOptionalFactorEnroll: this.multiOptionalFactorEnroll };
    void this.#context.run(() => this.#getClient().verifyRecoveryToken({ recoveryToken, options }), {
      errorKeys: { E0000011: 'error.recoveryLinkExpired', E0000105: 'error.recoveryLinkExpired' },
    });
  }

  /** First render: a recovery token or a stateToken to resume, else primary auth. */
  #start(): void {
    if (this.recoveryToken) {
      this.#exchangeRecoveryToken(this.recoveryToken);
    } else if (this.stateToken) {
      const stateToken = this.stateToken;
      void this.#context.run(() => this.#getClient().resume(stateToken));
    } else {
      // A reload mid-flow: the same step again, without the password.
      const kept = this.noResume ? undefined : keptStateToken(this.baseUrl);
      if (kept) void this.#context.run(() => this.#getClient().resume(kept));
    }
  }

  /** Keeps (or, with `undefined`, forgets) the stateToken to resume after a reload, unless `no-resume`. */
  #keep(tx: Transaction | undefined): void {
    if (!this.noResume) keepStateToken(this.baseUrl, tx?.status === 'SUCCESS' ? undefined : tx?.stateToken);
  }

  /** Renders a raw authn response given through the `transaction` property. */
  #adopt(raw: unknown): void {
    this.#abandon();
    const generation = this.#generation;
    this.#withClient().then(
      (client) => {
        if (generation !== this.#generation) return;
        try {
          this.#setTransaction(client.wrap(raw));
        } catch (error) {
          this.#restart();
          this.#showError(error, undefined);
        }
      },
      (error: unknown) => {
        if (generation === this.#generation) this.#showError(error, undefined);
      },
    );
  }

  /**
   * Routes the transaction (or local view) to its view: at once when its chunks are loaded,
   * else after loading them (the card says it is loading); a chunk that fails shows the
   * network error, whose "Try again" loads it again.
   */
  #ensureView(): void {
    const key = viewKey(this.tx, this.local);
    if (key !== this.#currentViewKey) {
      this.#view?.disconnect?.();
      this.#view = undefined;
      this.#currentViewKey = key;
      this.#failedKey = undefined;
    }
    const missing = chunksFor(this.tx, this.local).length > 0;
    if (!this.#view && !missing) {
      this.#view = viewFactory(this.tx, this.local)?.(this.#context);
      // Before this render, not after it: what a view sets when it starts (a push sent at once, an announcement) shows in the same render.
      if (this.isConnected) this.#view?.connect?.();
    }
    // A kept view can list a factor whose chunk is new (another enrollment round): load it too.
    if (missing && this.loadingKey !== key && this.#failedKey !== key) this.#loadChunks(key);
  }

  #loadChunks(key: string): void {
    const { tx, local } = this;
    this.loadingKey = key;
    const loading = Promise.all([prepare(tx, local), catalogueSteps()]).then(
      () => {
        if (this.#loading === loading) this.#loading = undefined;
        if (this.loadingKey === key) this.loadingKey = undefined;
      },
      (error: unknown) => {
        if (this.#loading === loading) this.#loading = undefined;
        if (this.loadingKey !== key) return;
        this.loadingKey = undefined;
        this.#failedKey = key;
        this.#lastRun = { action: () => prepare(tx, local), options: {} };
        this.#showError(error, undefined);
      },
    );
    this.#loading = loading;
  }

  /** Also waits for the chunks of the step being shown: once it resolves, the step's view is rendered (or the error saying it could not load). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#loading || this.#clientLoading || this.#languages.pending) {
      await (this.#loading ?? this.#clientLoading ?? this.#languages.pending);
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  #setTransaction(next: Transaction, notice?: Notice): void {
    const previous = this.tx;
    this.#abandon();
    this.tx = next;
    this.error = undefined;
    this.errorField = undefined;
    if (notice) this.notice = notice;
    else if (this.notice && !this.notice.keepWhile?.includes(next.status)) this.notice = undefined;
    if (notice) this.#announce(this.#translator(notice.key, notice.params));
    this.#pendingFocus = true;
    this.#keep(next);
    this.dispatchEvent(stateEvent({ status: next.status, stateToken: next.stateToken }));
    if (next.status === 'SUCCESS' && previous !== next) void this.#finish(next);
  }

  /** `SUCCESS`: what {@link finishSignIn} does, from the client's chunk (loaded: a SUCCESS only arrives through the client). */
  async #finish(tx: Transaction): Promise<void> {
    await clientChunk.module?.finishSignIn(this, tx, {
      forget: () => this.#memory.clear(),
      fail: (error) => void this.#showError(error, undefined),
      request: (input, init) => this.#request(input, init),
      run: (action) => this.#context.run(action),
    });
  }

  /** Shows a local view (no transaction), with `notice` or none; the result of a request in flight is dropped. */
  #showLocal(local: LocalViewName, notice?: Notice): void {
    this.#abandon();
    this.tx = undefined;
    this.local = local;
    this.error = undefined;
    this.errorField = undefined;
    this.notice = notice;
    this.#keep(undefined);
    this.#pendingFocus = true;
  }

  /** Back to sign-in, forgetting what the steps kept. */
  #restart(notice?: Notice): void {
    this.#showLocal('primary', notice);
    this.#memory.clear();
    if (notice) this.#announce(this.#translator(notice.key, notice.params));
  }

  #showError(error: unknown, options: RunOptions | undefined): DisplayError {
    const display = describeError(error);
    const code = (error as { errorCode?: unknown }).errorCode;
    const override = typeof code === 'string' ? options?.errorKeys?.[code] : undefined;
    if (override) display.key = override;
    if (display.restart) {
      this.#restart({ key: display.key });
    } else {
      this.error = display;
      this.errorField = typeof options?.field === 'function' ? options.field(error) : options?.field;
      this.#pendingFocus = true;
    }
    if (error instanceof Error) this.dispatchEvent(errorEvent({ error: withoutSecrets(error) }));
    return display;
  }

  #announce(text: string): void {
    // A trailing no-break space toggles so that the same text twice is announced twice.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  #moveFocus(): void {
    const target = focusTarget(this.renderRoot as ParentNode, Boolean(this.error), this.errorField);
    target?.focus();
    if (target instanceof HTMLInputElement && this.error && this.errorField) target.select();
  }

  /** The context every view gets: what is shown, the configuration, and the way to act. */
  #createContext(): WidgetContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const element = this;
    return {
      get tx() {
        return element.tx;
      },
      get client() {
        if (!element.baseUrl) throw new ConfigurationError(NO_BASE_URL);
        return element.#getClient();
      },
      get config() {
        return readConfig(element);
      },
      get busy() {
        return element.busy;
      },
      get error() {
        return element.error;
      },
      get errorField() {
        return element.errorField;
      },
      get lang() {
        return element.#languages.locale;
      },
      msg: (key: MessageKey, params?: MessageParams) => element.#translator(key, params),
      memory: element.#memory,
      async run(action, options = {}) {
        if (element.busy) return undefined;
        element.#lastRun = { action, options };
        element.#setBusy(true);
        element.error = undefined;
        element.errorField = undefined;
        const generation = element.#generation;
        try {
          await element.#withClient();
          const next = await action();
          // The element was removed, the host gave a transaction, or the person went back meanwhile: this result is stale.
          if (generation !== element.#generation || !next) return undefined;
          options.onResult?.(next);
          const sameView = viewKey(next, element.local) === element.#currentViewKey;
          element.#setTransaction(next, options.notice?.(next));
          if (options.announce) element.#announce(element.#translator(options.announce));
          if (sameView) element.#pendingFocus = false;
          return next;
        } catch (error) {
          if (generation !== element.#generation) return undefined;
          if (error instanceof UnsupportedStatusError) {
            element.#restart();
          }
          element.#showError(error, options);
          return undefined;
        } finally {
          if (generation === element.#generation) element.#setBusy(false);
        }
      },
      replace(next) {
        if (!element.tx || viewKey(next, element.local) !== element.#currentViewKey) return false;
        element.tx = next;
        element.#keep(next);
        return true;
      },
      idle: () => element.#idle(),
      fail(key, field, params) {
        element.error = { key, params, causes: [], retry: false, restart: false };
        element.errorField = field;
        element.#pendingFocus = true;
      },
      canShow: (view) => hasLocalView(view) && (view === 'primary' || readConfig(element).recoveryFactors.length > 0),
      refocus() {
        element.#pendingFocus = true;
        element.requestUpdate();
      },
      show: (view) => element.#showLocal(view),
      async cancel() {
        const tx = element.tx;
        element.#restart();
        if (tx?.can('cancel')) {
          try {
            await tx.cancel();
          } catch {
            // The transaction is abandoned either way; a failed cancel only leaves it to expire.
          }
        }
      },
      restart: (notice) => element.#restart(notice),
      announce: (text) => element.#announce(text),
      requestUpdate: () => element.requestUpdate(),
      rememberUsername: (username, remember) => storeUsername(element.baseUrl, username, remember && !element.noRememberMe),
      uid: (name) => `${element.#instanceId}-${name}`,
      now: () => Date.now(),
    };
  }

  #handleRetry(): void {
    const last = this.#lastRun;
    if (last) void this.#context.run(last.action, last.options);
  }

  #renderNotice() {
    const notice = this.notice;
    if (!notice) return nothing;
    return html`<div class="notice" part="notice">${this.#translator(notice.key, notice.params)}</div>`;
  }

  #renderError() {
    const error = this.error;
    // An error about one field is shown under that field (views/parts.ts), not here.
    if (!error || isFieldError(error, this.errorField)) return nothing;
    return html`<div class="error" part="error" role="alert" tabindex="-1" id=${this.#context.uid('error')}>
      <div>${this.#translator(error.key, error.params)}</div>
      ${error.causes.length ? html`<ul>${error.causes.map((cause) => html`<li>${cause}</li>`)}</ul>` : nothing}
      ${error.retry
        ? html`<div class="actions">
            <button type="button" class="secondary" part="button secondary retry" ?disabled=${this.busy} @click=${this.#handleRetry}>
              ${this.#translator('widget.retry')}
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  /** While a step's views load: a spinner; when they could not be loaded, the error above says so and a way back follows. */
  #renderPending() {
    if (this.loadingKey || this.busy) return html`<p class="loading" aria-busy="true"><span class="busy" aria-hidden="true"></span></p>`;
    return links(backToSignIn(this.#context));
  }

  override render() {
    const view = this.#view;
    const { tag, dir, held } = this.#languages;
    return html`<div class=${held ? 'card held' : 'card'} part="base" lang=${tag} dir=${dir} aria-busy=${held ? 'true' : nothing}>
      <slot name="logo"></slot>
      ${view ? html`<h2 class="title" part="title" tabindex="-1">${view.heading()}</h2>` : nothing} ${this.#renderNotice()} ${this.#renderError()}
      ${view ? view.render() : this.#renderPending()}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }
}
