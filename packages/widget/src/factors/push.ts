import type { Factor, MoveQuery, PollRetryInfo, Transaction } from '@okta-authn/core';
import { NetworkError, currentFactor, factorsOf } from '@okta-authn/core';
import { html, nothing } from 'lit';
import { oktaVerifyIcon } from '../factor-icons.js';
import { actionButton, checkbox, codeField, form, intro, passCodeOf, submitButton } from '../views/parts.js';
import { ResendCountdown, reservedLine, waitingSubmit } from '../views/resend-countdown.js';
import type { FormValues } from '../views/parts.js';
import type { FactorModule, View, WidgetContext } from '../views/types.js';
import { qrImage, rememberDeviceField, rememberDevicePolicy, verifyOptions, waiting } from './common.js';
import { phoneFields, phoneNumberOf } from './phone.js';

/**
 * Hands a result of background polling to the element once it is not busy with something the
 * person started (a "send link" click). Dropped when `signal` aborted or when the element's
 * transaction is no longer `from` (the one polling last saw): the person's own action is newer.
 */
async function deliver(ctx: WidgetContext, signal: AbortSignal, from: () => Transaction | undefined, action: () => Promise<Transaction | void>): Promise<Transaction | undefined> {
  while (ctx.busy && !signal.aborted) await ctx.idle();
  return signal.aborted || ctx.tx !== from() ? undefined : ctx.run(action);
}

/**
 * The action that hands polling's final error to the element: it throws `error` the first time;
 * "Try again" (which re-runs it) starts polling again instead.
 */
function failed(error: unknown, again: () => void): () => Promise<void> {
  let thrown = false;
  return async () => {
    if (thrown) return again();
    thrown = true;
    throw error;
  };
}

/** Shows why polling waits before trying again (rate limited, no answer), until the next answer. */
class RetryNotice {
  private info: PollRetryInfo | undefined;

  constructor(private readonly ctx: WidgetContext) {}

  /** `onRetry` of `tx.poll`. */
  readonly onRetry = (info: PollRetryInfo): void => {
    this.info = info;
    this.ctx.announce(this.text());
    this.ctx.requestUpdate();
  };

  /** Polling got an answer (or stopped). */
  clear(): void {
    if (this.info) this.ctx.requestUpdate();
    this.info = undefined;
  }

  private text(): string {
    const seconds = Math.max(1, Math.ceil((this.info?.delayMs ?? 0) / 1000));
    return this.ctx.msg(this.info?.error instanceof NetworkError ? 'factor.push.reconnecting' : 'factor.push.rateLimited', { seconds });
  }

  /**
   * The line under the waiting indicator: why polling waits while it retries, else `otherwise`
   * (the time left); its space is kept for the longest retry message, so nothing moves when one
   * comes or goes.
   */
  render(otherwise?: string) {
    const { ctx } = this;
    // Core waits at most a minute between polls: two digits of seconds.
    const longest = { seconds: 60 };
    const reserve = [ctx.msg('factor.push.rateLimited', longest), ctx.msg('factor.push.reconnecting', longest)];
    return reservedLine(this.info ? this.text() : otherwise, reserve, this.info ? 'intro' : 'expires', 'muted');
  }
}

/** Seconds before "send again" is offered while a push waits (a new push replaces the pending one). */
const PUSH_RESEND_SECONDS = 30;

/** How long Okta (and the simulator) lets a sign-in push wait for an answer. */
const PUSH_LIFETIME_SECONDS = 300;

/** `seconds` as a clock reads in `lang`: 4:05. */
function clock(seconds: number, lang: string): string {
  const digits = (options: Intl.NumberFormatOptions) => {
    try {
      return new Intl.NumberFormat(lang, { useGrouping: false, ...options });
    } catch {
      return new Intl.NumberFormat('en', { useGrouping: false, ...options });
    }
  };
  return `${digits({}).format(Math.floor(seconds / 60))}:${digits({ minimumIntegerDigits: 2 }).format(seconds % 60)}`;
}

