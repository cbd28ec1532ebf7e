import { currentFactor } from '@okta-authn/core';
import { html, nothing } from 'lit';
import { factorView } from '../factors/index.js';
import { backToSignIn, linkButton, links } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * `MFA_ENROLL_ACTIVATE`: the activation view of the factor being enrolled (its module's
 * `activate`), plus "back to security methods" (`prev`, back to `MFA_ENROLL`) and cancel.
 */
class MfaEnrollActivateView implements View {
  private readonly inner: View;

  constructor(private readonly ctx: WidgetContext) {
    const factor = ctx.tx ? currentFactor(ctx.tx) : undefined;
    this.inner = factorView(ctx, factor ?? { factorType: 'unknown', provider: 'unknown' }, 'activate');
  }

  connect(): void {
    this.inner.connect?.();
  }

  disconnect(): void {
    this.inner.disconnect?.();
  }

  heading(): string {
    return this.inner.heading();
  }

  render() {
    const { ctx } = this;
    const tx = ctx.tx;
    return html`${this.inner.render()}
    ${links(tx?.can('prev') ? linkButton(ctx, ctx.msg('enroll.backToList'), () => void ctx.run(() => tx.prev())) : nothing, backToSignIn(ctx))}`;
  }
}

/** Creates the `MFA_ENROLL_ACTIVATE` view. */
export const mfaEnrollActivate: ViewFactory = (ctx) => new MfaEnrollActivateView(ctx);
