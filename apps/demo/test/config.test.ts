import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { ConfigError, optionsFromEnv } from '../src/config.js';
import { PortInUseError, startDemo } from '../src/server.js';
import type { RunningDemo } from '../src/server.js';

describe('configuration from the environment', () => {
  test('no variables: site on 3000 and the embedded simulator on 4000', () => {
    expect(optionsFromEnv({})).toMatchObject({ port: 3000, simPort: 4000, orgUrl: undefined, redisUrl: undefined });
  });

  test('OKTA_ORG_URL switches to a real org and keeps only its origin', () => {
    expect(optionsFromEnv({ OKTA_ORG_URL: 'https://example.okta.com/', OKTA_API_TOKEN: 'token' })).toMatchObject({ orgUrl: 'https://example.okta.com', apiToken: 'token' });
  });

  test('a bad variable is refused with a message naming it', () => {
    expect(() => optionsFromEnv({ PORT: 'eighty' })).toThrow(new ConfigError('PORT must be a port number (0-65535)'));
    expect(() => optionsFromEnv({ SIM_PORT: '70000' })).toThrow(/SIM_PORT must be a port number/);
    expect(() => optionsFromEnv({ OKTA_ORG_URL: 'https://example.okta.com/app' })).toThrow(/OKTA_ORG_URL must be an http\(s\) origin/);
    expect(() => optionsFromEnv({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must start with redis:\/\//);
    expect(() => optionsFromEnv({ OKTA_API_TOKEN: 'token' })).toThrow(/OKTA_ORG_URL is not/);
  });

  test('TRUST_PROXY is a number of hops or a list of proxy addresses, and unset trusts no X-Forwarded-For', () => {
    expect(optionsFromEnv({}).trustProxy).toBeUndefined();
    expect(optionsFromEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(optionsFromEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(() => optionsFromEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY must be the number of proxies/);
    expect(() => optionsFromEnv({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY must be/);
  });

  test('TRUST_PROXY addresses that Express could not compile (999.1, a prefix too long, a bad IPv6) are a ConfigError, never a TypeError at start', () => {
    for (const value of ['999.1', '10.0.0.0/33', '0.0.0.0/0', '10.0.0.0/8/8', '::1/129', 'fe80::zz', '1.2.3.4/', ' , loopback', 'LOOPBACK']) {
      expect(() => optionsFromEnv({ TRUST_PROXY: value }), value).toThrow(ConfigError);
      expect(() => optionsFromEnv({ TRUST_PROXY: value }), value).toThrow(/TRUST_PROXY must be/);
    }
    expect(optionsFromEnv({ TRUST_PROXY: '192.168.0.1, 10.0.0.0/8, fd00::/8, 2001:db8::1, fe80::1%eth0, linklocal, uniquelocal' }).trustProxy).toHaveLength(7);
    expect(() => optionsFromEnv({ APP_ORIGIN: 'https://demo.example.com' })).toThrow(/APP_ORIGIN is https but TRUST_PROXY is not set/);
    expect(optionsFromEnv({ APP_ORIGIN: 'https://demo.example.com', TRUST_PROXY: '1' })).toMatchObject({ appOrigin: 'https://demo.example.com', trustProxy: 1 });
  });

  test('empty variables count as unset', () => {
    expect(optionsFromEnv({ PORT: '', OKTA_ORG_URL: '' })).toMatchObject({ port: 3000, orgUrl: undefined });
  });
});

describe('startDemo ports', () => {
  let blocker: Server | undefined;
  let demo: RunningDemo | undefined;

  afterEach(async () => {
    await demo?.close();
    demo = undefined;
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  async function takenPort(): Promise<number> {
    const server = createServer();
    blocker = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  test('a taken site port rejects with PortInUseError naming PORT, and the simulator started for it is stopped', async () => {
    const port = await takenPort();
    const simPort = await freePort();
    const error = await startDemo({ port, simPort }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error).toMatchObject({ which: 'site', port, message: `Port ${port} is already in use (PORT)` });
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(simPort, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  test('a taken simulator port rejects with PortInUseError naming SIM_PORT', async () => {
    const simPort = await takenPort();
    const error = await startDemo({ port: 0, simPort }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ which: 'simulator', port: simPort });
  });

  test('port 0 for both picks free ports and answers on the printed URL', async () => {
    demo = await startDemo({ port: 0, simPort: 0 });
    expect(demo.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(demo.simulatorUrl).toMatch(/^http:\/\/localhost:\d+$/);
    const login = await fetch(`${demo.url}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toContain(`connect-src 'self' ${demo.simulatorUrl}`);
    const device = await fetch(`${demo.url}/demo/device/users/nobody@example.test`, { headers: { accept: 'application/json' } });
    expect(device.status).toBe(404);
    expect(await device.json()).toMatchObject({ errorCode: 'E0000007', errorCauses: [] });
    const app = await fetch(`${demo.url}/app`, { headers: { accept: 'application/json' } });
    expect(app.status).toBe(401);
    expect(await app.json()).toMatchObject({ errorCode: 'ENOSESSION' });
  });

  test('on a real org there is no simulator, no device panel and no demo users table', async () => {
    demo = await startDemo({ port: 0, orgUrl: 'https://example.okta.com' });
    expect(demo.simulator).toBeUndefined();
    const page = await (await fetch(`${demo.url}/login`)).text();
    expect(page).toContain('<okta-authn base-url="https://example.okta.com"');
    expect(page).not.toContain('device-panel');
    expect(page).not.toContain('Demo users');
    expect((await fetch(`${demo.url}/demo/device/users/plain@example.test`)).status).toBe(404);
  });
});
