import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { cleanup, expectAccessible, find, mount, root, until, waitForHeading } from './helpers.js';
import { addFactor, createUser, signIn, useSimulator } from './factors-support.js';
import type { TestUser } from './factors-support.js';
import { UNREACHABLE, enrollEntry, enrollState, link, mfaRequired, user as rawUser } from './raw-fixtures.js';

/** What a list shows of one security method. */
interface Shown {
  name: string;
  description: string;
  /** The icon's drawing, to tell families apart. */
  icon: string;
  /** The button's text, its accessible name (empty for a method already set up). */
  accessibleName: string;
  enrolled: boolean;
}

/** The text of the elements whose ids `ids` lists, as `aria-labelledby` and `aria-describedby` resolve it. */
function byIds(element: OktaAuthn, ids: string | null): string {
  const scope = root(element) as ParentNode & { getElementById?: (id: string) => HTMLElement | null };
  return (ids ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => (scope.getElementById?.(id) ?? document.getElementById(id))?.textContent?.trim() ?? '')
    .join(' ');
}

/** Every security method the list shows, in order. */
function shown(element: OktaAuthn): Shown[] {
  return [...root(element).querySelectorAll<HTMLElement>('[part~="factor"]')].map((item) => {
    const svg = item.querySelector('[part="factor-icon"] svg');
    expect(svg?.getAttribute('aria-hidden'), 'the icon is hidden from assistive technology').to.equal('true');
    return {
      name: item.querySelector('[part="factor-name"]')?.textContent?.trim() ?? '',
      description: item.querySelector('[part="factor-description"]')?.textContent?.trim() ?? '',
      icon: svg?.innerHTML.replace(/<!--[^>]*-->/g, '').trim() ?? '',
      accessibleName: item instanceof HTMLButtonElement ? (item.textContent ?? '').replace(/\s+/g, ' ').trim() : '',
      enrolled: (item.getAttribute('part') ?? '').split(' ').includes('factor-enrolled'),
    };
  });
}

/** The methods shown, by name: name → description. */
function descriptions(items: Shown[]): Record<string, string> {
  return Object.fromEntries(items.map((item) => [item.name, item.description]));
}

/** Nothing the list shows carries the person's login (the credential ID of tokens and Okta Verify, the email address). */
function expectNoLogin(items: Shown[], user: TestUser): void {
  for (const item of items) {
    for (const value of [item.name, item.description, item.accessibleName]) expect(value, `${item.name}: ${value}`).not.to.include(user.login);
  }
}

