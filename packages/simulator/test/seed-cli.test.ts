import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { deflateSync } from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { coseAlgorithm } from '../src/factors/fido.js';
import { DEMO_WEBAUTHN_KEY } from '../src/factors/webauthn-demo-key.js';
import { DEFAULT_PASSWORD, DEFAULT_SEED, SeedError, parseSeed, startSimulator } from '../src/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'okta-authn-sim-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('seed', () => {
  test('the default seed validates', () => {
    expect(parseSeed(DEFAULT_SEED).users.length).toBeGreaterThanOrEqual(17);
  });

  test("the default seed's WebAuthn key, trusted at start without decoding it, is an ES256 COSE key", async () => {
    expect(await coseAlgorithm(DEMO_WEBAUTHN_KEY.publicKey)).toEqual({ alg: -7 });
    expect(await coseAlgorithm('bm90IGEga2V5')).toBeUndefined();
  });

  test('a bad seed names every bad path', () => {
    let error: unknown;
    try {
      parseSeed({ users: [{ profile: { login: 'ok@example.test', email: 'not-an-email', firstName: 'A', lastName: 'B' }, password: 'x', policy: { mfa: 'sometimes' } }] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SeedError);
    const problems = (error as SeedError).problems.join('\n');
    expect(problems).toContain('users.0.profile.email');
    expect(problems).toContain('users.0.policy.mfa');
  });

  test('a seed file that is not JSON is refused with the file named', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{ nope');
    await expect(startSimulator({ seed: path })).rejects.toThrow(/broken\.json[\s\S]*not valid JSON/);
  });

  test('a seed file loads its users and policies', async () => {
    const path = join(dir, 'seed.json');
    await writeFile(
      path,
      JSON.stringify({
        passwordPolicies: { default: { complexity: { minLength: 12 } } },
        users: [{ profile: { login: 'solo@example.test', email: 'solo@example.test', firstName: 'So', lastName: 'Lo' }, password: 'Long-Enough-Pass1' }],
      }),
    );
    const sim = await startSimulator({ seed: path });
    try {
      expect(sim.store.users.size).toBe(1);
      expect(sim.store.passwordPolicies.get('default')?.complexity.minLength).toBe(12);
    } finally {
      await sim.close();
    }
  });

  test('invalid options throw a TypeError naming the option', async () => {
    await expect(startSimulator({ trustedOrigins: ['localhost:3000'] })).rejects.toThrow(/trustedOrigins\.0/);
    await expect(startSimulator({ port: -1 })).rejects.toThrow(TypeError);
  });
});

/** Spawns the bundled CLI with the default seed; resolves to its URL and a stop function. */
async function startCli(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Status and Okta outcome (`status`, else `errorCode`) of one raw request with any body and headers. */
function outcome(base: string, method: string, path: string, body: Buffer | string, headers: Record<string, string>): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ agent: false, hostname, port, method, path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const json = (text.startsWith('{') ? JSON.parse(text) : {}) as { status?: string; errorCode?: string };
        resolve(`${res.statusCode} ${json.status ?? json.errorCode ?? res.headers.location ?? ''}`);
      });
    });
    req.once('error', reject);
    req.end(body);
  });
}

describe('CLI', () => {
  test('okta-authn-sim prints the org URL on its first line and serves it', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--dev-controls', '--api-token', 'cli-test-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines = createInterface({ input: child.stdout });
      const [first] = (await once(lines, 'line')) as [string];
      expect(first).toMatch(/^http:\/\/localhost:\d+$/);
      const answer = await fetch(`${first}/api/v1/users/plain@example.test`, { headers: { authorization: 'SSWS cli-test-token' } });
      expect(answer.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  test('the one-file CLI answers body encodings, charsets, forms and limits exactly as the library does', async () => {
    // A user per sign-in that gets through, so that Okta's per-username rate limit never answers instead.
    const signIn = (login: string) => JSON.stringify({ username: login, password: DEFAULT_PASSWORD });
    const json = { 'content-type': 'application/json' };
    const cases: [string, string, Buffer | string, Record<string, string>][] = [
      ['POST', '/api/v1/authn', signIn('plain@example.test'), json],
      ['POST', '/api/v1/authn', deflateSync(signIn('sms.mfa@example.test')), { ...json, 'content-encoding': 'deflate' }],
      ['POST', '/api/v1/authn', Buffer.from('not gzip at all'), { ...json, 'content-encoding': 'gzip' }],
      ['POST', '/api/v1/authn', Buffer.from(signIn('email.mfa@example.test'), 'utf16le'), { 'content-type': 'application/json; charset=utf-16le' }],
      ['POST', '/api/v1/authn', signIn('question.mfa@example.test'), { 'content-type': 'application/json; charset=shift_jis' }],
      ['POST', '/api/v1/authn', signIn('question.mfa@example.test'), { 'content-type': 'text/plain' }],
      ['POST', '/api/v1/authn', `{"username":"${'x'.repeat(70_000)}"}`, json],
      ['POST', '/api/v1/authn', '{"username":', json],
      ['POST', '/login/sessionCookieRedirect', 'token=nope&redirectUrl=http%3A%2F%2Flocalhost%3A3000%2F', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['POST', '/login/sessionCookieRedirect', 'token=nope', { 'content-type': 'application/x-www-form-urlencoded; charset=koi8-r' }],
      ['GET', '/api/v1/nothing-here', '', {}],
      ['DELETE', '/api/v1/authn', '', {}],
    ];
    const library = await startSimulator({ port: 0 });
    const cli = await startCli([]);
    try {
      for (const [method, path, body, headers] of cases) {
        expect(await outcome(cli.url, method, path, body, headers), `${method} ${path} ${JSON.stringify(headers)}`).toBe(await outcome(library.url, method, path, body, headers));
      }
      expect(await outcome(cli.url, 'POST', '/api/v1/authn', signIn('call.mfa@example.test'), json)).toBe('200 MFA_REQUIRED');
    } finally {
      await cli.stop();
      await library.close();
    }
  });

  test('the one-file CLI loads what it imports on first use: a QR code is a PNG, a seeded security key is decoded', async () => {
    const { url, stop } = await startCli(['--api-token', 'cli-test-token']);
    try {
      const headers = { authorization: 'SSWS cli-test-token', 'content-type': 'application/json', accept: 'application/json' };
      const user = (await (await fetch(`${url}/api/v1/users/plain@example.test`, { headers })).json()) as { id: string };
      const enrolled = await fetch(`${url}/api/v1/users/${user.id}/factors`, { method: 'POST', headers, body: JSON.stringify({ factorType: 'token:software:totp', provider: 'GOOGLE' }) });
      const factor = (await enrolled.json()) as { _embedded: { activation: { _links: { qrcode: { href: string } } } } };
      const qr = await fetch(factor._embedded.activation._links.qrcode.href);
      expect(qr.status).toBe(200);
      expect(qr.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await qr.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await stop();
    }

    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const path = join(dir, 'bad-key.json');
    const login = 'key@example.test';
    await writeFile(
      path,
      JSON.stringify({
        users: [{ profile: { login, email: login, firstName: 'Kee', lastName: 'Holder' }, password: 'Long-Enough-Pass1', factors: [{ factorType: 'webauthn', credentialId: 'AAAA', publicKey: 'bm90IGEga2V5' }] }],
      }),
    );
    const refused = spawn(process.execPath, [cli, '--port', '0', '--seed', path], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    refused.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(refused, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr).toMatch(/users\.0\.factors\.0\.publicKey[\s\S]*not a COSE key/);
  });
});
