import { html, nothing } from 'lit';
import { emailIcon } from '../icons.js';
import { backToSignIn, backToSignInButton, codeField, form, intro, links, passCodeOf, statusIcon, submitButton } from './parts.js';
import type { FormValues } from './parts.js';
import { RECOVERY_USERNAME } from './recovery-start.js';
import { ResendCountdown, didNotGetIt } from './resend-countdown.js';
import type { View, ViewFactory, WidgetContext } from './types.js';

const SENT_AT = 'recovery:sentAt';
/** Okta allows one recovery SMS or call per 30 s. */
const RESEND_SECONDS = 30;

/**
 * `RECOVERY_CHALLENGE`. SMS / CALL: the code, "send again" after a countdown computed from the
 * time of the last send (kept in `ctx.memory`), and "didn't get it?". EMAIL (no stateToken, no
 * links): an outcome, "check your email", with "Back to sign in" as the primary action.
 */
class RecoveryChallengeView implements View {
  private readonly countdown: ResendCountdown;

  constructor(private readonly ctx: WidgetContext) {
    this.countdown = new ResendCountdown(ctx, SENT_AT, RESEND_SECONDS);
    if (!this.isEmail()) this.countdown.assumeSent();
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
    if (!this.isEmail()) this.countdown.start();
  }

  disconnect(): void {
    this.countdown.stop();
  }

  private canResend(): boolean {
    const moves = this.ctx.tx?.moves() ?? [];
    return moves.some((move) => move === 'resend' || move.startsWith('resend:'));
  }

  private verify(values: FormValues): void {
    const { ctx } = this;
    const tx = ctx.tx;
    const passCode = passCodeOf(ctx, values);
    if (passCode && tx) void ctx.run(() => tx.verifyRecovery(passCode), { field: 'passCode' });
  }

  private renderEmail() {
    const { ctx } = this;
    const username = ctx.memory.get(RECOVERY_USERNAME);
    const text =
      typeof username === 'string'
        ? ctx.msg(this.unlock() ? 'recovery.emailSentUnlock' : 'recovery.emailSentPassword', { username })
        : ctx.msg(this.unlock() ? 'recovery.emailSentUnlockAnon' : 'recovery.emailSentPasswordAnon');
    return html`${statusIcon(emailIcon, 'info')} ${intro(text)} ${backToSignInButton(ctx)}`;
  }

  private renderResend() {
    const { ctx } = this;
    if (!this.canResend()) return nothing;
    return this.countdown.render(ctx.msg(this.isCall() ? 'recovery.resendCall' : 'mfa.resend'), () => this.countdown.resend(this.factorType().toLowerCase()));
  }

  render() {
    const { ctx } = this;
    if (this.isEmail()) return this.renderEmail();
    const call = this.isCall();
    return html`${intro(ctx.msg(call ? 'recovery.callIntro' : 'recovery.smsIntro'))}
      ${form(ctx, (values) => this.verify(values), [codeField(ctx), submitButton(ctx, ctx.msg('mfa.verify'))])} ${this.renderResend()}
      ${didNotGetIt(ctx, ctx.msg(call ? 'recovery.callHelp' : 'recovery.smsHelp'))} ${links(backToSignIn(ctx))}`;
  }
}

/** Creates the `RECOVERY_CHALLENGE` view. */
export const recoveryChallenge: ViewFactory = (ctx) => new RecoveryChallengeView(ctx);
