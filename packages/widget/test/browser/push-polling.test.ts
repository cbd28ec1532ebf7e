import { expect, oneEvent } from '@open-wc/testing';
import { button, cleanup, click, errorText, find, heading, mount, notice, press, text, type, until, waitForHeading } from './helpers.js';
import { UNREACHABLE, oktaError, pushAndTotpRequired, pushWaiting, successState } from './raw-fixtures.js';
import { drivePolling } from './factors-support.js';
import type { PollingDriver } from './factors-support.js';
import { settle, stubServer } from './stub-server.js';
import type { StubAnswer, StubRequest } from './stub-server.js';

const PUSH_VERIFY = '/api/v1/authn/factors/push1/verify';

/** Answers the push verify link with `answers` in turn (the last one repeats); everything else `{}`. */
function pushServer(answers: StubAnswer[], other: (request: StubRequest) => StubAnswer = () => ({ json: {} })) {
  let index = 0;
  return stubServer((request) => {
    if (request.url.pathname !== PUSH_VERIFY) return other(request);
    const answer = answers[Math.min(index, answers.length - 1)]!;
    index += 1;
    return answer;
  });
}

describe('Okta Verify push polling (scripted server)', () => {
  // Each poll goes when the test says, never after real seconds.
  let polling: PollingDriver;
  beforeEach(() => {
    polling = drivePolling();
  });
  afterEach(() => {
    cleanup();
    polling.restore();
  });

  it('push + Okta Verify code with "send automatically": the push is picked and sent on arrival', async () => {
    const stub = pushServer([{ json: pushWaiting() }, 'hold']);
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    element.transaction = pushAndTotpRequired(true);
    await waitForHeading(element, 'Approve a push notification');
    await until(() => stub.to(PUSH_VERIFY).length >= 1, 'the push sent');
    expect(stub.to(PUSH_VERIFY)[0]!.url.searchParams.get('autoPush')).to.equal('true');
    await until(() => text(element).includes('Approve it in Okta Verify'), 'the waiting step', element);
  });

  it('the stateToken of each poll answer is the one used next; going back stops polling and cancels once with it', async () => {
    const stub = pushServer([{ json: pushWaiting('00state-2') }, 'hold']);
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    element.transaction = pushWaiting('00state-1');
    await waitForHeading(element, 'Approve a push notification');
    await polling.poll();
    await polling.poll();
    await until(() => stub.held.length === 1, 'the second poll', element);
    expect(stub.to(PUSH_VERIFY).map((request) => request.body.stateToken)).to.deep.equal(['00state-1', '00state-2']);
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    await until(() => stub.to('/cancel').length === 1, 'the cancel request');
    expect(stub.to('/cancel')[0]!.body).to.deep.equal({ stateToken: '00state-2' });
    expect(stub.held[0]!.request.signal?.aborted).to.equal(true);
    await settle();
    expect(stub.to(PUSH_VERIFY)).to.have.length(2);
    expect(stub.to('/cancel')).to.have.length(1);
  });

  it('an expired transaction in the middle of polling returns to sign-in with "session expired"', async () => {
    const stub = pushServer([{ status: 401, json: oktaError('E0000011', 'Invalid token provided') }]);
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    element.transaction = pushWaiting();
    await waitForHeading(element, 'Approve a push notification');
    await polling.poll();
    await waitForHeading(element, 'Sign in');
    expect(notice(element)).to.equal('Your session has expired. Please sign in again.');
  });

  it('a rate-limited poll says so and when it checks again', async () => {
    const stub = pushServer([{ status: 429, json: oktaError('E0000047', 'API call exceeded rate limit'), headers: { 'Retry-After': '30' } }]);
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    element.transaction = pushWaiting();
    await polling.poll();
    await until(() => text(element).includes('Too many requests. Checking again in 30 seconds.'), 'the rate-limit notice', element);
    expect(heading(element)).to.equal('Approve a push notification');
    expect(errorText(element)).to.equal('');
  });

  it('a poll that gets no answer says it checks again, and the next answer signs in', async () => {
    const stub = pushServer(['network', { json: successState('20111afterNetwork') }]);
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    const success = oneEvent(element, 'okta-authn-success');
    element.transaction = pushWaiting();
    await polling.poll();
    await until(() => text(element).includes('We could not reach the sign-in service. Checking again in'), 'the retry notice', element);
    expect((await success).detail.sessionToken).to.equal('20111afterNetwork');
  });

  it('when going back to enter a code fails, polling for the push starts again', async () => {
    const stub = pushServer([{ json: pushWaiting() }, 'hold'], (request) => (request.url.pathname.endsWith('/previous') ? 'network' : { json: {} }));
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    element.transaction = pushAndTotpRequired(false);
    await waitForHeading(element, 'Choose a security method');
    await click(element, 'Okta Verify push');
    await click(element, 'Send push');
    await until(() => text(element).includes('Approve it in Okta Verify'), 'the waiting step', element);
    await click(element, 'Or enter a code from Okta Verify');
    await type(element, 'fallbackCode', '123456');
    await press('Enter');
    await until(() => errorText(element).includes('could not reach'), 'the failed prev', element);
    const before = stub.to(PUSH_VERIFY).length;
    await polling.poll();
    await until(() => stub.to(PUSH_VERIFY).length > before, 'polling to start again', element);
    expect(heading(element)).to.equal('Approve a push notification');
  });

  it('"send again" refused as too many (429) waits as long as the server says, counted down on the disabled button, and polling goes on', async () => {
    const resend = '/api/v1/authn/factors/push1/verify/resend';
    const limited: StubAnswer = { status: 429, json: oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), headers: { 'Retry-After': '45' } };
    const stub = pushServer([{ json: pushWaiting() }, 'hold'], (request) => (request.url.pathname === resend ? limited : { json: {} }));
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    element.transaction = pushWaiting();
    await waitForHeading(element, 'Approve a push notification');
    expect(button(element, 'Send again').disabled, 'a push just sent is not sent again at once').to.equal(true);
    const real = Date.now;
    Date.now = () => real.call(Date) + 31_000;
    try {
      await until(() => !button(element, 'Send again').disabled, '"send again" after 30 seconds', element);
      await click(element, 'Send again');
      const countdown = () => find(element, '[part~="countdown"]')?.textContent?.trim() ?? '';
      await until(() => stub.to(resend).length === 1 && countdown() !== '', 'the refused send counted down', element);
      expect(countdown()).to.match(/^You can send another push in (45|44) seconds\.$/);
      expect(button(element, 'Send again').disabled).to.equal(true);
      expect(errorText(element)).to.equal('');
      await polling.poll();
      await until(() => stub.to(PUSH_VERIFY).length === 1, 'polling going on', element);
    } finally {
      Date.now = real;
    }
  });
});
