import { html } from 'lit';
import { backToSignIn, intro, links } from './parts.js';
import { PasswordForm } from './password-form.js';
import { passwordErrorField } from '../error-messages.js';
import { markPasswordChanged } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/** `PASSWORD_EXPIRED`: the password must be changed to finish signing in — here, or where the org manages passwords (`password-expired-url`). */
class PasswordExpiredView implements View {
  private readonly form: PasswordForm;

  constructor(private readonly ctx: WidgetContext) {
    this.form = new PasswordForm(ctx, true);
  }

  heading(): string {
    return this.ctx.msg('password.expiredTitle');
  }

  render() {
    const { ctx } = this;
    const tx = ctx.tx;
    const elsewhere = ctx.config.passwordExpiredUrl;
    if (elsewhere) {
      return html`${intro(ctx.msg('password.expiredElsewhere'))}
        <a class="primary" part="button submit" href=${elsewhere}>${ctx.msg('password.expiredElsewhereLink')}</a>
        ${links(backToSignIn(ctx))}`;
    }
    return html`${intro(ctx.msg('password.expiredIntro'))}
    ${this.form.render(ctx.msg('password.submitChange'), (values) => {
      if (tx) void ctx.run(() => tx.changePassword(values), { field: passwordErrorField, onResult: markPasswordChanged });
    })}
    ${links(backToSignIn(ctx))}`;
  }
}

/** Creates the `PASSWORD_EXPIRED` view. */
export const passwordExpired: ViewFactory = (ctx) => new PasswordExpiredView(ctx);
