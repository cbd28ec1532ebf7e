import express from 'express';
import type { Request, Response, Router } from 'express';
import * as z from 'zod';
import { DemoError } from './errors.js';

/**
 * One segment of a URL path built from input: `encodeURIComponent` leaves `.` and `..` as they are, and
 * `/api/v1/users/.` is `/api/v1/users/` (every user) once the URL is resolved, so they are refused.
 */
export const PathSegmentSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((value) => value !== '.' && value !== '..', 'must not be "." or ".."');

// eslint-disable-next-line no-control-regex -- control characters are exactly what a username may not contain
const LoginSchema = PathSegmentSchema.regex(/^[^/\\?#\s\u0000-\u001f\u007f]+$/, 'must be a username');

/** An Okta object id (`00u…`) as the org answers it, checked before it goes into a URL. */
const OktaIdSchema = PathSegmentSchema.regex(/^\w+$/, 'must be an Okta id');

const UserSchema = z.object({
  id: OktaIdSchema,
  status: z.string(),
  profile: z.object({ login: z.string(), email: z.string().optional(), mobilePhone: z.string().nullish() }).loose(),
});

const FactorSchema = z
  .object({
    id: OktaIdSchema,
    factorType: z.string(),
    provider: z.string(),
    status: z.string(),
    profile: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** A factor as the device panel shows it: what it is and where its messages go. */
export interface DeviceFactor {
  /** Factor id (for `/__sim/` passcode and push routes). */
  id: string;
  /** `sms`, `call`, `email`, `push`, `token:software:totp`, … */
  factorType: string;
  /** `OKTA`, `GOOGLE`, `RSA`, … */
  provider: string;
  /** `ACTIVE`, `PENDING_ACTIVATION`, … */
  status: string;
  /** Phone number or email address the factor sends to, when it sends. */
  target?: string;
  /** The name of a security key (`profile.authenticatorName` of a WebAuthn factor). */
  name?: string;
}

/** What the device panel knows about one user. */
export interface DeviceUser {
  /** Okta user id. */
  id: string;
  /** Username. */
  login: string;
  /** Lifecycle status (`ACTIVE`, `LOCKED_OUT`, …). */
  status: string;
  /** Every address messages to this user can go to (profile email and phone, factor phones and emails). */
  addresses: string[];
  /** The user's factors. */
  factors: DeviceFactor[];
}

/**
 * `GET /users/:login`: the user's addresses and factors, read server-side through the org's
 * Management API (the API token never reaches the browser). Only mounted on the simulator.
 */
export function deviceApi(orgUrl: string, apiToken: string): Router {
  const router = express.Router();

  async function management(path: string): Promise<unknown> {
    let response: globalThis.Response;
    try {
      response = await fetch(new URL(path, orgUrl), {
        headers: { accept: 'application/json', authorization: `SSWS ${apiToken}` },
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      throw new DemoError(503, 'EOKTAUNAVAILABLE', 'The simulator could not be reached');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 404) throw new DemoError(404, 'E0000007', 'Not found: no such user');
    if (!response.ok) throw new DemoError(502, 'EOKTAERROR', `The simulator answered ${response.status}`);
    return body;
  }

  router.get('/users/:login', async (req: Request, res: Response) => {
    const login = LoginSchema.safeParse(req.params.login);
    if (!login.success) throw new DemoError(400, 'E0000001', 'Api validation failed: login', login.error.issues.map((issue) => `login: ${issue.message}`));
    const user = answered(UserSchema, await management(`/api/v1/users/${encodeURIComponent(login.data)}`));
    const factors = answered(z.array(FactorSchema), await management(`/api/v1/users/${encodeURIComponent(user.id)}/factors`));
    const addresses = new Set<string>();
    if (user.profile.email) addresses.add(user.profile.email);
    if (user.profile.mobilePhone) addresses.add(user.profile.mobilePhone);
    const deviceFactors = factors.map((factor): DeviceFactor => {
      const profile = factor.profile ?? {};
      const target = typeof profile.phoneNumber === 'string' ? profile.phoneNumber : typeof profile.email === 'string' ? profile.email : undefined;
      if (target) addresses.add(target);
      const name = typeof profile.authenticatorName === 'string' ? profile.authenticatorName : undefined;
      return { id: factor.id, factorType: factor.factorType, provider: factor.provider, status: factor.status, ...(target ? { target } : {}), ...(name ? { name } : {}) };
    });
    const answer: DeviceUser = { id: user.id, login: user.profile.login, status: user.status, addresses: [...addresses], factors: deviceFactors };
    res.set('cache-control', 'no-store').json(answer);
  });

  return router;
}

/** The org's answer in the shape `schema` expects, or a 502: an unexpected answer is the org's fault, not the client's, and not a 500. */
function answered<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new DemoError(502, 'EOKTAERROR', 'The simulator answered something unexpected');
  return parsed.data;
}
