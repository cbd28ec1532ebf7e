// Throughput of a protected route: guard with a cached check vs the same app without the guard,
// and guard with checkInterval 0 (every request asks the simulator). Loopback only, bounded counts.
// Prints one JSON line per measurement and the ratios. Run `npm run build` first (npm run bench does).
import express from 'express';
import session from 'express-session';
import { Pool } from 'undici';
import { startSimulator } from '@okta-authn/simulator';
import { oktaAuthn, requireSession } from '../dist/index.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const APP_ORIGIN = 'http://app.bench';
const API_TOKEN = 'bench-api-token-0123456789';
const PASSWORD = 'Corr3ct-Horse-Battery!';

// The sessions bucket is lifted: checkInterval 0 sends one /sessions/me per request, far past Okta's default 600/min.
const sim = await startSimulator({ port: 0, apiToken: API_TOKEN, trustedOrigins: [APP_ORIGIN], rateLimits: { sessions: 1_000_000 } });
const closers = [() => sim.close()];

try {
  const login = `bench.${Date.now()}@example.test`;
  const created = await fetch(`${sim.url}/api/v1/users?activate=true`, {
    method: 'POST',
    headers: { authorization: `SSWS ${API_TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ profile: { firstName: 'Bench', lastName: 'User', email: login, login }, credentials: { password: { value: PASSWORD } } }),
  });
  if (!created.ok) throw new Error(`creating the bench user failed: HTTP ${created.status} ${await created.text()}`);

  const variants = {
    unguarded: await startApp({ guard: false }),
    cached: await startApp({ guard: true, checkInterval: 60_000 }),
    everyRequest: await startApp({ guard: true, checkInterval: 0 }),
  };

  async function startApp({ guard, checkInterval = 5_000 }) {
    const options = { orgUrl: sim.url, appOrigin: APP_ORIGIN, checkInterval, idleTimeout: 0, absoluteTimeout: 0 };
    const app = express();
    app.use(session({ secret: 'bench-secret', resave: false, saveUninitialized: false }));
    const auth = oktaAuthn(options);
    app.use('/auth', auth);
    const handlers = [];
    let guardHandler;
    if (guard) {
      guardHandler = requireSession(options);
      handlers.push(guardHandler);
    }
    app.get('/api/data', ...handlers, (req, res) => res.json({ ok: true, user: req.okta?.user.login ?? null }));
    const server = await new Promise((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    const url = `http://127.0.0.1:${server.address().port}`;
    closers.push(async () => {
      await auth.close();
      await guardHandler?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const cookie = await signIn(url);
    return { url, cookie };
  }

  async function signIn(url) {
    const authn = await fetch(`${sim.url}/api/v1/authn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: login, password: PASSWORD }),
    });
    const tx = await authn.json();
    if (tx.status !== 'SUCCESS') throw new Error(`bench sign-in did not succeed: ${JSON.stringify(tx).slice(0, 200)}`);
    const csrf = await fetch(`${url}/auth/csrf`);
    let cookie = csrf.headers.getSetCookie()[0].split(';')[0];
    const { csrfToken } = await csrf.json();
    const exchanged = await fetch(`${url}/auth/session`, {
      method: 'POST',
      headers: { cookie, origin: APP_ORIGIN, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionToken: tx.sessionToken }),
    });
    if (exchanged.status !== 200) throw new Error(`exchange failed: HTTP ${exchanged.status} ${await exchanged.text()}`);
    cookie = exchanged.headers.getSetCookie()[0].split(';')[0];
    return cookie;
  }

  async function measure({ url, cookie }, count) {
    const pool = new Pool(url, { connections: CONCURRENCY, pipelining: 1 });
    let next = 0;
    let failures = 0;
    const started = process.hrtime.bigint();
    const worker = async () => {
      while (next < count) {
        next += 1;
        const response = await pool.request({ method: 'GET', path: '/api/data', headers: { cookie, accept: 'application/json' } });
        await response.body.dump();
        if (response.statusCode !== 200) failures += 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await pool.close();
    if (failures) throw new Error(`${failures} of ${count} requests failed against ${url}`);
    return count / seconds;
  }

  for (const variant of Object.values(variants)) await measure(variant, 500);

  // Rounds alternate the order of the variants; each ratio is taken within a round, so the
  // background load of a shared machine affects both sides of it alike.
  const results = { unguarded: [], cached: [], everyRequest: [] };
  const cachedRatios = [];
  const everyRequestRatios = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const names = Object.keys(variants);
    if (round % 2 === 1) names.reverse();
    const perRound = {};
    for (const name of names) {
      const rps = await measure(variants[name], REQUESTS);
      perRound[name] = rps;
      results[name].push(rps);
      console.log(JSON.stringify({ round: round + 1, variant: name, requests: REQUESTS, concurrency: CONCURRENCY, requestsPerSecond: Math.round(rps) }));
    }
    cachedRatios.push(perRound.cached / perRound.unguarded);
    everyRequestRatios.push(perRound.everyRequest / perRound.unguarded);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratioCached = median(cachedRatios);
  const ratioEveryRequest = median(everyRequestRatios);
  console.log(
    JSON.stringify({
      summary: `GET /api/data over loopback, ${ROUNDS} rounds of ${REQUESTS} requests per variant; medians`,
      unguardedRequestsPerSecond: Math.round(median(results.unguarded)),
      guardCachedRequestsPerSecond: Math.round(median(results.cached)),
      guardCheckIntervalZeroRequestsPerSecond: Math.round(median(results.everyRequest)),
      ratioCachedToUnguarded: Number(ratioCached.toFixed(3)),
      ratioCheckIntervalZeroToUnguarded: Number(ratioEveryRequest.toFixed(3)),
      target: 'ratioCachedToUnguarded >= 0.9',
      met: ratioCached >= 0.9,
    }),
  );
} finally {
  for (const close of closers.reverse()) await close();
}
