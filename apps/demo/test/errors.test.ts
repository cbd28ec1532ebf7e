import type { AddressInfo } from 'node:net';
import { OktaAuthnError } from '@okta-authn/express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorHandler } from '../src/errors.js';
// One raw HTTP client for the repository's tests: the middleware's (test helpers are not package exports).
import { send } from '../../../packages/express/test/helpers/raw-http.js';

// The demo's last error handler, fed each kind of error an Express app can pass it.
describe('the demo error handler', () => {
  let url: string;
  let close: () => Promise<void>;
  const thrown: Record<string, unknown> = {
    zlib: Object.assign(new Error('incorrect header check'), { status: 400, code: 'Z_DATA_ERROR', errno: -3 }),
    middleware: new OktaAuthnError('EBADREQUEST', 'The body must be JSON'),
    crash: new TypeError('cannot read properties of undefined'),
  };

  beforeAll(async () => {
    const app = express();
    app.get('/throw/:kind', (req) => {
      throw thrown[req.params.kind];
    });
    app.use(errorHandler(() => undefined));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  test("a third-party 4xx keeps its status but answers E0000003, never the library's own code", async () => {
    const answer = await send(url, { path: '/throw/zlib', headers: { accept: 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errorCode: 'E0000003', errorSummary: 'The request could not be read' });
    expect(answer.text).not.toMatch(/Z_DATA_ERROR|incorrect header/);
  });

  test("the middleware's errors keep their code and status", async () => {
    const answer = await send(url, { path: '/throw/middleware', headers: { accept: 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errorCode: 'EBADREQUEST', errorSummary: 'The body must be JSON' });
  });

  test('anything else is a 500 E0000009 without a stack trace, as JSON or as a page', async () => {
    const json = await send(url, { path: '/throw/crash', headers: { accept: 'application/json' } });
    expect(json.status).toBe(500);
    expect(json.json).toMatchObject({ errorCode: 'E0000009', errorSummary: 'Internal Server Error' });
    const page = await send(url, { path: '/throw/crash', headers: { accept: 'text/html' } });
    expect(page.status).toBe(500);
    expect(page.text).not.toMatch(/TypeError|cannot read/);
  });
});
