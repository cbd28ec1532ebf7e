import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import createDebug from 'debug';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { registerMfaRoutes } from './authn/mfa.js';
import { registerPrimaryRoutes } from './authn/primary.js';
import { registerRecoveryRoutes } from './authn/recovery.js';
import { registerStepUpDevControl, registerStepUpRoutes } from './authn/step-up.js';
import type { Clock } from './clock.js';
import { OffsetClock } from './clock.js';
import type { SimContext } from './context.js';
import { corsMiddleware, createCorsPolicy, DEFAULT_TRUSTED_ORIGINS, TrustedOriginSchema } from './cors.js';
import { DEFAULT_SEED } from './default-seed.js';
import { registerDevControls } from './dev-controls.js';
import { OktaHttpError, oktaErrors } from './errors.js';
import { sendJson } from './http.js';
import { newRequestId } from './ids.js';
import { registerManagementRoutes } from './management.js';
import { RateLimiter, RateLimitsSchema, rateLimitMiddleware } from './rate-limit.js';
import { RouteTable } from './router.js';
import { DEFAULT_HASH_COST, HASH_COST_RANGE, SecretHasher } from './secrets.js';
import type { Seed, SeedInput } from './seed.js';
import { applySeed, parseSeed, readSeedFile } from './seed.js';
import { registerSessionRoutes } from './sessions.js';
import type { SessionLifetimes } from './sessions.js';
import { Store } from './store.js';
import type { StoreStats } from './store.js';
import { MAX_THROTTLE_MS } from './factors/delivery.js';
import { sessionExpiresAt } from './sessions.js';

const log = createDebug('okta-authn:simulator');

/** Largest JSON body accepted; larger ones get 413 E0000003. */
export const BODY_LIMIT = '64kb';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** Port to listen on; `0` (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1` (links then use `http://localhost:<port>`). */
  host?: string;
  /** Admin API token for `Authorization: SSWS <token>`; default: a random token (see `apiToken` on the result). */
  apiToken?: string;
  /** Browser origins trusted for CORS and redirects (`http://localhost:*` style); default: any port on localhost, 127.0.0.1 and [::1]. */
  trustedOrigins?: string[];
  /** Users and policies: a seed object, a path to a JSON seed file, or `'default'` (the demo users, the default). */
  seed?: SeedInput | string;
  /** Serve the `/__sim/` dev controls (outbox, push answers, clock, policies, passcodes). Default false. */
  devControls?: boolean;
  /** The clock every lifetime reads; default wall-clock time that `/__sim/clock/advance` can move forward. */
  clock?: Clock;
  /** Requests per minute per endpoint family and per-username authn limit (per second). */
  rateLimits?: Partial<z.input<typeof RateLimitsSchema>>;
  /** Session lifetimes in minutes; default idle 120, max 1440. */
  sessionLifetimes?: Partial<SessionLifetimes>;
  /**
   * scrypt cost of password and recovery-answer hashes, as log2 of N (1–17). Default 4: about
   * 0.1 ms a check, so test suites sign in fast; 14 gives a real org's sign-in latency (~50 ms).
   */
  hashCost?: number;
}

