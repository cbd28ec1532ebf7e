import type { Factor, Transaction } from '@okta-authn/core';
import { assertionFields, attestationFields, creationOptions, requestOptions } from '@okta-authn/core/webauthn';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { biometricIcon } from '../factor-icons.js';
import type { MessageKey } from '../i18n/index.js';
import { takesAnother } from '../views/factor-step.js';
import { form, intro, submitButton, textField } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import type { FactorModule, View, WidgetContext } from '../views/types.js';
import { rememberDeviceField, verifyOptions, waiting } from './common.js';

/**
 * Memory key: the person's click asked Okta for a challenge (or an activation); the view of the
 * answer starts the browser ceremony with it. A ceremony never starts without that click: a
 * resumed `MFA_CHALLENGE` shows the button first.
 */
const GESTURE = 'webauthn:gesture';

/** Memory key: the "don't ask again" choice made before the challenge, sent with the assertion. */
const REMEMBER = 'webauthn:remember';

/** What Okta's 403 E0000068 means for a key: the assertion or attestation was not accepted. */
const ERROR_KEYS: Record<string, MessageKey> = { E0000068: 'factor.webauthn.rejected' };

/** True when this page can run a WebAuthn ceremony: a secure context and a browser with the API. */
export function webauthnAvailable(): boolean {
  return globalThis.isSecureContext === true && typeof globalThis.PublicKeyCredential === 'function' && typeof globalThis.navigator?.credentials?.get === 'function';
}

/**
 * The message for a failed ceremony, by the browser's error name: a key already registered
 * (`InvalidStateError`), a page or browser that cannot do it (`SecurityError` for an origin the
 * relying party does not cover, `NotSupportedError`, `ConstraintError`), else cancelled or timed out
 * (`NotAllowedError`, `AbortError`, anything else the authenticator says).
 */
export function ceremonyErrorKey(error: unknown): MessageKey {
  // A `DOMException` is an `Error`.
  const name = error instanceof Error ? error.name : '';
  if (name === 'InvalidStateError') return 'factor.webauthn.registered';
  if (name === 'SecurityError' || name === 'NotSupportedError' || name === 'ConstraintError') return 'factor.webauthn.unavailable';
  return 'factor.webauthn.cancelled';
}

/** The intro, or in its place the alert saying why the ceremony failed or cannot run. */
function introOr(ctx: WidgetContext, failure: MessageKey | undefined): TemplateResult {
  return failure ? html`<p class="field-error" part="intro" role="alert">${ctx.msg(failure)}</p>` : intro(ctx.msg('factor.webauthn.intro'));
}

/**
 * A step that runs a browser ceremony (`navigator.credentials.get` or `.create`) from a click: the
 * intro and a button; while the browser asks, a waiting line (the person can still choose another
 * method or go back, which aborts it); after a cancel, a timeout, a key already registered or a
 * page that cannot do it, that message and "Try again". The result goes to Okta through `ctx.run`,
 * and only while the element still shows the transaction the ceremony began on.
 */
abstract class CeremonyView implements View {
  private controller: AbortController | undefined;
  private failure: MessageKey | undefined;

  constructor(
    protected readonly ctx: WidgetContext,
    protected readonly factor: Factor,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.webauthn.name');
  }

  /** The browser's ceremony for `tx`; rejects with the browser's `DOMException`. */
  protected abstract ceremony(tx: Transaction, signal: AbortSignal): Promise<Credential | null>;

  /** The move that sends the ceremony's result to Okta. */
  protected abstract move(tx: Transaction, credential: Credential): () => Promise<Transaction>;

  /** Label of the button that starts the ceremony. */
  protected abstract action(): string;

  /** Fields shown with the button (remember device). */
  protected fields(): TemplateResult {
    return html``;
  }

  /** Reads the fields when the button is pressed. */
  protected submitted?(values: FormValues): void;

  connect(): void {
    if (this.ctx.memory.get(GESTURE) !== true) return;
    this.ctx.memory.delete(GESTURE);
    this.start();
  }

  disconnect(): void {
    this.controller?.abort();
    this.controller = undefined;
  }

