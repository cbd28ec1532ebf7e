import { currentFactor } from '@okta-authn/core';
import { html, nothing } from 'lit';
import { factorView } from '../factors/index.js';
import { backToSignIn, linkButton, links } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * `MFA_CHALLENGE`: the verify view of the factor being challenged, plus "choose another
 * security method" (`prev`, back to `MFA_REQUIRED`) when the state publishes it.
 */
class MfaChallengeView implements View {
  private readonly inner: View;

  constructor(private readonly ctx: WidgetContext) {
    const factor = ctx.tx ? currentFactor(ctx.tx) : undefined;
    this.inner = factorView(ctx, factor ?? { factorType: 'unknown', provider: 'unknown' }, 'verify');
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
    ${links(tx?.can('prev') ? linkButton(ctx, ctx.msg('mfa.chooseAnother'), () => void ctx.run(() => tx.prev())) : nothing, backToSignIn(ctx))}`;
  }
}

/** Creates the `MFA_CHALLENGE` view. */
export const mfaChallenge: ViewFactory = (ctx) => new MfaChallengeView(ctx);
