import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { button, cleanup, click, errorText, focused, heading, input, mount, press, root, type, until, waitForHeading } from './helpers.js';
import { UNREACHABLE, enrollEntry, enrollState, mfaRequired, oktaError, passwordState, smsChallenge, smsFactor, successState, user } from './raw-fixtures.js';
import { settle, stubServer } from './stub-server.js';

declare global {
  interface Window {
    __xss?: number;
  }
}

/** Records `okta-authn-error` and `okta-authn-success` of an element. */
function record(element: OktaAuthn) {
  const errors: Error[] = [];
  const successes: unknown[] = [];
  element.addEventListener('okta-authn-error', (event) => errors.push(event.detail.error));
  element.addEventListener('okta-authn-success', (event) => successes.push(event.detail));
  return { errors, successes };
}

/** Flags an attempt to leave the test page. */
function watchNavigation(): { left: () => boolean; stop: () => void } {
  let left = false;
  const listener = () => {
    left = true;
  };
  window.addEventListener('beforeunload', listener);
  return { left: () => left, stop: () => window.removeEventListener('beforeunload', listener) };
}

async function sessionLog(): Promise<{ body: unknown; headers: Record<string, string> }[]> {
  return (await (await fetch('/__widget-test/session-log')).json()) as { body: unknown; headers: Record<string, string> }[];
}

const CONFIG_ERROR = 'This sign-in form is not set up correctly';

describe('links and URLs the element follows', () => {
  afterEach(cleanup);

  for (const href of ['javascript:window.__xss=(window.__xss||0)+1', 'https://evil.example/steal', '//evil.example/steal', 'data:text/html,<script>window.__xss=1</script>']) {
    it(`a step-up SUCCESS whose original link is ${href.slice(0, 24)}… is not followed, even when the event is not cancelled`, async () => {
      window.__xss = undefined;
      const navigation = watchNavigation();
      try {
        const element = await mount({ 'base-url': 'https://org.example.test' });
        const { errors, successes } = record(element);
        element.transaction = { status: 'SUCCESS', type: 'SESSION_STEP_UP', expiresAt: '2030-01-01T00:00:00.000Z', _embedded: { user }, _links: { next: { name: 'original', href, hints: { allow: ['GET'] } } } };
        await until(() => errors.length > 0, 'the refusal', element);
        expect(errors[0]!.name).to.be.oneOf(['UnsafeLinkError', 'InvalidResponseError']);
        if (errors[0]!.name === 'UnsafeLinkError') {
          expect(successes).to.have.length(1);
          expect(errorText(element)).to.include('the page to return to is not allowed');
        }
        await settle();
        expect(window.__xss).to.equal(undefined);
        expect(navigation.left()).to.equal(false);
      } finally {
        navigation.stop();
      }
    });
  }

  for (const endpoint of ['https://evil.example/session', '//evil.example/session', 'javascript:alert(1)']) {
    it(`session-endpoint ${endpoint} (not the page's origin) fails with a configuration error and sends nothing`, async () => {
      const stub = stubServer(() => ({ json: {} }));
      const element = await mount({ 'base-url': UNREACHABLE, 'session-endpoint': endpoint, 'csrf-token': 'csrf-secret' }, { fetch: stub.fetch });
      const { errors } = record(element);
      element.transaction = successState('20111tokenB');
      await until(() => errorText(element).includes(CONFIG_ERROR), 'the configuration error', element);
      expect(errors.map((error) => error.name)).to.deep.equal(['ConfigurationError']);
      expect(errors[0]!.message).to.include('session-endpoint');
      expect(stub.requests).to.deep.equal([]);
    });
  }

  it('a relative session-endpoint resolves against the page and carries the csrf-token attribute in csrf-header', async () => {
    await sessionLog();
    let answered = false;
    const passThrough = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      answered = true;
      return response;
    };
    const element = await mount({ 'base-url': UNREACHABLE, 'session-endpoint': '/__widget-test/session', 'csrf-token': 'from-attribute', 'csrf-header': 'X-App-Csrf' }, { fetch: passThrough });
    element.transaction = successState('20111tokenC');
    await until(() => answered, 'the session POST to finish');
    const log = await sessionLog();
    expect(log).to.have.length(1);
    expect(log[0]!.body).to.deep.equal({ sessionToken: '20111tokenC' });
    expect(log[0]!.headers['x-app-csrf']).to.equal('from-attribute');
  });

  for (const redirect of ['javascript:window.__xss=1', 'https://evil.example/after']) {
    it(`redirect-to ${redirect} is refused before anything is sent`, async () => {
      window.__xss = undefined;
      const navigation = watchNavigation();
      try {
        await sessionLog();
        const element = await mount({ 'base-url': UNREACHABLE, 'session-endpoint': '/__widget-test/session', 'redirect-to': redirect });
        const { errors } = record(element);
        element.transaction = successState();
        await until(() => errorText(element).includes(CONFIG_ERROR), 'the configuration error', element);
        expect(errors[0]!.message).to.include('redirect-to');
        expect(await sessionLog()).to.deep.equal([]);
        expect(window.__xss).to.equal(undefined);
        expect(navigation.left()).to.equal(false);
      } finally {
        navigation.stop();
      }
    });
  }

  it('without base-url, signing in says the form is not set up (not a network failure) and sends nothing', async () => {
    const stub = stubServer(() => ({ json: {} }));
    const element = await mount({}, { fetch: stub.fetch });
    const { errors } = record(element);
    await type(element, 'username', 'ada@example.test');
    await type(element, 'password', 'Secret-123');
    await press('Enter');
    await until(() => errorText(element) !== '', 'the error', element);
    expect(errorText(element)).to.include(CONFIG_ERROR);
    expect(errors.map((error) => error.name)).to.deep.equal(['ConfigurationError']);
    expect(stub.requests).to.deep.equal([]);
  });
});

