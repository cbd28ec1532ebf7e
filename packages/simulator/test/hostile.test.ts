import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { createCorsPolicy } from '../src/cors.js';
import { RateLimiter, RateLimitsSchema } from '../src/rate-limit.js';
import { SecretHasher } from '../src/secrets.js';
import { createApp } from '../src/server.js';
import { Store } from '../src/store.js';
import type { TestOrg } from './helpers.js';
import { PASSWORD, assertOktaShape, startOrg } from './helpers.js';

// Every request here goes to a simulator on 127.0.0.1; the counts are fixed, nothing waits on time.
const UNLIMITED = 10_000_000;
let org: TestOrg;
let agent: Agent;
let userId: string;
let factorId: string;
beforeAll(async () => {
  org = await startOrg({ rateLimits: { authn: UNLIMITED, sessions: UNLIMITED, users: UNLIMITED, login: UNLIMITED, perUsernamePerSecond: UNLIMITED } });
  agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
  // The target of the sweeps: requests with the admin token may lock, expire or strip it, never a seed user.
  userId = await org.createUser('hostile.target@example.test');
  const sms = await org.admin('POST', `/api/v1/users/${userId}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15559090001' } });
  factorId = (sms.body as { id: string }).id;
});
afterAll(async () => {
  agent.destroy();
  await org.close();
});

/** How many requests a sweep keeps in flight. */
const PARALLEL = 6;
/** A sweep sends about 1,500 requests: generous on a machine busy with other work; nothing else here waits on time. */
const SWEEP_TIMEOUT_MS = 240_000;

interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

/**
 * One request over node:http (a body on any method, any header, a Buffer or a string). A kept-alive
 * connection the server closed as idle just as it was reused is retried once on a new one, as
 * Node's documentation advises: on a busy machine that race is not the simulator's doing.
 */
async function send(method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string>): Promise<RawAnswer> {
  try {
    return await sendOnce(method, path, body, headers, agent);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket !== true) throw error;
    return sendOnce(method, path, body, headers, false);
  }
}

function sendOnce(method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string>, via: Agent | false): Promise<RawAnswer> {
  const { port } = new URL(org.sim.url);
  return new Promise((resolve, reject) => {
    // Node's client sends no Content-Length for a GET body unless told: say it, or the body is read as the next request.
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request({ agent: via, host: '127.0.0.1', port, method, path, headers: { host: `localhost:${port}`, accept: 'application/json', ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, contentType, text, json: contentType.includes('json') && text.length > 0 ? JSON.parse(text) : text });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => reject(Object.assign(error, { reusedSocket: req.reusedSocket && error.code === 'ECONNRESET' })));
    req.end(body);
  });
}

/** Runs `jobs` with at most {@link PARALLEL} in flight. */
async function inParallel<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < jobs.length) {
        const index = next;
        next += 1;
        const job = jobs[index];
        if (job) results[index] = await job();
      }
    }),
  );
  return results;
}

/** {@link send}, with the request named in a failure. */
async function sendLabelled(label: string, method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string>): Promise<RawAnswer> {
  try {
    return await send(method, path, body, headers);
  } catch (error) {
    throw new Error(`${label}: ${(error as Error).message}`);
  }
}

/** The simulated SAML app's landing page is a page for people: its 401 "not signed in" is HTML by design. */
const HTML_PAGES = /^\/app\/[^/]+\/sso\/saml$/;

/** No 5xx; every error is Okta's JSON error shape with errorCauses and no stack trace. */
function assertAnswered(answer: RawAnswer, label: string, path = ''): void {
  expect(answer.status, `${label} → ${answer.status} ${answer.text.slice(0, 200)}`).toBeLessThan(500);
  expect(answer.text, label).not.toMatch(/\n\s+at \S/);
  if (answer.status >= 400 && !(HTML_PAGES.test(path) && answer.contentType.startsWith('text/html'))) {
    expect(answer.contentType, `${label} → ${answer.status} ${answer.text.slice(0, 200)}`).toContain('application/json');
    assertOktaShape(answer.status, answer.json);
  }
}

/** Every route the simulator registers (dev controls included), read from a freshly built app. */
function registeredRoutes(): { method: string; path: string }[] {
  const clock = new ManualClock();
  const app = createApp(
    {
      store: new Store(),
      clock,
      apiToken: 'route-listing-token',
      devControls: true,
      cors: createCorsPolicy([]),
      rateLimiter: new RateLimiter(clock, RateLimitsSchema.parse({})),
      secrets: new SecretHasher(),
      hardwareSecret: Buffer.alloc(32),
      baseUrl: () => 'http://localhost',
      origin: () => 'http://localhost',
    },
    { idleMinutes: 120, maxMinutes: 1440 },
  );
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route?.path ?? '' })) : []));
}

const PARAM_VALUES: Record<string, () => string> = {
  userId: () => userId,
  factorId: () => factorId,
  sessionId: () => '102notARealSession0000000',
  factorType: () => 'SMS',
  channel: () => 'sms',
  transactionId: () => 'mst0000000000000000',
  qrToken: () => 'x',
  appName: () => 'simulated_saml_app',
  provider: () => 'RSA',
  credentialId: () => 'x',
};

function fill(path: string, value?: string): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => value ?? PARAM_VALUES[name]?.() ?? 'x');
}

const json = { 'content-type': 'application/json' };
const deepArray = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
const fieldNames = ['username', 'password', 'stateToken', 'passCode', 'answer', 'factorType', 'provider', 'sessionToken', 'recoveryToken', 'token', 'redirectUrl', 'newPassword', 'oldPassword', 'question', 'mfa', 'appName', 'seconds'];
const everyField = (value: unknown) => JSON.stringify({ ...Object.fromEntries(fieldNames.map((name) => [name, value])), profile: { phoneNumber: value, email: value, login: value, firstName: value, lastName: value } });

/** Bodies sent as JSON, to every route, with and without the admin token. */
const BODIES: [string, string][] = [
  ['broken JSON', '{"username": '],
  ['a JSON array', '[]'],
  ['JSON null', 'null'],
  ['wrong types', '{"stateToken": 12, "username": ["a"], "password": {"$ne": null}, "passCode": true, "answer": 1, "seconds": "10", "mfa": "maybe", "profile": 7, "sessionToken": null, "recoveryToken": [], "token": 5, "appName": {}, "signInUrl": 1}'],
  ['prototype keys', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "hasOwnProperty": 1, "toString": "x", "valueOf": null, "profile": {"__proto__": {"polluted": true}}}'],
  ['prototype names as values', everyField('constructor')],
  ['__proto__ as values', everyField('__proto__')],
  ['deep array nesting', `{"stateToken": ${deepArray}}`],
  ['deep object nesting', `{"profile": ${deepObject}, "options": ${deepObject}}`],
  ['NUL and odd unicode', everyField('plain@example.test\u0000\u202e\ud800\uffff İ😀\u200b')],
];

const garbage = Buffer.from('this is not compressed at all, not even a little');
const bodyJson = JSON.stringify({ username: 'nobody@example.test', password: 'x' });
/** [label, body, headers]: wrong content types and bad encodings. */
const WRAPPINGS: [string, string | Buffer, Record<string, string>][] = [
  ['text/plain', bodyJson, { 'content-type': 'text/plain' }],
  ['a form', 'username=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['multipart', '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--b--\r\n', { 'content-type': 'multipart/form-data; boundary=b' }],
  ['no content type', bodyJson, {}],
  ['charset utf-7', bodyJson, { 'content-type': 'application/json; charset=utf-7' }],
  ['charset latin1', bodyJson, { 'content-type': 'application/json; charset=latin1' }],
  ['a content type that only starts like JSON', bodyJson, { 'content-type': 'application/jsonx' }],
  ['gzip that does not inflate', garbage, { ...json, 'content-encoding': 'gzip' }],
  ['deflate that does not inflate', garbage, { ...json, 'content-encoding': 'deflate' }],
  ['br that does not decompress', garbage, { ...json, 'content-encoding': 'br' }],
  ['truncated gzip', gzipSync(bodyJson).subarray(0, 20), { ...json, 'content-encoding': 'gzip' }],
  ['an unknown encoding', bodyJson, { ...json, 'content-encoding': 'compress' }],
  ['a list of encodings', gzipSync(bodyJson), { ...json, 'content-encoding': 'gzip, identity' }],
  ['a gzip bomb (10 MB of zeros)', gzipSync(Buffer.alloc(10 * 1024 * 1024)), { ...json, 'content-encoding': 'gzip' }],
  ['a 1 MB body', JSON.stringify({ username: 'x'.repeat(1024 * 1024) }), json],
];

/** [label, headers]: very long headers and forged or malformed credentials. */
const HEADERS: [string, () => Record<string, string>][] = [
  ['a 10 KB API token', () => ({ authorization: `SSWS ${'a'.repeat(10_000)}` })],
  ['a 10 KB cookie', () => ({ cookie: `sid=${'a'.repeat(10_000)}` })],
  ['a 12 KB user-agent extension', () => ({ 'x-okta-user-agent-extended': 'x'.repeat(12_000) })],
  ['an 8 KB origin', () => ({ origin: `http://${'a'.repeat(8_000)}.test` })],
  ['an 8 KB Prefer and Accept', () => ({ prefer: `return=${'m'.repeat(8_000)}`, accept: `application/${'j'.repeat(8_000)}` })],
  ['a wrong API token', () => ({ authorization: `SSWS ${org.sim.apiToken}x` })],
  ['a bearer token', () => ({ authorization: `Bearer ${org.sim.apiToken}` })],
  ['SSWS without a token', () => ({ authorization: 'SSWS' })],
  ['lower-case ssws', () => ({ authorization: `ssws ${org.sim.apiToken}` })],
  ['a token with a tail', () => ({ authorization: `SSWS ${org.sim.apiToken} extra` })],
  ['a forged session cookie from an untrusted origin', () => ({ cookie: 'sid=102forgedSession000000000; sid=x', origin: 'https://evil.example' })],
  ['the null origin', () => ({ cookie: 'sid=102forgedSession000000000', origin: 'null' })],
];

/** Values put into every path parameter at once. */
const PATH_VALUES = ['%00', '%ED%A0%80', '%2e', '%2e%2e', '..%2F..%2F', '__proto__', 'constructor', 'hasOwnProperty', encodeURIComponent('İ😀\u202e'), 'x'.repeat(4_000), '%25', '%2F'];

describe('hostile input on every route', () => {
  const routes = registeredRoutes();

  test('the sweep covers every registered route, dev controls and sessionCookieRedirect included', () => {
    const paths = new Set(routes.map((route) => route.path));
    for (const path of ['/api/v1/authn', '/api/v1/authn/factors/:factorId/verify', '/api/v1/authn/recovery/password', '/api/v1/sessions/me', '/api/v1/users', '/api/v1/users/:userId/factors', '/__sim/outbox', '/login/sessionCookieRedirect']) {
      expect(paths).toContain(path);
    }
    expect(routes.length).toBeGreaterThan(60);
  });

  test('malformed, mistyped, polluting, deeply nested and NUL-laden JSON bodies get Okta-shaped 4xx, never 5xx', async () => {
    const jobs = routes.flatMap((route) =>
      BODIES.flatMap(([label, body]) =>
        ([{}, { authorization: `SSWS ${org.sim.apiToken}` }] as Record<string, string>[]).map((auth) => async () => {
          const name = `${route.method} ${route.path} with ${label}`;
          assertAnswered(await sendLabelled(name, route.method, fill(route.path), body, { ...json, ...auth }), name, fill(route.path));
        }),
      ),
    );
    await inParallel(jobs);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, SWEEP_TIMEOUT_MS);

  test('wrong content types, bad encodings and 1 MB bodies get Okta-shaped 4xx, never 5xx', async () => {
    const jobs = routes.flatMap((route) =>
      WRAPPINGS.map(([label, body, headers]) => async () => {
        const name = `${route.method} ${route.path} with ${label}`;
        assertAnswered(await sendLabelled(name, route.method, fill(route.path), body, { ...headers, authorization: `SSWS ${org.sim.apiToken}` }), name, fill(route.path));
      }),
    );
    await inParallel(jobs);
  }, SWEEP_TIMEOUT_MS);

  test('very long headers and forged credentials get Okta-shaped 4xx, never 5xx', async () => {
    const jobs = routes.flatMap((route) =>
      HEADERS.map(([label, headers]) => async () => {
        const name = `${route.method} ${route.path} with ${label}`;
        assertAnswered(await sendLabelled(name, route.method, fill(route.path), route.method === 'GET' ? undefined : '{}', { ...json, ...headers() }), name, fill(route.path));
      }),
    );
    await inParallel(jobs);
  }, SWEEP_TIMEOUT_MS);

  test('NUL, encoded slashes and dots, lone surrogates, prototype names and 4 KB values in path segments are never 5xx', async () => {
    const jobs = routes
      .filter((route) => route.path.includes(':'))
      .flatMap((route) =>
        PATH_VALUES.map((value) => async () => {
          const name = `${route.method} ${route.path} with ${value.slice(0, 20)}`;
          assertAnswered(await sendLabelled(name, route.method, fill(route.path, value), route.method === 'GET' ? undefined : '{}', { ...json, authorization: `SSWS ${org.sim.apiToken}` }), name, fill(route.path, value));
        }),
      );
    await inParallel(jobs);
  }, SWEEP_TIMEOUT_MS);

  test('after all of it, Object.prototype is clean and a seed user still signs in', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await org.client.signIn({ username: 'plain@example.test', password: PASSWORD })).status).toBe('SUCCESS');
  });
});

