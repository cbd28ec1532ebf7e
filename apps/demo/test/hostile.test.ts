import { ERROR_CODES } from '@okta-authn/express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemo } from '../src/server.js';
import type { RunningDemo } from '../src/server.js';
import { signIn } from './sign-in.js';
// The middleware's hostile-input cases and raw HTTP client (test helpers are not package exports).
import { expectOwnAnswer, hostileRequests } from '../../../packages/express/test/helpers/hostile-requests.js';
import type { HostileCase } from '../../../packages/express/test/helpers/hostile-requests.js';
import { Visitor, send } from '../../../packages/express/test/helpers/raw-http.js';

// Every route of the demo, fed what no honest client sends, over loopback; the demo runs the real simulator.
let demo: RunningDemo;
const codes = new Set([...Object.keys(ERROR_CODES), 'E0000001', 'E0000003', 'E0000007']);

beforeAll(async () => {
  demo = await startDemo({ port: 0, simPort: 0, checkInterval: 0 });
});
afterAll(() => demo?.close());

async function run(cases: HostileCase[]): Promise<void> {
  for (const hostile of cases) {
    const answer = await send(demo.url, hostile.sent).catch((error: unknown) => {
      throw new Error(`${hostile.name}: ${String(error)}`);
    });
    expectOwnAnswer(hostile, answer, codes);
  }
}

const routes: Array<{ method: string; path: string; signedIn: boolean; largeBodies?: boolean }> = [
  { method: 'GET', path: '/', signedIn: false },
  { method: 'GET', path: '/login', signedIn: false },
  { method: 'GET', path: '/app', signedIn: true },
  { method: 'POST', path: '/app/session/refresh', signedIn: true, largeBodies: true },
  { method: 'GET', path: '/auth/csrf', signedIn: false },
  { method: 'POST', path: '/auth/session', signedIn: false, largeBodies: true },
  { method: 'GET', path: '/auth/session', signedIn: true },
  { method: 'DELETE', path: '/auth/session', signedIn: true, largeBodies: true },
  { method: 'GET', path: '/demo/device/users/plain%40example.test', signedIn: false },
  { method: 'GET', path: '/assets/demo.css', signedIn: false },
  { method: 'GET', path: '/vendor/okta-authn.js', signedIn: false },
  { method: 'GET', path: '/favicon.ico', signedIn: false },
  { method: 'POST', path: '/nowhere', signedIn: false },
];

describe('hostile input to every route of the demo', () => {
  test.each(routes)('$method $path (signed in: $signedIn) answers no 5xx and only the demo\'s codes', async (route) => {
    const visitor = new Visitor(demo.url);
    const csrf = route.signedIn ? await signIn(demo, visitor) : await visitor.csrf();
    const otherCsrf = await new Visitor(demo.url).csrf();
    await run(hostileRequests({ ...route, origin: demo.url, cookie: visitor.cookie, csrf, otherCsrf }));
  });

  test('hostile query strings and paths of the pages answer no 5xx', async () => {
    const paths = [
      '/login?notice=__proto__',
      '/login?notice=constructor',
      '/login?notice=toString',
      '/login?returnTo[]=/app&returnTo[]=/x',
      '/login?returnTo=%00',
      '/login?returnTo=//evil.test',
      '/login?recoveryToken=%3Cscript%3Ealert(1)%3C/script%3E',
      '/login?recoveryToken[__proto__]=x',
      `/login?${'a=1&'.repeat(2000)}`,
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/%00',
      '/demo/device/users/%2e',
      '/demo/device/users/%E0%A4%A',
      '/demo/device/users/%F0%9F%98%80',
      `/demo/device/users/${'u'.repeat(5000)}`,
    ];
    const cases = paths.flatMap((path): HostileCase[] =>
      ['text/html', 'application/json'].map((accept) => ({ name: `${path.slice(0, 40)} (${accept})`, sent: { path, headers: { accept } } })),
    );
    await run(cases);
    const traversal = await send(demo.url, { path: '/assets/..%2f..%2fpackage.json' });
    expect(traversal.text).not.toContain('"name"');
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const page = await send(demo.url, { path: `/login?notice=${key}`, headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.text, `?notice=${key}`).not.toContain('page-outcome');
    }
    expect((await send(demo.url, { path: '/login?notice=signed-out' })).text).toContain('You have signed out.');
  });

  test('nothing was polluted, and a sign-in still works afterwards', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const visitor = new Visitor(demo.url);
    await signIn(demo, visitor);
    const app = await visitor.send({ path: '/app', headers: { accept: 'text/html' } });
    expect(app.status).toBe(200);
    expect(app.text).toContain('plain@example.test');
  });
});
