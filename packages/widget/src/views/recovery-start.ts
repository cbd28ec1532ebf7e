import type { RecoveryInput, Transaction } from '@okta-authn/core';
import { html } from 'lit';
import type { MessageKey } from '../i18n/index.js';
import { backToSignIn, form, intro, links, textField } from './parts.js';
import type { FormValues } from './parts.js';
import type { UsernameOperation, View, WidgetContext } from './types.js';

type RecoveryFactor = WidgetContext['config']['recoveryFactors'][number];

const FACTOR_TYPES: Record<RecoveryFactor, NonNullable<RecoveryInput['factorType']>> = { email: 'EMAIL', sms: 'SMS', call: 'CALL' };
const BUTTON_KEYS: Record<RecoveryFactor, MessageKey> = { email: 'recovery.byEmail', sms: 'recovery.bySms', call: 'recovery.byCall' };

/** Memory key of the username a recovery was started for ("check your email" names it). */
export const RECOVERY_USERNAME = 'recovery:username';

/** What differs between forgot password and unlock. */
export interface RecoveryStartConfig {
  /** Card heading. */
  title: MessageKey;
  /** Intro paragraph. */
  intro: MessageKey;
  /** What the host's `transformUsername` is told the username is for. */
  operation: UsernameOperation;
  /** Starts the recovery with the client. */
  start: (ctx: WidgetContext, input: RecoveryInput) => Promise<Transaction>;
}

/**
 * Forgot password / unlock account (local views, no transaction yet): the username and one
 * submit button per recovery factor the element is configured for (`recovery-factors`).
 * Enter submits with the first factor.
 */
export class RecoveryStartView implements View {
  constructor(
    private readonly ctx: WidgetContext,
    private readonly config: RecoveryStartConfig,
  ) {}

  heading(): string {
    return this.ctx.msg(this.config.title);
  }

  private submit(values: FormValues): void {
    const { ctx } = this;
    const username = values.text('username').trim();
    if (!username) return ctx.fail('recovery.usernameRequired', 'username');
    const factors = ctx.config.recoveryFactors;
    const chosen = factors.find((factor) => FACTOR_TYPES[factor] === values.text('factorType')) ?? factors[0];
    if (!chosen) return;
    const { relayState } = ctx.config;
    ctx.memory.set(RECOVERY_USERNAME, username);
    const sent = ctx.config.transformUsername(username, this.config.operation);
    void ctx.run(() => this.config.start(ctx, { username: sent, factorType: FACTOR_TYPES[chosen], ...(relayState ? { relayState } : {}) }), { field: 'username' });
  }

  render() {
    const { ctx } = this;
    const remembered = ctx.memory.get('username');
    const username = typeof remembered === 'string' ? remembered : (ctx.config.username ?? '');
    return html`${intro(ctx.msg(this.config.intro))}
    ${form(ctx, (values) => this.submit(values), [
      textField(ctx, { name: 'username', label: ctx.msg('recovery.username'), autocomplete: 'username', value: username, focus: true }),
      ...ctx.config.recoveryFactors.map(
        (factor, index) =>
          html`<button type="submit" name="factorType" value=${FACTOR_TYPES[factor]} class=${index === 0 ? 'primary' : 'secondary'} part=${index === 0 ? 'button submit' : 'button secondary'} ?disabled=${ctx.busy}>
            ${ctx.msg(BUTTON_KEYS[factor])}
          </button>`,
      ),
    ])}
    ${links(backToSignIn(ctx))}`;
  }
}
