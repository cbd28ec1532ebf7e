import { factorsOf } from '@okta-authn/core';
import type { Factor, Transaction } from '@okta-authn/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { factorModule, factorView, sortFactors } from '../factors/index.js';
import { actionButton, backToSignIn, intro, linkButton, links } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * `MFA_ENROLL`: the security methods to set up, required ones first, those already set up
 * marked; "skip" (nothing optional set up yet) or "finish" when the state publishes `skip`.
 * Picking one opens its factor module's `enroll` view, with a way back to the list.
 */
class MfaEnrollView implements View {
  private inner: View | undefined;
  /** The transaction the pick was made on: a new one (an enrollment went through) shows the list again. */
  private pickedOn: Transaction | undefined;
  private connected = false;

  constructor(private readonly ctx: WidgetContext) {}

  private factors(): Factor[] {
    return this.ctx.tx ? sortFactors(factorsOf(this.ctx.tx)) : [];
  }

  private pick(factor: Factor | undefined): void {
    this.inner?.disconnect?.();
    this.inner = factor ? factorView(this.ctx, factor, 'enroll') : undefined;
    this.pickedOn = this.ctx.tx;
    if (this.connected) this.inner?.connect?.();
    this.ctx.refocus();
  }

  /** The picked factor's view, unless the transaction moved on since the pick. */
  private current(): View | undefined {
    if (this.inner && this.pickedOn !== this.ctx.tx) {
      this.inner.disconnect?.();
      this.inner = undefined;
    }
    return this.inner;
  }

  connect(): void {
    this.connected = true;
    this.inner?.connect?.();
  }

  disconnect(): void {
    this.connected = false;
    this.inner?.disconnect?.();
  }

  heading(): string {
    return this.current()?.heading() ?? this.ctx.msg('enroll.title');
  }

  private renderGroup(title: string, factors: Factor[]): TemplateResult | typeof nothing {
    const { ctx } = this;
    if (!factors.length) return nothing;
    const id = ctx.uid(`enroll-${title}`);
    return html`<h3 class="muted" id=${id}>${title}</h3>
      <ul class="factors" part="factor-list" aria-labelledby=${id}>
        ${factors.map((factor) => {
          const module = factorModule(factor);
          if (factor.status === 'ACTIVE') return html`<li class="muted" part="factor factor-enrolled">${ctx.msg('enroll.enrolled', { name: module.label(ctx, factor) })}</li>`;
          return html`<li><button type="button" part="factor" ?disabled=${ctx.busy} @click=${() => this.pick(factor)}>${module.label(ctx, factor)}</button></li>`;
        })}
      </ul>`;
  }

  private renderList(): TemplateResult {
    const { ctx } = this;
    const tx = ctx.tx;
    const factors = this.factors();
    const required = factors.filter((factor) => factor.enrollment === 'REQUIRED');
    const optional = factors.filter((factor) => factor.enrollment !== 'REQUIRED');
    const canSkip = Boolean(tx?.can('skip'));
    const anyEnrolled = factors.some((factor) => factor.status === 'ACTIVE');
    const pending = required.some((factor) => factor.status !== 'ACTIVE');
    return html`${intro(ctx.msg(pending || !canSkip ? 'enroll.intro' : 'enroll.introOptional'))}
      ${this.renderGroup(ctx.msg('enroll.required'), required)} ${this.renderGroup(ctx.msg('enroll.optional'), optional)}
      ${canSkip && tx
        ? html`<div class="links">
            ${actionButton(ctx, ctx.msg(anyEnrolled ? 'enroll.finish' : 'enroll.skip'), () => void ctx.run(() => tx.skip()), {
              part: anyEnrolled ? 'button submit' : 'button secondary',
            })}
          </div>`
        : nothing}
      ${links(backToSignIn(ctx))}`;
  }

  render() {
    const { ctx } = this;
    const inner = this.current();
    if (!inner) return this.renderList();
    return html`${inner.render()} ${links(linkButton(ctx, ctx.msg('enroll.backToList'), () => this.pick(undefined)), backToSignIn(ctx))}`;
  }
}

/** Creates the `MFA_ENROLL` view. */
export const mfaEnroll: ViewFactory = (ctx) => new MfaEnrollView(ctx);
