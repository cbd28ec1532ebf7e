import { AuthnError } from './errors.js';
import { currentFactor, factorsOf } from './factors.js';
import type { AuthnTransaction } from './parse.js';
import type { Factor } from './schemas/factor.js';
import type { Link, Links } from './schemas/link.js';
import type { TransactionStatus } from './schemas/transaction.js';

/** A move the current state does not publish; thrown before any request is sent. */
export class TransitionNotAllowedError extends AuthnError {
  /** The state the transaction is in. */
  readonly status: TransactionStatus;
  /** The move that was asked for, e.g. `next:verify` or `resend:sms`. */
  readonly move: string;
  /** The moves the state does publish (see {@link availableMoves}). */
  readonly available: string[];
  constructor(status: TransactionStatus, move: string, available: string[]) {
    super(
      'TRANSITION_NOT_ALLOWED',
      `"${move}" is not allowed in ${status}; available: ${available.length ? available.join(', ') : 'none'}`,
    );
    this.name = 'TransitionNotAllowedError';
    this.status = status;
    this.move = move;
    this.available = available;
  }
}

/** All links of a relation, whether published as one object or as an array of named links. */
export function linksOf(links: Links | undefined, rel: string): Link[] {
  const value = links?.[rel];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The link of relation `rel`; with `name`, the one of that name. A single (non-array) link is
 * returned whatever its name, except on `next`, whose name is the operation it performs.
 */
export function findLink(links: Links | undefined, rel: string, name?: string): Link | undefined {
  const value = links?.[rel];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return name === undefined || rel !== 'next' || value.name === name ? value : undefined;
  return name === undefined ? value[0] : value.find((link) => link.name === name);
}

/** True when a link is an operation (not data such as a `qrcode` image) that accepts `method`. */
export function allows(link: Link, method: string): boolean {
  if (link.type !== undefined && !link.hints) return false;
  const allow = link.hints?.allow;
  return !allow || allow.includes(method);
}

/** Links of the activation object of the factor being activated (`qrcode`, `send`). */
export function activationLinks(tx: AuthnTransaction): Links | undefined {
  return currentFactor(tx)?._embedded?.activation?._links;
}

/** A stable name for a factor in move names: `sms:OKTA`, `token:software:totp:GOOGLE`. */
export function factorKey(factor: Pick<Factor, 'factorType' | 'provider'>): string {
  return `${factor.factorType}:${factor.provider}`;
}

/**
 * The moves a transaction allows, from its `_links` and its factors' links: `next:<name>`, `prev`,
 * `cancel`, `skip`, `resend:<name>`, `verify:<type>:<provider>`, `enroll:<type>:<provider>`,
 * `send:<channel>`. Data links (`qrcode`, `logo`) are not moves.
 */
export function availableMoves(tx: AuthnTransaction): string[] {
  const moves: string[] = [];
  for (const rel of Object.keys(tx.links)) {
    for (const link of linksOf(tx.links, rel)) {
      if (link.type !== undefined && !link.hints) continue;
      moves.push(link.name && (rel === 'next' || rel === 'resend') ? `${rel}:${link.name}` : rel);
    }
  }
  if (tx.status === 'MFA_REQUIRED' || tx.status === 'MFA_ENROLL' || tx.status === 'UNAUTHENTICATED') {
    const rel = tx.status === 'MFA_ENROLL' ? 'enroll' : 'verify';
    for (const factor of factorsOf(tx)) if (findLink(factor._links, rel)) moves.push(`${rel}:${factorKey(factor)}`);
  }
  if (tx.status === 'MFA_ENROLL_ACTIVATE') {
    for (const link of linksOf(activationLinks(tx), 'send')) moves.push(`send:${link.name ?? ''}`);
  }
  return [...new Set(moves)];
}
