import type { MoveQuery, Transaction } from './client.js';
import { InvalidInputError, NetworkError, OktaApiError } from './errors.js';
import { findLink, TransitionNotAllowedError } from './links.js';

/** Milliseconds between polls of a push verification (the widget's pace). */
export const VERIFY_POLL_INTERVAL_MS = 4000;
/** Milliseconds between polls of a push activation. */
export const ACTIVATION_POLL_INTERVAL_MS = 6000;
/** Retries after a 429 or network error before polling gives up. */
export const POLL_MAX_RETRIES = 5;
/** Longest wait before a retry, however far away the server's `Retry-After` / `X-Rate-Limit-Reset` is. */
export const POLL_MAX_DELAY_MS = 60_000;
/** Longest delay a timer accepts (2^31 - 1 ms); a larger one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What `onRetry` learns about a failed poll before the wait that precedes the next try. */
export interface PollRetryInfo {
  /** Why the poll failed: an {@link OktaApiError} with status 429 (rate limited) or a {@link NetworkError}. */
  error: OktaApiError | NetworkError;
  /** Milliseconds until the next try. */
  delayMs: number;
  /** Which retry comes next: 1 for the first, up to `maxRetries`. */
  attempt: number;
}

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
  /** Upper bound of the wait before a retry, whether the server asked for longer or the backoff grew past it (default 60000). */
  maxDelayMs?: number;
  /** Called before each retry wait, e.g. to tell the person "rate limited, trying again in 30 s". */
  onRetry?: (info: PollRetryInfo) => void;
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

/**
 * `value` when it is a whole number a timer accepts (0 to 2^31 - 1), `undefined` when absent;
 * throws {@link InvalidInputError} naming `field` otherwise.
 */
export function checkWholeNumber(value: unknown, field: string, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIMER_MS) return value;
  throw new InvalidInputError(what, [`${field}: expected a whole number from 0 to ${MAX_TIMER_MS}`]);
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
  const { signal, onUpdate, onRetry, query, sleep: wait = sleep } = options;
  const what = 'poll options';
  const maxRetries = checkWholeNumber(options.maxRetries, 'maxRetries', what) ?? POLL_MAX_RETRIES;
  const maxDelay = checkWholeNumber(options.maxDelayMs, 'maxDelayMs', what) ?? POLL_MAX_DELAY_MS;
  const interval =
    checkWholeNumber(options.intervalMs, 'intervalMs', what) ?? (tx.status === 'MFA_ENROLL_ACTIVATE' ? ACTIVATION_POLL_INTERVAL_MS : VERIFY_POLL_INTERVAL_MS);
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
      // Capped: a reset an hour away (or a skewed clock) must not leave the person waiting without a word.
      delay = Math.min(maxDelay, Math.max(serverDelay ?? 0, 1000 * 2 ** retries));
      retries += 1;
      onRetry?.({ error, delayMs: delay, attempt: retries });
      continue;
    }
    retries = 0;
    delay = interval;
    if (current.factorResult !== 'WAITING') return current;
    onUpdate?.(current);
  }
}