/** The poll's `WAITING` answer becomes the element's transaction (new stateToken, links) when polling still follows it. */
function follow(ctx: WidgetContext, signal: AbortSignal, seen: Transaction, next: Transaction): Transaction {
  return !signal.aborted && ctx.tx === seen && ctx.replace(next) ? next : seen;
}

/** True when the person chose "send push automatically" for `factor` (`factorsPolicyInfo`). */
function autoPushEnabled(ctx: WidgetContext, factor: Factor): boolean {
  return factor.id ? rememberDevicePolicy(ctx)?.factorsPolicyInfo?.[factor.id]?.autoPushEnabled === true : false;
}

/** Memory key: a push was already sent for this factor in this transaction (no second auto-push). */
const sentKey = (factor: Factor) => `push:sent:${factor.id ?? ''}`;

/** The Okta Verify TOTP factor offered next to `push`, for "enter a code instead" (remembered for MFA_CHALLENGE). */
function codeFactor(ctx: WidgetContext): Factor | undefined {
  const tx = ctx.tx;
  if (tx?.status === 'MFA_REQUIRED') {
    const found = factorsOf(tx).find((factor) => factor.factorType === 'token:software:totp' && factor.provider === 'OKTA');
    ctx.memory.set('push:code', found);
    return found;
  }
  return ctx.memory.get('push:code') as Factor | undefined;
}

/**
 * Verify: `MFA_REQUIRED` "send push" with "send automatically" (pre-ticked from
 * `factorsPolicyInfo`, sent on arrival when enabled); `MFA_CHALLENGE` `WAITING` polls in the
 * background (the person can still choose another method or go back), shows a number challenge
 * large, and `REJECTED` / `TIMEOUT` with "send again". An Okta Verify code is offered as a fallback.
 * Polling sends `autoPush` and `rememberDevice` with every poll: Okta stores them on the approving one.
 */
