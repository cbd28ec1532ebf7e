import type { Factor } from '@okta-authn/core';
import { html } from 'lit';
import { codeField, form, intro, passCodeOf, submitButton } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import type { View, WidgetContext } from '../views/types.js';
import { rememberDeviceField, verifyOptions } from './common.js';

/** What a {@link PassCodeVerifyView} says, read at each render (the language can change). */
export interface PassCodeVerifyText {
  /** The heading. */
  heading: () => string;
  /** The intro above the field. */
  intro: () => string;
  /** The field's label; "Code" when absent. */
  label?: () => string;
}

/**
 * Verify with the passcode a device shows (TOTP app, RSA / Symantec / HOTP token): intro, the
 * one-time-code field, "remember this device" when the policy allows it, and `tx.verify`.
 */
export class PassCodeVerifyView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
    private readonly text: PassCodeVerifyText,
  ) {}

  heading(): string {
    return this.text.heading();
  }

  private submit(values: FormValues): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    const passCode = passCodeOf(ctx, values);
    if (passCode && tx) void ctx.run(() => tx.verify(factor, { passCode }, verifyOptions(ctx, values)), { field: 'passCode' });
  }

  render() {
    const { ctx, text } = this;
    return html`${intro(text.intro())}
    ${form(ctx, (values) => this.submit(values), [codeField(ctx, { label: text.label?.() }), rememberDeviceField(ctx), submitButton(ctx, ctx.msg('mfa.verify'))])}`;
  }
}