describe('results that arrive too late', () => {
  afterEach(cleanup);

  it('removing the element while sign-in runs drops the answer: no success event, no session POST', async () => {
    const stub = stubServer((request) => (request.url.pathname === '/api/v1/authn' ? 'hold' : { json: {} }));
    const element = await mount({ 'base-url': UNREACHABLE, 'session-endpoint': '/__widget-test/session' }, { fetch: stub.fetch });
    const { successes } = record(element);
    await type(element, 'username', 'ada@example.test');
    await type(element, 'password', 'Secret-123');
    await press('Enter');
    await until(() => stub.held.length === 1, 'the sign-in request');
    element.remove();
    stub.held[0]!.release({ json: successState('20111late') });
    await settle();
    await element.updateComplete;
    expect(successes).to.deep.equal([]);
    expect(stub.to('/__widget-test/session')).to.deep.equal([]);
    expect(await sessionLog()).to.deep.equal([]);
  });

  it('"Back to sign in" stays enabled while a request stalls, cancels the transaction once and drops the late answer', async () => {
    const stub = stubServer((request) => (request.url.pathname.endsWith('/verify') ? 'hold' : { json: {} }));
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    const { successes } = record(element);
    element.transaction = smsChallenge(false);
    await waitForHeading(element, 'Verify with a text message');
    await type(element, 'passCode', '123456');
    await press('Enter');
    await until(() => stub.held.length === 1, 'the verify request');
    await element.updateComplete;
    expect(button(element, 'Verify').disabled).to.equal(true);
    expect(button(element, 'Back to sign in').disabled).to.equal(false);
    await click(element, 'Back to sign in');
    await waitForHeading(element, 'Sign in');
    await until(() => stub.to('/cancel').length === 1, 'the cancel request');
    expect(stub.to('/cancel')[0]!.body).to.deep.equal({ stateToken: '00state' });
    stub.held[0]!.release({ json: successState() });
    await settle();
    await element.updateComplete;
    expect(heading(element)).to.equal('Sign in');
    expect(successes).to.deep.equal([]);
    expect(button(element, 'Sign in').disabled).to.equal(false);
    expect(stub.to('/cancel')).to.have.length(1);
  });

  it('a transaction the host sets while a request runs wins over that request', async () => {
    const stub = stubServer((request) => (request.url.pathname.endsWith('/verify') ? 'hold' : { json: {} }));
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    element.transaction = smsChallenge(false);
    await waitForHeading(element, 'Verify with a text message');
    await type(element, 'passCode', '123456');
    await press('Enter');
    await until(() => stub.held.length === 1, 'the verify request');
    element.transaction = mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242'), smsFactor('sms2', '+1 XXX-XXX-1111')]);
    await waitForHeading(element, 'Choose a security method');
    stub.held[0]!.release({ json: successState() });
    await settle();
    await element.updateComplete;
    expect(heading(element)).to.equal('Choose a security method');
  });
});

describe('errors given to the page', () => {
  afterEach(cleanup);

  it('okta-authn-error carries no stateToken, sessionToken or recoveryToken from the response', async () => {
    const stub = stubServer((request) =>
      request.url.pathname === '/api/v1/authn'
        ? { status: 401, json: oktaError('E0000004', 'Authentication failed', [], { stateToken: 'secret-state', _embedded: { sessionToken: 'secret-session', list: [{ recoveryToken: 'secret-recovery' }] } }) }
        : { json: { status: 'NOT_A_STATE', stateToken: 'secret-state-2', sessionToken: 'secret-session-2' } },
    );
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    const { errors } = record(element);
    await type(element, 'username', 'ada@example.test');
    await type(element, 'password', 'Wrong-123');
    await press('Enter');
    await until(() => errors.length === 1, 'the error event', element);
    const first = errors[0] as Error & { errorCode?: string; body?: unknown };
    expect(first.errorCode).to.equal('E0000004');
    expect(JSON.stringify(first.body)).to.not.match(/secret/);
    expect(JSON.stringify(first.body)).to.include('Authentication failed');
    element.transaction = smsChallenge(false);
    await waitForHeading(element, 'Verify with a text message');
    await type(element, 'passCode', '123456');
    await press('Enter');
    await until(() => errors.length === 2, 'the second error event', element);
    const second = errors[1] as Error & { raw?: unknown };
    expect(second.name).to.equal('UnsupportedStatusError');
    expect(JSON.stringify(second.raw)).to.not.match(/secret/);
  });
});

