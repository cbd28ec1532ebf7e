import { randomBytes } from 'node:crypto';
import { isOktaAuthnError } from '@okta-authn/express';
import type { NextFunction, Request, Response } from 'express';

/** An error the demo answers in Okta's error shape, with an HTTP status. */
export class DemoError extends Error {
  override name = 'DemoError';
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** Stable code (Okta's `E00000xx` or the middleware's `E…` codes). */
    readonly errorCode: string,
    /** What happened, for a person. */
    readonly errorSummary: string,
    /** Details, one per problem. */
    readonly causes: string[] = [],
    /** Seconds after which a retry may succeed, sent as `Retry-After` (503s). */
    readonly retryAfter?: number,
  ) {
    super(errorSummary);
  }

  /** The JSON body: `errorCode`, `errorSummary`, `errorLink`, `errorId`, `errorCauses`. */
  toJSON(): Record<string, unknown> {
    return {
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorLink: this.errorCode,
      errorId: `oae${randomBytes(9).toString('base64url')}`,
      errorCauses: this.causes.map((errorSummary) => ({ errorSummary })),
    };
  }
}

/** True when the client would rather have a page than JSON. */
export function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html';
}

/** A minimal page for errors; never a stack trace. */
export function errorPage(status: number, title: string, text: string): string {
  const escape = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · okta-authn demo</title><link rel="stylesheet" href="/assets/demo.css"><link rel="icon" href="/assets/favicon.svg"></head>
<body class="page-error"><main class="error-page"><p class="status">${status}</p><h1>${escape(title)}</h1><p>${escape(text)}</p><p><a href="/login">Go to sign-in</a></p></main></body>
</html>`;
}

/** The last error handler: Okta-shaped JSON for API calls, a short page for browsers; nothing internal leaks. */
export function errorHandler(log: (format: string, ...args: unknown[]) => void) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let demo: DemoError;
    if (error instanceof DemoError) demo = error;
    else if (isOktaAuthnError(error)) demo = new DemoError(error.status, error.code, error.message, [], error.retryAfter);
    else {
      // Anything else keeps its 4xx status but never its own code (a parser's or zlib's `Z_DATA_ERROR`).
      const status = typeof error === 'object' && error !== null ? Number((error as { status?: unknown }).status) : NaN;
      if (Number.isInteger(status) && status >= 400 && status < 500) {
        demo = new DemoError(status, 'E0000003', 'The request could not be read');
      } else {
        log('internal error on %s %s: %s', req.method, req.path, error instanceof Error ? error.name : typeof error);
        demo = new DemoError(500, 'E0000009', 'Internal Server Error');
      }
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(demo.status).set('cache-control', 'no-store');
    // The time the middleware computed (Okta's rate-limit reset, its retryAfter option), 5 s without one.
    if (demo.status === 503) res.set('retry-after', String(demo.retryAfter ?? 5));
    if (wantsPage(req)) {
      res.type('html').send(errorPage(demo.status, ...pageText(demo)));
      return;
    }
    res.json(demo);
  };
}

function pageText(demo: DemoError): [title: string, text: string] {
  if (demo.errorCode === 'ESESSIONSTORE') return ['Sessions are unavailable right now', 'The session store cannot be reached. Try again in a few seconds.'];
  if (demo.status === 503) return ['Okta cannot be reached right now', 'Your session is kept. Try again in a few seconds.'];
  return [demo.status >= 500 ? 'Something went wrong' : 'This request could not be handled', demo.errorSummary];
}