describe('bodies that do not decode', () => {
  test.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('a %s body that does not inflate is 400 E0000003 naming the encoding problem; a good one is read', async (encoding, compress) => {
    const bad = await send('POST', '/api/v1/authn', garbage, { ...json, 'content-encoding': encoding });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ errorCode: 'E0000003', errorSummary: 'The request body was not well-formed.', errorCauses: [{ errorSummary: expect.stringContaining('Content-Encoding') }] });
    const good = await send('POST', '/api/v1/authn', compress(JSON.stringify({ username: 'plain@example.test', password: PASSWORD })), { ...json, 'content-encoding': encoding });
    expect(good.status).toBe(200);
  });

  test('an unknown Content-Encoding is 400 E0000003, a charset JSON cannot have is 400 E0000018', async () => {
    const unknown = await send('POST', '/api/v1/authn', bodyJson, { ...json, 'content-encoding': 'x-unheard-of' });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ errorCode: 'E0000003', errorCauses: [{ errorSummary: expect.stringContaining('Content-Encoding') }] });
    const charset = await send('POST', '/api/v1/authn', bodyJson, { 'content-type': 'application/json; charset=latin1' });
    expect(charset.status).toBe(400);
    expect(charset.json).toMatchObject({ errorCode: 'E0000018' });
  });
});

