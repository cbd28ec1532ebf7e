import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalLocation, startDemo } from '../src/server.js';
import type { RunningDemo } from '../src/server.js';

// Raw HTTP, so the request target reaches the server exactly as an attacker's link would send it.
function get(url: string, path: string, host: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const sent = request({ host: target.hostname, port: target.port, path, method: 'GET', headers: { host } }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, location: response.headers.location });
    });
    sent.once('error', reject);
    sent.end();
  });
}

describe('the canonical-host redirect', () => {
  let demo: RunningDemo;
  let port: string;

  beforeAll(async () => {
    demo = await startDemo({ port: 0, orgUrl: 'https://example.okta.com' });
    port = new URL(demo.url).port;
  });
  afterAll(() => demo.close());

  test('a path on another loopback host name moves to the canonical host with its path and query', async () => {
    const answer = await get(demo.url, '/login?returnTo=/app', `127.0.0.1:${port}`);
    expect(answer).toEqual({ status: 302, location: `${demo.url}/login?returnTo=/app` });
  });

  test.each(['//evil.example/x', '///evil.example/x', '/\\evil.example/x', '/\\/evil.example/x'])(
    'a target like %s stays on the canonical origin instead of redirecting to another host',
    async (path) => {
      const answer = await get(demo.url, path, `127.0.0.1:${port}`);
      expect(answer.status).toBe(302);
      expect(new URL(answer.location ?? '').origin).toBe(demo.url);
      expect(answer.location).toBe(`${demo.url}/evil.example/x`);
    },
  );
});

describe('canonicalLocation()', () => {
  const canonical = new URL('http://localhost:3000');

  test.each([
    ['//evil.example/x', 'http://localhost:3000/evil.example/x'],
    ['\\\\evil.example', 'http://localhost:3000/evil.example'],
    ['/\t/evil.example', 'http://localhost:3000/evil.example'],
    ['/app?x=1#y', 'http://localhost:3000/app?x=1#y'],
    ['', 'http://localhost:3000/'],
  ])('%j → %s, never another origin', (target, expected) => {
    expect(canonicalLocation(target, canonical)).toBe(expected);
  });
});
