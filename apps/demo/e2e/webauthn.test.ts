import { DEMO_WEBAUTHN_KEY } from '@okta-authn/simulator';
import { describe, expect, test } from 'vitest';
import { PASSWORD, button, devicePanel, signIn, useDemo, visit, widget } from './helpers.js';

const env = useDemo();

describe('security keys', () => {
  test('webauthn@example.test signs in with the published demo key in a DevTools virtual authenticator', async () => {
    const { page, context, problems, close } = await visit(env.browser);
    // The org's relying party id is its host: the demo and the simulator are both on localhost.
    expect(new URL(env.demo.url).hostname).toBe('localhost');
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: {
        credentialId: Buffer.from(DEMO_WEBAUTHN_KEY.credentialId, 'base64url').toString('base64'),
        isResidentCredential: false,
        rpId: DEMO_WEBAUTHN_KEY.rpId,
        privateKey: DEMO_WEBAUTHN_KEY.privateKey,
        signCount: 1,
      },
    });
    await signIn(page, env.demo.url, 'webauthn@example.test', PASSWORD);
    await widget(page).getByText('Use your security key or this device’s fingerprint or face.').waitFor();
    await devicePanel(page).getByText(DEMO_WEBAUTHN_KEY.authenticatorName).waitFor();
    await button(page, 'Verify').click();
    await page.waitForURL(`${env.demo.url}/app`);
    await expect.poll(() => page.locator('#session-amr').textContent()).toContain('hwk');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials[0]?.signCount).toBe(2);
    expect(problems()).toEqual([]);
    await close();
  });
});