describe('10 MB bodies', () => {
  const tenMegabytes = JSON.stringify({ username: 'x'.repeat(10 * 1024 * 1024) });

  test('a 10 MB body, announced or streamed in chunks, is 413 E0000003 on the authn, users, sessions, dev-control and form routes', async () => {
    const admin = { authorization: `SSWS ${org.sim.apiToken}` };
    for (const [method, path, headers] of [
      ['POST', '/api/v1/authn', json],
      ['POST', '/api/v1/users', { ...json, ...admin }],
      ['POST', '/api/v1/sessions', json],
      ['POST', '/__sim/clock/advance', json],
      ['PUT', `/__sim/users/${userId}/policy`, json],
      ['POST', '/login/sessionCookieRedirect', { 'content-type': 'application/x-www-form-urlencoded' }],
    ] as [string, string, Record<string, string>][]) {
      const announced = await send(method, path, tenMegabytes, headers);
      expect(announced.status, `${method} ${path}`).toBe(413);
      assertAnswered(announced, `${method} ${path}`);
    }
    const streamed = await new Promise<RawAnswer>((resolve, reject) => {
      const { port } = new URL(org.sim.url);
      const req = request({ agent: false, host: '127.0.0.1', port, method: 'POST', path: '/api/v1/authn', headers: { ...json, 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), text, json: JSON.parse(text) }));
      });
      req.on('error', reject);
      for (let chunk = 0; chunk < 10; chunk += 1) req.write('x'.repeat(1024 * 1024));
      req.end();
    });
    expect(streamed.status).toBe(413);
    assertAnswered(streamed, 'chunked 10 MB');
  }, SWEEP_TIMEOUT_MS);
});

