import type { Factor } from '@okta-authn/core';
import { currentFactor } from '@okta-authn/core';
import { html } from 'lit';
import { authenticatorIcon, oktaVerifyIcon } from '../factor-icons.js';
import { actionButton, codeField, form, intro, passCodeOf, submitButton } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import type { FactorModule, View, WidgetContext } from '../views/types.js';
import { qrImage } from './common.js';
import { PassCodeVerifyView } from './passcode.js';

/** "Okta Verify" or "Google Authenticator". */
function appName(ctx: WidgetContext, factor: Factor): string {
  return ctx.msg(factor.provider === 'GOOGLE' ? 'factor.totp.google' : 'factor.totp.okta');
}

/** Enroll: "install the app, then continue" → `MFA_ENROLL_ACTIVATE`. */
class TotpEnrollView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.totp.enrollTitle', { app: appName(this.ctx, this.factor) });
  }

  render() {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    return html`${intro(ctx.msg('factor.totp.enrollIntro', { app: appName(ctx, factor) }))}
    ${form(ctx, () => tx && void ctx.run(() => tx.enroll(factor)), [submitButton(ctx, ctx.msg('factor.setUp'))])}`;
  }
}

/** Groups a base32 key in fours for reading and typing (`JBSW Y3DP …`); any other key is shown as sent. */
function grouped(secret: string): string {
  return /^[A-Z2-7]+=*$/i.test(secret) ? secret.replace(/(.{4})(?=.)/g, '$1 ') : secret;
}

/** Activate: QR image, "can't scan?" with the key and a copy button, then the first code. */
class TotpActivateView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.totp.activateTitle', { app: appName(this.ctx, this.factor) });
  }

  private secret(): string {
    const tx = this.ctx.tx;
    const value = tx ? currentFactor(tx)?._embedded?.activation?.sharedSecret : undefined;
    return typeof value === 'string' ? value : '';
  }

  private async copy(event: Event): Promise<void> {
    const { ctx } = this;
    const secret = this.secret();
    // Read now: the event's target is cleared once dispatch leaves the shadow tree.
    const code = (event.target as HTMLElement).closest('details')?.querySelector('code');
    try {
      await navigator.clipboard.writeText(secret);
      ctx.announce(ctx.msg('factor.totp.copied'));
    } catch {
      // No clipboard permission (insecure origin, policy): select the key so the person can copy it.
      if (code) getSelection()?.selectAllChildren(code);
      ctx.announce(ctx.msg('factor.totp.selected'));
    }
  }

  private submit(values: FormValues): void {
    const { ctx } = this;
    const tx = ctx.tx;
    const passCode = passCodeOf(ctx, values);
    if (passCode && tx) void ctx.run(() => tx.activate({ passCode }), { field: 'passCode' });
  }

  render() {
    const { ctx, factor } = this;
    const app = appName(ctx, factor);
    const secret = this.secret();
    return html`${intro(ctx.msg('factor.totp.scan', { app }))} ${qrImage(ctx, ctx.msg('factor.totp.qr', { app }))}
      ${secret
        ? html`<details part="help">
            <summary>${ctx.msg('factor.totp.cantScan')}</summary>
            <p>${ctx.msg('factor.totp.manual', { app })}</p>
            <p><code class="secret" part="secret" dir="ltr">${grouped(secret)}</code></p>
            ${actionButton(ctx, ctx.msg('factor.totp.copy'), (event?: Event) => void this.copy(event as Event), { part: 'button secondary copy' })}
          </details>`
        : html``}
      ${intro(ctx.msg('factor.totp.codeIntro', { app }))}
      ${form(ctx, (values) => this.submit(values), [codeField(ctx, { focus: false }), submitButton(ctx, ctx.msg('mfa.verify'))])}`;
  }
}

/** TOTP (`token:software:totp`): Okta Verify (OKTA) and Google Authenticator (GOOGLE) codes. */
export const totp: FactorModule = {
  name: appName,
  label: (ctx, factor) => ctx.msg('factor.totp.label', { app: appName(ctx, factor) }),
  description: (ctx, factor) => ctx.msg('factor.totp.description', { app: appName(ctx, factor) }),
  icon: (factor) => (factor.provider === 'GOOGLE' ? authenticatorIcon : oktaVerifyIcon),
  verify: (ctx, factor) =>
    new PassCodeVerifyView(ctx, factor, {
      heading: () => ctx.msg('factor.totp.verifyTitle', { app: appName(ctx, factor) }),
      intro: () => ctx.msg('factor.totp.verifyIntro', { app: appName(ctx, factor) }),
    }),
  enroll: (ctx, factor) => new TotpEnrollView(ctx, factor),
  activate: (ctx, factor) => new TotpActivateView(ctx, factor),
};
