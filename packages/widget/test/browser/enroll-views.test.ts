import { expect, oneEvent } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { cleanup, button, click, expectAccessible, heading, mount, press, root, type, until, waitForHeading } from './helpers.js';
import { PASSWORD, createUser, useSimulator } from './factors-support.js';
import { UNREACHABLE, enrollEntry, enrollState } from './raw-fixtures.js';

/** A request to the simulator's authn API from the page (CORS), as another client of the same org would make it. */
async function authn(baseUrl: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/api/v1/authn${path}`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(json)).to.equal(200);
  return json;
}

function groups(element: OktaAuthn): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const list of root(element).querySelectorAll('[part~="factor-list"]')) {
    const title = root(element).querySelector(`#${CSS.escape(list.getAttribute('aria-labelledby') ?? '')}`)?.textContent?.trim() ?? '';
    result[title] = [...list.querySelectorAll('li')].map((item) => item.textContent?.trim() ?? '');
  }
  return result;
}

describe('MFA_ENROLL and MFA_ENROLL_ACTIVATE views', () => {
  afterEach(cleanup);

  it('lists required and optional security methods apart, without skip while something is required', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = enrollState([enrollEntry('question', 'OKTA', 'OPTIONAL'), enrollEntry('sms', 'OKTA', 'REQUIRED'), enrollEntry('email', 'OKTA', 'OPTIONAL')], false);
    await waitForHeading(element, 'Set up security methods');
    const listed = groups(element);
    expect(Object.keys(listed)).to.deep.equal(['Required', 'Optional']);
    expect(listed.Required).to.have.length(1);
    expect(listed.Optional).to.have.length(2);
    expect(() => button(element, 'Skip')).to.throw();
    expect(() => button(element, 'Finish')).to.throw();
    await expectAccessible(element);
  });

  it('picking a method opens its enroll step, and "back to security methods" returns to the list', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = enrollState([enrollEntry('sms', 'OKTA', 'REQUIRED'), enrollEntry('claims_provider', 'CUSTOM', 'OPTIONAL')], false);
    await waitForHeading(element, 'Set up security methods');
    const picks = root(element).querySelectorAll<HTMLButtonElement>('button[part~="factor"]');
    picks[1]!.click();
    await element.updateComplete;
    await waitForHeading(element, 'This security method is not supported');
    await expectAccessible(element);
    await click(element, 'Back to security methods');
    await waitForHeading(element, 'Set up security methods');
    root(element).querySelector<HTMLButtonElement>('button[part~="factor"]')!.click();
    await element.updateComplete;
    expect(heading(element)).to.not.equal('Set up security methods');
    expect(button(element, 'Back to security methods').isConnected).to.equal(true);
  });

  it('marks methods already set up and offers "finish" when only optional ones remain', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = enrollState([enrollEntry('sms', 'OKTA', 'REQUIRED', 'ACTIVE'), enrollEntry('question', 'OKTA', 'OPTIONAL')], true);
    await waitForHeading(element, 'Set up security methods');
    const listed = groups(element);
    expect(listed.Required?.[0]).to.match(/Already set up$/);
    expect(root(element).querySelectorAll('[part~="factor-enrolled"] button')).to.have.length(0);
    expect(button(element, 'Finish').isConnected).to.equal(true);
    await expectAccessible(element);
  });

  it('offers "skip" when nothing is required', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = enrollState([enrollEntry('question', 'OKTA', 'OPTIONAL')], true);
    await waitForHeading(element, 'Set up security methods');
    expect(button(element, 'Skip set up').isConnected).to.equal(true);
    expect(root(element).textContent).to.include('You can add another security method now, or later.');
  });
});

describe('enrollment against the simulator', () => {
  const baseUrl = useSimulator();

  it('signing in a user who must enroll SMS shows it as required among the optional methods', async () => {
    const user = await createUser({ enroll: ['sms'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, 'multi-optional-factor-enroll': true });
    await type(element, 'username', user.login);
    await type(element, 'password', PASSWORD);
    await press('Enter');
    await waitForHeading(element, 'Set up security methods');
    const listed = groups(element);
    expect(listed.Required).to.have.length(1);
    expect(listed.Optional?.length).to.be.greaterThan(3);
    expect(() => button(element, 'Skip set up')).to.throw();
    await expectAccessible(element);
  });

  it('after enrolling one optional method, "finish" skips the rest and signs in', async () => {
    const user = await createUser();
    const start = await authn(baseUrl(), '', { username: user.login, password: PASSWORD, options: { multiOptionalFactorEnroll: true } });
    expect(start.status).to.equal('MFA_ENROLL');
    const enrolled = await authn(baseUrl(), '/factors', {
      stateToken: start.stateToken,
      factorType: 'question',
      provider: 'OKTA',
      profile: { question: 'disliked_food', answer: 'mayonnaise' },
    });
    expect(enrolled.status).to.equal('MFA_ENROLL');
    const element = await mount({ 'base-url': baseUrl() });
    element.transaction = enrolled;
    await waitForHeading(element, 'Set up security methods');
    expect(root(element).querySelectorAll('[part~="factor-enrolled"]')).to.have.length(1);
    const success = oneEvent(element, 'okta-authn-success');
    await click(element, 'Finish');
    expect((await success).detail.sessionToken).to.be.a('string');
  });

  it('MFA_ENROLL_ACTIVATE shows the factor step and "back to security methods" goes back with prev', async () => {
    const user = await createUser();
    const start = await authn(baseUrl(), '', { username: user.login, password: PASSWORD });
    const activate = await authn(baseUrl(), '/factors', { stateToken: start.stateToken, factorType: 'email', provider: 'OKTA', profile: { email: user.login } });
    expect(activate.status).to.equal('MFA_ENROLL_ACTIVATE');
    const element = await mount({ 'base-url': baseUrl() });
    const states: string[] = [];
    element.addEventListener('okta-authn-state', (event) => states.push(event.detail.status));
    element.transaction = activate;
    await until(() => heading(element) !== '', 'the activation step');
    await expectAccessible(element);
    await click(element, 'Back to security methods');
    await waitForHeading(element, 'Set up security methods');
    expect(states).to.deep.equal(['MFA_ENROLL_ACTIVATE', 'MFA_ENROLL']);
  });
});
