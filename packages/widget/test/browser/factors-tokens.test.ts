import { expect, oneEvent } from '@open-wc/testing';
import { cleanup, click, errorText, expectAccessible, focused, heading, input, mount, press, sim, text, type, until, waitForHeading } from './helpers.js';
import { mfaRequired, smsFactor } from './raw-fixtures.js';
import { advance, createUser, factorsOf, passcode, signIn, useSimulator } from './factors-support.js';

interface TokenCodes {
  passCode: string;
  nextPassCode?: string;
}

async function tokenCodes(provider: 'RSA' | 'SYMANTEC' | 'YUBICO', credentialId: string): Promise<TokenCodes> {
  const response = await sim<TokenCodes>('GET', `/__sim/hardware-tokens/${provider}/${encodeURIComponent(credentialId)}/passcode`);
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body;
}

describe('RSA, Symantec and YubiKey tokens against the simulator', () => {
  const baseUrl = useSimulator();

  it('RSA enrollment: credential ID prefilled, a wrong passcode keeps the step, the token’s passcode enrolls; verify then asks for the passcode', async () => {
    const user = await createUser({ enroll: ['token'], allowRememberDevice: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await until(() => text(element).includes('RSA SecurID'), 'the enrollment list', element);
    await click(element, 'RSA SecurID');
    await waitForHeading(element, 'Set up RSA SecurID');
    expect(input(element, 'credentialId').value).to.equal(user.login);
    expect(focused(element)).to.equal(input(element, 'credentialId'));
    await expectAccessible(element);
    await type(element, 'passCode', '00000000');
    await press('Enter');
    await until(() => errorText(element).includes('not correct'), 'the wrong-passcode message', element);
    expect(focused(element)).to.equal(input(element, 'passCode'));
    expect(heading(element)).to.equal('Set up RSA SecurID');
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', (await tokenCodes('RSA', user.login)).passCode);
    await press('Enter');
    await success;
    cleanup();

    await advance(60);
    const [factor] = await factorsOf(user);
    const again = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(again, user.login);
    await waitForHeading(again, 'Enter a code from RSA SecurID');
    expect(text(again)).to.include('Don’t ask again on this device');
    await expectAccessible(again);
    const done = oneEvent(again, 'okta-authn-success');
    await type(again, 'passCode', (await passcode(user, factor!.id)).passCode);
    await press('Enter');
    await done;
  });

  it('Symantec VIP enrollment asks for the next passcode too', async () => {
    const user = await createUser({ enroll: ['token'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await until(() => text(element).includes('Symantec VIP'), 'the enrollment list', element);
    await click(element, 'Symantec VIP');
    await waitForHeading(element, 'Set up Symantec VIP');
    const serial = `VSST${Date.now()}`;
    await type(element, 'credentialId', serial);
    const codes = await tokenCodes('SYMANTEC', serial);
    await type(element, 'passCode', codes.passCode);
    await press('Enter');
    expect(errorText(element)).to.equal('Enter the code.');
    expect(focused(element)).to.equal(input(element, 'nextPassCode'));
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'nextPassCode', codes.nextPassCode!);
    await press('Enter');
    await success;
  });

  it('YubiKey: enroll with a touch, then verify with the next touch (text field, autocomplete off)', async () => {
    const user = await createUser({ enroll: ['token:hardware'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await until(() => text(element).includes('YubiKey'), 'the enrollment list', element);
    await click(element, 'YubiKey');
    await waitForHeading(element, 'Set up a YubiKey');
    const field = input(element, 'passCode');
    expect(field.getAttribute('autocomplete')).to.equal('off');
    expect(field.getAttribute('inputmode')).to.equal('text');
    await expectAccessible(element);
    const publicId = `cccccc${[...String(Date.now()).slice(-6)].map((digit) => 'cbdefghijklnrtuv'[Number(digit)]).join('')}`;
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'passCode', (await tokenCodes('YUBICO', publicId)).passCode);
    await press('Enter');
    await success;
    cleanup();

    const [factor] = await factorsOf(user);
    const again = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(again, user.login);
    await waitForHeading(again, 'Use your YubiKey');
    await type(again, 'passCode', 'cccccccccccc');
    await press('Enter');
    await until(() => errorText(again).includes('not correct'), 'the wrong-OTP message', again);
    expect(focused(again)).to.equal(input(again, 'passCode'));
    await expectAccessible(again);
    const done = oneEvent(again, 'okta-authn-success');
    await type(again, 'passCode', (await passcode(user, factor!.id)).passCode);
    await press('Enter');
    await done;
  });

  it('Duo and unknown factors say they are not supported and the person picks another one', async () => {
    const link = { href: `${baseUrl()}/api/v1/authn/factors/x/verify`, hints: { allow: ['POST'] } };
    const unsupported = ['web:DUO', 'signed_nonce:OKTA'].map((entry) => {
      const [factorType, provider] = entry.split(':') as [string, string];
      return { id: `${factorType}1`, factorType, provider, vendorName: provider, profile: { credentialId: 'x' }, _links: { verify: link } };
    });
    const offline = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    offline.transaction = mfaRequired([...unsupported, smsFactor('sms1', '+1 XXX-XXX-4242')]);
    await waitForHeading(offline, 'Choose a security method');
    for (const type of ['web', 'signed_nonce']) {
      await click(offline, `Security method (${type})`);
      await waitForHeading(offline, 'This security method is not supported');
      expect(text(offline)).to.include('Choose another security method.');
      await expectAccessible(offline);
      await click(offline, 'Choose another security method');
      await waitForHeading(offline, 'Choose a security method');
    }
    await click(offline, '+1 XXX-XXX-4242');
    await waitForHeading(offline, 'Verify with a text message');
  });
});
