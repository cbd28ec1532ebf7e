import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { OktaHttpError, oktaErrors } from './errors.js';

/** Origins trusted when `trustedOrigins` is not given: any port on the loopback host names. */
export const DEFAULT_TRUSTED_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'] as const;

/** A trusted origin: `scheme://host[:port]`, where the port may be `*`. */
export const TrustedOriginSchema = z
  .string()
  .regex(/^https?:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:(\d{1,5}|\*))?$/, 'must be an origin such as http://localhost:3000 (port may be *)');

/** Decides which browser origins may call the simulator (CORS) and receive redirects. */
export interface CorsPolicy {
  /** The configured patterns. */
  readonly patterns: readonly string[];
  /** True when `origin` matches a pattern or is the simulator's own origin. */
  isTrusted(origin: string, selfOrigin?: string): boolean;
}

/** Builds the policy from origin patterns (`http://localhost:*`). */
export function createCorsPolicy(patterns: readonly string[]): CorsPolicy {
  const matchers = patterns.map((pattern) => {
    const escaped = pattern.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:\\\*$|:\*$/, ':\\d{1,5}');
    return new RegExp(`^${escaped}$`);
  });
  return {
    patterns,
    isTrusted(origin: string, selfOrigin?: string): boolean {
      const lower = origin.toLowerCase();
      if (selfOrigin !== undefined && lower === selfOrigin.toLowerCase()) return true;
      return matchers.some((matcher) => matcher.test(lower));
    },
  };
}

const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'Accept, Authorization, Content-Type, Prefer, X-Okta-User-Agent-Extended, X-Device-Fingerprint, X-Requested-With';
const EXPOSED_HEADERS = 'X-Okta-Request-Id, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset';

/** Credentialed CORS for trusted origins; preflights from other origins get 403 E0000212. */
export function corsMiddleware(policy: CorsPolicy, selfOrigin: (req: Request) => string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    const trusted = typeof origin === 'string' && policy.isTrusted(origin, selfOrigin(req));
    if (trusted) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    res.append('Vary', 'Origin');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      if (!trusted) {
        next(oktaErrors.originNotTrusted());
        return;
      }
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Refuses a cookie-authenticated request sent by an untrusted page (403 E0000212). */
export function assertTrustedOrigin(policy: CorsPolicy, req: Request, selfOrigin: string): void {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null' && !policy.isTrusted(origin, selfOrigin)) {
    throw oktaErrors.originNotTrusted();
  }
  if (origin === 'null') throw new OktaHttpError(403, 'E0000212', 'Origin validation failed.');
}
