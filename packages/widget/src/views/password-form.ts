import { evaluatePassword } from '@okta-authn/core';
import type { AuthnUser, PasswordPolicy, PasswordRuleResult, Transaction } from '@okta-authn/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { MessageKey } from '../i18n/index.js';
import { checkbox, form, passwordField, submitButton } from './parts.js';
import type { FormValues } from './parts.js';
import type { WidgetContext } from './types.js';

/** The message key of each rule of the checklist: `password.rule.<rule>` (the type checks that every one exists). */
function ruleKey(rule: PasswordRuleResult['rule']): MessageKey {
  return `password.rule.${rule}`;
}

/** The user and password policy of a password state. */
export function passwordContext(tx: Transaction | undefined): { user: AuthnUser | undefined; policy: PasswordPolicy | undefined } {
  const embedded = tx?._embedded as { user?: AuthnUser; policy?: PasswordPolicy } | undefined;
  return { user: embedded?.user, policy: embedded?.policy };
}

/** What a password form submits. */
export interface PasswordValues {
  /** Current password (change only). */
  oldPassword: string;
  /** The new password. */
  newPassword: string;
  /** "Sign me out of all other devices" was ticked (only when the form offers it). */
  revokeSessions?: boolean;
}

/**
 * The new-password form shared by `PASSWORD_WARN`, `PASSWORD_EXPIRED` and `PASSWORD_RESET`:
 * optional current password, new password with a live checklist of the policy's rules (from
 * core's `evaluatePassword`; changes are announced), and a confirmation field.
 */
export class PasswordForm {
  private results: PasswordRuleResult[];

  constructor(
    private readonly ctx: WidgetContext,
    private readonly askOldPassword: boolean,
    private readonly offerRevoke = false,
  ) {
    this.results = this.evaluate('');
  }

  /** Each rule of the policy, met or not by `password`. */
  private evaluate(password: string): PasswordRuleResult[] {
    const { policy, user } = passwordContext(this.ctx.tx);
    return evaluatePassword(policy, password, user?.profile);
  }

  private ruleText(result: PasswordRuleResult): string {
    const value = result.value ?? '';
    return this.ctx.msg(ruleKey(result.rule), { value });
  }

  /** "met" or "not met". */
  private stateText(result: PasswordRuleResult): string {
    return this.ctx.msg(result.met ? 'password.ruleMet' : 'password.ruleNotMet');
  }

  private handleInput(password: string): void {
    const next = this.evaluate(password);
    const changed = next.filter((result, index) => this.results[index]?.met !== result.met);
    this.results = next;
    if (changed.length) {
      this.ctx.announce(changed.map((result) => this.ctx.msg('password.ruleAnnounce', { rule: this.ruleText(result), state: this.stateText(result) })).join('. '));
      this.ctx.requestUpdate();
    }
  }

  private submit(values: FormValues, onValid: (values: PasswordValues) => void): void {
    const { ctx } = this;
    const oldPassword = values.text('oldPassword');
    const newPassword = values.text('newPassword');
    if (this.askOldPassword && !oldPassword) return ctx.fail('password.oldPasswordRequired', 'oldPassword');
    if (!newPassword) return ctx.fail('password.newPasswordRequired', 'newPassword');
    if (newPassword !== values.text('confirmPassword')) return ctx.fail('error.passwordMismatch', 'confirmPassword');
    onValid({ oldPassword, newPassword, ...(this.offerRevoke && values.checked('revokeSessions') ? { revokeSessions: true } : {}) });
  }

  private renderRules(): TemplateResult {
    if (!this.results.length) return html``;
    const { ctx } = this;
    const age = passwordContext(ctx.tx).policy?.age;
    return html`<div class="group">
      <p class="muted" id=${ctx.uid('rules-title')}>${ctx.msg('password.requirements')}</p>
      <ul class="rules" part="password-rules" id=${ctx.uid('rules')} aria-labelledby=${ctx.uid('rules-title')}>
        ${this.results.map(
          (result) =>
            html`<li class=${result.met ? 'met' : ''}>
              <span>${this.ruleText(result)}</span><span class="sr-only">(${this.stateText(result)})</span>
            </li>`,
        )}
      </ul>
      ${age?.historyCount && age.historyCount > 0 ? html`<p class="muted">${ctx.msg('password.historyNote', { count: age.historyCount })}</p>` : nothing}
      ${age?.minAgeMinutes && age.minAgeMinutes > 0 ? html`<p class="muted">${ctx.msg('password.minAgeNote', { minutes: age.minAgeMinutes })}</p>` : nothing}
    </div>`;
  }

  /** The form; `extra` goes after the submit button (e.g. "remind me later"). */
  render(submitLabel: string, onValid: (values: PasswordValues) => void): TemplateResult {
    const { ctx } = this;
    const login = passwordContext(ctx.tx).user?.profile.login ?? '';
    return form(ctx, (values) => this.submit(values, onValid), [
      html`<input type="text" name="username" autocomplete="username" .value=${login} hidden readonly tabindex="-1" />`,
      this.askOldPassword
        ? passwordField(ctx, { name: 'oldPassword', label: ctx.msg('password.oldPassword'), autocomplete: 'current-password', focus: true })
        : html``,
      passwordField(ctx, {
        name: 'newPassword',
        label: ctx.msg('password.newPassword'),
        autocomplete: 'new-password',
        describedBy: this.results.length ? ctx.uid('rules') : undefined,
        focus: !this.askOldPassword,
        onInput: (value) => this.handleInput(value),
      }),
      this.renderRules(),
      passwordField(ctx, { name: 'confirmPassword', label: ctx.msg('password.confirmPassword'), autocomplete: 'new-password' }),
      this.offerRevoke ? checkbox(ctx, { name: 'revokeSessions', label: ctx.msg('password.revokeSessions'), checked: false }) : html``,
      submitButton(ctx, submitLabel),
    ]);
  }
}
