import type { Factor } from '@okta-authn/core';
import { html, nothing } from 'lit';
import type { MessageKey } from '../i18n/index.js';
import { codeField, form, intro, passCodeOf, submitButton } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import { ResendCountdown, didNotGetIt, waitingSubmit } from '../views/resend-countdown.js';
import type { View, WidgetContext } from '../views/types.js';
import { rememberDeviceField, sentAtKey, verifyOptions } from './common.js';
import { phoneFields, phoneNumberOf } from './phone.js';

/** Message keys and settings of one code-by-message factor (SMS, voice call, email). */
export interface OtpFactorConfig {
  /** Name of its `resend` link (`sms`, `call`, `email`). */
  resendName: string;
  /** Seconds before "send again" is offered (Okta allows one SMS/call per 30 s). */
  resendSeconds: number;
  /** Where the code goes (masked phone or email), from the factor profile. */
  target: (factor: Factor) => string;
  /** View heading. */
  title: MessageKey;
  /** Before sending: "We will send a code to {target}". */
  sendIntro: MessageKey;
  /** The send button. */
  send: MessageKey;
  /** After sending: "We sent a code to {target}". */
  challengeIntro: MessageKey;
  /** "Didn't get it?" help text, with `{phone}` / `{email}` = target. */
  help: MessageKey;
  /** Enroll heading. */
  enrollTitle: MessageKey;
  /** Enroll intro. */
  enrollIntro: MessageKey;
  /** Activation heading. */
  activateTitle: MessageKey;
  /** Enrollment asks for a phone number (sms, call). */
  phone?: boolean;
  /** Enrollment offers a phone extension (call). */
  extension?: boolean;
}

/**
 * Code view of a code-by-message factor. `verify` mode: in `MFA_REQUIRED` "send code"
 * (`tx.verify(factor)` → `MFA_CHALLENGE`), in `MFA_CHALLENGE` code entry and remember device.
 * `activate` mode (`MFA_ENROLL_ACTIVATE`): the code sent at enrollment (`tx.activate`). Both offer
 * "send again" after a countdown computed from the time the code was sent (kept in `ctx.memory`,
 * so it survives the view being re-created) and a "didn't get it?" disclosure.
 */
export class OtpVerifyView implements View {
  private readonly countdown: ResendCountdown;

  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
    private readonly config: OtpFactorConfig,
    private readonly mode: 'verify' | 'activate' = 'verify',
  ) {
    this.countdown = new ResendCountdown(ctx, sentAtKey(factor), config.resendSeconds);
    if (this.codeStep()) this.countdown.assumeSent();
  }

  private codeStep(): boolean {
    return this.mode === 'activate' || this.ctx.tx?.status === 'MFA_CHALLENGE';
  }

  heading(): string {
    return this.ctx.msg(this.mode === 'activate' ? this.config.activateTitle : this.config.title);
  }

  connect(): void {
    this.countdown.start();
  }

  disconnect(): void {
    this.countdown.stop();
  }

  private send(): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    if (!tx || this.countdown.limited() > 0) return;
    void this.countdown.send(() => tx.verify(factor));
  }

  private submitCode(values: FormValues): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    const passCode = passCodeOf(ctx, values);
    if (!passCode || !tx) return;
    if (this.mode === 'activate') void ctx.run(() => tx.activate({ passCode }), { field: 'passCode' });
    else void ctx.run(() => tx.verify(factor, { passCode }, verifyOptions(ctx, values)), { field: 'passCode' });
  }

  private renderResend() {
    const { ctx, config } = this;
    if (!ctx.tx?.can(`resend:${config.resendName}`) && !ctx.tx?.can('resend')) return nothing;
    return this.countdown.render(ctx.msg('mfa.resend'), () => this.countdown.resend(config.resendName));
  }

  render() {
    const { ctx, factor, config } = this;
    const target = config.target(factor);
    const params = { phone: target, email: target, target };
    if (!this.codeStep()) {
      return html`${intro(ctx.msg(config.sendIntro, params))}
      ${form(ctx, () => this.send(), [waitingSubmit(ctx, ctx.msg(config.send), this.countdown)])}`;
    }
    const verify = this.mode === 'verify';
    return html`${intro(ctx.msg(config.challengeIntro, params))}
      ${form(ctx, (values) => this.submitCode(values), [codeField(ctx), verify ? rememberDeviceField(ctx) : html``, submitButton(ctx, ctx.msg('mfa.verify'))])}
      ${this.renderResend()} ${didNotGetIt(ctx, ctx.msg(config.help, params))}`;
  }
}

/**
 * Enroll view of a code-by-message factor (`MFA_ENROLL`): phone entry with country (sms, call,
 * optional extension) or nothing (email), then `tx.enroll` → `MFA_ENROLL_ACTIVATE` with a code sent.
 * A second enrollment of a phone in the same transaction replaces the first (`updatePhone`).
 */
export class OtpEnrollView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
    private readonly config: OtpFactorConfig,
  ) {}

  heading(): string {
    return this.ctx.msg(this.config.enrollTitle);
  }

  private submit(values: FormValues): void {
    const { ctx, factor, config } = this;
    const tx = ctx.tx;
    if (!tx) return;
    const key = `enrolled:${factor.factorType}`;
    if (!config.phone) {
      void ctx.run(() => tx.enroll(factor));
      return;
    }
    const phoneNumber = phoneNumberOf(ctx, values);
    if (!phoneNumber) return;
    const extension = values.text('phoneExtension').trim();
    const profile = { phoneNumber, ...(config.extension && extension ? { phoneExtension: extension } : {}) };
    const updatePhone = ctx.memory.has(key) ? { updatePhone: true } : {};
    void ctx.run(() => tx.enroll(factor, { profile }, updatePhone), { field: 'phoneNumber', onResult: () => ctx.memory.set(key, true) });
  }

  render() {
    const { ctx, config } = this;
    return html`${intro(ctx.msg(config.enrollIntro))}
    ${form(ctx, (values) => this.submit(values), [config.phone ? phoneFields(ctx, { extension: config.extension }) : html``, submitButton(ctx, ctx.msg(config.send))])}`;
  }
}
