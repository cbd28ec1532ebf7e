import type { Request, Response } from 'express';
import type { OktaSession } from '@okta-authn/core';
import { z } from 'zod';
import type { SimContext } from './context.js';
import { MINUTE, iso } from './clock.js';
import { assertTrustedOrigin } from './cors.js';
import { oktaErrors } from './errors.js';
import { param, parseBody, parseQuery, readCookie, requireApiToken, sendJson } from './http.js';
import { newSessionId } from './ids.js';
import type { RouteTable } from './router.js';
import type { SessionRecord, UserRecord } from './store.js';
import { authnLink } from './links.js';

/** Session lifetimes (Okta's defaults: 2 h idle, 24 h maximum). */
export interface SessionLifetimes {
  idleMinutes: number;
  maxMinutes: number;
}

/** When a session ends if nothing refreshes it. */
export function sessionExpiresAt(session: SessionRecord, lifetimes: SessionLifetimes): number {
  return Math.min(session.lastActivity + lifetimes.idleMinutes * MINUTE, session.createdAt + lifetimes.maxMinutes * MINUTE);
}

/** The live session with this id (expired ones are dropped). */
export function liveSession(ctx: SimContext, lifetimes: SessionLifetimes, id: string | undefined): SessionRecord | undefined {
  const session = id === undefined ? undefined : ctx.store.sessions.get(id);
  if (!session) return undefined;
  if (ctx.clock.now() >= sessionExpiresAt(session, lifetimes)) {
    ctx.store.sessions.delete(session.id);
    return undefined;
  }
  return session;
}

/** Redeems a sessionToken (single use, 5 minutes) for a new session; undefined when it is not valid. */
export function redeemSessionToken(ctx: SimContext, token: string): SessionRecord | undefined {
  const record = ctx.store.sessionTokens.get(token);
  if (!record || record.used || ctx.clock.now() >= record.expiresAt) return undefined;
  record.used = true;
  if (!ctx.store.users.has(record.userId)) return undefined;
  return createSession(ctx, record);
}

/** What a new session records about how the user authenticated. */
export interface SessionGrant {
  userId: string;
  passwordVerifiedAt: number | null;
  factorVerifiedAt: number | null;
  amr: string[];
}

/** Starts a session for `grant.userId` now. */
export function createSession(ctx: SimContext, grant: SessionGrant): SessionRecord {
  const now = ctx.clock.now();
  const session: SessionRecord = {
    id: newSessionId(),
    userId: grant.userId,
    createdAt: now,
    lastActivity: now,
    passwordVerifiedAt: grant.passwordVerifiedAt,
    factorVerifiedAt: grant.factorVerifiedAt,
    amr: [...grant.amr],
  };
  ctx.store.sessions.set(session.id, session);
  return session;
}

/** A session as the Sessions API shows it; `me` links to `/sessions/me`. */
export function renderSession(
  ctx: SimContext,
  origin: string,
  lifetimes: SessionLifetimes,
  session: SessionRecord,
  user: UserRecord,
  me: boolean,
): OktaSession {
  const self = me ? `${origin}/api/v1/sessions/me` : `${origin}/api/v1/sessions/${session.id}`;
  return {
    id: session.id,
    userId: user.id,
    login: user.profile.login,
    createdAt: iso(session.createdAt),
    expiresAt: iso(sessionExpiresAt(session, lifetimes)),
    status: 'ACTIVE',
    lastPasswordVerification: session.passwordVerifiedAt === null ? null : iso(session.passwordVerifiedAt),
    lastFactorVerification: session.factorVerifiedAt === null ? null : iso(session.factorVerifiedAt),
    amr: [...session.amr],
    idp: { id: ORG_ID, type: 'OKTA' },
    mfaActive: ctx.store.activeFactorsOf(user.id).length > 0,
    _links: {
      self: authnLink(self, ['GET', 'DELETE']),
      refresh: authnLink(`${self}/lifecycle/refresh`, ['POST']),
      user: {
        name: `${user.profile.firstName} ${user.profile.lastName}`.trim(),
        href: me ? `${origin}/api/v1/users/me` : `${origin}/api/v1/users/${user.id}`,
        hints: { allow: ['GET'] },
      },
    },
  };
}

/** The simulated org's id (the `idp.id` of sessions). */
export const ORG_ID = '00o1simORG000000a001';

/** `Set-Cookie` for the `sid` session cookie. */
export function sidCookie(session: SessionRecord | null, secure: boolean): string {
  const attributes = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return session ? `sid=${session.id}; ${attributes}` : `sid=; ${attributes}; Max-Age=0`;
}

