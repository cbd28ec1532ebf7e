import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { WidgetContext } from './types.js';

/**
 * "Send again" after a countdown, for every step where a code arrives by message (MFA and
 * recovery SMS / call / email). The time of the last send is kept in `ctx.memory` under `key`,
 * so it survives the view being re-created, and the remaining time is always derived from it.
 * Each whole second the element re-renders; when the wait is over, "you can now send a new
 * code" is announced.
 */
export class ResendCountdown {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastRemaining = 0;

  constructor(
    private readonly ctx: WidgetContext,
    private readonly key: string,
    private readonly seconds: number,
  ) {}

  /** Records a send now unless one is recorded: a code step shown without one (resumed, raw transaction) was just sent. */
  assumeSent(): void {
    if (!this.ctx.memory.has(this.key)) this.ctx.memory.set(this.key, this.ctx.now());
  }

  /** Records a send now (after a send or resend went through). */
  markSent(): void {
    this.ctx.memory.set(this.key, this.ctx.now());
    this.lastRemaining = this.remaining();
  }

  /** Starts the per-second tick (from the view's `connect`). */
  start(): void {
    this.lastRemaining = this.remaining();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  /** Stops it (from the view's `disconnect`). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whole seconds until a new code may be sent (0 when it may). */
  remaining(): number {
    const sentAt = this.ctx.memory.get(this.key);
    if (typeof sentAt !== 'number') return 0;
    return Math.max(0, Math.ceil((sentAt + this.seconds * 1000 - this.ctx.now()) / 1000));
  }

  private tick(): void {
    const remaining = this.remaining();
    if (remaining === this.lastRemaining) return;
    if (remaining === 0) this.ctx.announce(this.ctx.msg('mfa.resendReady'));
    this.lastRemaining = remaining;
    this.ctx.requestUpdate();
  }

  /** Asks for a new code through the `resend` link `name`; records the send and announces "code sent". */
  resend(name: string): void {
    const tx = this.ctx.tx;
    if (!tx) return;
    void this.ctx.run(() => tx.resend(name), { onResult: () => this.markSent(), announce: 'mfa.codeSent' });
  }

  /** The countdown text (while waiting) and the "send again" button labelled `label`, which calls `onResend`. */
  render(label: string, onResend: () => void): TemplateResult {
    const { ctx } = this;
    const remaining = this.remaining();
    return html`<div class="links" part="links">
      ${remaining > 0 ? html`<p class="countdown" part="countdown">${ctx.msg('mfa.resendIn', { seconds: remaining })}</p>` : nothing}
      <button type="button" class="secondary" part="button secondary resend" ?disabled=${ctx.busy || remaining > 0} @click=${onResend}>${label}</button>
    </div>`;
  }
}

/** The "didn't get it?" disclosure with `help` (what to check, how long to wait). */
export function didNotGetIt(ctx: WidgetContext, help: string): TemplateResult {
  return html`<details part="help">
    <summary>${ctx.msg('mfa.didNotGetIt')}</summary>
    <p class="muted">${help}</p>
  </details>`;
}