describe('lists of security methods: icon, name and what each one takes', () => {
  const baseUrl = useSimulator();

  it('MFA_REQUIRED: each family the person has shows its icon, its name and a line about it, never the login; the button says both, name first', async () => {
    const user = await createUser({ sms: true });
    for (const body of [
      { factorType: 'call', provider: 'OKTA', profile: { phoneNumber: user.phone } },
      { factorType: 'email', provider: 'OKTA', profile: { email: user.login } },
      { factorType: 'push', provider: 'OKTA' },
      { factorType: 'token:software:totp', provider: 'GOOGLE' },
      { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'mayonnaise' } },
    ]) {
      await addFactor(user, body);
    }
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Choose a security method');
    const items = shown(element);
    const masked = /^A code (by text message|read out in a call) to \+1 XXX-XXX-\d{4}$/;
    expect(items.map((item) => item.name)).to.deep.equal(['Okta Verify push', 'Google Authenticator code', 'SMS', 'Voice call', 'Email', 'Security question']);
    const described = descriptions(items);
    expect(described['Okta Verify push']).to.equal('Approve a notification on your phone');
    expect(described['Google Authenticator code']).to.equal('A code from the Google Authenticator app');
    expect(described.SMS).to.match(masked);
    expect(described['Voice call']).to.match(masked);
    expect(described.Email).to.equal('A code sent to your email address');
    expect(described['Security question']).to.equal('An answer only you know');
    for (const item of items) expect(item.accessibleName).to.equal(`${item.name} ${item.description}`);
    expect(new Set(items.map((item) => item.icon)).size, 'one icon per family').to.equal(items.length);
    expectNoLogin(items, user);
    await expectAccessible(element);
  });

  it('MFA_ENROLL: every family to set up shows its icon, name and line; several required ones say to set up all of them; one set up is marked, not a button', async () => {
    const user = await createUser({ enroll: ['sms', 'question'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Set up security methods');
    const items = shown(element);
    expect(descriptions(items)).to.deep.include({
      SMS: 'A code sent to your phone by text message',
      'Voice call': 'A code read out in a phone call',
      Email: 'A code sent to your email address',
      'Security question': 'An answer only you know',
      'Okta Verify push': 'Approve a notification on your phone',
      'Okta Verify code': 'A code from the Okta Verify app',
      'Google Authenticator code': 'A code from the Google Authenticator app',
      'RSA SecurID': 'A code shown by your RSA SecurID token',
      'Symantec VIP': 'A code shown by your Symantec VIP token',
      YubiKey: 'Touch your YubiKey to enter a code',
    });
    // Okta sends the login as the credential ID of tokens: it never labels them.
    expectNoLogin(items, user);
    const icons = Object.fromEntries(items.map((item) => [item.name, item.icon]));
    expect(icons['Okta Verify push'], 'Okta Verify: one icon for its push and its codes').to.equal(icons['Okta Verify code']);
    expect(icons['RSA SecurID'], 'hardware tokens share one').to.equal(icons.YubiKey);
    const families = ['SMS', 'Voice call', 'Email', 'Security question', 'Okta Verify push', 'Google Authenticator code', 'RSA SecurID'];
    expect(new Set(families.map((name) => icons[name])).size, 'the other families each their own').to.equal(families.length);

    const required = find(element, '[part~="factor-list"]')!;
    const note = byIds(element, required.getAttribute('aria-describedby'));
    expect(note, 'the required list is described by the note').to.equal('Set up all of these to continue.');
    expect(byIds(element, required.getAttribute('aria-labelledby'))).to.equal('Required');
    expect(items.some((item) => item.enrolled)).to.equal(false);
    await expectAccessible(element);
  });

  it('MFA_REQUIRED with tokens, a YubiKey, Okta Verify codes and security keys: the credential ID Okta sends (the login) labels none of them', async () => {
    const factor = (id: string, factorType: string, provider: string, profile: Record<string, unknown>) => ({
      id,
      factorType,
      provider,
      vendorName: provider,
      profile,
      _links: { verify: link(`/api/v1/authn/factors/${id}/verify`) },
    });
    const login = rawUser.profile.login;
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = mfaRequired([
      factor('rsa1', 'token', 'RSA', { credentialId: login }),
      factor('ykf1', 'token:hardware', 'YUBICO', { credentialId: login }),
      factor('ost1', 'token:software:totp', 'OKTA', { credentialId: login }),
      factor('fwf1', 'webauthn', 'FIDO', { credentialId: 'a1b2', authenticatorName: 'Blue key' }),
      factor('hot1', 'token:hotp', 'CUSTOM', { credentialId: login }),
    ]);
    await waitForHeading(element, 'Choose a security method');
    await until(() => shown(element).length === 5, 'the five methods', element);
    const items = shown(element);
    expect(descriptions(items)).to.deep.equal({
      'Okta Verify code': 'A code from the Okta Verify app',
      YubiKey: 'Touch your YubiKey to enter a code',
      'RSA SecurID': 'A code shown by your RSA SecurID token',
      'Hardware token': 'A code shown by your hardware token',
      'Security key or biometric': 'A security key, or your device’s fingerprint, face or PIN',
    });
    for (const item of items) expect(`${item.name} ${item.description}`).not.to.include(login);
    await expectAccessible(element);
  });

  it('a method already set up shows a check and "already set up" instead of its line, and the note stays while another required one waits', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = enrollState(
      [enrollEntry('sms', 'OKTA', 'REQUIRED', 'ACTIVE'), enrollEntry('question', 'OKTA', 'REQUIRED'), enrollEntry('email', 'OKTA', 'OPTIONAL')],
      false,
    );
    await waitForHeading(element, 'Set up security methods');
    const items = shown(element);
    const sms = items.find((item) => item.name === 'SMS')!;
    expect(sms.enrolled).to.equal(true);
    expect(sms.description).to.equal('Already set up');
    expect(find(element, '[part~="factor-enrolled"] [part="factor-done"] svg[aria-hidden="true"]')).to.not.equal(null);
    expect(root(element).querySelectorAll('[part~="factor-enrolled"] button')).to.have.length(0);
    expect(find(element, '[part="hint"]')?.textContent?.trim()).to.equal('Set up all of these to continue.');
    await expectAccessible(element);
    cleanup();

    const one = await mount({ 'base-url': UNREACHABLE });
    one.transaction = enrollState([enrollEntry('sms', 'OKTA', 'REQUIRED'), enrollEntry('email', 'OKTA', 'OPTIONAL')], false);
    await waitForHeading(one, 'Set up security methods');
    expect(find(one, '[part="hint"]'), 'one required method needs no note').to.equal(null);
  });

  it('security keys have an icon of their own; a type the element does not support shows the generic icon and says it is not available here', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.transaction = enrollState(
      [enrollEntry('sms', 'OKTA', 'REQUIRED'), enrollEntry('webauthn', 'FIDO', 'OPTIONAL'), enrollEntry('claims_provider', 'CUSTOM', 'OPTIONAL')],
      false,
    );
    await waitForHeading(element, 'Set up security methods');
    await until(() => shown(element).length === 3, 'the three methods', element);
    const [sms, key, other] = shown(element);
    expect(key!.name).to.equal('Security key or biometric');
    expect(key!.description).to.equal('A security key, or your device’s fingerprint, face or PIN');
    expect(other!.name).to.equal('Security method (claims_provider)');
    expect(other!.description).to.equal('Not available here');
    expect(new Set([sms!.icon, key!.icon, other!.icon]).size).to.equal(3);
    await expectAccessible(element);
  });
});
