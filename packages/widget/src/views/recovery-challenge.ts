import { html, nothing } from 'lit';
import { backToSignIn, codeField, form, intro, links, submitButton } from './parts.js';
import type { FormValues } from './parts.js';
import { RECOVERY_USERNAME } from './recovery-start.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

const SENT_AT = 'recovery:sentAt';
/** Okta allows one recovery SMS or call per 30 s. */
const RESEND_SECONDS = 30;

/**
 * `RECOVERY_CHALLENGE`. SMS / CALL: the code, "send again" after a countdown computed from the
 * time of the last send (kept in `ctx.memory`), and "didn't get it?". EMAIL (no stateToken, no
 * links): "check your email" and a way back to sign-in.
 */
class RecoveryChallengeView implements View {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastRemaining = 0;

  constructor(private readonly ctx: WidgetContext) {
    if (!this.isEmail() && !ctx.memory.has(SENT_AT)) ctx.memory.set(SENT_AT, ctx.now());
  }

  private factorType(): string {
    return String(this.ctx.tx?.factorType ?? '').toUpperCase();
  }

  private isEmail(): boolean {
    return this.factorType() === 'EMAIL';
  }

  private isCall(): boolean {
    return this.factorType() === 'CALL';
  }

  private unlock(): boolean {
    return this.ctx.tx?.recoveryType === 'UNLOCK';
  }

  heading(): string {
    const { ctx } = this;
    if (this.isEmail()) return ctx.msg('recovery.emailTitle');
    return ctx.msg(this.isCall() ? 'recovery.callTitle' : 'recovery.smsTitle');
  }

  connect(): void {
    if (this.isEmail()) return;
    this.lastRemaining = this.remaining();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  disconnect(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whole seconds until a new code may be asked for (0 when it may). */
  private remaining(): number {
    const sentAt = this.ctx.memory.get(SENT_AT);
    if (typeof sentAt !== 'number') return 0;
    return Math.max(0, Math.ceil((sentAt + RESEND_SECONDS * 1000 - this.ctx.now()) / 1000));
  }

  private tick(): void {
    const remaining = this.remaining();
    if (remaining === this.lastRemaining) return;
    if (remaining === 0) this.ctx.announce(this.ctx.msg('mfa.resendReady'));
    this.lastRemaining = remaining;
    this.ctx.requestUpdate();
  }

  private canResend(): boolean {
    const moves = this.ctx.tx?.moves() ?? [];
    return moves.some((move) => move === 'resend' || move.startsWith('resend:'));
  }

  private verify(values: FormValues): void {
    const { ctx } = this;
    const tx = ctx.tx;
    const passCode = values.text('passCode').replace(/\s+/g, '');
    if (!passCode) return ctx.fail('mfa.codeRequired', 'passCode');
    if (tx) void ctx.run(() => tx.verifyRecovery(passCode), { field: 'passCode' });
  }

  private resend(): void {
    const { ctx } = this;
    const tx = ctx.tx;
    if (!tx) return;
    void ctx.run(() => tx.resend(this.factorType().toLowerCase()), {
      announce: 'mfa.codeSent',
      onResult: () => {
        ctx.memory.set(SENT_AT, ctx.now());
        this.lastRemaining = this.remaining();
      },
    });
  }

  private renderEmail() {
    const { ctx } = this;
    const username = ctx.memory.get(RECOVERY_USERNAME);
    const text =
      typeof username === 'string'
        ? ctx.msg(this.unlock() ? 'recovery.emailSentUnlock' : 'recovery.emailSentPassword', { username })
        : ctx.msg(this.unlock() ? 'recovery.emailSentUnlockAnon' : 'recovery.emailSentPasswordAnon');
    return html`${intro(text)} ${links(backToSignIn(ctx))}`;
  }

  private renderResend() {
    const { ctx } = this;
    if (!this.canResend()) return nothing;
    const remaining = this.remaining();
    return html`<div class="links" part="links">
      ${remaining > 0 ? html`<p class="countdown" part="countdown">${ctx.msg('mfa.resendIn', { seconds: remaining })}</p>` : nothing}
      <button type="button" class="secondary" part="button secondary resend" ?disabled=${ctx.busy || remaining > 0} @click=${() => this.resend()}>
        ${ctx.msg(this.isCall() ? 'recovery.resendCall' : 'mfa.resend')}
      </button>
    </div>`;
  }

  render() {
    const { ctx } = this;
    if (this.isEmail()) return this.renderEmail();
    const call = this.isCall();
    return html`${intro(ctx.msg(call ? 'recovery.callIntro' : 'recovery.smsIntro'))}
      ${form(ctx, (values) => this.verify(values), [codeField(ctx), submitButton(ctx, ctx.msg('mfa.verify'))])} ${this.renderResend()}
      <details part="help">
        <summary>${ctx.msg('mfa.didNotGetIt')}</summary>
        <p class="muted">${ctx.msg(call ? 'recovery.callHelp' : 'recovery.smsHelp')}</p>
      </details>
      ${links(backToSignIn(ctx))}`;
  }
}

/** Creates the `RECOVERY_CHALLENGE` view. */
export const recoveryChallenge: ViewFactory = (ctx) => new RecoveryChallengeView(ctx);
