import { factorsOf } from '@okta-authn/core';
import type { Factor } from '@okta-authn/core';
import { html } from 'lit';
import { factorModule } from '../registry.js';
import { PickedFactor, factorButton, factorList, sortFactors, withFactorLinks } from './factor-step.js';
import { backToSignIn, intro, links } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

const SELECTED = 'mfa:selected';

/** Several WebAuthn keys are one choice, as Okta shows them: verifying it asks all of them at once (by type). */
function oneWebAuthnChoice(factors: Factor[]): Factor[] {
  const first = factors.find((factor) => factor.factorType === 'webauthn');
  return factors.filter((factor) => factor.factorType !== 'webauthn' || factor === first);
}

/**
 * `MFA_REQUIRED`: with one enrolled factor, its verify view at once; with several (several of
 * one type too), a picker, then the chosen factor's verify view with "choose another". Also the
 * factor step of a passwordless `UNAUTHENTICATED`, which lists factors the same way.
 */
class MfaRequiredView implements View {
  private readonly picked: PickedFactor;

  constructor(private readonly ctx: WidgetContext) {
    this.picked = new PickedFactor(ctx, 'verify');
    const factors = this.factors();
    const remembered = ctx.memory.get(SELECTED);
    // One factor, the one picked before in this transaction, else the factor that says to pick it at once (a push sent automatically).
    const initial =
      factors.length === 1
        ? factors[0]
        : (factors.find((factor) => factor.id !== undefined && factor.id === remembered) ??
          (ctx.memory.has(SELECTED) ? undefined : factors.find((factor) => factorModule(factor).autoPick?.(ctx, factor) === true)));
    if (initial) this.select(initial, false);
  }

  private factors(): Factor[] {
    return this.ctx.tx ? oneWebAuthnChoice(sortFactors(factorsOf(this.ctx.tx))) : [];
  }

  private select(factor: Factor | undefined, focus: boolean): void {
    this.ctx.memory.set(SELECTED, factor?.id);
    this.picked.pick(factor);
    if (focus) this.ctx.refocus();
  }

  connect(): void {
    this.picked.connect();
  }

  disconnect(): void {
    this.picked.disconnect();
  }

  heading(): string {
    return this.picked.view?.heading() ?? this.ctx.msg('mfa.pickTitle');
  }

  private renderPicker() {
    const { ctx } = this;
    return html`${intro(ctx.msg('mfa.pickIntro'))}
      ${factorList(this.factors().map((factor, index) => factorButton(ctx, factor, () => this.select(factor, true), index === 0)))} ${links(backToSignIn(ctx))}`;
  }

  render() {
    const inner = this.picked.view;
    if (!inner) return this.renderPicker();
    const several = this.factors().length > 1;
    return withFactorLinks(this.ctx, inner, several ? { label: 'mfa.chooseAnother', onClick: () => this.select(undefined, true) } : undefined);
  }
}

/** Creates the `MFA_REQUIRED` view. */
export const mfaRequired: ViewFactory = (ctx) => new MfaRequiredView(ctx);
