import { describe, expect, test } from 'vitest';
import { AuthnClient, InvalidInputError, NetworkError, OktaApiError, TransactionExpiredError } from '../src/index.js';
import type { Transaction } from '../src/index.js';
import { clientFor, forbiddenFetch, link, ORG, user } from './helpers.js';

const verifyUrl = `${ORG}/api/v1/authn/factors/opf1simPUSH00000a001/verify`;
const push = { id: 'opf1simPUSH00000a001', factorType: 'push', provider: 'OKTA', profile: {} };
const challenge = (factorResult: string, token: string, correctAnswer?: number) => ({
  status: 'MFA_CHALLENGE',
  stateToken: token,
  factorResult,
  _embedded: { user, factor: correctAnswer === undefined ? push : { ...push, _embedded: { challenge: { correctAnswer } } } },
  _links: {
    next: link('/api/v1/authn/factors/opf1simPUSH00000a001/verify', factorResult === 'WAITING' ? 'poll' : 'verify'),
    prev: link('/api/v1/authn/previous'),
    cancel: link('/api/v1/authn/cancel'),
    resend: [link('/api/v1/authn/factors/opf1simPUSH00000a001/verify/resend', 'push')],
  },
});
const success = { status: 'SUCCESS', sessionToken: '20111simSessionToken', _embedded: { user } };
const rateLimited = (headers: Record<string, string> = {}) => ({
  url: verifyUrl,
  body: { stateToken: 'A' },
  status: 429,
  response: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorCauses: [] },
  responseHeaders: headers,
});

/** A timer that records each delay and resolves at once. */
function recordingSleep() {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms: number, signal?: AbortSignal) => {
      delays.push(ms);
      signal?.throwIfAborted();
    },
  };
}

