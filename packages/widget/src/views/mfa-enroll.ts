import { factorsOf } from '@okta-authn/core';
import type { Factor, Transaction } from '@okta-authn/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { PickedFactor, enrolledFactor, factorButton, factorList, sortFactors, takesAnother, withFactorLinks } from './factor-step.js';
import { actionButton, backToSignIn, intro, links } from './parts.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

/**
 * `MFA_ENROLL`: the security methods to set up, required ones first, those already set up
 * marked, unless another may be added (a second security key: then a button, as for a new one);
 * "skip" (nothing optional set up yet) or "finish" when the state publishes `skip`.
 * Picking one opens its factor module's `enroll` view, with a way back to the list.
 */
class MfaEnrollView implements View {
  private readonly picked: PickedFactor;
  /** The transaction the pick was made on: a new one (an enrollment went through) shows the list again. */
  private pickedOn: Transaction | undefined;

  constructor(private readonly ctx: WidgetContext) {
    this.picked = new PickedFactor(ctx, 'enroll');
  }

  private factors(): Factor[] {
    return this.ctx.tx ? sortFactors(factorsOf(this.ctx.tx)) : [];
  }

  private pick(factor: Factor | undefined): void {
    this.picked.pick(factor);
    this.pickedOn = this.ctx.tx;
    this.ctx.refocus();
  }

  /** The picked factor's view, unless the transaction moved on since the pick. */
  private current(): View | undefined {
    if (this.picked.view && this.pickedOn !== this.ctx.tx) this.picked.pick(undefined);
    return this.picked.view;
  }

  connect(): void {
    this.picked.connect();
  }

  disconnect(): void {
    this.picked.disconnect();
  }

  heading(): string {
    return this.current()?.heading() ?? this.ctx.msg('enroll.title');
  }

  /**
   * One group (required, optional); `first` is the first method to set up, which gets the focus;
   * `note` says what the group asks ("set up all of these") and describes its list.
   */
  private renderGroup(title: string, factors: Factor[], first: Factor | undefined, note?: string): TemplateResult | typeof nothing {
    const { ctx } = this;
    if (!factors.length) return nothing;
    const id = ctx.uid(`enroll-${title}`);
    const noteId = note ? ctx.uid(`enroll-note-${title}`) : undefined;
    return html`<div class="group">
      <h3 class="muted" id=${id}>${title}</h3>
      ${note ? html`<p class="muted" part="hint" id=${ifDefined(noteId)}>${note}</p>` : nothing}
      ${factorList(
        factors.map((factor) =>
          factor.status === 'ACTIVE' && !takesAnother(factor)
            ? enrolledFactor(ctx, factor)
            : factorButton(ctx, factor, () => this.pick(factor), factor === first),
        ),
        id,
        noteId,
      )}
    </div>`;
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
    const first = [...required, ...optional].find((factor) => factor.status !== 'ACTIVE');
    return html`${intro(ctx.msg(pending || !canSkip ? 'enroll.intro' : 'enroll.introOptional'))}
      ${this.renderGroup(ctx.msg('enroll.required'), required, first, required.length > 1 && pending ? ctx.msg('enroll.requiredAll') : undefined)}
      ${this.renderGroup(ctx.msg('enroll.optional'), optional, first)}
      ${canSkip && tx ? actionButton(ctx, ctx.msg(anyEnrolled ? 'enroll.finish' : 'enroll.skip'), () => void ctx.run(() => tx.skip()), { primary: anyEnrolled }) : nothing}
      ${links(backToSignIn(ctx))}`;
  }

  render() {
    const inner = this.current();
    if (!inner) return this.renderList();
    return withFactorLinks(this.ctx, inner, { label: 'enroll.backToList', onClick: () => this.pick(undefined) });
  }
}

/** Creates the `MFA_ENROLL` view. */
export const mfaEnroll: ViewFactory = (ctx) => new MfaEnrollView(ctx);