class PushVerifyView implements View {
  private controller: AbortController | undefined;
  private readonly retry: RetryNotice;
  /** "Send again" while a push waits (after a short delay), and the wait a rate-limited send must keep. */
  private readonly resend: ResendCountdown;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private showCode = false;
  private connected = false;
  private announced: number | undefined;

  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
  ) {
    this.retry = new RetryNotice(ctx);
    this.resend = new ResendCountdown(ctx, `push:sentAt:${factor.id ?? ''}`, PUSH_RESEND_SECONDS, { wait: 'factor.push.resendIn' });
  }

  /** Memory key of when the pending push expires (ms). */
  private get expiresKey(): string {
    return `push:expires:${this.factor.id ?? ''}`;
  }

  /**
   * Records when the push `tx` waits for expires: the `expiresAt` of the answer that sent it (Okta
   * gives a push as long as the stateToken of that answer, five minutes; later polls push the
   * stateToken's expiry on, not the push's). `assume` keeps one already recorded (a poll's answer).
   */
  private recordExpiry(tx: Transaction, assume = false): void {
    if (assume && this.ctx.memory.has(this.expiresKey)) return;
    const at = Date.parse(tx.expiresAt ?? '');
    if (tx.status === 'MFA_CHALLENGE' && tx.factorResult === 'WAITING' && Number.isFinite(at)) this.ctx.memory.set(this.expiresKey, at);
  }

  /**
   * "It expires in 4:32." while the pending push has time left. A push waits five minutes at most:
   * a time further away (a clock far off Okta's, a transaction kept from long ago) is not shown.
   */
  private expiresText(): string | undefined {
    const at = this.ctx.memory.get(this.expiresKey);
    if (typeof at !== 'number') return undefined;
    const seconds = Math.max(0, Math.ceil((at - this.ctx.now()) / 1000));
    return seconds > PUSH_LIFETIME_SECONDS ? undefined : this.ctx.msg('factor.push.expiresIn', { time: clock(seconds, this.ctx.lang) });
  }

  heading(): string {
    return this.ctx.msg('factor.push.verifyTitle');
  }

  connect(): void {
    const { ctx, factor } = this;
    this.connected = true;
    this.resend.start();
    // The time left changes every second while a push waits.
    this.ticker = setInterval(() => {
      if (this.waitingTx()) ctx.requestUpdate();
    }, 1000);
    if (ctx.tx?.status === 'MFA_REQUIRED' && autoPushEnabled(ctx, factor) && !ctx.memory.has(sentKey(factor))) {
      this.send({ autoPush: true, rememberDevice: rememberDevicePolicy(ctx)?.rememberDeviceByDefault === true });
    }
    this.startPolling();
  }

  disconnect(): void {
    this.connected = false;
    this.controller?.abort();
    this.controller = undefined;
    this.resend.stop();
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private options(): { autoPush: boolean; rememberDevice?: boolean } {
    const stored = this.ctx.memory.get('push:options') as { autoPush: boolean; rememberDevice?: boolean } | undefined;
    return stored ?? { autoPush: autoPushEnabled(this.ctx, this.factor) };
  }

  private waitingTx(): Transaction | undefined {
    const tx = this.ctx.tx;
    return tx?.status === 'MFA_CHALLENGE' && tx.factorResult === 'WAITING' ? tx : undefined;
  }

  /** Says the number challenge through the live region when it appears or changes. */
  private announceNumber(tx: Transaction): void {
    const number = currentFactor(tx)?._embedded?.challenge?.correctAnswer;
    if (typeof number !== 'number' || number === this.announced) return;
    this.announced = number;
    this.ctx.announce(`${this.ctx.msg('factor.push.number')} ${number}`);
  }

  private startPolling(): void {
    const start = this.waitingTx();
    // A push already waiting when the view starts (resumed, sent elsewhere) was just sent.
    if (start) {
      this.recordExpiry(start, true);
      this.resend.assumeSent();
    }
    if (start && this.connected) this.announceNumber(start);
    if (!start || this.controller || !this.connected) return;
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    const { ctx } = this;
    const { autoPush, rememberDevice } = this.options();
    // Okta stores autoPush/rememberDevice from the poll that gets approved, so every poll sends them.
    const query: MoveQuery = rememberDevice === undefined ? { autoPush } : { autoPush, rememberDevice };
    let seen: Transaction = start;
    const onUpdate = (next: Transaction) => {
      this.retry.clear();
      seen = follow(ctx, signal, seen, next);
      if (seen !== next) return;
      this.announceNumber(next);
      ctx.requestUpdate();
    };
    const done = () => {
      this.retry.clear();
      if (this.controller === controller) this.controller = undefined;
    };
    void start.poll({ signal, query, onUpdate, onRetry: this.retry.onRetry }).then(
      async (next) => {
        done();
        // REJECTED / TIMEOUT keep this view: move focus to "send again".
        if (await deliver(ctx, signal, () => seen, async () => next)) ctx.refocus();
      },
      async (error: unknown) => {
        if (signal.aborted) return;
        done();
        await deliver(ctx, signal, () => seen, failed(error, () => this.startPolling()));
      },
    );
  }

  /** Sends (or re-sends) the push; a `WAITING` answer starts polling. */
  private send(options: { autoPush: boolean; rememberDevice?: boolean }): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    if (!tx) return;
    ctx.memory.set(sentKey(factor), true);
    ctx.memory.set('push:options', options);
    const action = tx.status === 'MFA_CHALLENGE' ? () => (tx.can('next:verify') ? tx.verify(factor, undefined, options) : tx.resend('push')) : () => tx.verify(factor, undefined, options);
    void this.resend.send(action, { onResult: (next) => this.recordExpiry(next) }).then((next) => next && this.pollAgain());
  }

  /** The person's action gave a new transaction: poll from it (a poll of the older one would be dropped). */
  private pollAgain(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.startPolling();
  }

  private submitSend(values: FormValues): void {
    this.send({ autoPush: values.checked('autoPush'), ...verifyOptions(this.ctx, values) });
  }

  private submitCode(values: FormValues, code: Factor): void {
    const { ctx } = this;
    const passCode = passCodeOf(ctx, values, 'fallbackCode');
    const tx = ctx.tx;
    if (!passCode || !tx) return;
    const options = tx.status === 'MFA_REQUIRED' && rememberDevicePolicy(ctx)?.allowRememberDevice ? { rememberDevice: values.checked('rememberDevice') } : this.options();
    const verify = (from: Transaction) => from.verify(code, { passCode }, { rememberDevice: options.rememberDevice });
    if (tx.status === 'MFA_REQUIRED') {
      void ctx.run(() => verify(tx), { field: 'fallbackCode' });
      return;
    }
    // While a push is pending the code factor is reached through `prev` (MFA_REQUIRED), then verified.
    // Polling stops meanwhile (the view stays connected): if `prev` fails, it starts again.
    this.controller?.abort();
    this.controller = undefined;
    void ctx.run(() => tx.prev()).then((required) => {
      if (required) void ctx.run(() => verify(required), { field: 'fallbackCode' });
      else this.startPolling();
    });
  }

  private renderCode() {
    const { ctx } = this;
    const code = codeFactor(ctx);
    if (!code) return nothing;
    if (!this.showCode) {
      return html`<p>${actionButton(ctx, ctx.msg('factor.push.useCode'), () => {
        this.showCode = true;
        ctx.memory.set('push:showCode', true);
        ctx.refocus();
      })}</p>`;
    }
    return form(ctx, (values) => this.submitCode(values, code), [codeField(ctx, { name: 'fallbackCode', label: ctx.msg('factor.totp.verifyTitle', { app: ctx.msg('factor.totp.okta') }) }), submitButton(ctx, ctx.msg('mfa.verify'))], {
      label: ctx.msg('factor.push.useCode'),
    });
  }

  render() {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    this.showCode ||= ctx.memory.get('push:showCode') === true;
    if (tx?.status !== 'MFA_CHALLENGE') {
      return html`${intro(ctx.msg('factor.push.sendIntro'))}
        ${form(ctx, (values) => this.submitSend(values), [
          checkbox(ctx, { name: 'autoPush', label: ctx.msg('factor.push.auto'), checked: autoPushEnabled(ctx, factor) }),
          rememberDeviceField(ctx),
          waitingSubmit(ctx, ctx.msg('factor.push.send'), this.resend),
        ])}
        ${this.renderCode()}`;
    }
    if (tx.factorResult === 'REJECTED' || tx.factorResult === 'TIMEOUT') {
      return html`<p class="field-error" part="intro" role="alert">${ctx.msg(tx.factorResult === 'REJECTED' ? 'factor.push.rejected' : 'factor.push.timeout')}</p>
        ${form(ctx, () => this.send(this.options()), [waitingSubmit(ctx, ctx.msg('factor.push.sendAgain'), this.resend)])} ${this.renderCode()}`;
    }
    const number = currentFactor(tx)?._embedded?.challenge?.correctAnswer;
    const canResend = tx.can('resend:push') || tx.can('resend');
    return html`${waiting(ctx.msg('factor.push.waiting'))} ${this.retry.render(this.expiresText())}
      ${typeof number === 'number'
        ? html`<p>${ctx.msg('factor.push.number')}</p>
            <p class="challenge" part="challenge" dir="ltr">${number}</p>`
        : nothing}
      ${canResend ? this.resend.render(ctx.msg('mfa.resend'), () => this.send(this.options())) : nothing}
      ${this.renderCode()}`;
  }
}

