import { randomBytes } from 'node:crypto';
import { startSimulator } from '@okta-authn/simulator';
import type { SimulatorOptions } from '@okta-authn/simulator';
import { APP_ORIGIN } from './app.js';

const API_TOKEN = `test-api-token-${randomBytes(8).toString('hex')}`;
const PASSWORD = 'Corr3ct-Horse-Battery!';

/** A user created in the simulator through its management API. */
export interface TestUser {
  id: string;
  login: string;
}

/** A real simulator org, with the management calls the tests need. */
export interface TestOrg {
  url: string;
  /** The port the simulator listens on (to restart it on the same one). */
  port: number;
  apiToken: string;
  /** Creates an active user with a password (no MFA). */
  createUser(): Promise<TestUser>;
  /** Primary authentication at /api/v1/authn; the SUCCESS sessionToken. */
  sessionToken(user: TestUser): Promise<string>;
  /** Status of an Okta session by id (SSWS), or `null` when the org does not know it. */
  sessionStatus(id: string): Promise<string | null>;
  /** Closes an Okta session by id (SSWS), as an admin or another app would. */
  closeSession(id: string): Promise<void>;
  /** Moves the simulator's clock forward (dev controls). */
  advanceClock(seconds: number): Promise<void>;
  close(): Promise<void>;
}

async function okta(url: string, path: string, init: { method?: string; body?: unknown; admin?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.admin) headers.authorization = `SSWS ${API_TOKEN}`;
  return fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

/** Starts the simulator on `port` (0 = a free one) trusting the test app's origin; `devControls: false` lets it run behind a proxy. */
export async function startOrg(options: { port?: number; rateLimits?: SimulatorOptions['rateLimits']; devControls?: boolean } = {}): Promise<TestOrg> {
  const sim = await startSimulator({
    port: options.port ?? 0,
    apiToken: API_TOKEN,
    trustedOrigins: [APP_ORIGIN],
    // Dev controls (the clock) make the simulator accept only its own Host; without them it can sit behind a proxy.
    devControls: options.devControls ?? true,
    rateLimits: options.rateLimits,
  });
  const url = sim.url.replace(/\/$/, '');
  let counter = 0;
  return {
    url,
    port: Number(new URL(url).port),
    apiToken: API_TOKEN,
    async createUser() {
      counter += 1;
      const login = `user${counter}.${randomBytes(4).toString('hex')}@example.test`;
      const response = await okta(url, '/api/v1/users?activate=true', {
        method: 'POST',
        admin: true,
        body: { profile: { firstName: 'Test', lastName: `User ${counter}`, email: login, login }, credentials: { password: { value: PASSWORD } } },
      });
      if (response.status !== 200) throw new Error(`creating a user failed: HTTP ${response.status} ${await response.text()}`);
      const user = (await response.json()) as { id: string };
      return { id: user.id, login };
    },
    async sessionToken(user) {
      const response = await okta(url, '/api/v1/authn', { method: 'POST', body: { username: user.login, password: PASSWORD } });
      const tx = (await response.json()) as { status?: string; sessionToken?: string };
      if (tx.status !== 'SUCCESS' || !tx.sessionToken) throw new Error(`primary auth did not succeed: ${JSON.stringify(tx)}`);
      return tx.sessionToken;
    },
    async sessionStatus(id) {
      const response = await okta(url, `/api/v1/sessions/${encodeURIComponent(id)}`, { admin: true });
      if (response.status === 404) return null;
      if (response.status !== 200) throw new Error(`GET session failed: HTTP ${response.status}`);
      return ((await response.json()) as { status: string }).status;
    },
    async closeSession(id) {
      const response = await okta(url, `/api/v1/sessions/${encodeURIComponent(id)}`, { method: 'DELETE', admin: true });
      if (response.status !== 204) throw new Error(`DELETE session failed: HTTP ${response.status}`);
    },
    async advanceClock(seconds) {
      const response = await okta(url, '/__sim/clock/advance', { method: 'POST', body: { seconds } });
      if (!response.ok) throw new Error(`advancing the clock failed: HTTP ${response.status}`);
    },
    close: () => sim.close(),
  };
}