describe('focus', () => {
  afterEach(cleanup);

  it('a transaction given on page load does not take the focus from the page; the person’s first action does move it', async () => {
    const outside = document.createElement('input');
    outside.setAttribute('aria-label', 'search the page');
    document.body.append(outside);
    try {
      outside.focus();
      const element = await mount({ 'base-url': UNREACHABLE });
      element.transaction = mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242'), smsFactor('sms2', '+1 XXX-XXX-1111')]);
      await waitForHeading(element, 'Choose a security method');
      await element.updateComplete;
      expect(document.activeElement).to.equal(outside);
      await click(element, 'XXX-XXX-1111');
      await element.updateComplete;
      expect(focused(element)?.textContent).to.include('Send code');
    } finally {
      outside.remove();
    }
  });

  for (const status of ['PASSWORD_WARN', 'PASSWORD_EXPIRED'] as const) {
    it(`${status}: a wrong current password puts the focus on the current password`, async () => {
      const stub = stubServer(() => ({ status: 403, json: oktaError('E0000014', 'Update of credentials failed', ['oldPassword: Old Password is not correct']) }));
      const element = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
      element.transaction = passwordState(status);
      await until(() => root(element).querySelector('[name="oldPassword"]') !== null, 'the password form', element);
      await type(element, 'oldPassword', 'Not-The-Old-1');
      await type(element, 'newPassword', 'Brand-New-Pass9');
      await type(element, 'confirmPassword', 'Brand-New-Pass9');
      await press('Enter');
      await until(() => errorText(element) !== '', 'the error', element);
      expect(errorText(element)).to.include('Your current password is incorrect.');
      expect(focused(element)).to.equal(input(element, 'oldPassword'));
      expect(input(element, 'oldPassword').getAttribute('aria-invalid')).to.equal('true');
    });
  }
});

describe('remember me', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('stores only the username, under its key, and only after Okta accepted the sign-in; a typo is never stored', async () => {
    localStorage.clear();
    const stub = stubServer((request) =>
      request.body.password === 'Right-123' ? { json: mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242')]) } : { status: 401, json: oktaError('E0000004', 'Authentication failed') },
    );
    const first = await mount({ 'base-url': UNREACHABLE }, { fetch: stub.fetch });
    expect(input(first, 'remember').checked).to.equal(false);
    await type(first, 'username', 'grace@exmaple.test');
    await type(first, 'password', 'Typo-123');
    input(first, 'remember').click();
    await press('Enter');
    await until(() => errorText(first) !== '', 'the failed sign-in', first);
    expect(localStorage.length).to.equal(0);
    await type(first, 'username', 'grace@example.test');
    await type(first, 'password', 'Right-123');
    await press('Enter');
    await waitForHeading(first, 'Verify with a text message');
    expect(Object.keys(localStorage)).to.deep.equal([`okta-authn:username:${UNREACHABLE}`]);
    expect(localStorage.getItem(`okta-authn:username:${UNREACHABLE}`)).to.equal('grace@example.test');
    cleanup();
    const second = await mount({ 'base-url': UNREACHABLE });
    expect(input(second, 'username').value).to.equal('grace@example.test');
    expect(input(second, 'remember').checked).to.equal(true);
    const third = await mount({ 'base-url': UNREACHABLE, username: 'given@example.test' });
    expect(input(third, 'username').value).to.equal('given@example.test');
    expect(input(third, 'remember').checked).to.equal(false);
  });
});

describe('required fields', () => {
  afterEach(cleanup);

  it('the phone extension is optional; the phone number is required', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = enrollState([enrollEntry('call', 'OKTA', 'OPTIONAL')], true);
    await waitForHeading(element, 'Set up security methods');
    root(element).querySelector<HTMLButtonElement>('button[part="factor"]')!.click();
    await until(() => root(element).querySelector('[name="phoneExtension"]') !== null, 'the phone form', element);
    expect(input(element, 'phoneNumber').getAttribute('aria-required')).to.equal('true');
    expect(input(element, 'phoneExtension').hasAttribute('aria-required')).to.equal(false);
  });
});
