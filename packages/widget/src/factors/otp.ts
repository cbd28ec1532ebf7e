import type { Factor } from '@okta-authn/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { MessageKey } from '../i18n/index.js';
import { codeField, form, intro, passCodeOf, submitButton } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import { ResendCountdown, didNotGetIt, waitingSubmit } from '../views/resend-countdown.js';
import type { FactorModule, View, WidgetContext } from '../views/types.js';
import { profileText, rememberDeviceField, verifyOptions } from './common.js';
import { phoneFields, phoneNumberOf } from './phone.js';

/** Seconds before "send again" is offered (Okta allows one SMS/call per 30 s). */
const RESEND_SECONDS = 30;

/** Message keys and settings of one code-by-message factor (SMS, voice call, email). */
export interface OtpFactorConfig {
  /** Its factor type, also the name of its `resend` link (`sms`, `call`, `email`). */
  type: 'sms' | 'call' | 'email';
  /** Its family's icon. */
  icon: TemplateResult;
  /** Short name, also its name in a list. */
  name: MessageKey;
  /** The line under it in a list. */
  description: MessageKey;
  /** That line with `{phone}`, Okta's masked number, which tells several phones apart (sms, call). */
  descriptionTo?: MessageKey;
  /** View heading. */
  title: MessageKey;
  /** Before sending: "We will send a code to {phone}" (or `{email}`). */
  sendIntro: MessageKey;
  /** The send button. */
  send: MessageKey;
  /** After sending: "We sent a code to {phone}" (or `{email}`). */
  challengeIntro: MessageKey;
  /** "Didn't get it?" help text, with `{phone}` / `{email}`. */
  help: MessageKey;
  /** Enroll heading. */
  enrollTitle: MessageKey;
  /** Enroll intro. */
  enrollIntro: MessageKey;
  /** Activation heading. */
  activateTitle: MessageKey;
  /** Enrollment asks for a phone number, where the code goes (sms, call); else it goes to the email address. */
  phone?: boolean;
  /** Enrollment offers a phone extension (call). */
  extension?: boolean;
}

/** Where the code goes, from the factor profile: the masked phone number or the email address. */
function targetOf(factor: Factor, config: OtpFactorConfig): string {
  return profileText(factor, config.phone ? 'phoneNumber' : 'email');
}

/**
 * Code view of a code-by-message factor. `verify` mode: in `MFA_REQUIRED` "send code"
 * (`tx.verify(factor)` → `MFA_CHALLENGE`), in `MFA_CHALLENGE` code entry and remember device.
 * `activate` mode (`MFA_ENROLL_ACTIVATE`): the code sent at enrollment (`tx.activate`). Both offer
 * "send again" after a countdown computed from the time the code was sent (kept in `ctx.memory`,
 * so it survives the view being re-created) and a "didn't get it?" disclosure.
 */
class OtpVerifyView implements View {
  private readonly countdown: ResendCountdown;

  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
    private readonly config: OtpFactorConfig,
    private readonly mode: 'verify' | 'activate' = 'verify',
  ) {
    // The time the last code for this factor was sent.
    this.countdown = new ResendCountdown(ctx, `sent:${factor.id ?? factor.factorType}`, RESEND_SECONDS);
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
    if (tx) void this.countdown.send(() => tx.verify(factor));
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
    if (!ctx.tx?.can(`resend:${config.type}`) && !ctx.tx?.can('resend')) return nothing;
    return this.countdown.render(ctx.msg('mfa.resend'), () => this.countdown.resend(config.type));
  }

  render() {
    const { ctx, factor, config } = this;
    const target = targetOf(factor, config);
    const params = { phone: target, email: target };
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
class OtpEnrollView implements View {
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

/** The factor module of a code-by-message factor. */
export function otpFactor(config: OtpFactorConfig): FactorModule {
  return {
    name: (ctx) => ctx.msg(config.name),
    label: (ctx) => ctx.msg(config.name),
    description: (ctx, factor) => {
      const phone = profileText(factor, 'phoneNumber');
      return config.descriptionTo && phone ? ctx.msg(config.descriptionTo, { phone }) : ctx.msg(config.description);
    },
    icon: () => config.icon,
    verify: (ctx, factor) => new OtpVerifyView(ctx, factor, config),
    enroll: (ctx, factor) => new OtpEnrollView(ctx, factor, config),
    activate: (ctx, factor) => new OtpVerifyView(ctx, factor, config, 'activate'),
  };
}
