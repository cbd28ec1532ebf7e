import { expect, oneEvent } from '@open-wc/testing';
import { cleanup, button, click, errorText, expectAccessible, find, focused, input, mount, press, sim, text, type, until, waitForHeading } from './helpers.js';
import { addFactor, advance, countRequests, createUser, drivePolling, outbox, passcode, signIn, useSimulator } from './factors-support.js';
import type { PollingDriver } from './factors-support.js';

describe('Okta Verify push against the simulator', () => {
  const baseUrl = useSimulator();
  // Each poll goes when the test says (after it moved the simulator's clock or answered on the "phone"), never after real seconds.
  let polling: PollingDriver;
  beforeEach(() => {
    polling = drivePolling();
  });
  afterEach(() => polling.restore());

  it('send push, the number challenge shown large, approve on the phone; "send automatically" is then remembered and sends on arrival', async () => {
    const user = await createUser({ numberChallenge: true });
    const factor = await addFactor(user, { factorType: 'push', provider: 'OKTA' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Approve a push notification');
    expect(text(element)).to.include('Okta Verify');
    const auto = input(element, 'autoPush');
    expect(auto.checked).to.equal(false);
    await expectAccessible(element);
    auto.click();
    await click(element, 'Send push');
    await until(() => find(element, '[part="challenge"]') !== null, 'the number challenge', element);
    expect(find(element, '[part="waiting"]')?.textContent).to.include('Approve it in Okta Verify');
    const number = Number(find(element, '[part="challenge"]')!.textContent);
    expect(getComputedStyle(find(element, '[part="challenge"]')!).fontSize).to.equal('48px');
    await until(() => find(element, '[aria-live="polite"]')?.textContent?.trim() === `Tap this number in Okta Verify: ${number}`, 'the number announced', element);
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    expect((await sim('POST', `/__sim/push/${factor.id}/approve`, { answer: number })).body).to.include({ answered: 'verification' });
    await polling.poll();
    await success;
    cleanup();

    const again = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(again, user.login);
    await until(() => find(again, '[part="waiting"]') !== null, 'the push sent on arrival', again);
    const answer = Number(find(again, '[part="challenge"]')!.textContent);
    const done = oneEvent(again, 'okta-authn-success');
    await sim('POST', `/__sim/push/${factor.id}/approve`, { answer });
    await polling.poll();
    await done;
  });

  it('a rejected push says so and can be sent again; an unanswered one times out, then "send again" and approve signs in', async () => {
    const user = await createUser();
    const factor = await addFactor(user, { factorType: 'push', provider: 'OKTA' });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Approve a push notification');
    await click(element, 'Send push');
    await until(() => find(element, '[part="waiting"]') !== null, 'the waiting indicator', element);
    expect(find(element, '[part="challenge"]')).to.equal(null);
    await sim('POST', `/__sim/push/${factor.id}/reject`, {});
    await polling.poll();
    await until(() => text(element).includes('You rejected this sign-in'), 'the rejected message', element);
    expect(find(element, '[role="alert"]')?.textContent).to.equal('You rejected this sign-in in Okta Verify.');
    await until(() => focused(element) === button(element, 'Send push again'), 'focus on "send push again"', element);
    await expectAccessible(element);
    await click(element, 'Send push again');
    await until(() => find(element, '[part="waiting"]') !== null, 'waiting again', element);

    const polls = countRequests(`/factors/${factor.id}/verify`);
    try {
      await advance(240);
      await polling.pollUntil(() => polls.count() > 0, 'a poll after the clock moved');
      await advance(61);
      await polling.pollUntil(() => text(element).includes('The push notification expired'), 'the timeout message');
    } finally {
      polls.restore();
    }
    await expectAccessible(element);
    await click(element, 'Send push again');
    await until(() => find(element, '[part="waiting"]') !== null, 'waiting after the timeout', element);
    const success = oneEvent(element, 'okta-authn-success');
    await sim('POST', `/__sim/push/${factor.id}/approve`, {});
    await polling.poll();
    await success;
  });

  it('while a push waits, a code from Okta Verify can be entered instead; a wrong one keeps the code field', async () => {
    const user = await createUser();
    await addFactor(user, { factorType: 'push', provider: 'OKTA' });
    const totp = await addFactor(user, { factorType: 'token:software:totp', provider: 'OKTA' });
    await advance(30);
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Choose a security method');
    await click(element, 'Okta Verify push');
    await click(element, 'Send push');
    await until(() => find(element, '[part="waiting"]') !== null, 'the waiting indicator', element);
    await click(element, 'Or enter a code from Okta Verify');
    expect(focused(element)).to.equal(input(element, 'fallbackCode'));
    await type(element, 'fallbackCode', '000001');
    await press('Enter');
    await until(() => errorText(element).includes('not correct'), 'the wrong-code message', element);
    expect(focused(element)).to.equal(input(element, 'fallbackCode'));
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'fallbackCode', (await passcode(user, totp.id)).passCode);
    await press('Enter');
    await success;
  });

  it('enrollment: QR code while waiting, the link sent by SMS and email, TIMEOUT → a new QR code, then the phone links it', async () => {
    const user = await createUser({ enroll: ['push'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, lang: 'en-US' });
    await signIn(element, user.login);
    await until(() => text(element).includes('Okta Verify push'), 'the enrollment list', element);
    await click(element, 'Okta Verify push');
    await waitForHeading(element, 'Set up Okta Verify');
    await press('Enter');
    await waitForHeading(element, 'Link Okta Verify');
    const qr = find<HTMLImageElement>(element, 'img[part="qr"]')!;
    await qr.decode();
    expect(qr.naturalWidth).to.be.greaterThan(100);
    expect(find(element, '[part="waiting"]')).to.not.equal(null);
    await expectAccessible(element);

    find<HTMLElement>(element, 'details summary')!.click();
    await type(element, 'phoneNumber', user.phone.slice(2));
    await press('Enter');
    await until(() => text(element).includes('Link sent. Open it on your phone.'), 'the SMS link', element);
    expect(errorText(element)).to.equal('');
    expect((await outbox(user.phone)).at(-1)?.text).to.include('/qr/');
    await click(element, 'Email me a link');
    await until(() => !element.shadowRoot?.querySelector('form[aria-busy="true"]'), 'the email link', element);
    expect((await outbox(user.login)).at(-1)?.text).to.include('/qr/');
    expect(errorText(element)).to.equal('');

    const polls = countRequests('/lifecycle/activate/poll');
    try {
      await advance(240);
      const seen = polls.count();
      await polling.pollUntil(() => polls.count() > seen, 'a poll after the clock moved');
      await advance(61);
      await polling.pollUntil(() => text(element).includes('The QR code expired'), 'the activation timeout');
    } finally {
      polls.restore();
    }
    await expectAccessible(element);
    await click(element, 'Get a new QR code');
    await until(() => find(element, 'img[part="qr"]') !== null, 'a new QR code', element);
    const factorId = ((await sim<{ id: string }[]>('GET', `/api/v1/users/${user.id}/factors`)).body[0]!).id;
    const success = oneEvent(element, 'okta-authn-success');
    await sim('POST', `/__sim/push/${factorId}/approve`, {});
    await polling.poll();
    await success;
  });
});