  private fail(key: MessageKey): void {
    this.failure = key;
    this.ctx.requestUpdate();
    this.ctx.refocus();
  }

  /** Starts the ceremony on the current transaction (from the person's click, or the click that led here). */
  protected start(): void {
    const { ctx } = this;
    const tx = ctx.tx;
    if (!tx || this.controller) return;
    if (!webauthnAvailable()) return this.fail('factor.webauthn.unavailable');
    const controller = new AbortController();
    this.controller = controller;
    this.failure = undefined;
    let ceremony: Promise<Credential | null>;
    try {
      ceremony = this.ceremony(tx, controller.signal);
    } catch (error) {
      // Okta's activation or challenge lacks what the browser needs: the element says so.
      this.controller = undefined;
      void ctx.run(async () => {
        throw error;
      });
      return;
    }
    ctx.requestUpdate();
    ceremony.then(
      (credential) => {
        if (this.controller !== controller) return;
        this.controller = undefined;
        if (!credential) return this.fail('factor.webauthn.cancelled');
        if (ctx.tx === tx) void ctx.run(this.move(tx, credential), { errorKeys: ERROR_KEYS });
        else ctx.requestUpdate();
      },
      (error: unknown) => {
        if (this.controller !== controller) return;
        this.controller = undefined;
        this.fail(ceremonyErrorKey(error));
      },
    );
  }

  render() {
    const { ctx } = this;
    if (this.controller) return waiting(ctx.msg('factor.webauthn.intro'));
    const failure = this.failure ?? (webauthnAvailable() ? undefined : 'factor.webauthn.unavailable');
    const again = failure !== undefined || ctx.error !== undefined;
    return html`${introOr(ctx, failure)}
    ${form(
      ctx,
      (values) => {
        this.submitted?.(values);
        this.start();
      },
      [this.fields(), submitButton(ctx, again ? ctx.msg('widget.retry') : this.action())],
    )}`;
  }
}

/**
 * Verify (`MFA_REQUIRED` picked, then `MFA_CHALLENGE`): the click asks Okta for a challenge — for
 * `webauthn` by type, one challenge for all of the person's keys; for `u2f` the key's own — and
 * the challenge view starts `navigator.credentials.get` at once (core's `requestOptions` lists every
 * key and adds U2F's `appid`).
 */
class WebAuthnVerifyView extends CeremonyView {
  override connect(): void {
    if (this.ctx.tx?.status === 'MFA_CHALLENGE') super.connect();
  }

  protected ceremony(tx: Transaction, signal: AbortSignal): Promise<Credential | null> {
    return navigator.credentials.get({ publicKey: requestOptions(tx), signal });
  }

  protected move(tx: Transaction, credential: Credential): () => Promise<Transaction> {
    const options = (this.ctx.memory.get(REMEMBER) as { rememberDevice?: boolean } | undefined) ?? {};
    return () => tx.verify(this.factor, assertionFields(credential as PublicKeyCredential & { response: AuthenticatorAssertionResponse }), options);
  }

  protected action(): string {
    return this.ctx.msg('mfa.verify');
  }

  protected override fields(): TemplateResult {
    return this.ctx.memory.has(REMEMBER) ? html`` : rememberDeviceField(this.ctx);
  }

  protected override submitted(values: FormValues): void {
    if (!this.ctx.memory.has(REMEMBER)) this.ctx.memory.set(REMEMBER, verifyOptions(this.ctx, values));
  }

  /** `MFA_REQUIRED`: ask for the challenge; the challenge's view runs the ceremony. */
  private challenge(values: FormValues): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    if (!tx) return;
    // No challenge is asked for where no ceremony can run: the message stays, the focus goes back to it.
    if (!webauthnAvailable()) return ctx.refocus();
    ctx.memory.set(REMEMBER, verifyOptions(ctx, values));
    ctx.memory.set(GESTURE, true);
    void ctx.run(() => tx.verify(factor.factorType === 'webauthn' ? 'webauthn' : factor)).then((next) => {
      if (!next) ctx.memory.delete(GESTURE);
    });
  }

  override render() {
    const { ctx } = this;
    if (ctx.tx?.status === 'MFA_CHALLENGE') return super.render();
    const unavailable = !webauthnAvailable();
    return html`${introOr(ctx, unavailable ? 'factor.webauthn.unavailable' : undefined)}
    ${form(ctx, (values) => this.challenge(values), [rememberDeviceField(ctx), submitButton(ctx, unavailable ? ctx.msg('widget.retry') : this.action())])}`;
  }
}

