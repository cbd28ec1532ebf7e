import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csrfProtection, csrfToken, guardSessionStore, oktaAuthn, requireSession } from '@okta-authn/express';
import type { OktaAuthnOptions } from '@okta-authn/express';
import { DEFAULT_TRUSTED_ORIGINS, startSimulator } from '@okta-authn/simulator';
import type { RunningSimulator } from '@okta-authn/simulator';
import createDebug from 'debug';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { DEMO_SEED, DEMO_USERS } from './demo-users.js';
import { deviceApi } from './device-api.js';
import { DemoError, errorHandler, errorPage } from './errors.js';
import { pickLanguage, renderAppPage, renderLoginPage } from './pages.js';
import { STORE_TIMEOUT_MS, createSessionStore } from './session-store.js';
import type { SessionStoreHandle } from './session-store.js';
import { templateLoader } from './templates.js';

const log = createDebug('okta-authn:demo');
const PUBLIC_DIR = new URL('../public/', import.meta.url);
/** The widget's browser build: the entry okta-authn.js and, beside it, the chunks it loads on demand. */
const WIDGET_DIR = dirname(createRequire(import.meta.url).resolve('@okta-authn/widget/okta-authn.js'));

/** Options of {@link startDemo}. Every one has a default: `startDemo()` serves the demo on the embedded simulator. */
export interface DemoOptions {
  /** Port of the site; default 3000, `0` picks a free one. */
  port?: number;
  /** Port of the embedded simulator; default 4000, `0` picks a free one. Ignored with `orgUrl`. */
  simPort?: number;
  /** Interface to bind; default `127.0.0.1` (loopback only). */
  host?: string;
  /** A real Okta org (`https://example.okta.com`): no simulator, no device panel. */
  orgUrl?: string;
  /** Okta API token for the middleware (checks and logout by session id). Real org only. */
  apiToken?: string;
  /** This site's origin as the browser sees it; default `http://localhost:<port>`. */
  appOrigin?: string;
  /** Secret that signs the session cookie; default: random per start. */
  sessionSecret?: string;
  /** Keep sessions in Redis (`redis://…`); default: in memory. */
  redisUrl?: string;
  /** Recovery factors the widget offers; default `email sms call` on the simulator, `email` on a real org. */
  recoveryFactors?: string;
  /** How long (ms) the guard trusts Okta's last answer; default the middleware's (5000). */
  checkInterval?: number;
  /**
   * Express's `trust proxy` for a site behind a reverse proxy: a number of proxy hops, or the addresses and
   * subnets of the proxies (`loopback`, `10.0.0.0/8`, …). Default none: `X-Forwarded-For` is ignored.
   */
  trustProxy?: number | string[];
  /** The middleware's source of the current time (epoch ms), for tests: its sign-in attempt windows and timeouts read it. Default `Date.now`. */
  clock?: () => number;
}

/** A running demo. */
export interface RunningDemo {
  /** The site, e.g. `http://localhost:3000`. */
  url: string;
  /** The embedded simulator's URL, or `undefined` on a real org. */
  simulatorUrl: string | undefined;
  /** The org the site talks to (the simulator or `orgUrl`). */
  orgUrl: string;
  /** The embedded simulator (API token, clock, store), for tests. */
  simulator: RunningSimulator | undefined;
  /** Stops the site, the simulator and the session store. */
  close(): Promise<void>;
}

/** A port that is already taken; `which` says whether it is the site's or the simulator's. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    /** `site` (PORT) or `simulator` (SIM_PORT). */
    readonly which: 'site' | 'simulator',
    /** The port asked for. */
    readonly port: number,
  ) {
    super(`Port ${port} is already in use (${which === 'site' ? 'PORT' : 'SIM_PORT'})`);
  }
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

const RETURN_TO = /^\/(?![/\\])[\w\-./~%]*$/;
const RECOVERY_TOKEN = /^[\w-]{8,200}$/;
// A Map, not an object literal: `?notice=__proto__` or `?notice=constructor` must find nothing.
const NOTICES = new Map<string, string>([['signed-out', 'You have signed out.']]);

