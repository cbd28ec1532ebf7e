import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as z from 'zod';
import { OktaAuthnError } from './errors.js';
import { log } from './log.js';
import { sendError, storeTimeouts, wantsHtml } from './session-state.js';

/** Options of {@link guardSessionStore}. */
export interface GuardSessionStoreOptions {
  /** `Retry-After` seconds sent with the 503. Default 5. */
  retryAfter?: number;
  /** Longest wait (ms) for the store to load a session before answering 503. Default 1000. */
  timeout?: number;
}

const guardOptionsSchema = z.strictObject({
  retryAfter: z.number().int('must be a whole number of seconds').positive('must be 1 or more seconds').default(5),
  timeout: z.number().int('must be a whole number of milliseconds').positive('must be more than 0 milliseconds').finite().default(1_000),
});

/** A segment of the path that the log keeps as it is: a plain lowercase word, as route names are. */
const ROUTE_WORD = /^[a-z][a-z-]{0,23}$/;

/**
 * `path` for the log with every segment that is not a plain word replaced by `:redacted`: the guard runs
 * before routing, so there is no route pattern yet, and app paths can hold tokens and ids.
 */
function redactedPath(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || ROUTE_WORD.test(segment) ? segment : ':redacted'))
    .join('/');
}

/**
 * Wraps express-session's middleware so that a session store that fails (Redis down) or does not answer
 * within `timeout` (Redis frozen: node-redis's command timeout stops at sending, it never bounds the wait
 * for a reply) is answered `503 ESESSIONSTORE` with `Retry-After` instead of a 500 or a hung request: JSON
 * for API calls, `next(error)` for pages (the error has `status: 503`). Every error the session
 * middleware passes on counts as a store failure; the original is the error's `cause`. The same `timeout`
 * bounds the saves and regenerates of `oktaAuthn()` on these requests.
 */
export function guardSessionStore(sessionMiddleware: RequestHandler, options: GuardSessionStoreOptions = {}): RequestHandler {
  if (typeof sessionMiddleware !== 'function') {
    throw new TypeError('guardSessionStore(): pass the middleware of express-session, e.g. guardSessionStore(session({ store, secret }))');
  }
  const parsed = guardOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`guardSessionStore(): option "${issue?.path.map(String).join('.') ?? ''}": ${issue?.message ?? 'invalid'}`);
  }
  const { retryAfter, timeout } = parsed.data;
  return function oktaGuardSessionStore(req: Request, res: Response, next: NextFunction) {
    // The package's own saves and regenerates on this request get the same bound.
    storeTimeouts.set(req, timeout);
    let settled = false;
    const fail = (cause: unknown, reason: string) => {
      log('the session store failed on %s %s (%s)', req.method, redactedPath(req.path), reason);
      const failure = new OktaAuthnError('ESESSIONSTORE', 'Sessions are unavailable right now: the session store cannot be reached; try again later', {
        cause,
        retryAfter,
      });
      if (wantsHtml(req)) return next(failure);
      sendError(res, failure);
    };
    const timer = setTimeout(() => {
      settled = true;
      fail(undefined, `no answer within ${timeout} ms`);
    }, timeout);
    sessionMiddleware(req, res, (error?: unknown) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        if (error === undefined || error === null || error === 'route' || error === 'router') return next(error as undefined);
        return fail(error, error instanceof Error ? error.name : typeof error);
      }
      // Called again: express-session reporting a save that failed after the answer was sent, or a store
      // answering after the timeout. The answer is out; only the log can tell.
      if (error !== undefined && error !== null) log('the session store failed after %s %s was answered (%s)', req.method, redactedPath(req.path), error instanceof Error ? error.name : typeof error);
    });
  };
}
