import { html, nothing } from 'lit';
import { actionButton, backToSignIn, intro, links } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/** `LOCKED_OUT`: the account is locked; "Unlock account" as the primary action when the state publishes it. */
class LockedOutView implements View {
  constructor(private readonly ctx: WidgetContext) {}

  heading(): string {
    return this.ctx.msg('locked.title');
  }

  render() {
    const { ctx } = this;
    const canUnlock = Boolean(ctx.tx?.can('next:unlock')) && ctx.canShow('unlock-account');
    return html`${intro(ctx.msg(canUnlock ? 'locked.intro' : 'error.lockedContactAdmin'))}
    ${canUnlock ? actionButton(ctx, ctx.msg('locked.unlock'), () => ctx.show('unlock-account'), { primary: true }) : nothing} ${links(backToSignIn(ctx))}`;
  }
}

/** Creates the `LOCKED_OUT` view. */
export const lockedOut: ViewFactory = (ctx) => new LockedOutView(ctx);
