import { html, nothing } from 'lit';
import { successIcon } from '../icons.js';
import { backToSignInButton, intro, passwordChanged, statusIcon } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * `SUCCESS`, shown as an outcome: a status icon and a heading that says what happened. The element
 * fires `okta-authn-success` and, with `session-endpoint`, posts the token ("taking you to the
 * application"). After a password change, "Password changed"; after an unlock (`recoveryType:
 * UNLOCK`), "Account unlocked" with "Back to sign in" as the primary action (nobody is signed in).
 */
class SuccessView implements View {
  constructor(private readonly ctx: WidgetContext) {}

  private unlocked(): boolean {
    return this.ctx.tx?.recoveryType === 'UNLOCK';
  }

  heading(): string {
    if (this.unlocked()) return this.ctx.msg('success.unlockTitle');
    return this.ctx.msg(passwordChanged(this.ctx.tx) ? 'success.passwordChangedTitle' : 'success.title');
  }

  render() {
    const { ctx } = this;
    const icon = statusIcon(successIcon, 'success');
    if (this.unlocked()) return html`${icon} ${intro(ctx.msg('success.unlockIntro'))} ${backToSignInButton(ctx)}`;
    // After a password change the heading says so, and this line that the person is signed in.
    return html`${icon} ${passwordChanged(this.ctx.tx) ? intro(ctx.msg('success.title')) : nothing}
    ${ctx.busy ? html`<p part="intro"><span class="busy" aria-hidden="true"></span> ${ctx.msg('success.redirecting')}</p>` : nothing}`;
  }
}

/** Creates the `SUCCESS` view. */
export const success: ViewFactory = (ctx) => new SuccessView(ctx);
