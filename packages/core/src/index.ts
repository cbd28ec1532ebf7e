export * from './schemas/index.js';
export * from './errors.js';
export { parseOktaError, readRateLimit } from './error-body.js';
export { isTransactionStatus, parseTransaction } from './parse.js';
export type { AuthnTransaction, AuthnTransactionOf, TransactionExtras } from './parse.js';
export { currentFactor, factorsOf } from './factors.js';
export { activationLinks, availableMoves, findLink, TransitionNotAllowedError } from './links.js';
export { AuthnClient } from './client.js';
export type {
  AuthnClientOptions,
  MoveQuery,
  RecoveryInput,
  RecoveryTokenInput,
  SecurityQuestion,
  SignInFields,
  SignInInput,
  Transaction,
  TransactionMoves,
  WebAuthnAssertionFields,
  WebAuthnAttestationFields,
} from './client.js';
export type { PollOptions, PollRetryInfo } from './poll.js';
export { describePasswordRequirements, evaluatePassword } from './policy.js';
export type { PasswordRuleId, PasswordRuleResult, PasswordUser } from './policy.js';