/** A running simulator. */
export interface RunningSimulator {
  /** The org URL, e.g. `http://localhost:4000`. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** The admin API token. */
  apiToken: string;
  /** The clock it reads (advance it in tests). */
  clock: Clock;
  /** The org's in-memory state (users, factors, outbox) for tests. */
  store: Store;
  /** Sizes of the in-memory collections that grow with traffic, after dropping what has expired. */
  stats(): SimulatorStats;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Sizes of the collections the simulator sweeps (expired entries are dropped first). */
export interface SimulatorStats extends StoreStats {
  /** Open rate-limit windows (per endpoint family and per username). */
  rateLimitWindows: number;
}

/** The sweep runs at most once per this much clock time, on the next request. */
export const SWEEP_INTERVAL_MS = 30_000;
/** …and at least every this many requests, whatever the clock says. */
export const SWEEP_EVERY_REQUESTS = 1000;

const OptionsSchema = z.strictObject({
  port: z.int().min(0).max(65_535).default(0),
  host: z.string().min(1).max(255).optional(),
  apiToken: z.string().min(8, 'must be at least 8 characters').max(512).regex(/^\S+$/, 'must not contain spaces').optional(),
  trustedOrigins: z.array(TrustedOriginSchema).optional(),
  seed: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
  devControls: z.boolean().default(false),
  clock: z.custom<Clock>((value) => typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function' && typeof (value as Clock).advance === 'function', 'must have now() and advance()').optional(),
  rateLimits: RateLimitsSchema.partial().optional(),
  sessionLifetimes: z.strictObject({ idleMinutes: z.int().min(1).optional(), maxMinutes: z.int().min(1).optional() }).optional(),
  hashCost: z.int().min(HASH_COST_RANGE.min).max(HASH_COST_RANGE.max).default(DEFAULT_HASH_COST),
});

/** A path safe to log: QR-code tokens are capabilities and are cut out. */
function loggablePath(path: string): string {
  return path.replace(/\/qr\/[^/]*/, '/qr/…').slice(0, 200);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function validateOptions(options: SimulatorOptions): z.output<typeof OptionsSchema> {
  const result = OptionsSchema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TypeError(`startSimulator: option ${issue?.path.map(String).join('.') || '(options)'} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}

async function resolveSeed(seed: SeedInput | string | undefined): Promise<Seed> {
  if (seed === undefined || seed === 'default') return parseSeed(DEFAULT_SEED, 'default seed');
  if (typeof seed === 'string') return readSeedFile(seed);
  return parseSeed(seed);
}

/** Drops expired transactions, tokens, sessions, delivery records and rate-limit windows. */
export function sweepExpired(ctx: SimContext, lifetimes: SessionLifetimes): void {
  ctx.store.sweep(ctx.clock.now(), (session) => sessionExpiresAt(session, lifetimes), MAX_THROTTLE_MS);
  ctx.rateLimiter.sweep();
}

/** Runs {@link sweepExpired} lazily: when the clock moved {@link SWEEP_INTERVAL_MS} or after {@link SWEEP_EVERY_REQUESTS} requests. */
function sweepMiddleware(ctx: SimContext, lifetimes: SessionLifetimes) {
  let lastSweep = ctx.clock.now();
  let requests = 0;
  return (_req: Request, _res: Response, next: NextFunction): void => {
    requests += 1;
    const now = ctx.clock.now();
    if (requests >= SWEEP_EVERY_REQUESTS || now - lastSweep >= SWEEP_INTERVAL_MS || now < lastSweep) {
      requests = 0;
      lastSweep = now;
      sweepExpired(ctx, lifetimes);
    }
    next();
  };
}

/**
 * With dev controls on, only a loopback alias (`localhost`, `127.0.0.1`, `[::1]`) on the bound
 * port, or the configured host on it, may be named in `Host`: a page on another site cannot
 * reach the dev controls through DNS rebinding. Others get 403 E0000006.
 */
function hostGuard(allowed: () => Set<string>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const host = req.headers.host?.toLowerCase();
    if (host === undefined || !allowed().has(host)) {
      next(oktaErrors.forbidden('The Host header does not name this simulator (dev controls accept loopback names only).'));
      return;
    }
    next();
  };
}

const UNDECODABLE_BODY = 'The request body could not be decoded as its Content-Encoding says; send it uncompressed or as valid gzip, deflate or br.';

/**
 * The Okta error for a request that Express, body-parser or raw-body refused (anything they
 * report with a 4xx status: by its `type`, else by the Content-Encoding that did not decode), or
 * undefined for a fault of the simulator itself. These are the client's mistakes: never a 500.
 */
function clientMistake(error: unknown, req: Request): OktaHttpError | undefined {
  if (error instanceof URIError) return oktaErrors.unknownPath();
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (type === 'entity.too.large') return oktaErrors.bodyTooLarge(BODY_LIMIT);
  if (type === 'charset.unsupported') return oktaErrors.contentType();
  // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR, brotli's) come through with no type.
  const encoding = req.headers['content-encoding'];
  const undecodable = type === 'encoding.unsupported' || (type === undefined && encoding !== undefined && encoding.toLowerCase() !== 'identity');
  return oktaErrors.malformedBody(undecodable ? UNDECODABLE_BODY : undefined);
}

/**
 * Answers, in Okta's error shape, what Node's HTTP parser refuses before Express sees it
 * (headers over 16 KB, a malformed request line or header, conflicting lengths), then closes
 * the connection, as Node's own plain-text answer would.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (!socket.writable || inProgress || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const okta =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? oktaErrors.invalidRequest(431, 'The request headers are larger than 16 KB.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? oktaErrors.invalidRequest(408, 'The request was not received in time.')
        : oktaErrors.invalidRequest(400, 'The request is not well-formed HTTP/1.1.');
  const body = JSON.stringify(okta.toBody());
  socket.end(
    `HTTP/1.1 ${okta.status} ${STATUS_CODES[okta.status] ?? 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'X-Content-Type-Options: nosniff\r\nCache-Control: no-cache, no-store\r\nConnection: close\r\n\r\n' +
      body,
  );
}

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/** Runs `steps` one after another as one middleware: one router layer instead of one per step, on every request. */
function inSequence(steps: Middleware[]): Middleware {
  return (req, res, next) => {
    let index = 0;
    const step = (error?: unknown): void => {
      const current = steps[index];
      index += 1;
      if (error !== undefined || current === undefined) next(error);
      else current(req, res, step);
    };
    step();
  };
}

/** Builds the Express app of the simulated org. */
export function createApp(ctx: SimContext, lifetimes: SessionLifetimes, allowedHosts?: () => Set<string>): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const routes = new RouteTable(app);

  app.use(
    inSequence([
      (_req: Request, res: Response, next: NextFunction) => {
        res.setHeader('X-Okta-Request-Id', newRequestId());
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Cache-Control', 'no-cache, no-store');
        next();
      },
      ...(ctx.devControls && allowedHosts ? [hostGuard(allowedHosts)] : []),
      sweepMiddleware(ctx, lifetimes),
      corsMiddleware(ctx.cors, (req) => ctx.origin(req)),
      rateLimitMiddleware(ctx.rateLimiter),
      (req: Request, _res: Response, next: NextFunction) => {
        const length = Number(req.headers['content-length'] ?? '0');
        const hasBody = (Number.isFinite(length) && length > 0) || req.headers['transfer-encoding'] !== undefined;
        if (!hasBody || req.method === 'GET') {
          next();
          return;
        }
        const form = req.path === '/login/sessionCookieRedirect' && req.is('application/x-www-form-urlencoded');
        if (!form && !req.is(['application/json', 'application/*+json'])) {
          next(oktaErrors.contentType());
          return;
        }
        next();
      },
    ]),
  );
  app.use(express.json({ limit: BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'] }));
  app.use('/login/sessionCookieRedirect', express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 }));

  registerPrimaryRoutes(ctx, routes);
  registerRecoveryRoutes(ctx, routes);
  registerMfaRoutes(ctx, routes);
  registerSessionRoutes(ctx, routes, lifetimes);
  registerManagementRoutes(ctx, routes, lifetimes);
  registerStepUpRoutes(ctx, routes, lifetimes);
  if (ctx.devControls) {
    registerDevControls(ctx, routes);
    registerStepUpDevControl(ctx, routes);
  }

  app.use((req: Request, _res: Response, next: NextFunction) => {
    next(routes.methodsFor(req.path).length > 0 ? oktaErrors.methodNotAllowed() : oktaErrors.unknownPath());
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    let okta = error instanceof OktaHttpError ? error : clientMistake(error, req);
    if (okta === undefined) {
      log('internal error on %s %s: %s', req.method, loggablePath(req.path), error instanceof Error ? error.name : typeof error);
      okta = new OktaHttpError(500, 'E0000009', 'Internal Server Error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(okta.headers)) res.setHeader(name, value);
    log('%s %s -> %d %s', req.method, loggablePath(req.path), okta.status, okta.errorCode);
    sendJson(res, okta.status, okta.toBody());
  });
  return app;
}

/** Starts an Okta-compatible org on `host:port`; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const config = validateOptions(options);
  const seed = await resolveSeed(config.seed as SeedInput | string | undefined);
  const clock = config.clock ?? new OffsetClock();
  const host = config.host ?? '127.0.0.1';
  const apiToken = config.apiToken ?? `sim${randomBytes(30).toString('base64url')}`;
  const lifetimes: SessionLifetimes = {
    idleMinutes: config.sessionLifetimes?.idleMinutes ?? 120,
    maxMinutes: config.sessionLifetimes?.maxMinutes ?? 1440,
  };
  let baseUrl = '';
  let port = 0;
  const ctx: SimContext = {
    store: new Store(),
    clock,
    apiToken,
    devControls: config.devControls,
    cors: createCorsPolicy(config.trustedOrigins ?? [...DEFAULT_TRUSTED_ORIGINS]),
    rateLimiter: new RateLimiter(clock, RateLimitsSchema.parse(config.rateLimits ?? {})),
    secrets: new SecretHasher(config.hashCost),
    hardwareSecret: randomBytes(32),
    baseUrl: () => baseUrl,
    origin(req: Request): string {
      // Links follow the host name the client used when it is a loopback alias of ours,
      // so cookies set through localhost stay on localhost (and 127.0.0.1 on 127.0.0.1).
      const hostHeader = req.headers.host;
      if (typeof hostHeader === 'string') {
        const match = /^(localhost|127\.0\.0\.1|\[::1\]):(\d{1,5})$/i.exec(hostHeader);
        if (match?.[1] && Number(match[2]) === port && LOOPBACK_HOSTS.has(match[1].toLowerCase())) {
          return `http://${match[1].toLowerCase()}:${port}`;
        }
      }
      return baseUrl;
    },
  };
  ctx.store.keepOutbox = config.devControls;
  await applySeed(ctx, seed);
  let allowedHosts = new Set<string>();
  const app = createApp(ctx, lifetimes, () => allowedHosts);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
    listening.once('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  server.on('clientError', answerClientError);
  port = (server.address() as AddressInfo).port;
  const loopback = ['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::'].includes(host);
  baseUrl = `http://${loopback ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;
  const configuredHost = host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase();
  allowedHosts = new Set([...LOOPBACK_HOSTS, configuredHost].map((name) => `${name}:${port}`));
  log('listening on %s', baseUrl);
  return {
    url: baseUrl,
    port,
    apiToken,
    clock,
    store: ctx.store,
    stats: () => {
      sweepExpired(ctx, lifetimes);
      return { ...ctx.store.stats(), rateLimitWindows: ctx.rateLimiter.size };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
