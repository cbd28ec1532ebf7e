import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { createClient } from 'redis';
import type { RunningDemo } from '../src/server.js';
import { PASSWORD, launchBrowser, signIn, startTestDemo, visit } from './helpers.js';

let redis: ChildProcess | undefined;
let redisUrl = '';
let demo: RunningDemo;
let browser: Browser;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A real redis-server on a free port, without persistence; resolves once it accepts connections. */
async function startRedis(): Promise<void> {
  const port = await freePort();
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  redis = child;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  redisUrl = `redis://127.0.0.1:${port}`;
}

beforeAll(async () => {
  await startRedis();
  [demo, browser] = await Promise.all([startTestDemo({ redisUrl }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  redis?.kill();
});

describe('REDIS_URL', () => {
  test('with Redis as the session store, a sign-in is kept in Redis and survives until sign-out', async () => {
    const { page, problems, close } = await visit(browser);
    await signIn(page, demo.url, 'plain@example.test', PASSWORD);
    await page.waitForURL(`${demo.url}/app`);
    await expect.poll(() => page.locator('#session-status').textContent()).toBe('ACTIVE');

    const client = createClient({ url: redisUrl });
    await client.connect();
    try {
      const keys = await client.keys('okta-authn-demo:sess:*');
      const stored = await Promise.all(keys.map((key) => client.get(key)));
      expect(stored.some((value) => value?.includes('"login":"plain@example.test"'))).toBe(true);

      await page.reload();
      expect(await page.locator('#who').textContent()).toBe('plain@example.test');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login\?notice=signed-out$/);
      const after = await Promise.all((await client.keys('okta-authn-demo:sess:*')).map((key) => client.get(key)));
      expect(after.some((value) => value?.includes('"login":"plain@example.test"'))).toBe(false);
    } finally {
      await client.close();
    }
    expect(problems()).toEqual([]);
    await close();
  });
});
