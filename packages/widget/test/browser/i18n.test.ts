import { expect } from '@open-wc/testing';
import { registerLocale } from '../../src/i18n/index.js';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { button, cleanup, enterIn, errorText, expectAccessible, find, heading, input, mount, root, waitForHeading } from './helpers.js';
import { UNREACHABLE, smsChallenge } from './raw-fixtures.js';

/** The text of the label of input `name`. */
function label(element: OktaAuthn, name: string): string {
  return root(element).querySelector(`label[for="${input(element, name).id}"]`)?.textContent?.trim() ?? '';
}

describe('the French catalogue', () => {
  before(() => {
    // What a page does: the catalogue module itself is the loader, fetched only when a French element shows.
    registerLocale('fr', () => import('../../src/i18n/fr.js'));
  });

  afterEach(cleanup);

  it('lang="fr" renders sign-in, its links and a validation error in French, and the messages property overrides single keys', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, lang: 'fr' });
    await waitForHeading(element, 'Connexion');
    expect(find(element, '[part="base"]')?.getAttribute('lang')).to.equal('fr');
    expect(label(element, 'username')).to.equal('Nom d’utilisateur');
    expect(label(element, 'password')).to.equal('Mot de passe');
    expect(button(element, 'Mot de passe oublié').textContent?.trim()).to.equal('Mot de passe oublié\u202f?');
    await enterIn(element, 'username');
    expect(errorText(element)).to.equal('Saisissez votre nom d’utilisateur.');
    element.messages = { 'primary.submit': 'Entrer', 'primary.title': 'Bienvenue' };
    await element.updateComplete;
    expect(heading(element)).to.equal('Bienvenue');
    expect(button(element, 'Entrer').type).to.equal('submit');
    expect(label(element, 'password'), 'keys not overridden stay French').to.equal('Mot de passe');
    await expectAccessible(element);
  });

  it('an element inside lang="fr-CA" uses French for a code step, with the remember-device duration formatted in French', async () => {
    const holder = document.createElement('div');
    holder.lang = 'fr-CA';
    document.body.append(holder);
    try {
      const element = document.createElement('okta-authn');
      element.setAttribute('base-url', UNREACHABLE);
      holder.append(element);
      element.transaction = smsChallenge();
      await waitForHeading(element, 'Vérifier par SMS');
      expect(label(element, 'passCode')).to.equal('Saisissez le code');
      expect(root(element).textContent, 'Intl writes "1 jour" with a no-break space').to.match(/Ne plus demander sur cet appareil pendant 1\sjour/);
      expect(input(element, 'passCode').autocomplete).to.equal('one-time-code');
      await expectAccessible(element);
    } finally {
      holder.remove();
    }
  });
});
