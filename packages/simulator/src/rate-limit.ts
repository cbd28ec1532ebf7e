import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { Clock } from './clock.js';
import { oktaErrors } from './errors.js';

/** Requests per minute per endpoint family, and the per-username limit on primary authentication. */
export const RateLimitsSchema = z.strictObject({
  authn: z.int().min(1).default(600),
  sessions: z.int().min(1).default(600),
  users: z.int().min(1).default(600),
  login: z.int().min(1).default(600),
  perUsernamePerSecond: z.int().min(1).default(4),
});
/** Rate-limit configuration with defaults filled in. */
export type RateLimits = z.output<typeof RateLimitsSchema>;

/** Outcome of taking one request from a bucket. */
export interface RateLimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

/** Fixed windows that start with the first request (not aligned to the wall-clock minute, like Okta's). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; end: number; count: number }>();
  constructor(
    private readonly clock: Clock,
    /** The configured limits. */
    readonly limits: RateLimits,
  ) {}

  /** Forgets windows that have ended (a new request starts a fresh one anyway). */
  sweep(): void {
    const now = this.clock.now();
    for (const [key, window] of this.windows) if (now >= window.end) this.windows.delete(key);
  }

  /** How many windows are open (for memory checks). */
  get size(): number {
    return this.windows.size;
  }

  /** Counts one request against `key` (limit per `windowMs`). */
  take(key: string, limit: number, windowMs: number): RateLimitResult {
    const now = this.clock.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, end: now + windowMs, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const remaining = Math.max(0, limit - window.count);
    return {
      allowed: window.count <= limit,
      headers: {
        'X-Rate-Limit-Limit': String(limit),
        'X-Rate-Limit-Remaining': String(remaining),
        'X-Rate-Limit-Reset': String(Math.ceil((window.start + windowMs) / 1000)),
      },
    };
  }
}

/** Which family a path belongs to, or undefined for unlimited paths (dev controls, QR codes). */
function familyOf(path: string): keyof Omit<RateLimits, 'perUsernamePerSecond'> | undefined {
  if (path.startsWith('/api/v1/authn')) return 'authn';
  if (path.startsWith('/api/v1/sessions')) return 'sessions';
  if (/^\/api\/v1\/users\/[^/]+\/factors\/[^/]+\/qr\//.test(path)) return undefined;
  if (path.startsWith('/api/v1/users')) return 'users';
  if (path.startsWith('/login/')) return 'login';
  return undefined;
}

/** Adds `X-Rate-Limit-*` to every response of a limited family and answers 429 E0000047 past the limit. */
export function rateLimitMiddleware(limiter: RateLimiter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const family = familyOf(req.path);
    if (!family || req.method === 'OPTIONS') {
      next();
      return;
    }
    const result = limiter.take(`family:${family}`, limiter.limits[family], 60_000);
    for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
    if (!result.allowed) {
      next(oktaErrors.rateLimited(result.headers));
      return;
    }
    next();
  };
}

/** Okta's brute-force guard: a few primary authentications per second for one username. */
export function takeUsername(limiter: RateLimiter, username: string): void {
  const result = limiter.take(`user:${username.toLowerCase()}`, limiter.limits.perUsernamePerSecond, 1000);
  if (!result.allowed) throw oktaErrors.rateLimited(result.headers);
}
