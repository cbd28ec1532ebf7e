import type { Transaction } from '@okta-authn/core';
import { html } from 'lit';
import { backToSignIn, intro, links } from './parts.js';
import { PasswordForm, passwordContext } from './password-form.js';
import { markPasswordChanged } from './parts.js';
import type { Notice, View, ViewFactory, WidgetContext } from './types.js';

/**
 * After `reset_password` Okta has already changed the password when it answers `MFA_REQUIRED`
 * or `MFA_ENROLL` (see the seeds): say so, and that one more step finishes signing in.
 */
export function passwordChangedNotice(next: Transaction): Notice | undefined {
  if (next.status === 'MFA_REQUIRED') return { key: 'notice.passwordChangedVerify', keepWhile: ['MFA_REQUIRED', 'MFA_CHALLENGE'] };
  if (next.status === 'MFA_ENROLL') return { key: 'notice.passwordChangedEnroll', keepWhile: ['MFA_ENROLL', 'MFA_ENROLL_ACTIVATE'] };
  return undefined;
}

/** `PASSWORD_RESET`: choose a new password (recovery, or activation without a password); with `show-session-revocation`, "sign me out of all other devices". */
class PasswordResetView implements View {
  private readonly form: PasswordForm;

  constructor(private readonly ctx: WidgetContext) {
    this.form = new PasswordForm(ctx, false, ctx.config.showSessionRevocation);
  }

  heading(): string {
    return this.ctx.msg('password.resetTitle');
  }

  render() {
    const { ctx } = this;
    const tx = ctx.tx;
    const login = passwordContext(tx).user?.profile.login ?? '';
    return html`${intro(ctx.msg('password.resetIntro', { login }))}
    ${this.form.render(ctx.msg('password.submitReset'), ({ newPassword, revokeSessions }) => {
      if (tx) void ctx.run(() => tx.resetPassword({ newPassword, ...(revokeSessions ? { revokeSessions } : {}) }), { field: 'newPassword', notice: passwordChangedNotice, onResult: markPasswordChanged });
    })}
    ${links(backToSignIn(ctx))}`;
  }
}

/** Creates the `PASSWORD_RESET` view. */
export const passwordReset: ViewFactory = (ctx) => new PasswordResetView(ctx);
