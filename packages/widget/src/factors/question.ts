import type { Factor, SecurityQuestion } from '@okta-authn/core';
import { html } from 'lit';
import { questionIcon } from '../factor-icons.js';
import { actionButton, form, intro, submitButton, textField } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import type { FactorModule, View, WidgetContext } from '../views/types.js';
import { profileText, rememberDeviceField, verifyOptions } from './common.js';

const MIN_ANSWER = 4;

function answerField(ctx: WidgetContext, focus: boolean) {
  return textField(ctx, { name: 'answer', label: ctx.msg('factor.question.answer'), type: 'password', autocomplete: 'off', focus });
}

/** Verify: the question text (a text binding) and the answer; a wrong answer says so. */
class QuestionVerifyView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.question.verifyTitle');
  }

  private submit(values: FormValues): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    const answer = values.text('answer');
    if (!answer.trim()) return ctx.fail('factor.answerRequired', 'answer');
    if (tx) void ctx.run(() => tx.verify(factor, { answer }, verifyOptions(ctx, values)), { field: 'answer', errorKeys: { E0000068: 'error.invalidAnswer' } });
  }

  render() {
    const { ctx, factor } = this;
    const question = profileText(factor, 'questionText') || profileText(factor, 'question');
    return html`${intro(question)} ${form(ctx, (values) => this.submit(values), [answerField(ctx, true), rememberDeviceField(ctx), submitButton(ctx, ctx.msg('mfa.verify'))])}`;
  }
}

/** Enroll: a question picked from the factor's `questions` link (loaded on arrival) and an answer of 4+ characters. */
class QuestionEnrollView implements View {
  private questions: SecurityQuestion[] | undefined;

  constructor(
    private readonly ctx: WidgetContext,
    private readonly factor: Factor,
  ) {}

  heading(): string {
    return this.ctx.msg('factor.question.enrollTitle');
  }

  connect(): void {
    if (!this.questions) this.load();
  }

  private load(): void {
    const { ctx, factor } = this;
    void ctx.run(async () => {
      this.questions = await ctx.client.questions(factor);
      ctx.refocus();
    });
  }

  private submit(values: FormValues): void {
    const { ctx, factor } = this;
    const tx = ctx.tx;
    const question = values.text('question');
    const answer = values.text('answer');
    if (!question) return this.load();
    if (answer.trim().length < MIN_ANSWER) return ctx.fail('factor.question.answerTooShort', 'answer');
    if (tx) void ctx.run(() => tx.enroll(factor, { profile: { question, answer } }), { field: 'answer' });
  }

  render() {
    const { ctx } = this;
    const questions = this.questions;
    if (!questions) {
      return ctx.busy ? html`<p part="intro" aria-busy="true">${ctx.msg('factor.question.loading')}</p>` : html`${actionButton(ctx, ctx.msg('widget.retry'), () => this.load())}`;
    }
    const id = ctx.uid('field-question');
    return html`${form(ctx, (values) => this.submit(values), [
      html`<div class="field" part="field">
        <label part="label" for=${id}>${ctx.msg('factor.question.pick')}</label>
        <select part="input" id=${id} name="question" data-focus>
          ${questions.map((entry) => html`<option value=${entry.question}>${entry.questionText}</option>`)}
        </select>
      </div>`,
      answerField(ctx, false),
      submitButton(ctx, ctx.msg('factor.question.submit')),
    ])}`;
  }
}

/** Security question (`question`, OKTA). */
export const question: FactorModule = {
  name: (ctx) => ctx.msg('factor.question.name'),
  label: (ctx) => ctx.msg('factor.question.name'),
  description: (ctx) => ctx.msg('factor.question.description'),
  icon: () => questionIcon,
  verify: (ctx, factor) => new QuestionVerifyView(ctx, factor),
  enroll: (ctx, factor) => new QuestionEnrollView(ctx, factor),
};
