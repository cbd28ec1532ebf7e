import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { button, click, errorText, expectAccessible, find, mount, root, sim, text, until, waitForHeading } from './helpers.js';
import { addFactor, createUser, drivePolling, factorsOf, outbox, signIn, simNow, useSimulator } from './factors-support.js';
import type { PollingDriver } from './factors-support.js';

/**
 * The page's clock (`Date.now`, which the element's countdowns read) set to the simulator's, and
 * both moved together: the times the simulator sends (`expiresAt`, `X-Rate-Limit-Reset`) then mean
 * on the page what they mean to the simulator, however far earlier tests moved its clock.
 */
async function sharedClock(): Promise<{ advance(seconds: number): Promise<void>; restore(): void }> {
  const real = Date.now;
  let offset = (await simNow()) - real.call(Date);
  Date.now = () => real.call(Date) + offset;
  return {
    async advance(seconds: number) {
      const moved = await sim('POST', '/__sim/clock/advance', { seconds });
      expect(moved.status).to.equal(200);
      offset += seconds * 1000;
    },
    restore() {
      Date.now = real;
    },
  };
}

/** The card's height: what moves when a line comes or goes. */
function height(element: OktaAuthn): number {
  return element.getBoundingClientRect().height;
}

/** The text of the line under the push's waiting indicator (time left, or why polling waits). */
function pushLine(element: OktaAuthn): string {
  return find(element, '[part="expires"], [part="waiting"] + [part="intro"]')?.textContent?.trim() ?? '';
}

/** The countdown line's visible text ('' while nothing counts down; its space is kept). */
function countdown(element: OktaAuthn): string {
  return find(element, '[part~="countdown"]')?.textContent?.trim() ?? '';
}

describe('waiting is visible: push time left, "send again", rate-limited sends', () => {
  const baseUrl = useSimulator();
  let polling: PollingDriver;
  let clock: Awaited<ReturnType<typeof sharedClock>> | undefined;
  beforeEach(() => {
    polling = drivePolling();
  });
  afterEach(() => {
    polling.restore();
    clock?.restore();
    clock = undefined;
  });

  it('a waiting push says how long it has left, offers "send again" after 30 seconds without moving anything, and once it expires offers to send it again', async () => {
    const user = await createUser();
    const factor = await addFactor(user, { factorType: 'push', provider: 'OKTA' });
    clock = await sharedClock();
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Approve a push notification');
    await click(element, 'Send push');
    await until(() => pushLine(element).startsWith('It expires in'), 'the time left', element);
    // The simulator gives a push five minutes: the expiresAt of the answer that sent it.
    expect(pushLine(element)).to.match(/^It expires in (5:00|4:5\d)\.$/);
    expect(button(element, 'Send again').disabled).to.equal(true);
    expect(countdown(element)).to.match(/^You can send another push in (30|29|28) seconds\.$/);
    const withCountdown = height(element);
    await expectAccessible(element);

    await clock.advance(120);
    // A poll meanwhile (the page polls every few seconds) keeps the stateToken alive; the push still expires on time.
    await polling.poll();
    await until(() => /^It expires in (3:00|2:5\d)\.$/.test(pushLine(element)), 'the time left, two minutes later', element);
    await until(() => !button(element, 'Send again').disabled, '"send again" offered', element);
    expect(countdown(element)).to.equal('');
    expect(height(element), 'the countdown line keeps its space when it empties').to.equal(withCountdown);

    await clock.advance(181);
    await polling.pollUntil(() => text(element).includes('The push notification expired'), 'the timeout');
    expect(pushLine(element)).to.equal('');
    expect(button(element, 'Send push again').disabled).to.equal(false);
    await expectAccessible(element);
    await click(element, 'Send push again');
    await until(() => pushLine(element).startsWith('It expires in 5:00') || pushLine(element).startsWith('It expires in 4:5'), 'a new push, five minutes again', element);
    expect((await factorsOf(user)).some((entry) => entry.id === factor.id)).to.equal(true);
  });

  it('"send again" refused as too many (429) is disabled with a countdown that goes down, with no error banner and no line jumping; when it ends the code goes', async () => {
    const user = await createUser({ sms: true });
    const [sms] = await factorsOf(user);
    clock = await sharedClock();
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Verify with a text message');
    await click(element, 'Send code');
    await until(() => countdown(element).startsWith('You can send a new code in'), 'the resend countdown', element);
    const sent = (await outbox(user.phone, 'sms')).length;
    await clock.advance(30);
    await until(() => !button(element, 'Send again').disabled, '"send again" offered', element);
    const before = height(element);

    // Another text to the same phone, from elsewhere: Okta's 30 seconds between texts start again.
    expect((await sim('POST', `/api/v1/users/${user.id}/factors/${sms!.id}/verify`, {})).status).to.be.oneOf([200, 201]);
    await click(element, 'Send again');
    await until(() => button(element, 'Send again').disabled && countdown(element) !== '', 'the refused send counted down', element);
    expect(countdown(element)).to.match(/^You can send a new code in (31|30|29|28) seconds\.$/);
    expect(errorText(element), 'no error banner: the countdown says it').to.equal('');
    expect(height(element), 'the countdown appears in the space kept for it').to.equal(before);
    await expectAccessible(element);

    await clock.advance(10);
    await until(() => /^You can send a new code in (21|20|19|18) seconds\.$/.test(countdown(element)), 'the countdown going down', element);
    expect(button(element, 'Send again').disabled).to.equal(true);

    await clock.advance(20);
    await until(() => !button(element, 'Send again').disabled, '"send again" offered again', element);
    expect(countdown(element)).to.equal('');
    expect(height(element)).to.equal(before);
    const count = (await outbox(user.phone, 'sms')).length;
    await click(element, 'Send again');
    await until(() => countdown(element).startsWith('You can send a new code in'), 'the countdown after the new code', element);
    expect((await outbox(user.phone, 'sms')).length).to.equal(count + 1);
    expect(count).to.equal(sent + 1);
  });

  it('"Send code" refused as too many (429) after going back to the same phone is disabled with the countdown under it, then sends', async () => {
    const user = await createUser({ sms: true });
    await addFactor(user, { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'mayonnaise' } });
    clock = await sharedClock();
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Choose a security method');
    await click(element, 'SMS');
    await click(element, 'Send code');
    await waitForHeading(element, 'Verify with a text message');
    await until(() => countdown(element).startsWith('You can send a new code in'), 'the code step', element);
    // Back to MFA_REQUIRED (Okta's prev), which opens on the method chosen before.
    await click(element, 'Choose another security method');
    await until(() => root(element).querySelector('[part~="submit"]')?.textContent?.includes('Send code') === true, 'the send step again', element);
    await click(element, 'Send code');
    await until(() => countdown(element) !== '', 'the refused send counted down', element);
    expect(countdown(element)).to.match(/^You can send a new code in (31|30|29|28|27|26|25) seconds\.$/);
    expect(button(element, 'Send code').disabled).to.equal(true);
    expect(errorText(element)).to.equal('');
    await expectAccessible(element);

    await clock.advance(31);
    await until(() => !button(element, 'Send code').disabled, '"Send code" offered again', element);
    expect(countdown(element)).to.equal('');
    const count = (await outbox(user.phone, 'sms')).length;
    await click(element, 'Send code');
    await until(() => root(element).querySelector('[name="passCode"]') !== null, 'the code step', element);
    expect((await outbox(user.phone, 'sms')).length).to.equal(count + 1);
  });
});
