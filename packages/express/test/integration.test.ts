import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { buildApp, signIn } from './helpers/app.js';
import { describeCoreScenarios } from './helpers/core-scenarios.js';
import { startOrg } from './helpers/simulator.js';
import type { TestOrg } from './helpers/simulator.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';

// The middleware against a real @okta-authn/simulator over real HTTP, on Express 5.
describeCoreScenarios('against the simulator');

describe('Okta goes down and comes back at the same URL', () => {
  test('checks fail closed with 503 while it is down, the app session is kept, and checks answer again after', async () => {
    const own = await startOrg({ devControls: false });
    let current: TestOrg | undefined = own;
    // The app reaches the org through a proxy on a port of its own: the org can go away and a new one
    // come back at the same URL without re-binding a port another process may have taken meanwhile.
    const proxy = await startTcpProxy(own.port);
    const built = buildApp({ orgUrl: proxy.url, checkInterval: 0, timeouts: { connect: 1_000, headers: 2_000, body: 2_000 } });
    const agent = request.agent(built.app);
    try {
      const user = await own.createUser();
      expect((await signIn(agent, await own.sessionToken(user))).status).toBe(200);
      await agent.get('/api/me').expect(200);

      proxy.down();
      await own.close();
      current = undefined;
      const down = await agent.get('/api/me').expect(503);
      expect(down.body.code).toBe('EOKTAUNAVAILABLE');
      expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
      expect((await agent.get('/auth/session').expect(503)).body.code).toBe('EOKTAUNAVAILABLE');
      expect((await agent.get('/test/bound-okta-session').expect(200)).body.id).toEqual(expect.any(String));

      current = await startOrg({ devControls: false });
      proxy.forwardTo(current.port);
      // A fresh simulator does not know the old session, so the answer is now a definite "signed out".
      expect((await agent.get('/api/me').expect(401)).body.code).toBe('ENOSESSION');
      const again = await current.createUser();
      expect((await signIn(agent, await current.sessionToken(again))).status).toBe(200);
      expect((await agent.get('/api/me').expect(200)).body.user.login).toBe(again.login);
    } finally {
      await built.close();
      await proxy.close();
      await current?.close();
    }
  });
});

describe('the simulator rate-limits the sessions API', () => {
  test('a 429 becomes 503 EOKTARATELIMITED with Retry-After until the reset, then checks resume', async () => {
    const limited = await startOrg({ rateLimits: { sessions: 3 } });
    let offset = 0;
    const built = buildApp({ orgUrl: limited.url, checkInterval: 0, clock: () => Date.now() + offset });
    const agent = request.agent(built.app);
    try {
      const user = await limited.createUser();
      expect((await signIn(agent, await limited.sessionToken(user))).status).toBe(200);
      await agent.get('/api/me').expect(200);
      await agent.get('/api/me').expect(200);
      const first = await agent.get('/api/me').expect(503);
      expect(first.body.code).toBe('EOKTARATELIMITED');
      const retryAfter = Number(first.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      // X-Rate-Limit-Reset is whole epoch seconds, rounded up: at most a minute and a second away.
      expect(retryAfter).toBeLessThanOrEqual(61);
      expect((await agent.get('/api/me').expect(503)).body.code).toBe('EOKTARATELIMITED');
      expect((await agent.get('/test/bound-okta-session').expect(200)).body.id).toEqual(expect.any(String));

      await limited.advanceClock(62);
      offset += 62_000;
      expect((await agent.get('/api/me').expect(200)).body.user.login).toBe(user.login);
    } finally {
      await built.close();
      await limited.close();
    }
  });
});
