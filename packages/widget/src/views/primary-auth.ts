import { html, nothing } from 'lit';
import { checkbox, form, linkButton, links, passwordField, submitButton, textField } from './parts.js';
import type { FormValues } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * Primary authentication (no transaction, or `UNAUTHENTICATED` for a step-up): username,
 * password with a show/hide toggle, "remember me", links to forgot password, unlock and help.
 */
export class PrimaryAuthView implements View {
  constructor(private readonly ctx: WidgetContext) {}

  heading(): string {
    const target = (this.ctx.tx?._embedded as { target?: { label?: string } } | undefined)?.target;
    return target?.label ? this.ctx.msg('primary.stepUpTitle', { app: target.label }) : this.ctx.msg('primary.title');
  }

  private submit(values: FormValues): void {
    const { ctx } = this;
    const username = values.text('username').trim();
    const password = values.text('password');
    if (!username) return ctx.fail('primary.usernameRequired', 'username');
    if (!password) return ctx.fail('primary.passwordRequired', 'password');
    const remember = values.checked('remember');
    ctx.memory.set('username', username);
    const tx = ctx.tx;
    const { relayState, multiOptionalFactorEnroll } = ctx.config;
    void ctx.run(
      () =>
        tx?.status === 'UNAUTHENTICATED'
          ? tx.next({ username, password })
          : ctx.client.signIn({
              username,
              password,
              ...(relayState ? { relayState } : {}),
              options: { warnBeforePasswordExpired: true, multiOptionalFactorEnroll },
            }),
      {
        field: 'password',
        // Remembered (or forgotten) only once Okta accepted the credentials: a mistyped username is never stored.
        onResult: (next) => {
          if (ctx.config.rememberMe && next.status !== 'LOCKED_OUT' && next.status !== 'UNAUTHENTICATED') ctx.rememberUsername(username, remember);
        },
      },
    );
  }

  render() {
    const { ctx } = this;
    const { config } = ctx;
    const username = config.username ?? '';
    return html`${form(ctx, (values) => this.submit(values), [
        textField(ctx, { name: 'username', label: ctx.msg('primary.username'), autocomplete: 'username', value: username, focus: !username }),
        passwordField(ctx, { name: 'password', label: ctx.msg('primary.password'), autocomplete: 'current-password', focus: Boolean(username) }),
        config.rememberMe ? checkbox(ctx, { name: 'remember', label: ctx.msg('primary.rememberMe'), checked: config.usernameRemembered && !ctx.tx }) : html``,
        submitButton(ctx, ctx.msg('primary.submit')),
      ])}
      ${links(
        ctx.canShow('forgot-password') ? linkButton(ctx, ctx.msg('primary.forgotPassword'), () => ctx.show('forgot-password')) : nothing,
        ctx.canShow('unlock-account') ? linkButton(ctx, ctx.msg('primary.unlockAccount'), () => ctx.show('unlock-account')) : nothing,
        config.helpUrl ? html`<a part="link" href=${config.helpUrl} target="_blank" rel="noopener noreferrer">${ctx.msg('primary.help')}</a>` : nothing,
      )}`;
  }
}

/** Creates the primary-auth view (also used for `UNAUTHENTICATED`). */
export const primaryAuth: ViewFactory = (ctx) => new PrimaryAuthView(ctx);
