import { currentFactor } from '@okta-authn/core';
import type { Factor } from '@okta-authn/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MessageKey } from '../i18n/index.js';
import { doneIcon, genericFactorIcon } from '../factor-list-icons.js';
import { factorModule, factorView } from '../registry.js';
import { backToSignIn, linkButton, links } from './parts.js';
import type { FactorStep, View, WidgetContext } from './types.js';

/**
 * True for an `MFA_ENROLL` entry already set up that takes another instance (several security
 * keys): Okta counts them in `policy.enrollment { enrolled, maximum }` and still links `enroll`.
 */
export function takesAnother(factor: Factor): boolean {
  const { enrolled, maximum } = (factor.policy?.enrollment ?? {}) as { enrolled?: unknown; maximum?: unknown };
  return factor.status === 'ACTIVE' && Boolean(factor._links?.enroll) && typeof enrolled === 'number' && typeof maximum === 'number' && enrolled > 0 && enrolled < maximum;
}

/**
 * A factor's view followed by the links row: `back` (a way back to choosing, when there is one)
 * and "back to sign in". The one layout of every state view that shows a factor's step.
 */
export function withFactorLinks(ctx: WidgetContext, inner: View, back: { label: MessageKey; onClick: () => void } | undefined): TemplateResult {
  return html`${inner.render()} ${links(back ? linkButton(ctx, ctx.msg(back.label), back.onClick) : nothing, backToSignIn(ctx))}`;
}

/**
 * The state view of the transaction's own factor (`MFA_CHALLENGE`: its `verify` view,
 * `MFA_ENROLL_ACTIVATE`: its `activate` view), with `prevLabel` going `prev` when the state
 * publishes it, and back to sign-in.
 */
export class CurrentFactorView implements View {
  private readonly inner: View;

  constructor(
    private readonly ctx: WidgetContext,
    step: FactorStep,
    private readonly prevLabel: MessageKey,
  ) {
    const factor = ctx.tx ? currentFactor(ctx.tx) : undefined;
    this.inner = factorView(ctx, factor ?? { factorType: 'unknown', provider: 'unknown' }, step);
  }

  connect(): void {
    this.inner.connect?.();
  }

  disconnect(): void {
    this.inner.disconnect?.();
  }

  heading(): string {
    return this.inner.heading();
  }

  render() {
    const { ctx } = this;
    const tx = ctx.tx;
    return withFactorLinks(ctx, this.inner, tx?.can('prev') ? { label: this.prevLabel, onClick: () => void ctx.run(() => tx.prev()) } : undefined);
  }
}

/**
 * The view of the factor picked from a list (`MFA_REQUIRED`, `MFA_ENROLL`): created on `pick`,
 * connected while the list view is, disconnected when another is picked or the list returns.
 */
export class PickedFactor {
  private inner: View | undefined;
  private connected = false;

  constructor(
    private readonly ctx: WidgetContext,
    private readonly step: FactorStep,
  ) {}

  /** The picked factor's view; `undefined` while the list shows. */
  get view(): View | undefined {
    return this.inner;
  }

  /** Shows `factor`'s view, or the list again with `undefined`. */
  pick(factor: Factor | undefined): void {
    this.inner?.disconnect?.();
    this.inner = factor ? factorView(this.ctx, factor, this.step) : undefined;
    if (this.connected) this.inner?.connect?.();
  }

  /** The list view was shown: start the picked view's timers or polling. */
  connect(): void {
    this.connected = true;
    this.inner?.connect?.();
  }

  /** The list view left: stop them. */
  disconnect(): void {
    this.connected = false;
    this.inner?.disconnect?.();
  }
}

/** Order of factor types in a list (Okta's: strongest and quickest first); others follow. */
const FACTOR_ORDER: readonly string[] = ['push', 'token:software:totp', 'token:hardware', 'token', 'token:hotp', 'sms', 'call', 'email', 'question'];

/** `factors` sorted for a list: by {@link FACTOR_ORDER}, then as Okta listed them (`sort` is stable). */
export function sortFactors(factors: readonly Factor[]): Factor[] {
  const rank = (factor: Factor) => {
    const index = FACTOR_ORDER.indexOf(factor.factorType);
    return index === -1 ? FACTOR_ORDER.length : index;
  };
  return [...factors].sort((a, b) => rank(a) - rank(b));
}

type ListMove = (index: number, count: number) => number;
const next: ListMove = (index, count) => (index + 1) % count;
const previous: ListMove = (index, count) => (index - 1 + count) % count;

/** Where each key moves the focus in a list of `count` buttons, from `index` (around at the ends). */
const LIST_KEYS: Record<string, ListMove> = {
  ArrowDown: next,
  ArrowRight: next,
  ArrowUp: previous,
  ArrowLeft: previous,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/** Arrow keys, Home and End move the focus among a list's security methods (Tab still goes through them one by one). */
function moveAmongFactors(event: KeyboardEvent): void {
  const move = LIST_KEYS[event.key];
  if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
  const list = event.currentTarget as HTMLElement;
  const buttons = [...list.querySelectorAll<HTMLButtonElement>('button[part~="factor"]:not(:disabled)')];
  const index = buttons.indexOf(event.target as HTMLButtonElement);
  if (index === -1 || buttons.length < 2) return;
  event.preventDefault();
  buttons[move(index, buttons.length)]?.focus();
}

/** A list of security methods (`part="factor-list"`), labelled by the heading `labelledBy` and described by the note `describedBy` when given; arrow keys move between them. */
export function factorList(items: TemplateResult[], labelledBy?: string, describedBy?: string): TemplateResult {
  return html`<ul class="factors" part="factor-list" aria-labelledby=${ifDefined(labelledBy)} aria-describedby=${ifDefined(describedBy)} @keydown=${moveAmongFactors}>
    ${items}
  </ul>`;
}

/**
 * What a list shows of a security method: its family's icon, its name and one line under it: the
 * module's description, or `detail` when given ("already set up"). A type without a module of its
 * own gets the generic icon and "not available here".
 */
function factorSummary(ctx: WidgetContext, factor: Factor, detail?: TemplateResult): TemplateResult {
  const module = factorModule(factor);
  return html`<span class="factor-icon" part="factor-icon">${module.icon?.(factor) ?? genericFactorIcon}</span>
    <span class="factor-text">
      <span class="factor-name" part="factor-name">${module.label(ctx, factor)}</span>
      <span class="factor-description" part="factor-description">${detail ?? module.description?.(ctx, factor) ?? ctx.msg('factor.otherDescription')}</span>
    </span>`;
}

/**
 * One security method of a {@link factorList} as a button that picks it (disabled while busy);
 * `focus` makes it the step's first field. Its accessible name is all it shows, name first.
 */
export function factorButton(ctx: WidgetContext, factor: Factor, onPick: () => void, focus = false): TemplateResult {
  return html`<li>
    <button type="button" class="factor" part="factor" ?disabled=${ctx.busy} ?data-focus=${focus} @click=${onPick}>${factorSummary(ctx, factor)}</button>
  </li>`;
}

/** A security method of a {@link factorList} already set up: not a button, marked with a check and "already set up". */
export function enrolledFactor(ctx: WidgetContext, factor: Factor): TemplateResult {
  return html`<li class="factor done" part="factor factor-enrolled">
    ${factorSummary(ctx, factor, html`<span class="factor-done" part="factor-done">${doneIcon} ${ctx.msg('enroll.done')}</span>`)}
  </li>`;
}
