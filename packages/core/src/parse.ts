import { InvalidResponseError, UnsupportedStatusError } from './errors.js';
import { isObject, issuesOf } from './schemas/check.js';
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
  if (!isObject(json)) throw new InvalidResponseError('Authn response is not a JSON object');
  if (!isTransactionStatus(json.status)) {
    if (typeof json.status === 'string') throw new UnsupportedStatusError(json.status, json);
    throw new InvalidResponseError('Authn response has no status');
  }
  const issues = issuesOf(TRANSACTION_SCHEMAS[json.status], json);
  if (issues.length) throw new InvalidResponseError(`Invalid ${json.status} transaction`, issues);
  const body = json as TransactionBody;
  return { ...body, raw: json, links: body._links ?? {} };
}
