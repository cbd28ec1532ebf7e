import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { coseAlgorithm } from '../src/factors/fido.js';
import { DEMO_WEBAUTHN_KEY } from '../src/factors/webauthn-demo-key.js';
import { DEFAULT_SEED, SeedError, parseSeed, startSimulator } from '../src/index.js';

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

  test('the one-file CLI loads what it imports on first use: a QR code is a PNG, a seeded security key is decoded', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--api-token', 'cli-test-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const headers = { authorization: 'SSWS cli-test-token', 'content-type': 'application/json', accept: 'application/json' };
      const user = (await (await fetch(`${url}/api/v1/users/plain@example.test`, { headers })).json()) as { id: string };
      const enrolled = await fetch(`${url}/api/v1/users/${user.id}/factors`, { method: 'POST', headers, body: JSON.stringify({ factorType: 'token:software:totp', provider: 'GOOGLE' }) });
      const factor = (await enrolled.json()) as { _embedded: { activation: { _links: { qrcode: { href: string } } } } };
      const qr = await fetch(factor._embedded.activation._links.qrcode.href);
      expect(qr.status).toBe(200);
      expect(qr.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await qr.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }

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