describe('requests Node itself refuses', () => {
  /** Sends raw bytes on a fresh connection and reads until the server closes it. */
  const raw = (bytes: string): Promise<{ status: number; contentType: string; body: string }> =>
    new Promise((resolve, reject) => {
      const { port } = new URL(org.sim.url);
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = text.split('\r\n\r\n');
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), contentType: /content-type: ([^\r]+)/i.exec(head)?.[1] ?? '', body });
      });
      socket.end(bytes);
    });

  test.each([
    { what: 'headers larger than 16 KB', status: 431, bytes: `GET /api/v1/sessions/me HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n` },
    { what: 'a NUL in a header value', status: 400, bytes: 'GET /api/v1/sessions/me HTTP/1.1\r\nHost: localhost\r\nX-Nul: a\u0000b\r\n\r\n' },
    { what: 'a request line that is not HTTP', status: 400, bytes: 'HELLO THERE\r\n\r\n' },
    { what: 'a Content-Length that is not a number', status: 400, bytes: 'POST /api/v1/authn HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}' },
    { what: 'both Content-Length and chunked', status: 400, bytes: 'POST /api/v1/authn HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' },
  ])('$what is answered $status in Okta error shape before any route runs', async ({ bytes, status }) => {
    const answer = await raw(bytes);
    expect(answer.status).toBe(status);
    expect(answer.contentType).toContain('application/json');
    assertOktaShape(answer.status, JSON.parse(answer.body));
    expect((await org.client.signIn({ username: 'plain@example.test', password: PASSWORD })).status).toBe('SUCCESS');
  });
});

