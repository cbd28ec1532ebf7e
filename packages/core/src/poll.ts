import type { MoveQuery, Transaction } from './client.js';
import { NetworkError, OktaApiError } from './errors.js';
import { findLink, TransitionNotAllowedError } from './links.js';

/** Milliseconds between polls of a push verification (the widget's pace). */
export const VERIFY_POLL_INTERVAL_MS = 4000;
/** Milliseconds between polls of a push activation. */
export const ACTIVATION_POLL_INTERVAL_MS = 6000;
/** Retries after a 429 or network error before polling gives up. */
export const POLL_MAX_RETRIES = 5;

/** Options of `tx.poll()`. */
export interface PollOptions {
  /** Stops polling; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Delay before each poll; default 4000 ms for verification, 6000 ms for activation. */
  intervalMs?: number;
  /** Called with every `WAITING` response (e.g. a number challenge appearing or changing). */
  onUpdate?: (tx: Transaction) => void;
  /** Query parameters of every poll, e.g. `{ rememberDevice: true, autoPush: true }`: Okta stores them from the poll that succeeds. */
  query?: MoveQuery;
  /** Retries after 429/network errors (default 5, backing off 1, 2, 4, 8, 16 s unless the server says when). */
  maxRetries?: number;
  /** The timer; inject one in tests. Must reject with `signal.reason` when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Waits `ms`, rejecting early with the signal's reason when it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** True when a poll failure is worth retrying: rate limited (429) or no answer at all. */
function retryable(error: unknown): error is OktaApiError | NetworkError {
  return error instanceof NetworkError || (error instanceof OktaApiError && error.status === 429);
}

/**
 * POSTs the transaction's `next` link named `poll` until the result is no longer `WAITING`
 * (SUCCESS, another state, REJECTED, TIMEOUT), reporting each WAITING response to `onUpdate`.
 * Sends the stateToken of the latest response each time.
 */
export async function pollTransaction(tx: Transaction, options: PollOptions = {}): Promise<Transaction> {
  const { signal, onUpdate, query, maxRetries = POLL_MAX_RETRIES, sleep: wait = sleep } = options;
  const interval = options.intervalMs ?? (tx.status === 'MFA_ENROLL_ACTIVATE' ? ACTIVATION_POLL_INTERVAL_MS : VERIFY_POLL_INTERVAL_MS);
  let current = tx;
  let retries = 0;
  let delay = interval;
  for (;;) {
    const link = findLink(current.links, 'next', 'poll');
    if (!link) throw new TransitionNotAllowedError(current.status, 'next:poll', current.moves());
    await wait(delay, signal);
    signal?.throwIfAborted();
    try {
      const body = current.stateToken === undefined ? {} : { stateToken: current.stateToken };
      current = current.client.wrap(await current.client.request('POST', link.href, body, query, signal));
    } catch (error) {
      if (signal?.aborted || !retryable(error) || retries >= maxRetries) throw error;
      const serverDelay = error instanceof OktaApiError ? error.rateLimit?.retryAfterMs : undefined;
      delay = Math.max(serverDelay ?? 0, 1000 * 2 ** retries);
      retries += 1;
      continue;
    }
    retries = 0;
    delay = interval;
    if (current.factorResult !== 'WAITING') return current;
    onUpdate?.(current);
  }
}
