import type { Request, Response } from 'express';
import { z } from 'zod';
import type { SimContext } from '../context.js';
import { iso } from '../clock.js';
import { oktaErrors } from '../errors.js';
import { oktaId } from '../ids.js';
import { parseBody, parseQuery, readCookie, sendJson } from '../http.js';
import type { RouteTable } from '../router.js';
import { createSession, liveSession, sidCookie } from '../sessions.js';
import type { SessionLifetimes } from '../sessions.js';
import type { StepUpRecord } from '../store.js';
import { STEP_UP_LOGO_PATH } from './render.js';
import { createTransaction, endTransaction, loadTransaction } from './transaction.js';

/** Body of `POST /__sim/step-up`: the app the SP-initiated sign-in is for, and where the browser goes. */
export const StepUpRequestSchema = z.object({
  appLabel: z.string().trim().min(1).max(100).optional(),
  appName: z.string().regex(/^[a-z0-9_]{1,64}$/, 'lower-case letters, digits and underscores (at most 64)').optional(),
  signInUrl: z.string().min(1).max(2048).optional(),
  appUrl: z.string().min(1).max(2048).optional(),
});

/** What `POST /__sim/step-up` answers. */
export interface StepUpStarted {
  stateToken: string;
  expiresAt: string;
  /** Where Okta would send the browser: the sign-in page with `?stateToken=`, else the step-up redirect itself. */
  redirectUrl: string;
}

const RedirectQuerySchema = z.object({ stateToken: z.string().min(1).max(512) });

/** Default app of a step-up started without `appName` / `appLabel`. */
export const DEFAULT_STEP_UP_APP = { appName: 'simulated_saml_app', appLabel: 'Simulated SAML App' } as const;

/** An absolute http(s) URL on a trusted origin, or 400 E0000001 naming `field`. */
function trustedUrl(ctx: SimContext, req: Request, value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw oktaErrors.validation('stepUpRequest', [`${field}: must be an absolute URL.`]);
  }
  if (!['http:', 'https:'].includes(url.protocol) || !ctx.cors.isTrusted(url.origin, ctx.origin(req))) {
    throw oktaErrors.validation('stepUpRequest', [`${field}: the origin ${url.origin} is not a trusted origin.`]);
  }
  return url.href;
}

/** `url` with `stateToken` added to its query. */
function withStateToken(url: string, stateToken: string): string {
  const target = new URL(url);
  target.searchParams.set('stateToken', stateToken);
  return target.href;
}

/** Escapes text for HTML. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Sends a small HTML page (no scripts, no styles: `default-src 'none'`). */
function sendPage(res: Response, status: number, title: string, paragraphs: string[]): void {
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'");
  const body = paragraphs.map((text) => `<p>${text}</p>`).join('\n');
  res
    .status(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`);
}

/**
 * Starts an SP-initiated step-up (what Okta does when a person opens a SAML app without a
 * session): an `UNAUTHENTICATED` transaction of type `SESSION_STEP_UP` for the app.
 */
export function startStepUp(ctx: SimContext, req: Request): StepUpStarted {
  const body = parseBody(StepUpRequestSchema, req, 'stepUpRequest');
  const appName = body.appName ?? DEFAULT_STEP_UP_APP.appName;
  const known = ctx.store.stepUpApps.get(appName);
  const stepUp: StepUpRecord = {
    appName,
    appLabel: body.appLabel ?? known?.appLabel ?? (body.appName === undefined ? DEFAULT_STEP_UP_APP.appLabel : appName),
    appId: known?.appId ?? oktaId('0oa'),
    appUrl: body.appUrl === undefined ? null : trustedUrl(ctx, req, body.appUrl, 'appUrl'),
    signInUrl: body.signInUrl === undefined ? null : trustedUrl(ctx, req, body.signInUrl, 'signInUrl'),
  };
  ctx.store.stepUpApps.set(appName, stepUp);
  const tx = createTransaction(ctx, { status: 'UNAUTHENTICATED', stepUp });
  const origin = ctx.origin(req);
  return {
    stateToken: tx.stateToken,
    expiresAt: iso(tx.expiresAt),
    redirectUrl: withStateToken(stepUp.signInUrl ?? `${origin}/login/step-up/redirect`, tx.stateToken),
  };
}

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="Simulated app">' +
  '<rect width="64" height="64" rx="12" fill="#1662dd"/><path d="M18 34l10 10 18-22" fill="none" stroke="#fff" stroke-width="6"/></svg>';

/** `GET /login/step-up/redirect` (the step-up `original` link), the simulated app's landing page and its logo. */
export function registerStepUpRoutes(ctx: SimContext, routes: RouteTable, lifetimes: SessionLifetimes): void {
  routes.add('get', '/login/step-up/redirect', (req, res) => {
    const { stateToken } = parseQuery(RedirectQuerySchema, req);
    const tx = loadTransaction(ctx, stateToken);
    const stepUp = tx.stepUp;
    if (stepUp === null) throw oktaErrors.illegalState();
    res.setHeader('Cache-Control', 'no-store');
    if (tx.status !== 'SUCCESS' || tx.userId === null) {
      // Not authenticated yet: back to the sign-in page, as Okta would, or say what is missing.
      if (stepUp.signInUrl !== null) {
        res.redirect(302, withStateToken(stepUp.signInUrl, tx.stateToken));
        return;
      }
      sendPage(res, 200, `Sign in to ${stepUp.appLabel}`, [
        `Sign-in to ${escapeHtml(stepUp.appLabel)} has not finished yet.`,
        'Authenticate within this step-up transaction (POST /api/v1/authn with its stateToken, username and password), then open this address again.',
      ]);
      return;
    }
    const amr = [...tx.amr];
    if (tx.factorVerifiedAt !== null && !amr.includes('mfa')) amr.push('mfa');
    const session = createSession(ctx, { userId: tx.userId, passwordVerifiedAt: tx.passwordVerifiedAt, factorVerifiedAt: tx.factorVerifiedAt, amr });
    endTransaction(ctx, tx);
    const origin = ctx.origin(req);
    res.append('Set-Cookie', sidCookie(session, origin.startsWith('https:')));
    res.redirect(302, stepUp.appUrl ?? `${origin}/app/${stepUp.appName}/sso/saml`);
  });

  routes.add('get', '/app/:appName/sso/saml', (req, res) => {
    const appName = String(req.params.appName ?? '');
    const app = ctx.store.stepUpApps.get(appName);
    if (!app) throw oktaErrors.notFound(`${appName.slice(0, 64)} (App)`);
    const session = liveSession(ctx, lifetimes, readCookie(req, 'sid'));
    const user = session ? ctx.store.users.get(session.userId) : undefined;
    if (!user) {
      sendPage(res, 401, app.appLabel, [`You are not signed in to ${escapeHtml(app.appLabel)}: there is no Okta session.`]);
      return;
    }
    sendPage(res, 200, app.appLabel, [
      `Signed in to ${escapeHtml(app.appLabel)} (${escapeHtml(app.appName)}) as ${escapeHtml(user.profile.login)}.`,
      'This page stands in for the SAML app an SP-initiated step-up reaches.',
    ]);
  });

  routes.add('get', STEP_UP_LOGO_PATH, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.status(200).type('image/svg+xml').send(LOGO_SVG);
  });
}

/** Registers `POST /__sim/step-up` (dev controls only). */
export function registerStepUpDevControl(ctx: SimContext, routes: RouteTable): void {
  routes.add('post', '/__sim/step-up', (req, res) => sendJson(res, 200, startStepUp(ctx, req)));
}