/** Activate (`MFA_ENROLL_ACTIVATE`): `navigator.credentials.create` with Okta's activation, then `tx.activate`. */
class WebAuthnActivateView extends CeremonyView {
  protected ceremony(tx: Transaction, signal: AbortSignal): Promise<Credential | null> {
    return navigator.credentials.create({ publicKey: creationOptions(tx), signal });
  }

  protected move(tx: Transaction, credential: Credential): () => Promise<Transaction> {
    return () => tx.activate(attestationFields(credential as PublicKeyCredential & { response: AuthenticatorAttestationResponse }));
  }

  protected action(): string {
    return this.ctx.msg('factor.setUp');
  }
}

/** The longest key name Okta takes (`profile.authenticatorName`). */
const NAME_MAX = 50;

/**
 * Enroll (`MFA_ENROLL` picked): what is about to happen, an optional name for the new key
 * (`profile.authenticatorName`), and "Set up": Okta answers with the activation, whose view starts
 * `navigator.credentials.create` at once. Where no ceremony can run, it says so and asks nothing of Okta.
 */
class WebAuthnEnrollView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.webauthn.name');
  }

  private submit(values: FormValues): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    if (!tx) return;
    if (!webauthnAvailable()) return ctx.refocus();
    const authenticatorName = values.text('authenticatorName').trim();
    ctx.memory.set(GESTURE, true);
    void ctx.run(() => tx.enroll(factor, authenticatorName ? { profile: { authenticatorName } } : {}), { field: 'authenticatorName' }).then((next) => {
      if (!next) ctx.memory.delete(GESTURE);
    });
  }

  render() {
    const { ctx } = this;
    const unavailable = !webauthnAvailable();
    return html`${introOr(ctx, unavailable ? 'factor.webauthn.unavailable' : undefined)}
    ${form(ctx, (values) => this.submit(values), [
      unavailable ? html`` : textField(ctx, { name: 'authenticatorName', label: ctx.msg('factor.webauthn.keyName'), autocomplete: 'off', maxlength: NAME_MAX, required: false }),
      submitButton(ctx, ctx.msg(unavailable ? 'widget.retry' : 'factor.setUp')),
    ])}`;
  }
}

/**
 * Security keys and biometrics (`webauthn`, FIDO): every key of a person is one choice; verify asks
 * all of them at once. In `MFA_ENROLL` the keys already set up read "Add another" while Okta takes more.
 */
export const webauthn: FactorModule = {
  name: (ctx) => ctx.msg('factor.webauthn.name'),
  label: (ctx, factor) => ctx.msg(takesAnother(factor) ? 'factor.webauthn.add' : 'factor.webauthn.name'),
  description: (ctx) => ctx.msg('factor.webauthn.description'),
  icon: () => biometricIcon,
  verify: (ctx, factor) => new WebAuthnVerifyView(ctx, factor),
  enroll: (ctx, factor) => new WebAuthnEnrollView(ctx, factor),
  activate: (ctx, factor) => new WebAuthnActivateView(ctx, factor),
};

/**
 * Legacy U2F keys (`u2f`, FIDO): verified through WebAuthn with the `appid` extension, in the same
 * view. Never enrolled (browsers no longer have the U2F API; new keys enroll as `webauthn`).
 */
export const u2f: FactorModule = {
  name: (ctx) => ctx.msg('factor.webauthn.name'),
  label: (ctx) => ctx.msg('factor.token.label', { name: ctx.msg('factor.webauthn.name'), id: 'U2F' }),
  description: (ctx) => ctx.msg('factor.webauthn.description'),
  icon: () => biometricIcon,
  verify: (ctx, factor) => new WebAuthnVerifyView(ctx, factor),
};