/**
 * Starts the demo site and, unless `orgUrl` is given, the embedded simulator beside it.
 * Resolves once both listen; rejects with {@link PortInUseError} when a port is taken.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  let simulator: RunningSimulator | undefined;
  let store: SessionStoreHandle | undefined;
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    closers.length = 0;
  };

  try {
    if (!options.orgUrl) {
      const trustedOrigins = options.appOrigin ? [...DEFAULT_TRUSTED_ORIGINS, options.appOrigin] : undefined;
      try {
        simulator = await startSimulator({ port: options.simPort ?? 4000, devControls: true, seed: DEMO_SEED, ...(trustedOrigins ? { trustedOrigins } : {}) });
      } catch (error) {
        if (isAddressInUse(error)) throw new PortInUseError('simulator', options.simPort ?? 4000);
        throw error;
      }
      const running = simulator;
      closers.push(() => running.close());
    }
    const orgUrl = options.orgUrl ?? simulator?.url ?? '';

    const server = createServer();
    const port = options.port ?? 3000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(isAddressInUse(error) ? new PortInUseError('site', port) : error));
      server.listen(port, host, () => resolve());
    });
    server.keepAliveTimeout = 5_000;
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const actualPort = (server.address() as AddressInfo).port;
    const appOrigin = options.appOrigin ?? `http://localhost:${actualPort}`;

    store = await createSessionStore(options.redisUrl);
    const storeHandle = store;
    closers.push(() => storeHandle.close());

    // No onUnavailable: when Okta cannot answer, the guard passes its 503 to errorHandler (errors.ts), whose
    // page keeps the Retry-After the middleware computed (Okta's rate-limit reset, or its retryAfter).
    const okta: OktaAuthnOptions = {
      orgUrl,
      appOrigin,
      ...(options.apiToken ? { apiToken: options.apiToken } : {}),
      ...(options.checkInterval !== undefined ? { checkInterval: options.checkInterval } : {}),
      ...(store.attemptStore ? { attemptStore: store.attemptStore } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      // The Sign out form on /app posts to /auth/logout, which lands here.
      logoutRedirect: '/login?notice=signed-out',
    };
    const router = oktaAuthn(okta);
    const guard = requireSession(okta);
    const extend = requireSession({ ...okta, rolling: true, checkInterval: 0 });
    closers.push(() => router.close(), () => guard.close(), () => extend.close());

    const app = express();
    const simulated = simulator !== undefined;
    const secure = appOrigin.startsWith('https:');
    const templates = templateLoader(PUBLIC_DIR);
    app.disable('x-powered-by');
    // X-Forwarded-For decides req.ip, and so the per-address sign-in limit: believed only when told there is a proxy.
    app.set('trust proxy', options.trustProxy ?? false);

    app.use(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'"],
            imgSrc: ["'self'", orgUrl],
            connectSrc: ["'self'", orgUrl],
            fontSrc: ["'self'"],
            objectSrc: ["'none'"],
            baseUri: ["'none'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
            ...(secure ? { upgradeInsecureRequests: [] } : {}),
          },
        },
        strictTransportSecurity: secure,
      }),
    );

    // The simulator's links and cookies follow the host name; keep the site on the one name its origin uses.
    const canonical = new URL(appOrigin);
    app.use((req: Request, res: Response, next: NextFunction) => {
      const requested = req.headers.host;
      if ((req.method === 'GET' || req.method === 'HEAD') && requested && /^(localhost|127\.0\.0\.1|\[::1\]):\d+$/i.test(requested) && requested !== canonical.host) {
        res.redirect(302, canonicalLocation(req.originalUrl, canonical));
        return;
      }
      next();
    });

    app.use('/assets', express.static(fileURLToPath(new URL('assets/', PUBLIC_DIR)), { index: false, extensions: [], fallthrough: true, maxAge: 0 }));
    app.use('/vendor', express.static(WIDGET_DIR, { index: false, extensions: [], fallthrough: true, maxAge: 0 }));
    app.get('/favicon.ico', (_req, res) => res.redirect(301, '/assets/favicon.svg'));

    // A session store that is down or frozen is a quick 503, never a request that waits for the outage.
    app.use(
      guardSessionStore(
        session({
          name: 'okta-authn-demo.sid',
          secret: options.sessionSecret ?? randomBytes(32).toString('base64url'),
          resave: false,
          saveUninitialized: false,
          ...(store.store ? { store: store.store } : {}),
          cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: 8 * 60 * 60_000 },
        }),
        { timeout: STORE_TIMEOUT_MS },
      ),
    );

    app.use('/auth', router);
    if (simulator) app.use('/demo/device', deviceApi(orgUrl, simulator.apiToken));

    app.get('/', (req, res) => res.redirect(302, req.session.okta ? '/app' : '/login'));

    app.get('/login', async (req, res) => {
      const returnTo = typeof req.query.returnTo === 'string' && RETURN_TO.test(req.query.returnTo) ? req.query.returnTo : '/app';
      const recoveryToken = typeof req.query.recoveryToken === 'string' && RECOVERY_TOKEN.test(req.query.recoveryToken) ? req.query.recoveryToken : undefined;
      const notice = typeof req.query.notice === 'string' ? NOTICES.get(req.query.notice) : undefined;
      const page = renderLoginPage({
        template: await templates('login.html'),
        orgUrl,
        simulator: simulated,
        csrfToken: csrfToken(req),
        redirectTo: returnTo,
        recoveryFactors: options.recoveryFactors ?? (simulated ? 'email sms call' : 'email'),
        recoveryToken,
        notice,
        users: simulated ? DEMO_USERS : [],
        lang: pickLanguage(req.query.lang),
      });
      res.set('cache-control', 'no-store').type('html').send(page);
    });

    app.get('/app', guard, async (req, res) => {
      const context = req.okta;
      if (!context) throw new DemoError(401, 'ENOSESSION', 'Sign-in required');
      const page = renderAppPage({
        template: await templates('app.html'),
        login: context.user.login,
        session: context.session,
        csrfToken: csrfToken(req),
        orgUrl,
        simulator: simulated,
      });
      res.set('cache-control', 'no-store').type('html').send(page);
    });

    // Extends the Okta session now (`/lifecycle/refresh`) and answers it as `GET /auth/session` does.
    app.post('/app/session/refresh', csrfProtection({ appOrigin }), extend, (req, res) => {
      const context = req.okta;
      if (!context) throw new DemoError(401, 'ENOSESSION', 'Sign-in required');
      const { id: _id, _links: _ignored, ...visible } = context.session as typeof context.session & { _links?: unknown };
      res.set('cache-control', 'no-store').json({ user: context.user, session: visible });
    });

    app.use((req: Request, res: Response) => {
      const error = new DemoError(404, 'E0000007', `Not found: ${req.method} ${req.path}`);
      res.status(404).set('cache-control', 'no-store');
      if (req.accepts(['json', 'html']) === 'html') res.type('html').send(errorPage(404, 'Page not found', 'There is nothing at this address.'));
      else res.json(error);
    });
    app.use(errorHandler(log));

    server.on('request', app);
    const url = appOrigin;
    log('site on %s, org %s', url, orgUrl);
    return {
      url,
      simulatorUrl: simulator?.url,
      orgUrl,
      simulator,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * The URL on the canonical origin for a request target. Leading slashes and backslashes are collapsed to
 * one (`//evil.example/x` is a path here, not a host), and anything that would still leave the canonical
 * origin goes to its root instead.
 */
export function canonicalLocation(target: string, canonical: URL): string {
  const path = `/${target.replace(/[\t\n\r]/g, '').replace(/^[/\\]+/, '')}`;
  try {
    const location = new URL(path, canonical);
    if (location.origin === canonical.origin) return location.href;
  } catch {
    // An unparsable target falls through to the root.
  }
  return new URL('/', canonical).href;
}
