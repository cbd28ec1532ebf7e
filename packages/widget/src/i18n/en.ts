import { enFactors } from './en-factors.js';
import { enSignIn } from './en-sign-in.js';
import { enSteps } from './en-steps.js';
import { enWebauthn } from './en-webauthn.js';

/**
 * The whole English catalogue (the element's entry carries the first step's, each chunk its own). Keys are stable: translations and `messages`
 * overrides use them. `{name}` placeholders and `{name, plural, one {…} other {…}}` choices are
 * filled by {@link formatMessage}.
 */
export const en = { ...enSignIn, ...enSteps, ...enFactors, ...enWebauthn } as const;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof en;

/** A full or partial catalogue: message key → text with `{placeholders}`. */
export type Messages = Partial<Record<MessageKey, string>>;

/** True when `key` is a key of the English catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