describe('hostile input', () => {
  test('oversized bodies are 413, non-JSON bodies 400 E0000018, broken JSON 400 E0000003', async () => {
    const huge = await send('POST', '/api/v1/authn', JSON.stringify({ username: 'x'.repeat(200_000) }), { 'content-type': 'application/json' });
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({ errorCode: 'E0000003' });
    const form = await send('POST', '/api/v1/authn', 'username=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    expect(form.json).toMatchObject({ errorCode: 'E0000018' });
    const broken = await send('POST', '/api/v1/authn', '{"username":', { 'content-type': 'application/json' });
    expect(broken.json).toMatchObject({ errorCode: 'E0000003', errorSummary: 'The request body was not well-formed.' });
    const types = await send('POST', '/api/v1/authn', '{"username": 1, "password": []}', { 'content-type': 'application/json' });
    expect(types.status).toBe(400);
    expect(types.json).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: authRequest' });
    expect(JSON.stringify(types.json)).toContain('username');
  });

  test('unknown paths are 404 E0000008, wrong methods 405 E0000022, bad query types 400', async () => {
    const unknown = await send('GET', '/api/v1/nope', undefined, {});
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ errorCode: 'E0000008' });
    const encoded = await send('GET', '/api/v1/%E0%A4%A', undefined, {});
    expect(encoded.status).toBeLessThan(500);
    const wrongMethod = await send('GET', '/api/v1/authn', undefined, {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json).toMatchObject({ errorCode: 'E0000022' });
    const query = await send('POST', `/api/v1/authn/factors/${factorId}/verify?rememberDevice=yes&rememberDevice=no`, '{"stateToken":"00x"}', { 'content-type': 'application/json' });
    expect(query.status).toBe(400);
    const redirect = await send('GET', '/login/sessionCookieRedirect?token=a&token=b&redirectUrl=javascript:alert(1)', undefined, {});
    expect(redirect.status).toBe(400);
    const header = await send('GET', `/api/v1/users/${userId}`, undefined, { authorization: 'Bearer abc' });
    expect(header.status).toBe(401);
  });

  test('no response carries a password, an answer or a stack trace, and the server still works afterwards', async () => {
    const answer = await send('POST', '/api/v1/authn', JSON.stringify({ username: 'plain@example.test', password: 'wrong-secret-value' }), { 'content-type': 'application/json' });
    expect(JSON.stringify(answer.json)).not.toContain('wrong-secret-value');
    const users = await send('GET', '/api/v1/users', undefined, { authorization: `SSWS ${org.sim.apiToken}` });
    expect(JSON.stringify(users.json)).not.toMatch(/scrypt|Babbage|mayonnaise|Sim-Passw0rd/);
    const alive = await org.client.signIn({ username: 'plain@example.test', password: PASSWORD });
    expect(alive.status).toBe('SUCCESS');
  });
});
