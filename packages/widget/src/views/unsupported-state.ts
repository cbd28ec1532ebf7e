import { html } from 'lit';
import { backToSignInButton, intro } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/** Any state without a view: say so plainly and offer the way back; never break. */
class UnsupportedStateView implements View {
  constructor(private readonly ctx: WidgetContext) {}

  heading(): string {
    return this.ctx.msg('unsupportedState.title');
  }

  render() {
    const { ctx } = this;
    return html`${intro(ctx.msg('unsupportedState.intro', { status: ctx.tx?.status ?? '' }))} ${backToSignInButton(ctx)}`;
  }
}

/** Creates the fallback view for a state the element cannot show. */
export const unsupportedState: ViewFactory = (ctx) => new UnsupportedStateView(ctx);
