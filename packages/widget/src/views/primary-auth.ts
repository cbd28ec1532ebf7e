import { factorsOf } from '@okta-authn/core';
import type { SignInInput, Transaction } from '@okta-authn/core';
import { html, nothing } from 'lit';
import { prepare, viewFactory } from '../registry.js';
import { HookError } from '../session.js';
import { backToSignIn, checkbox, form, linkButton, links, passwordField, submitButton, textField } from './parts.js';
import type { FormValues } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/** True for the `UNAUTHENTICATED` of a passwordless sign-in: it lists the factors to verify. */
function listsFactors(tx: Transaction | undefined): tx is Transaction {
  return tx?.status === 'UNAUTHENTICATED' && factorsOf(tx).length > 0;
}

/**
 * The transaction as the registry should route it for its factor list: the view of `MFA_REQUIRED`
 * (chunk `mfa`, with the factors' chunks), which reads the same `_embedded.factors` from `ctx.tx`.
 */
function asFactorChoice(tx: Transaction): Transaction {
  return Object.create(tx, { status: { value: 'MFA_REQUIRED' } }) as Transaction;
}

/**
 * Primary authentication (no transaction, or `UNAUTHENTICATED` for a step-up): username,
 * password with a show/hide toggle, "remember me", links to forgot password, unlock (with `unlock`) and help,
 * the host's links, and the `before-form`, `buttons` and `links` slots. With `passwordless`, the
 * username alone and "Next"; the `UNAUTHENTICATED` that answers lists factors, shown by `MFA_REQUIRED`'s
 * view once its chunk is loaded (a spinner meanwhile, the network error if it cannot be).
 */
export class PrimaryAuthView implements View {
  /** The factor step of a passwordless `UNAUTHENTICATED`, once the transaction lists factors and its chunk is loaded. */
  private factorStep: View | undefined;
  private connected = false;
  private loading = false;
  private loadFailed = false;

  constructor(private readonly ctx: WidgetContext) {}

  /**
   * The factor step when the transaction lists factors (created then: a step-up keeps this view
   * when its username is answered); `undefined` while its chunk loads, which this starts.
   */
  private step(): View | undefined {
    const tx = this.ctx.tx;
    if (!listsFactors(tx)) return undefined;
    if (this.factorStep) return this.factorStep;
    const create = viewFactory(asFactorChoice(tx), 'primary');
    if (!create) {
      this.load(tx);
      return undefined;
    }
    this.factorStep = create(this.ctx);
    if (this.connected) this.factorStep.connect?.();
    return this.factorStep;
  }

  /** Loads the chunks of the factor step, after the render that asked (it changes what the element shows). */
  private load(tx: Transaction): void {
    if (this.loading || this.loadFailed) return;
    this.loading = true;
    void Promise.resolve()
      .then(() => prepare(asFactorChoice(tx), 'primary'))
      .then(
        () => this.ctx.requestUpdate(),
        () => {
          this.loadFailed = true;
          this.ctx.fail('error.network');
          this.ctx.requestUpdate();
        },
      )
      .finally(() => {
        this.loading = false;
      });
  }

  connect(): void {
    this.connected = true;
    // A factor step created before (or by) this call is connected once: here, or in `step()`.
    if (this.factorStep) this.factorStep.connect?.();
    else this.step();
  }

  disconnect(): void {
    this.connected = false;
    this.factorStep?.disconnect?.();
  }

  heading(): string {
    const step = this.step();
    if (step) return step.heading();
    const target = (this.ctx.tx?._embedded as { target?: { label?: string } } | undefined)?.target;
    return target?.label ? this.ctx.msg('primary.stepUpTitle', { app: target.label }) : this.ctx.msg('primary.title');
  }

  private submit(values: FormValues): void {
    const { ctx } = this;
    const { passwordless } = ctx.config;
    const username = values.text('username').trim();
    // Passwordless: no password field, and the processCreds hook sees an empty password.
    const password = passwordless ? '' : values.text('password');
    if (!username) return ctx.fail('primary.usernameRequired', 'username');
    if (!password && !passwordless) return ctx.fail('primary.passwordRequired', 'password');
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
        const credentials = passwordless ? { username: sent } : { username: sent, password };
        if (tx?.status === 'UNAUTHENTICATED') return tx.next(credentials);
        const common = { username: sent, ...(relayState ? { relayState } : {}), options: { warnBeforePasswordExpired: true, multiOptionalFactorEnroll } };
        const input: SignInInput = passwordless ? { ...common, passwordless: true } : { ...common, password };
        return ctx.client.signIn(input);
      },
      {
        field: passwordless ? 'username' : 'password',
        // Okta refuses a username alone as it refuses a wrong password: say what was tried.
        ...(passwordless ? { errorKeys: { E0000004: 'primary.passwordlessFailed' } } : {}),
        // Remembered (or forgotten) only once Okta accepted the credentials: a mistyped username is never stored.
        onResult: (next) => {
          const accepted = next.status !== 'LOCKED_OUT' && (next.status !== 'UNAUTHENTICATED' || factorsOf(next).length > 0);
          if (ctx.config.rememberMe && accepted) ctx.rememberUsername(username, remember);
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
    if (listsFactors(ctx.tx)) {
      const step = this.step();
      if (step) return step.render();
      return html`${this.loadFailed ? nothing : html`<p class="loading" aria-busy="true"><span class="busy" aria-hidden="true"></span></p>`} ${links(backToSignIn(ctx))}`;
    }
    const { config } = ctx;
    const { passwordless } = config;
    const username = config.username ?? '';
    return html`<slot name="before-form"></slot>
      ${form(ctx, (values) => this.submit(values), [
        textField(ctx, { name: 'username', label: ctx.msg('primary.username'), autocomplete: 'username', value: username, focus: !username || passwordless }),
        passwordless
          ? html``
          : passwordField(ctx, { name: 'password', label: ctx.msg('primary.password'), autocomplete: 'current-password', focus: Boolean(username) }),
        config.rememberMe ? checkbox(ctx, { name: 'remember', label: ctx.msg('primary.rememberMe'), checked: config.usernameRemembered && !ctx.tx }) : html``,
        submitButton(ctx, ctx.msg(passwordless ? 'primary.next' : 'primary.submit')),
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
