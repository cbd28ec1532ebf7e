import type { Factor } from '@okta-authn/core';
import { html } from 'lit';
import { tokenIcon } from '../factor-icons.js';
import { codeField, form, intro, passCodeOf, submitButton, textField } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import type { FactorModule, View, WidgetContext } from '../views/types.js';
import { profileText } from './common.js';
import { PassCodeVerifyView } from './passcode.js';

/** "RSA SecurID", "Symantec VIP", or the vendor name of a custom HOTP token. */
function tokenName(ctx: WidgetContext, factor: Factor): string {
  if (factor.provider === 'RSA') return ctx.msg('factor.token.rsa');
  if (factor.provider === 'SYMANTEC') return ctx.msg('factor.token.symantec');
  return typeof factor.vendorName === 'string' && factor.vendorName && factor.vendorName !== factor.provider ? factor.vendorName : ctx.msg('factor.token.hotp');
}

/** Enroll (RSA, Symantec): credential ID and passcode (Symantec: and the next passcode), checked by Okta at once. */
class TokenEnrollView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.token.enrollTitle', { name: tokenName(this.ctx, this.factor) });
  }

  private submit(values: FormValues): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    const credentialId = values.text('credentialId').trim();
    if (!credentialId) return ctx.fail('factor.token.credentialRequired', 'credentialId');
    const passCode = passCodeOf(ctx, values);
    if (!passCode) return;
    let nextPassCode: string | undefined;
    if (factor.provider === 'SYMANTEC') {
      nextPassCode = passCodeOf(ctx, values, 'nextPassCode');
      if (!nextPassCode) return;
    }
    const data = { profile: { credentialId }, passCode, ...(nextPassCode ? { nextPassCode } : {}) };
    if (tx) void ctx.run(() => tx.enroll(factor, data), { field: 'passCode' });
  }

  render() {
    const { ctx, factor } = this;
    return html`${intro(ctx.msg('factor.token.enrollIntro', { name: tokenName(ctx, factor) }))}
    ${form(ctx, (values) => this.submit(values), [
      textField(ctx, { name: 'credentialId', label: ctx.msg('factor.token.credentialId'), autocomplete: 'off', value: profileText(factor, 'credentialId'), focus: true }),
      codeField(ctx, { label: ctx.msg('factor.token.passCode'), focus: false }),
      factor.provider === 'SYMANTEC' ? codeField(ctx, { name: 'nextPassCode', label: ctx.msg('factor.token.nextPassCode'), hint: ctx.msg('factor.token.nextHint'), focus: false }) : html``,
      submitButton(ctx, ctx.msg('mfa.verify')),
    ])}`;
  }
}

/** Custom HOTP tokens (`token:hotp`): verify only (Okta enrolls them outside authn; enroll shows the fallback's "not supported"). */
export const hotp: FactorModule = {
  name: tokenName,
  // Never the credential ID: it is often the login.
  label: tokenName,
  description: (ctx, factor) =>
    factor.provider === 'RSA' || factor.provider === 'SYMANTEC' ? ctx.msg('factor.token.description', { name: tokenName(ctx, factor) }) : ctx.msg('factor.token.hotpDescription'),
  icon: () => tokenIcon,
  // Verify: the passcode the token shows (RSA: PIN + token code).
  verify: (ctx, factor) =>
    new PassCodeVerifyView(ctx, factor, {
      heading: () => ctx.msg('factor.token.verifyTitle', { name: tokenName(ctx, factor) }),
      intro: () => ctx.msg('factor.token.verifyIntro', { name: tokenName(ctx, factor) }),
      label: () => ctx.msg('factor.token.passCode'),
    }),
};

/** Hardware/software tokens: RSA SecurID and Symantec VIP (`token`), verified as {@link hotp} and enrolled here. */
export const token: FactorModule = {
  ...hotp,
  enroll: (ctx, factor) => new TokenEnrollView(ctx, factor),
};
