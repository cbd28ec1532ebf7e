import type { AuthnUser } from '@okta-authn/core';
import { html } from 'lit';
import { backToSignIn, form, intro, links, submitButton, textField } from './parts.js';
import type { FormValues } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * `RECOVERY`. With a stateToken: the recovery question (server text, shown as text) and the
 * answer → `PASSWORD_RESET`, or `SUCCESS` for an unlock. The trusted-app shape (a `recoveryToken`,
 * no stateToken) offers "Continue", which exchanges the token for the question step.
 */
class RecoveryView implements View {
  constructor(private readonly ctx: WidgetContext) {}

  private trusted(): boolean {
    return Boolean(this.ctx.tx?.can('next:recovery'));
  }

  private question(): string {
    const user = (this.ctx.tx?._embedded as { user?: AuthnUser & { recovery_question?: { question?: unknown } } } | undefined)?.user;
    const question = user?.recovery_question?.question;
    return typeof question === 'string' ? question : '';
  }

  heading(): string {
    return this.ctx.msg(this.trusted() ? 'recovery.tokenTitle' : 'recovery.questionTitle');
  }

  private answer(values: FormValues): void {
    const { ctx } = this;
    const tx = ctx.tx;
    const answer = values.text('answer');
    if (!answer.trim()) return ctx.fail('recovery.answerRequired', 'answer');
    if (tx) void ctx.run(() => tx.answer(answer), { field: 'answer' });
  }

  private exchange(): void {
    const tx = this.ctx.tx;
    if (tx) void this.ctx.run(() => tx.exchangeRecoveryToken());
  }

  render() {
    const { ctx } = this;
    if (this.trusted()) {
      return html`${intro(ctx.msg('recovery.tokenIntro'))} ${form(ctx, () => this.exchange(), [submitButton(ctx, ctx.msg('recovery.continue'))])}
      ${links(backToSignIn(ctx))}`;
    }
    const unlock = ctx.tx?.recoveryType === 'UNLOCK';
    return html`${intro(ctx.msg(unlock ? 'recovery.questionIntroUnlock' : 'recovery.questionIntroPassword'))}
    ${form(ctx, (values) => this.answer(values), [
      textField(ctx, { name: 'answer', label: this.question() || ctx.msg('recovery.answer'), autocomplete: 'off', focus: true }),
      submitButton(ctx, ctx.msg('recovery.continue')),
    ])}
    ${links(backToSignIn(ctx))}`;
  }
}

/** Creates the `RECOVERY` view. */
export const recovery: ViewFactory = (ctx) => new RecoveryView(ctx);
