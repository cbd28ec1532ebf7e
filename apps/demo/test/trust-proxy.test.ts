import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemo } from '../src/server.js';
import type { DemoOptions, RunningDemo } from '../src/server.js';
// The middleware's stand-in for Okta's session endpoints and its raw HTTP client (test helpers are not package exports).
import { startStubOkta } from '../../../packages/express/test/helpers/stub-okta.js';
import type { StubOkta } from '../../../packages/express/test/helpers/stub-okta.js';
import { Visitor } from '../../../packages/express/test/helpers/raw-http.js';
import type { Answer } from '../../../packages/express/test/helpers/raw-http.js';

// The middleware allows 60 sign-in attempts per client address a minute (and 5 per app session).
const PER_ADDRESS = 60;
// The attempt window is read from this clock, which never moves: however slowly the machine sends the
// attempts, they all fall in one window, so the 61st is over the limit only because of the count.
const frozenClock = (): number => Date.UTC(2026, 0, 1);
let okta: StubOkta;

beforeAll(async () => {
  okta = await startStubOkta();
});
afterAll(() => okta?.close());

/** Sends `count` junk sign-in attempts, 5 per app session, each claiming to come from a different X-Forwarded-For address. */
async function attempts(demo: RunningDemo, count: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  let visitor = new Visitor(demo.url);
  let csrf = '';
  for (let index = 0; index < count; index += 1) {
    if (index % 5 === 0) {
      visitor = new Visitor(demo.url);
      csrf = await visitor.csrf();
    }
    answers.push(
      await visitor.send({
        method: 'POST',
        path: '/auth/session',
        headers: { origin: demo.url, 'x-csrf-token': csrf, 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${index + 1}` },
        body: JSON.stringify({ sessionToken: '20111junkTokenThatOktaNeverIssued0000000000000000' }),
      }),
    );
  }
  return answers;
}

async function withDemo(options: DemoOptions, run: (demo: RunningDemo) => Promise<void>): Promise<void> {
  const demo = await startDemo({ port: 0, orgUrl: okta.url, clock: frozenClock, ...options });
  try {
    await run(demo);
  } finally {
    await demo.close();
  }
}

describe('X-Forwarded-For and the per-address sign-in limit', () => {
  test('without TRUST_PROXY, X-Forwarded-For is ignored: one client cannot dodge the limit by inventing addresses', async () => {
    await withDemo({}, async (demo) => {
      const answers = await attempts(demo, PER_ADDRESS + 1);
      expect(answers.slice(0, PER_ADDRESS).every((answer) => answer.json?.errorCode === 'EINVALIDTOKEN')).toBe(true);
      expect(answers.at(-1)?.status).toBe(429);
      expect(answers.at(-1)?.json?.errorSummary).toBe('Too many sign-in attempts from this address; try again later');
    });
  });

  test('with TRUST_PROXY (behind a proxy on loopback), each forwarded address has its own count', async () => {
    await withDemo({ trustProxy: ['loopback'] }, async (demo) => {
      const answers = await attempts(demo, PER_ADDRESS + 1);
      expect(answers.map((answer) => answer.json?.errorCode)).toEqual(Array.from({ length: PER_ADDRESS + 1 }, () => 'EINVALIDTOKEN'));
    });
  });
});