/** Enroll: "install Okta Verify, then continue" → `MFA_ENROLL_ACTIVATE` (QR, `WAITING`). */
class PushEnrollView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.push.enrollTitle');
  }

  render() {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    return html`${intro(ctx.msg('factor.push.enrollIntro'))} ${form(ctx, () => tx && void ctx.run(() => tx.enroll(factor)), [submitButton(ctx, ctx.msg('factor.setUp'))])}`;
  }
}

/**
 * Activate: the QR code while `WAITING` (polled in the background with core's `tx.poll`), or
 * after `TIMEOUT` "get a new QR code" (`tx.activate()`); "can't scan?" sends the activation link
 * by SMS (phone entry) or email (`tx.sendActivation`), and polling goes on.
 */
class PushActivateView implements View {
  private controller: AbortController | undefined;
  /** The transaction polling follows: its own `WAITING` answers, or the answer to the person's "send link". */
  private seen: Transaction | undefined;
  private connected = false;
  private readonly retry: RetryNotice;

  constructor(private readonly ctx: WidgetContext) {
    this.retry = new RetryNotice(ctx);
  }

  heading(): string {
    return this.ctx.msg('factor.push.activateTitle');
  }

  connect(): void {
    this.connected = true;
    this.startPolling();
  }

  disconnect(): void {
    this.connected = false;
    this.controller?.abort();
    this.controller = undefined;
  }

