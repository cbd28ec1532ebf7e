import { html, nothing } from 'lit';
import { backToSignIn, intro, links } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * `SUCCESS`. The element fires `okta-authn-success` and, with `session-endpoint`, posts the
 * token; this view says what happened. After an unlock (`recoveryType: UNLOCK`) it says the
 * account is unlocked and leads back to sign-in.
 */
class SuccessView implements View {
  constructor(private readonly ctx: WidgetContext) {}

  private unlocked(): boolean {
    return this.ctx.tx?.recoveryType === 'UNLOCK';
  }

  heading(): string {
    return this.ctx.msg(this.unlocked() ? 'success.unlockTitle' : 'success.title');
  }

  render() {
    const { ctx } = this;
    if (this.unlocked()) return html`${intro(ctx.msg('success.unlockIntro'))} ${links(backToSignIn(ctx))}`;
    return html`${ctx.busy ? html`<p part="intro"><span class="busy" aria-hidden="true"></span> ${ctx.msg('success.redirecting')}</p>` : nothing}`;
  }
}

/** Creates the `SUCCESS` view. */
export const success: ViewFactory = (ctx) => new SuccessView(ctx);
