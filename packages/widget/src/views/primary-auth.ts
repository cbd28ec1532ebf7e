import { html, nothing } from 'lit';
import { HookError } from '../session.js';
import { checkbox, form, linkButton, links, passwordField, submitButton, textField } from './parts.js';
import type { FormValues } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * Primary authentication (no transaction, or `UNAUTHENTICATED` for a step-up): username,
 * password with a show/hide toggle, "remember me", links to forgot password, unlock (with `unlock`) and help,
 * the host's links, and the `before-form`, `buttons` and `links` slots.
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
    const { relayState, multiOptionalFactorEnroll, transformUsername, processCreds } = ctx.config;
    void ctx.run(
      async () => {
        const sent = transformUsername(username, 'PRIMARY_AUTH');
        if (processCreds) {
          try {
            await processCreds({ username: sent, password });
          } catch (error) {
            throw new HookError('processCreds', error);
          }
        }
        return tx?.status === 'UNAUTHENTICATED'
          ? tx.next({ username: sent, password })
          : ctx.client.signIn({
              username: sent,
              password,
              ...(relayState ? { relayState } : {}),
              options: { warnBeforePasswordExpired: true, multiOptionalFactorEnroll },
            });
      },
      {
        field: 'password',
        // Remembered (or forgotten) only once Okta accepted the credentials: a mistyped username is never stored.
        onResult: (next) => {
          if (ctx.config.rememberMe && next.status !== 'LOCKED_OUT' && next.status !== 'UNAUTHENTICATED') ctx.rememberUsername(username, remember);
        },
      },
    );
  }

  /** Opens forgot password or unlock with the username as typed on this form, submitted or not (the recovery form starts with it). */
  private openRecovery(view: 'forgot-password' | 'unlock-account', event: Event): void {
    const field = (event.currentTarget as HTMLElement | null)?.closest('[part~="base"]')?.querySelector<HTMLInputElement>('form input[name="username"]');
    if (field) this.ctx.memory.set('username', field.value.trim());
    this.ctx.show(view);
  }

  render() {
    const { ctx } = this;
    const { config } = ctx;
    const username = config.username ?? '';
    return html`<slot name="before-form"></slot>
      ${form(ctx, (values) => this.submit(values), [
        textField(ctx, { name: 'username', label: ctx.msg('primary.username'), autocomplete: 'username', value: username, focus: !username }),
        passwordField(ctx, { name: 'password', label: ctx.msg('primary.password'), autocomplete: 'current-password', focus: Boolean(username) }),
        config.rememberMe ? checkbox(ctx, { name: 'remember', label: ctx.msg('primary.rememberMe'), checked: config.usernameRemembered && !ctx.tx }) : html``,
        submitButton(ctx, ctx.msg('primary.submit')),
        html`<slot name="buttons"></slot>`,
      ])}
      ${links(
        config.forgotPasswordUrl
          ? html`<a part="link" href=${config.forgotPasswordUrl}>${ctx.msg('primary.forgotPassword')}</a>`
          : ctx.canShow('forgot-password')
            ? linkButton(ctx, ctx.msg('primary.forgotPassword'), (event) => this.openRecovery('forgot-password', event))
            : nothing,
        config.unlockUrl
          ? html`<a part="link" href=${config.unlockUrl}>${ctx.msg('primary.unlockAccount')}</a>`
          : config.unlock && ctx.canShow('unlock-account')
            ? linkButton(ctx, ctx.msg('primary.unlockAccount'), (event) => this.openRecovery('unlock-account', event))
            : nothing,
        config.helpUrl ? html`<a part="link" href=${config.helpUrl} target="_blank" rel="noopener noreferrer">${ctx.msg('primary.help')}</a>` : nothing,
        html`${config.customLinks.map((link) =>
          link.target ? html`<a part="link" href=${link.href} target=${link.target} rel="noopener noreferrer">${link.text}</a>` : html`<a part="link" href=${link.href}>${link.text}</a>`,
        )}`,
        html`<slot name="links"></slot>`,
      )}`;
  }
}

/** Creates the primary-auth view (also used for `UNAUTHENTICATED`). */
export const primaryAuth: ViewFactory = (ctx) => new PrimaryAuthView(ctx);