  private startPolling(): void {
    const { ctx } = this;
    const tx = ctx.tx;
    if (this.controller || !this.connected || !tx?.can('next:poll')) return;
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    this.seen = tx;
    const onUpdate = (next: Transaction) => {
      this.retry.clear();
      this.seen = follow(ctx, signal, this.seen ?? tx, next);
    };
    const seen = () => this.seen;
    const done = () => {
      this.retry.clear();
      if (this.controller === controller) this.controller = undefined;
    };
    void tx.poll({ signal, onUpdate, onRetry: this.retry.onRetry }).then(
      async (next) => {
        done();
        if (await deliver(ctx, signal, seen, async () => next)) ctx.refocus();
      },
      async (error: unknown) => {
        if (signal.aborted) return;
        done();
        await deliver(ctx, signal, seen, failed(error, () => this.startPolling()));
      },
    );
  }

  private restart(): void {
    const tx = this.ctx.tx;
    if (tx) void this.ctx.run(() => tx.activate()).then((next) => next && this.pollAgain());
  }

  /** The person's action gave a new transaction: poll from it (a poll of the older one would be dropped). */
  private pollAgain(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.startPolling();
  }

  private sendLink(channel: 'sms' | 'email', values?: FormValues): void {
    const { ctx } = this;
    const tx = ctx.tx;
    if (!tx) return;
    let phoneNumber: string | undefined;
    if (channel === 'sms') {
      phoneNumber = values && phoneNumberOf(ctx, values);
      if (!phoneNumber) return;
    }
    const data = phoneNumber ? { profile: { phoneNumber } } : undefined;
    void ctx.run(() => tx.sendActivation(channel, data), { field: channel === 'sms' ? 'phoneNumber' : undefined, announce: 'factor.push.linkSent' }).then((next) => {
      // Same step, same transaction: polling goes on (a restart would wait a whole interval again), following the newer answer.
      if (next && this.controller) this.seen = next;
      else if (next) this.startPolling();
    });
  }

  render() {
    const { ctx } = this;
    const tx = ctx.tx;
    if (tx?.factorResult === 'TIMEOUT' || !tx?.can('next:poll')) {
      return html`<p class="field-error" part="intro" role="alert">${ctx.msg('factor.push.activateTimeout')}</p>
        ${form(ctx, () => this.restart(), [submitButton(ctx, ctx.msg('factor.push.newQr'))])}`;
    }
    return html`${intro(ctx.msg('factor.push.scan'))} ${qrImage(ctx, ctx.msg('factor.push.qr'))} ${waiting(ctx.msg('factor.push.activateWaiting'))} ${this.retry.render()}
      <details part="help">
        <summary>${ctx.msg('factor.push.cantScan')}</summary>
        ${tx.can('send:sms') ? form(ctx, (values) => this.sendLink('sms', values), [phoneFields(ctx, { focus: false }), submitButton(ctx, ctx.msg('factor.push.sendSms'))], { label: ctx.msg('factor.push.sendSms') }) : nothing}
        ${tx.can('send:email') ? html`<p>${actionButton(ctx, ctx.msg('factor.push.sendEmail'), () => this.sendLink('email'))}</p>` : nothing}
      </details>`;
  }
}

/** Okta Verify push (`push`, OKTA). */
export const push: FactorModule = {
  name: (ctx) => ctx.msg('factor.push.name'),
  label: (ctx) => ctx.msg('factor.push.labelNoDevice'),
  description: (ctx) => ctx.msg('factor.push.description'),
  icon: () => oktaVerifyIcon,
  verify: (ctx, factor) => new PushVerifyView(ctx, factor),
  enroll: (ctx, factor) => new PushEnrollView(ctx, factor),
  activate: (ctx) => new PushActivateView(ctx),
  autoPick: autoPushEnabled,
};
