import express from 'express';
import type { Request, Response, Router } from 'express';
import * as z from 'zod';
import { DemoError } from './errors.js';

const LoginSchema = z.string().min(1).max(200).regex(/^[^/\\?#\s]+$/, 'must be a username');

const UserSchema = z.object({
  id: z.string(),
  status: z.string(),
  profile: z.object({ login: z.string(), email: z.string().optional(), mobilePhone: z.string().nullish() }).loose(),
});

const FactorSchema = z
  .object({
    id: z.string(),
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
    if (!login.success) throw new DemoError(400, 'E0000001', 'Api validation failed: login', ['login: must be a username']);
    const user = UserSchema.parse(await management(`/api/v1/users/${encodeURIComponent(login.data)}`));
    const factors = z.array(FactorSchema).parse(await management(`/api/v1/users/${encodeURIComponent(user.id)}/factors`));
    const addresses = new Set<string>();
    if (user.profile.email) addresses.add(user.profile.email);
    if (user.profile.mobilePhone) addresses.add(user.profile.mobilePhone);
    const deviceFactors = factors.map((factor): DeviceFactor => {
      const profile = factor.profile ?? {};
      const target = typeof profile.phoneNumber === 'string' ? profile.phoneNumber : typeof profile.email === 'string' ? profile.email : undefined;
      if (target) addresses.add(target);
      return { id: factor.id, factorType: factor.factorType, provider: factor.provider, status: factor.status, ...(target ? { target } : {}) };
    });
    const answer: DeviceUser = { id: user.id, login: user.profile.login, status: user.status, addresses: [...addresses], factors: deviceFactors };
    res.set('cache-control', 'no-store').json(answer);
  });

  return router;
}
