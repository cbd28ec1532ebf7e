import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemo } from '../src/server.js';
import type { RunningDemo } from '../src/server.js';
// The middleware's stand-in for Okta's session endpoints, which can answer 429, and its raw HTTP client.
import { startStubOkta } from '../../../packages/express/test/helpers/stub-okta.js';
import type { StubOkta } from '../../../packages/express/test/helpers/stub-okta.js';
import { Visitor } from '../../../packages/express/test/helpers/raw-http.js';

// The demo on an "org" that starts rate-limiting once the visitor is signed in.
let okta: StubOkta;
let demo: RunningDemo;
// The demo's clock stands still on a whole second, so the Retry-After it computes from Okta's reset is exact.
const NOW = Math.floor(Date.now() / 1000) * 1000;

beforeAll(async () => {
  okta = await startStubOkta();
  demo = await startDemo({ port: 0, orgUrl: okta.url, checkInterval: 0, clock: () => NOW });
});
afterAll(async () => {
  await demo?.close();
  await okta?.close();
});

describe('Retry-After on the pages of the demo', () => {
  test("an Okta 429 shows /app's 503 page with the Retry-After the guard computed from Okta's reset, not a fixed 5", async () => {
    const visitor = new Visitor(demo.url);
    const signedIn = await visitor.send({
      method: 'POST',
      path: '/auth/session',
      headers: { origin: demo.url, 'x-csrf-token': await visitor.csrf(), 'content-type': 'application/json' },
      body: JSON.stringify({ sessionToken: okta.mintToken('ada@example.test') }),
    });
    expect(signedIn.status).toBe(200);
    okta.mode = 'rate-limited';
    okta.rateLimitReset = NOW / 1000 + 40;

    const page = await visitor.send({ path: '/app', headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(page.text).toContain('Okta cannot be reached right now');
    // Okta's reset is 40 s after the demo's now: 40, never the demo's own 5.
    expect(page.headers['retry-after']).toBe('40');

    const api = await visitor.send({ path: '/auth/session', headers: { accept: 'application/json' } });
    expect(api.status).toBe(503);
    expect(api.json?.errorCode).toBe('EOKTARATELIMITED');
    expect(api.headers['retry-after']).toBe('40');
  });
});
