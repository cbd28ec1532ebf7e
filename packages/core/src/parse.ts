import { InvalidResponseError, UnsupportedStatusError } from './errors.js';
import { issuesOf } from './schemas/check.js';
import type { Links } from './schemas/link.js';
import { TRANSACTION_SCHEMAS } from './schemas/transaction.js';
import type { TransactionBody, TransactionStatus } from './schemas/transaction.js';

/** Fields every parsed transaction adds to its body. */
export interface TransactionExtras {
  /** The exact object that was parsed, unchanged. */
  raw: Record<string, unknown>;
  /** `_links` of the transaction: relation → link or array of links (`{}` when none). */
  links: Links;
}

/** A validated authn transaction in any state, discriminated by `status`; unknown fields are kept. */
export type AuthnTransaction = TransactionBody & TransactionExtras;

/** A validated authn transaction in one state. */
export type AuthnTransactionOf<S extends TransactionStatus> = Extract<TransactionBody, { status: S }> & TransactionExtras;

/** True when `status` is one of the twelve documented states. */
export function isTransactionStatus(status: unknown): status is TransactionStatus {
  return typeof status === 'string' && Object.hasOwn(TRANSACTION_SCHEMAS, status);
}

/**
 * Validates any `/api/v1/authn` response. Throws {@link UnsupportedStatusError} for a status
 * outside the twelve documented states and {@link InvalidResponseError} for a malformed body.
 */
export function parseTransaction(json: unknown): AuthnTransaction {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidResponseError('Authn response is not a JSON object');
  }
  const raw = json as Record<string, unknown>;
  if (!isTransactionStatus(raw.status)) {
    if (typeof raw.status === 'string') throw new UnsupportedStatusError(raw.status, raw);
    throw new InvalidResponseError('Authn response has no status');
  }
  const issues = issuesOf(TRANSACTION_SCHEMAS[raw.status], raw);
  if (issues.length) throw new InvalidResponseError(`Invalid ${raw.status} transaction`, issues);
  const body = raw as TransactionBody;
  return { ...body, raw, links: body._links ?? {} };
}
