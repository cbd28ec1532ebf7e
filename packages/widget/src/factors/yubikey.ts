import type { Factor } from '@okta-authn/core';
import { html } from 'lit';
import { tokenIcon } from '../factor-icons.js';
import { form, intro, passCodeOf, submitButton, textField } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import type { FactorModule, View, WidgetContext } from '../views/types.js';
import { rememberDeviceField, verifyOptions } from './common.js';

/**
 * YubiKey OTP (`token:hardware`, YUBICO) for verify and enroll: one field the key types into
 * when touched (it presses Enter itself, which submits). Autocomplete off, text keyboard: the OTP
 * is 44 modhex letters, never a remembered value.
 */
class YubikeyView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
    private readonly step: 'verify' | 'enroll',
  ) {}

  heading(): string {
    return this.ctx.msg(this.step === 'verify' ? 'factor.yubikey.verifyTitle' : 'factor.yubikey.enrollTitle');
  }

  private submit(values: FormValues): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    const passCode = passCodeOf(ctx, values);
    if (!passCode || !tx) return;
    if (this.step === 'enroll') void ctx.run(() => tx.enroll(factor, { passCode }), { field: 'passCode' });
    else void ctx.run(() => tx.verify(factor, { passCode }, verifyOptions(ctx, values)), { field: 'passCode' });
  }

  render() {
    const { ctx } = this;
    return html`${intro(ctx.msg('factor.yubikey.intro'))}
    ${form(ctx, (values) => this.submit(values), [
      textField(ctx, { name: 'passCode', label: ctx.msg('factor.yubikey.field'), type: 'password', autocomplete: 'off', inputmode: 'text', focus: true }),
      this.step === 'verify' ? rememberDeviceField(ctx) : html``,
      submitButton(ctx, ctx.msg('mfa.verify')),
    ])}`;
  }
}

/** YubiKey (`token:hardware`, YUBICO). */
export const yubikey: FactorModule = {
  name: (ctx) => ctx.msg('factor.yubikey.name'),
  label: (ctx) => ctx.msg('factor.yubikey.name'),
  description: (ctx) => ctx.msg('factor.yubikey.description'),
  icon: () => tokenIcon,
  verify: (ctx, factor) => new YubikeyView(ctx, factor, 'verify'),
  enroll: (ctx, factor) => new YubikeyView(ctx, factor, 'enroll'),
};