const RedirectQuerySchema = z.object({
  token: z.string().min(1).max(512),
  redirectUrl: z.string().min(1).max(4096),
  checkAccountSetupComplete: z.string().max(10).optional(),
});
const CreateSessionSchema = z.object({ sessionToken: z.string().min(1).max(512) });
const AdditionalFieldsSchema = z.object({ additionalFields: z.string().max(200).optional() });

/** Session endpoints: cookie redirect, create, `/me` (cookie) and `/{id}` (API token). */
export function registerSessionRoutes(ctx: SimContext, routes: RouteTable, lifetimes: SessionLifetimes): void {
  const userOrGone = (session: SessionRecord): UserRecord => {
    const user = ctx.store.users.get(session.userId);
    if (!user) {
      ctx.store.sessions.delete(session.id);
      throw oktaErrors.notFound('me (Session)');
    }
    return user;
  };

  const cookieRedirect = (req: Request, res: Response, input: unknown): void => {
    const parsed = RedirectQuerySchema.safeParse(input);
    if (!parsed.success) throw oktaErrors.validation('sessionCookieRedirect', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
    const { token, redirectUrl } = parsed.data;
    let target: URL;
    try {
      target = new URL(redirectUrl);
    } catch {
      throw oktaErrors.validation('redirectUrl', ['redirectUrl must be an absolute URL.']);
    }
    if (!['http:', 'https:'].includes(target.protocol) || !ctx.cors.isTrusted(target.origin, ctx.origin(req))) {
      throw oktaErrors.validation('redirectUrl', [`The redirect URL origin ${target.origin} is not a trusted origin.`]);
    }
    const session = redeemSessionToken(ctx, token);
    if (session) res.append('Set-Cookie', sidCookie(session, ctx.origin(req).startsWith('https:')));
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, target.href);
  };

  routes.add('get', '/login/sessionCookieRedirect', (req, res) => cookieRedirect(req, res, req.query));
  routes.add('post', '/login/sessionCookieRedirect', (req, res) => cookieRedirect(req, res, req.body));

  routes.add('post', '/api/v1/sessions', (req, res) => {
    parseQuery(AdditionalFieldsSchema, req);
    const body = parseBody(CreateSessionSchema, req, 'createSessionRequest');
    const session = redeemSessionToken(ctx, body.sessionToken);
    if (!session) throw oktaErrors.authenticationFailed();
    sendJson(res, 200, renderSession(ctx, ctx.origin(req), lifetimes, session, userOrGone(session), false));
  });

  const meSession = (req: Request): SessionRecord => {
    assertTrustedOrigin(ctx.cors, req, ctx.origin(req));
    const session = liveSession(ctx, lifetimes, readCookie(req, 'sid'));
    if (!session) throw oktaErrors.notFound('me (Session)');
    return session;
  };

  routes.add('get', '/api/v1/sessions/me', (req, res) => {
    const session = meSession(req);
    sendJson(res, 200, renderSession(ctx, ctx.origin(req), lifetimes, session, userOrGone(session), true));
  });
  routes.add('delete', '/api/v1/sessions/me', (req, res) => {
    const session = meSession(req);
    ctx.store.sessions.delete(session.id);
    res.append('Set-Cookie', sidCookie(null, ctx.origin(req).startsWith('https:')));
    res.status(204).end();
  });
  const refresh = (req: Request, res: Response, session: SessionRecord, me: boolean): void => {
    session.lastActivity = ctx.clock.now();
    if (/return=minimal/.test(String(req.headers.prefer ?? ''))) {
      res.setHeader('Preference-Applied', 'return=minimal');
      res.status(204).end();
      return;
    }
    sendJson(res, 200, renderSession(ctx, ctx.origin(req), lifetimes, session, userOrGone(session), me));
  };
  routes.add('post', '/api/v1/sessions/me/lifecycle/refresh', (req, res) => refresh(req, res, meSession(req), true));

  const byId = (req: Request): SessionRecord => {
    requireApiToken(ctx, req);
    const id = param(req, 'sessionId');
    const session = liveSession(ctx, lifetimes, id);
    if (!session) throw oktaErrors.notFound(`${id} (Session)`);
    return session;
  };
  routes.add('get', '/api/v1/sessions/:sessionId', (req, res) => {
    const session = byId(req);
    sendJson(res, 200, renderSession(ctx, ctx.origin(req), lifetimes, session, userOrGone(session), false));
  });
  routes.add('post', '/api/v1/sessions/:sessionId/lifecycle/refresh', (req, res) => refresh(req, res, byId(req), false));
  routes.add('put', '/api/v1/sessions/:sessionId', (req, res) => refresh(req, res, byId(req), false));
  routes.add('delete', '/api/v1/sessions/:sessionId', (req, res) => {
    ctx.store.sessions.delete(byId(req).id);
    res.status(204).end();
  });
}
