import { RecoveryStartView } from './recovery-start.js';
import type { ViewFactory } from './types.js';

/** Unlock account: username + one button per configured recovery factor → `RECOVERY_CHALLENGE`. */
export const unlockAccount: ViewFactory = (ctx) =>
  new RecoveryStartView(ctx, { title: 'unlock.title', intro: 'unlock.intro', operation: 'UNLOCK_ACCOUNT', start: (context, input) => context.client.unlockAccount(input) });
