import { RecoveryStartView } from './recovery-start.js';
import type { ViewFactory } from './types.js';

/** Forgot password: username + one button per configured recovery factor → `RECOVERY_CHALLENGE`. */
export const forgotPassword: ViewFactory = (ctx) =>
  new RecoveryStartView(ctx, { title: 'recovery.forgotTitle', intro: 'recovery.forgotIntro', operation: 'FORGOT_PASSWORD', start: (context, input) => context.client.forgotPassword(input) });
