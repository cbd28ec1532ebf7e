import type { Factor } from '@okta-authn/core';
import { html } from 'lit';
import { intro } from '../views/parts.js';
import type { FactorModule, View, WidgetContext } from '../views/types.js';

/** Says plainly that this factor cannot be used here; the surrounding view offers another. */
class UnsupportedFactorView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
    private readonly alternatives: boolean,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.unsupportedTitle');
  }

  render() {
    const name = unsupported.name(this.ctx, this.factor);
    return html`${intro(this.ctx.msg(this.alternatives ? 'factor.unsupportedIntro' : 'factor.unsupportedOnly', { name }))}`;
  }
}

/** True when the person can pick another factor from here. */
function hasAlternatives(ctx: WidgetContext): boolean {
  const tx = ctx.tx;
  if (!tx) return false;
  if (tx.status === 'MFA_CHALLENGE' || tx.status === 'MFA_ENROLL_ACTIVATE') return tx.can('prev');
  const factors = (tx._embedded as { factors?: unknown[] } | undefined)?.factors ?? [];
  return factors.length > 1;
}

/** "This security method is not supported" for `factor`, with the way to another one when there is one. */
export function unsupportedView(ctx: WidgetContext, factor: Factor): View {
  return new UnsupportedFactorView(ctx, factor, hasAlternatives(ctx));
}

/**
 * The fallback for every factor type (or step) the element does not support: Duo (`web`), U2F
 * enrollment, and any type Okta adds later.
 */
export const unsupported: FactorModule = {
  name: (ctx, factor) => ctx.msg('factor.generic', { type: factor.factorType }),
  label: (ctx, factor) => ctx.msg('factor.generic', { type: factor.factorType }),
  verify: unsupportedView,
  enroll: unsupportedView,
  activate: unsupportedView,
};