describe('polling a push', () => {
  test('posts the latest stateToken every interval and resolves on the first non-WAITING result', async () => {
    const { client } = clientFor([
      { url: verifyUrl, body: { stateToken: 'A' }, response: challenge('WAITING', 'B') },
      { url: verifyUrl, body: { stateToken: 'B' }, response: challenge('WAITING', 'C', 47) },
      { url: verifyUrl, body: { stateToken: 'C' }, response: challenge('WAITING', 'C', 92) },
      { url: verifyUrl, body: { stateToken: 'C' }, response: success },
    ]);
    const timer = recordingSleep();
    const answers: unknown[] = [];
    const onUpdate = (tx: Transaction) => answers.push(tx.status === 'MFA_CHALLENGE' && !Array.isArray(tx._embedded.factor) ? tx._embedded.factor?._embedded?.challenge?.correctAnswer : 'n/a');
    const done = await client.wrap(challenge('WAITING', 'A')).poll({ sleep: timer.sleep, onUpdate });
    expect(done.status).toBe('SUCCESS');
    expect(answers).toEqual([undefined, 47, 92]);
    expect(timer.delays).toEqual([4000, 4000, 4000, 4000]);
  });

  test('sends the query of every poll, so rememberDevice and autoPush are stored by the poll that succeeds', async () => {
    const withQuery = `${verifyUrl}?rememberDevice=true&autoPush=true`;
    const { client } = clientFor([
      { url: withQuery, body: { stateToken: 'A' }, response: challenge('WAITING', 'A') },
      { url: withQuery, body: { stateToken: 'A' }, response: success },
    ]);
    const done = await client.wrap(challenge('WAITING', 'A')).poll({ intervalMs: 0, query: { rememberDevice: true, autoPush: true } });
    expect(done.status).toBe('SUCCESS');
  });

  test.each(['REJECTED', 'TIMEOUT'])('stops on %s and leaves the next verify to the caller', async (result) => {
    const { client } = clientFor([{ url: verifyUrl, body: { stateToken: 'A' }, response: challenge(result, 'A') }]);
    const done = await client.wrap(challenge('WAITING', 'A')).poll({ intervalMs: 0 });
    expect(done.factorResult).toBe(result);
    expect(done.moves()).toContain('next:verify');
  });

  test('an activation polls every 6 s by default and the interval is overridable', async () => {
    const activation = {
      status: 'MFA_ENROLL_ACTIVATE',
      stateToken: 'A',
      factorResult: 'WAITING',
      _embedded: { user, factor: push },
      _links: { next: link('/api/v1/authn/factors/opf1simPUSH00000a001/lifecycle/activate/poll', 'poll') },
    };
    const url = `${ORG}/api/v1/authn/factors/opf1simPUSH00000a001/lifecycle/activate/poll`;
    const { client } = clientFor([
      { url, body: { stateToken: 'A' }, response: success },
      { url, body: { stateToken: 'A' }, response: success },
    ]);
    const timer = recordingSleep();
    await client.wrap(activation).poll({ sleep: timer.sleep });
    await client.wrap(activation).poll({ sleep: timer.sleep, intervalMs: 250 });
    expect(timer.delays).toEqual([6000, 250]);
  });

  test('backs off 1, 2, 4 s on 429 and network errors, then goes on at the normal pace', async () => {
    const { client } = clientFor([
      rateLimited(),
      { url: verifyUrl, body: { stateToken: 'A' }, networkError: new TypeError('fetch failed') },
      rateLimited(),
      { url: verifyUrl, body: { stateToken: 'A' }, response: challenge('WAITING', 'A') },
      { url: verifyUrl, body: { stateToken: 'A' }, response: success },
    ]);
    const timer = recordingSleep();
    const done = await client.wrap(challenge('WAITING', 'A')).poll({ sleep: timer.sleep, intervalMs: 100 });
    expect(done.status).toBe('SUCCESS');
    expect(timer.delays).toEqual([100, 1000, 2000, 4000, 100]);
  });

  test('honours Retry-After and X-Rate-Limit-Reset, but never waits longer than 60 s by default', async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 3600;
    const { client } = clientFor([rateLimited({ 'Retry-After': '30' }), rateLimited({ 'X-Rate-Limit-Reset': String(resetAt) }), { url: verifyUrl, body: { stateToken: 'A' }, response: success }]);
    const timer = recordingSleep();
    await client.wrap(challenge('WAITING', 'A')).poll({ sleep: timer.sleep, intervalMs: 0 });
    expect(timer.delays).toEqual([0, 30_000, 60_000]);
  });

  test('maxDelayMs moves the cap, for the server\'s delay and the growing backoff alike', async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 3600;
    const { client } = clientFor([
      rateLimited({ 'X-Rate-Limit-Reset': String(resetAt) }),
      ...Array.from({ length: 4 }, () => rateLimited()),
      { url: verifyUrl, body: { stateToken: 'A' }, response: success },
    ]);
    const timer = recordingSleep();
    await client.wrap(challenge('WAITING', 'A')).poll({ sleep: timer.sleep, intervalMs: 0, maxDelayMs: 5000 });
    expect(timer.delays).toEqual([0, 5000, 2000, 4000, 5000, 5000]);
  });

  test('onRetry tells the UI why and how long before each retry wait ("rate limited, trying again in 30 s")', async () => {
    const offline = new TypeError('fetch failed');
    const { client } = clientFor([
      rateLimited({ 'Retry-After': '30' }),
      { url: verifyUrl, body: { stateToken: 'A' }, networkError: offline },
      { url: verifyUrl, body: { stateToken: 'A' }, response: success },
    ]);
    const timer = recordingSleep();
    const retries: { error: unknown; delayMs: number; attempt: number; slept: number }[] = [];
    await client.wrap(challenge('WAITING', 'A')).poll({
      sleep: timer.sleep,
      intervalMs: 0,
      onRetry: (info) => retries.push({ ...info, slept: timer.delays.length }),
    });
    expect(retries).toEqual([
      { error: expect.objectContaining({ errorCode: 'E0000047', status: 429 }), delayMs: 30_000, attempt: 1, slept: 1 },
      { error: expect.objectContaining({ code: 'NETWORK_ERROR', cause: offline }), delayMs: 2000, attempt: 2, slept: 2 },
    ]);
    expect(timer.delays).toEqual([0, 30_000, 2000]);
  });

  test.each([
    ['maxDelayMs', -1],
    ['maxDelayMs', 2 ** 31],
    ['intervalMs', 0.5],
    ['maxRetries', Number.NaN],
  ])('%s %s is refused with INVALID_INPUT before any poll', async (field, value) => {
    const tx = new AuthnClient({ baseUrl: ORG, fetch: forbiddenFetch }).wrap(challenge('WAITING', 'A'));
    const error = await tx.poll({ [field]: value }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([`${field}: expected a whole number from 0 to 2147483647`]);
  });

  test('gives up after 5 retries with the last error instead of hammering', async () => {
    const { client, script } = clientFor(Array.from({ length: 6 }, () => rateLimited()));
    const timer = recordingSleep();
    const error = await client.wrap(challenge('WAITING', 'A')).poll({ sleep: timer.sleep, intervalMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaApiError);
    expect((error as OktaApiError).status).toBe(429);
    expect(timer.delays).toEqual([0, 1000, 2000, 4000, 8000, 16000]);
    expect(script.remaining()).toBe(0);
  });

  test('a network error that persists rejects with NetworkError after the retries', async () => {
    const { client } = clientFor(Array.from({ length: 3 }, () => ({ url: verifyUrl, body: { stateToken: 'A' }, networkError: new TypeError('offline') })));
    const error = await client.wrap(challenge('WAITING', 'A')).poll({ sleep: async () => {}, maxRetries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
  });

  test('other errors (an expired transaction) stop polling at once', async () => {
    const { client } = clientFor([{ url: verifyUrl, body: { stateToken: 'A' }, status: 401, response: { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] } }]);
    await expect(client.wrap(challenge('WAITING', 'A')).poll({ sleep: async () => {} })).rejects.toBeInstanceOf(TransactionExpiredError);
  });

  test('aborting the signal stops polling with the signal reason', async () => {
    const controller = new AbortController();
    const { client, script } = clientFor([
      { url: verifyUrl, body: { stateToken: 'A' }, response: challenge('WAITING', 'A') },
      { url: verifyUrl, body: { stateToken: 'A' }, response: challenge('WAITING', 'A') },
    ]);
    const reason = new Error('user went back');
    const polling = client.wrap(challenge('WAITING', 'A')).poll({ intervalMs: 0, signal: controller.signal, onUpdate: () => controller.abort(reason) });
    await expect(polling).rejects.toBe(reason);
    expect(script.remaining()).toBe(1);
  });

  test('the real timer waits for the interval and rejects as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const { client, script } = clientFor([{ url: verifyUrl, body: { stateToken: 'A' }, response: success }]);
    const polling = client.wrap(challenge('WAITING', 'A')).poll({ intervalMs: 60_000, signal: controller.signal });
    controller.abort();
    await expect(polling).rejects.toMatchObject({ name: 'AbortError' });
    expect(script.remaining()).toBe(1);
    await expect(client.wrap(challenge('WAITING', 'A')).poll({ intervalMs: 1 })).resolves.toMatchObject({ status: 'SUCCESS' });
  });
});
