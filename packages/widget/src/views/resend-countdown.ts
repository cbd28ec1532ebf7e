import { OktaApiError } from '@okta-authn/core';
import type { Transaction } from '@okta-authn/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { waitSeconds } from '../error-messages.js';
import { submitButton } from './parts.js';
import type { MessageKey } from '../i18n/index.js';
import type { RunOptions, WidgetContext } from './types.js';

/**
 * A line that comes and goes (a countdown, "checking again in…") without moving what follows:
 * `shown` over the longest of `reserve`, which CSS lays out hidden (generated content: no text in
 * the DOM, nothing read aloud), so the line keeps one height whether it shows, changes or is empty.
 */
export function reservedLine(shown: string | undefined, reserve: readonly string[], part: string, extraClass = ''): TemplateResult {
  const longest = reserve.reduce((a, b) => (b.length > a.length ? b : a), shown ?? '');
  return html`<p class="reserved ${extraClass}" part=${part} data-reserve=${longest}><span>${shown ?? nothing}</span></p>`;
}

/** What a {@link ResendCountdown} says; `wait` has a `{seconds}` plural, `ready` (announced when the wait ends) is optional. */
export interface CountdownText {
  wait: MessageKey;
  ready?: MessageKey;
}

/**
 * "Send again" after a countdown, for every step that sends something (MFA and recovery SMS /
 * call / email, an Okta Verify push). The time of the last send is kept in `ctx.memory` under
 * `key`, so it survives the view being re-created, and the remaining time is always derived from
 * it. A send the server refuses as too many (HTTP 429: `E0000047`, `E0000109`…) waits as long as
 * it says, counted down the same way instead of an error banner. Each whole second the element
 * re-renders; when the wait is over, `text.ready` is announced.
 */
export class ResendCountdown {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastRemaining = 0;
  /** The longest wait shown so far, in seconds: the countdown line keeps room for it. */
  private longest: number;

  constructor(
    private readonly ctx: WidgetContext,
    private readonly key: string,
    private readonly seconds: number,
    private readonly text: CountdownText = { wait: 'mfa.resendIn', ready: 'mfa.resendReady' },
  ) {
    this.longest = seconds;
  }

  /** Memory key of the end of a rate limit's wait. */
  private get limitKey(): string {
    return `${this.key}:limited`;
  }

  /** Records a send now unless one is recorded: a code step shown without one (resumed, raw transaction) was just sent. */
  assumeSent(): void {
    if (!this.ctx.memory.has(this.key)) this.ctx.memory.set(this.key, this.ctx.now());
  }

  /** Starts the per-second tick (from the view's `connect`). */
  start(): void {
    this.lastRemaining = this.remaining();
    this.timer ??= setInterval(() => this.tick(), 1000);
  }

  /** Stops it (from the view's `disconnect`). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whole seconds until the time kept under `key` plus `seconds` (0 when past or unknown). */
  private until(key: string, seconds: number): number {
    const at = this.ctx.memory.get(key);
    if (typeof at !== 'number') return 0;
    return Math.max(0, Math.ceil((at + seconds * 1000 - this.ctx.now()) / 1000));
  }

  /** True once the server refused a send as too many in this transaction. */
  wasLimited(): boolean {
    return this.ctx.memory.has(this.limitKey);
  }

  /** Whole seconds the server asked to wait after a rate-limited send (0 when none). */
  limited(): number {
    return this.until(this.limitKey, 0);
  }

  /** Whole seconds until a new send may go (0 when it may): the usual delay after a send, or a rate limit's wait. */
  remaining(): number {
    return Math.max(this.until(this.key, this.seconds), this.limited());
  }

  private tick(): void {
    const remaining = this.remaining();
    if (remaining === this.lastRemaining) return;
    if (remaining === 0 && this.text.ready) this.ctx.announce(this.ctx.msg(this.text.ready));
    this.lastRemaining = remaining;
    this.ctx.requestUpdate();
  }

  /**
   * Runs a send through `ctx.run`, unless the server's wait still runs: when it goes through the
   * send is recorded; when the server says too many (429), the wait it gives (else the usual delay)
   * is counted down, announced once, and no error banner shows.
   */
  send(action: () => Promise<Transaction>, options: RunOptions = {}): Promise<Transaction | undefined> {
    const { ctx } = this;
    if (this.limited() > 0) return Promise.resolve(undefined);
    return ctx.run(
      async () => {
        try {
          return await action();
        } catch (error) {
          if (!(error instanceof OktaApiError) || error.status !== 429) throw error;
          const seconds = waitSeconds(error, ctx.now()) ?? this.seconds;
          ctx.memory.set(this.limitKey, ctx.now() + seconds * 1000);
          this.longest = Math.max(this.longest, seconds);
          this.lastRemaining = this.remaining();
          ctx.announce(ctx.msg(this.text.wait, { seconds }));
          return undefined;
        }
      },
      {
        ...options,
        onResult: (next) => {
          ctx.memory.set(this.key, ctx.now());
          this.lastRemaining = this.remaining();
          options.onResult?.(next);
        },
      },
    );
  }

  /** Asks for a new code through the `resend` link `name`; records the send and announces "code sent". */
  resend(name: string): void {
    const tx = this.ctx.tx;
    if (tx) void this.send(() => tx.resend(name), { announce: 'mfa.codeSent' });
  }

  /** The countdown line: "you can send … in N seconds" while `seconds` > 0, its space kept while not. */
  line(seconds: number): TemplateResult {
    const { ctx } = this;
    return reservedLine(seconds > 0 ? ctx.msg(this.text.wait, { seconds }) : undefined, [ctx.msg(this.text.wait, { seconds: Math.max(this.longest, seconds) })], 'countdown', 'countdown');
  }

  /** The countdown line and the "send again" button labelled `label`, which calls `onResend` and is disabled while the countdown runs. */
  render(label: string, onResend: () => void): TemplateResult {
    const { ctx } = this;
    const remaining = this.remaining();
    return html`<div class="links" part="links">
      ${this.line(remaining)}
      <button type="button" class="secondary" part="button secondary resend" ?disabled=${ctx.busy || remaining > 0} @click=${onResend}>${label}</button>
    </div>`;
  }
}

/**
 * A form's submit button that sends (`label`) under the countdown's rate limit: disabled while
 * the server's wait runs, with the countdown line under it from the first refusal on (its space
 * kept after the wait ends).
 */
export function waitingSubmit(ctx: WidgetContext, label: string, countdown: ResendCountdown): TemplateResult {
  const limited = countdown.limited();
  return html`${limited > 0 ? html`<button type="submit" class="primary" part="button submit" disabled>${label}</button>` : submitButton(ctx, label)}
  ${countdown.wasLimited() ? countdown.line(limited) : nothing}`;
}

/** The "didn't get it?" disclosure with `help` (what to check, how long to wait). */
export function didNotGetIt(ctx: WidgetContext, help: string): TemplateResult {
  return html`<details part="help">
    <summary>${ctx.msg('mfa.didNotGetIt')}</summary>
    <p class="muted">${help}</p>
  </details>`;
}
