import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { AuthnClient } from '@okta-authn/core';
import { DEFAULT_PASSWORD, startSimulator } from '../src/index.js';
import { DEFAULT_HASH_COST, SecretHasher } from '../src/secrets.js';

describe('hash cost', () => {
  test('seeded passwords and answers are hashed at the default cost unless hashCost says otherwise', async () => {
    const cheap = await startSimulator({ seed: 'default' });
    const realistic = await startSimulator({ seed: 'default', hashCost: 12 });
    try {
      const cheapUser = cheap.store.findUser('recovery@example.test');
      const realisticUser = realistic.store.findUser('recovery@example.test');
      expect(cheapUser?.passwordHash).toMatch(new RegExp(`^scrypt\\$${DEFAULT_HASH_COST}\\$`));
      expect(cheapUser?.recoveryQuestion?.answerHash).toMatch(new RegExp(`^scrypt\\$${DEFAULT_HASH_COST}\\$`));
      expect(realisticUser?.passwordHash).toMatch(/^scrypt\$12\$/);
      const signedIn = await new AuthnClient({ baseUrl: realistic.url }).signIn({ username: 'plain@example.test', password: DEFAULT_PASSWORD });
      expect(signedIn.status).toBe('SUCCESS');
    } finally {
      await Promise.all([cheap.close(), realistic.close()]);
    }
  });

  test('seed users who share a password share one hash (one scrypt run); users created later get their own salt', async () => {
    const person = (login: string, password: string) => ({ profile: { login, email: login, firstName: 'Seed', lastName: 'Person' }, password });
    const sim = await startSimulator({
      seed: { users: [person('twin.one@example.test', 'Shared-Passw0rd!'), person('twin.two@example.test', 'Shared-Passw0rd!'), person('loner@example.test', 'Other-Passw0rd!')] },
    });
    try {
      const hashOf = (login: string) => sim.store.findUser(login)?.passwordHash;
      expect(hashOf('twin.one@example.test')).toBe(hashOf('twin.two@example.test'));
      expect(hashOf('loner@example.test')).not.toBe(hashOf('twin.one@example.test'));
      const client = new AuthnClient({ baseUrl: sim.url });
      expect((await client.signIn({ username: 'twin.two@example.test', password: 'Shared-Passw0rd!' })).status).toBe('SUCCESS');
      await expect(client.signIn({ username: 'twin.two@example.test', password: 'Other-Passw0rd!' })).rejects.toMatchObject({ errorCode: 'E0000004' });
      const created = await fetch(`${sim.url}/api/v1/users?activate=true`, {
        method: 'POST',
        headers: { authorization: `SSWS ${sim.apiToken}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ profile: person('later@example.test', '').profile, credentials: { password: { value: 'Shared-Passw0rd!' } } }),
      });
      expect(created.status).toBe(200);
      expect(hashOf('later@example.test')).not.toBe(hashOf('twin.one@example.test'));
    } finally {
      await sim.close();
    }
  });

  test('a hash verifies whatever the cost of the hasher checking it; a wrong or missing secret does not', async () => {
    const hash = await new SecretHasher(10).hash('correct horse');
    const checker = new SecretHasher(2);
    expect(await checker.verify('correct horse', hash)).toBe(true);
    expect(await checker.verify('Correct horse', hash)).toBe(false);
    expect(await checker.verify('correct horse', null)).toBe(false);
    expect(await checker.verify('correct horse', 'scrypt$99$AAAA$AAAA')).toBe(false);
  });

  test('a hash cost outside 1–17 is refused before anything listens', async () => {
    await expect(startSimulator({ hashCost: 0 })).rejects.toThrow(/option hashCost/);
    await expect(startSimulator({ hashCost: 18 })).rejects.toThrow(TypeError);
    await expect(startSimulator({ hashCost: 4.5 })).rejects.toThrow(TypeError);
    expect(() => new SecretHasher(0)).toThrow(RangeError);
  });

  test('the CLI refuses a bad --hash-cost with exit code 2', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--hash-cost', '40'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toContain('--hash-cost must be a whole number between 1 and 17');
  });
});
