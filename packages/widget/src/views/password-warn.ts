import { html, nothing } from 'lit';
import { actionButton, backToSignIn, intro, links } from './parts.js';
import { PasswordForm, passwordContext } from './password-form.js';
import { passwordErrorField } from '../error-messages.js';
import { markPasswordChanged } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/** `PASSWORD_WARN`: "expires in N days"; change it now, or remind me later (skip). */
class PasswordWarnView implements View {
  private readonly form: PasswordForm;

  constructor(private readonly ctx: WidgetContext) {
    this.form = new PasswordForm(ctx, true);
  }

  heading(): string {
    const days = passwordContext(this.ctx.tx).policy?.expiration?.passwordExpireDays;
    if (days === undefined || days <= 0) return this.ctx.msg('password.warnTitleToday');
    return this.ctx.msg('password.warnTitle', { days });
  }

  render() {
    const { ctx } = this;
    const tx = ctx.tx;
    return html`${intro(ctx.msg('password.warnIntro'))}
    ${this.form.render(ctx.msg('password.submitChange'), (values) => {
      if (tx) void ctx.run(() => tx.changePassword(values), { field: passwordErrorField, onResult: markPasswordChanged });
    })}
    ${tx?.can('skip') ? actionButton(ctx, ctx.msg('password.remindLater'), () => void ctx.run(() => tx.skip())) : nothing} ${links(backToSignIn(ctx))}`;
  }
}

/** Creates the `PASSWORD_WARN` view. */
export const passwordWarn: ViewFactory = (ctx) => new PasswordWarnView(ctx);
