import { DEFAULT_PASSWORD } from '@okta-authn/simulator';
import { expect } from 'vitest';
import type { RunningDemo } from '../src/server.js';
import type { Visitor } from '../../../packages/express/test/helpers/raw-http.js';

/**
 * Signs a visitor in as a seeded user the way the login page does, without a browser: primary
 * authentication at the demo's simulator, then the widget's `POST /auth/session`. Resolves the new CSRF token.
 */
export async function signIn(demo: RunningDemo, visitor: Visitor, username = 'plain@example.test'): Promise<string> {
  const authn = await fetch(`${demo.simulatorUrl}/api/v1/authn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password: DEFAULT_PASSWORD }),
  });
  const { sessionToken } = (await authn.json()) as { sessionToken: string };
  const answer = await visitor.send({
    method: 'POST',
    path: '/auth/session',
    headers: { origin: demo.url, 'x-csrf-token': await visitor.csrf(), 'content-type': 'application/json' },
    body: JSON.stringify({ sessionToken }),
  });
  expect(answer.status).toBe(200);
  return String(answer.json?.csrfToken);
}
