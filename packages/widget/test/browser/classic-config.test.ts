import { expect, oneEvent } from '@open-wc/testing';
import { ClassicConfigError, applyClassicConfig } from '../../src/classic-config.js';
import { button, click, mount, press, root, text, type, waitForHeading } from './helpers.js';
import { PASSWORD, createUser, useSimulator } from './factors-support.js';

describe('applyClassicConfig', () => {
  const baseUrl = useSimulator();

  it('maps a realistic classic configuration onto the element, which then signs in with it, and names what it cannot map', async () => {
    const user = await createUser({ mfa: 'none' });
    const [local, domain] = user.login.split('@') as [string, string];
    const operations: string[] = [];
    const creds: string[] = [];
    let clicked = 0;
    const element = await mount({ 'no-remember-me': false });
    const unmapped = applyClassicConfig(element, {
      el: '#okta-login-container',
      baseUrl: baseUrl(),
      clientId: '0oa1abcdEFGH2345ijkl',
      redirectUri: 'https://app.example.test/callback',
      authParams: { issuer: `${baseUrl()}/oauth2/default`, scopes: ['openid'] },
      logo: '/assets/acme.svg',
      logoText: 'Acme',
      language: 'en',
      username: local,
      relayState: '/after',
      colors: { brand: '#008000' },
      i18n: { en: { 'primaryauth.title': 'Sign in to Acme', 'primaryauth.submit': 'Continue', 'primaryauth.newUser': 'New here?' }, fr: { 'primaryauth.title': 'Connexion à Acme' } },
      features: { rememberMe: false, selfServiceUnlock: true, multiOptionalFactorEnroll: true, smsRecovery: true, hideSignOutLinkInMFA: true, showPasswordToggleOnSignInPage: true, registration: true },
      helpLinks: { help: 'https://acme.example.test/help', forgotPassword: '/forgot', custom: [{ text: 'Status', href: 'https://status.example.test/', target: '_blank' }] },
      customButtons: [{ title: 'Sign in with Acme ID', className: 'acme-id', dataAttr: 'acme-id', click: () => (clicked += 1) }],
      transformUsername: (username: string, operation: string) => {
        operations.push(operation);
        return username.includes('@') ? username : `${username}@${domain}`;
      },
      processCreds: (credentials: { username: string; password: string }, callback: () => void) => {
        creds.push(credentials.username);
        setTimeout(callback, 0);
      },
    });
    await element.updateComplete;
    expect({
      baseUrl: element.baseUrl,
      username: element.username,
      relayState: element.relayState,
      lang: element.lang,
      noRememberMe: element.noRememberMe,
      unlock: element.unlock,
      multiOptionalFactorEnroll: element.multiOptionalFactorEnroll,
      hideSignOutInMfa: element.hideSignOutInMfa,
      recoveryFactors: element.recoveryFactors,
      helpUrl: element.helpUrl,
      forgotPasswordUrl: element.forgotPasswordUrl,
      brand: element.style.getPropertyValue('--okta-authn-color-primary'),
    }).to.deep.equal({
      baseUrl: baseUrl(),
      username: local,
      relayState: '/after',
      lang: 'en',
      noRememberMe: true,
      unlock: true,
      multiOptionalFactorEnroll: true,
      hideSignOutInMfa: true,
      recoveryFactors: 'email sms',
      helpUrl: 'https://acme.example.test/help',
      forgotPasswordUrl: '/forgot',
      brand: '#008000',
    });
    expect(unmapped.map((entry) => entry.option)).to.have.members(['features.registration', 'i18n.en.primaryauth.newUser', 'i18n.fr.primaryauth.title', 'el', 'clientId', 'redirectUri', 'authParams']);
    expect(unmapped.every((entry) => entry.reason.length > 10)).to.equal(true);

    expect(root(element).querySelector('[part="title"]')?.textContent?.trim()).to.equal('Sign in to Acme');
    expect(text(element)).to.include('Unlock account?');
    expect(text(element)).to.include('Status');
    const logo = element.querySelector('img[slot="logo"]') as HTMLImageElement;
    expect([logo.getAttribute('src'), logo.alt]).to.deep.equal(['/assets/acme.svg', 'Acme']);
    const custom = element.querySelector('button[slot="buttons"]') as HTMLButtonElement;
    expect([custom.textContent, custom.className, custom.type, custom.dataset.se]).to.deep.equal(['Sign in with Acme ID', 'acme-id', 'button', 'acme-id']);
    custom.click();
    expect(clicked).to.equal(1);

    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'password', PASSWORD);
    await press('Enter');
    expect((await success).detail.user?.profile.login).to.equal(user.login);
    expect(operations).to.deep.equal(['PRIMARY_AUTH']);
    expect(creds).to.deep.equal([user.login]);
  });

  it('wrong types are one ClassicConfigError naming each, and nothing is applied', async () => {
    const element = await mount({ 'base-url': baseUrl() });
    let error: unknown;
    try {
      applyClassicConfig(element, { baseUrl: 42, username: 'kept.out', features: { rememberMe: 'no' }, helpLinks: { custom: [{ text: 'x' }] }, customButtons: [{ click: () => undefined }] });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ClassicConfigError);
    const { code, issues } = error as ClassicConfigError;
    expect(code).to.equal('CLASSIC_CONFIG_INVALID');
    expect(issues.map((issue) => issue.path)).to.deep.equal(['baseUrl', 'features.rememberMe', 'helpLinks.custom[0]', 'customButtons[0].title']);
    expect(element.username).to.equal(undefined);
    expect(() => applyClassicConfig(element, 'https://example.okta.com')).to.throw(ClassicConfigError);
  });

  it('a classic config with smsRecovery only and no email recovery offers text messages on "Forgot password?"', async () => {
    const element = await mount({});
    applyClassicConfig(element, { baseUrl: baseUrl(), features: { emailRecovery: false, smsRecovery: true, callRecovery: true } });
    await element.updateComplete;
    await click(element, 'Forgot password?');
    await waitForHeading(element, 'Reset your password');
    expect(() => button(element, 'Send an email')).to.throw();
    expect(button(element, 'Send a text message')).to.be.instanceOf(HTMLButtonElement);
    expect(button(element, 'Call me')).to.be.instanceOf(HTMLButtonElement);
  });
});
