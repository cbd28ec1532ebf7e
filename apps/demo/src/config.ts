import { isIP } from 'node:net';
import * as z from 'zod';
import type { DemoOptions } from './server.js';

const port = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `${name} must be a port number (0-65535)`)
    .transform(Number)
    .refine((value) => value <= 65_535, `${name} must be a port number (0-65535)`);

const origin = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
      } catch {
        return false;
      }
    }, `${name} must be an http(s) origin without a path, e.g. https://example.okta.com`)
    .transform((value) => new URL(value).origin);

/**
 * One entry of a `TRUST_PROXY` list as Express's proxy-addr takes it: a named range, or an IPv4 or IPv6
 * address with an optional prefix length from 1 to 32 or 128. Anything else would make Express throw at start.
 */
function isProxyEntry(entry: string): boolean {
  if (/^(loopback|linklocal|uniquelocal)$/.test(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (version === 4 ? 32 : 128);
}

const EnvSchema = z.object({
  PORT: port('PORT').optional(),
  SIM_PORT: port('SIM_PORT').optional(),
  HOST: z.string().trim().min(1, 'HOST must not be empty').optional(),
  OKTA_ORG_URL: origin('OKTA_ORG_URL').optional(),
  OKTA_API_TOKEN: z.string().trim().min(1, 'OKTA_API_TOKEN must not be empty').optional(),
  APP_ORIGIN: origin('APP_ORIGIN').optional(),
  SESSION_SECRET: z.string().min(16, 'SESSION_SECRET must be at least 16 characters').optional(),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  RECOVERY_FACTORS: z
    .string()
    .trim()
    .regex(/^(email|sms|call)( (email|sms|call))*$/, 'RECOVERY_FACTORS must be space-separated values of email, sms, call')
    .optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (value) => /^\d{1,2}$/.test(value) || value.split(',').every((entry) => isProxyEntry(entry.trim())),
      'TRUST_PROXY must be the number of proxies in front of the demo (e.g. 1) or their addresses, comma-separated (loopback, 10.0.0.0/8, …)',
    )
    .transform((value) => (/^\d+$/.test(value) ? Number(value) : value.split(',').map((entry) => entry.trim())))
    .optional(),
  CHECK_INTERVAL_MS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'CHECK_INTERVAL_MS must be a whole number of milliseconds')
    .transform(Number)
    .optional(),
});

/** A configuration error: the message names the variable and says what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the demo's options from environment variables (`PORT`, `SIM_PORT`, `OKTA_ORG_URL`, …); throws `ConfigError` naming a bad one. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): DemoOptions {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  }
  const vars = parsed.data;
  if (!vars.OKTA_ORG_URL && vars.OKTA_API_TOKEN) {
    throw new ConfigError('OKTA_API_TOKEN is set but OKTA_ORG_URL is not: set OKTA_ORG_URL to your org, e.g. https://example.okta.com');
  }
  if (vars.APP_ORIGIN?.startsWith('https:') && vars.TRUST_PROXY === undefined) {
    throw new ConfigError('APP_ORIGIN is https but TRUST_PROXY is not set: the demo serves plain HTTP, so a TLS proxy is in front of it; set TRUST_PROXY (e.g. 1) so secure cookies and client addresses work');
  }
  return {
    port: vars.PORT ?? 3000,
    simPort: vars.SIM_PORT ?? 4000,
    host: vars.HOST,
    orgUrl: vars.OKTA_ORG_URL,
    apiToken: vars.OKTA_API_TOKEN,
    appOrigin: vars.APP_ORIGIN,
    sessionSecret: vars.SESSION_SECRET,
    redisUrl: vars.REDIS_URL,
    recoveryFactors: vars.RECOVERY_FACTORS,
    checkInterval: vars.CHECK_INTERVAL_MS,
    trustProxy: vars.TRUST_PROXY,
  };
}
