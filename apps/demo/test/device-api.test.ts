import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deviceApi } from '../src/device-api.js';
import { errorHandler } from '../src/errors.js';
import { startDemo } from '../src/server.js';
import type { RunningDemo } from '../src/server.js';
// One raw HTTP client for the repository's tests: the middleware's (test helpers are not package exports).
import { send } from '../../../packages/express/test/helpers/raw-http.js';

// device-panel.js is a plain browser module served as is (no declarations); this is the part of it under test.
const { pathSegment } = (await import(new URL('../public/assets/device-panel.js', import.meta.url).href)) as { pathSegment(value: unknown): string };

describe('/demo/device/users/:login on the embedded simulator', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({ port: 0, simPort: 0 });
  });
  afterAll(() => demo.close());

  test.each(['%2e', '%2E', '%2e%2e', '.%2e', '..%2f', '%2e%2e%2fusers', '%00', '%20'])(
    '%s is a 400 E0000001 before any URL to the org is built, never the list of every user',
    async (segment) => {
      const answer = await send(demo.url, { path: `/demo/device/users/${segment}`, headers: { accept: 'application/json' } });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: login' });
      expect(answer.text).not.toContain('plain@example.test');
    },
  );

  test('a seeded username answers that user, and an unknown one is a 404', async () => {
    const found = await send(demo.url, { path: '/demo/device/users/plain%40example.test', headers: { accept: 'application/json' } });
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ login: 'plain@example.test', id: expect.stringMatching(/^00u\w+$/) });
    const missing = await send(demo.url, { path: '/demo/device/users/nobody%40example.test', headers: { accept: 'application/json' } });
    expect(missing.status).toBe(404);
    expect(missing.json?.errorCode).toBe('E0000007');
  });
});

describe('deviceApi against an org that answers ids unfit for a URL', () => {
  test('a user id of ".." is a 502 EOKTAERROR and never becomes the next URL', async () => {
    const seen: string[] = [];
    const org = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: '..', status: 'ACTIVE', profile: { login: 'ada@example.test' } }));
    });
    await new Promise<void>((resolve) => org.listen(0, '127.0.0.1', resolve));
    const app = express();
    app.use('/demo/device', deviceApi(`http://127.0.0.1:${(org.address() as AddressInfo).port}`, 'token'));
    app.use(errorHandler(() => undefined));
    const site = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => site.once('listening', resolve));
    try {
      const answer = await send(`http://127.0.0.1:${(site.address() as AddressInfo).port}`, { path: '/demo/device/users/ada', headers: { accept: 'application/json' } });
      expect(answer.status).toBe(502);
      expect(answer.json?.errorCode).toBe('EOKTAERROR');
      expect(seen).toEqual(['/api/v1/users/ada']);
    } finally {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
      org.closeAllConnections();
      await new Promise((resolve) => org.close(resolve));
    }
  });
});

describe('the device panel in the browser', () => {
  test('pathSegment refuses "", "." and ".." and encodes everything else', () => {
    for (const value of ['', '.', '..', undefined]) expect(() => pathSegment(value)).toThrow(RangeError);
    expect(pathSegment('a/b?c#d')).toBe('a%2Fb%3Fc%23d');
    expect(pathSegment('...')).toBe('...');
    expect(pathSegment('plain@example.test')).toBe('plain%40example.test');
  });
});
