import { factorsOf } from '@okta-authn/core';
import type { Factor } from '@okta-authn/core';
import { html, nothing } from 'lit';
import { factorModule, factorView, sortFactors } from '../factors/index.js';
import { backToSignIn, intro, linkButton, links } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

const SELECTED = 'mfa:selected';

/**
 * `MFA_REQUIRED`: with one enrolled factor, its verify view at once; with several (several of
 * one type too), a picker, then the chosen factor's verify view with "choose another".
 */
class MfaRequiredView implements View {
  private selected: Factor | undefined;
  private inner: View | undefined;
  private connected = false;

  constructor(private readonly ctx: WidgetContext) {
    const factors = this.factors();
    const remembered = ctx.memory.get(SELECTED);
    const initial = factors.length === 1 ? factors[0] : factors.find((factor) => factor.id !== undefined && factor.id === remembered);
    if (initial) this.select(initial, false);
  }

  private factors(): Factor[] {
    return this.ctx.tx ? sortFactors(factorsOf(this.ctx.tx)) : [];
  }

  private select(factor: Factor | undefined, focus: boolean): void {
    this.inner?.disconnect?.();
    this.selected = factor;
    this.ctx.memory.set(SELECTED, factor?.id);
    this.inner = factor ? factorView(this.ctx, factor, 'verify') : undefined;
    if (this.connected) this.inner?.connect?.();
    if (focus) this.ctx.refocus();
  }

  connect(): void {
    this.connected = true;
    this.inner?.connect?.();
  }

  disconnect(): void {
    this.connected = false;
    this.inner?.disconnect?.();
  }

  heading(): string {
    return this.inner?.heading() ?? this.ctx.msg('mfa.pickTitle');
  }

  private renderPicker() {
    const { ctx } = this;
    return html`${intro(ctx.msg('mfa.pickIntro'))}
      <ul class="factors" part="factor-list">
        ${this.factors().map(
          (factor) =>
            html`<li>
              <button type="button" part="factor" ?disabled=${ctx.busy} @click=${() => this.select(factor, true)}>${factorModule(factor).label(ctx, factor)}</button>
            </li>`,
        )}
      </ul>
      ${links(backToSignIn(ctx))}`;
  }

  render() {
    const { ctx } = this;
    if (!this.inner) return this.renderPicker();
    const several = this.factors().length > 1;
    return html`${this.inner.render()}
    ${links(several ? linkButton(ctx, ctx.msg('mfa.chooseAnother'), () => this.select(undefined, true)) : nothing, backToSignIn(ctx))}`;
  }
}

/** Creates the `MFA_REQUIRED` view. */
export const mfaRequired: ViewFactory = (ctx) => new MfaRequiredView(ctx);
