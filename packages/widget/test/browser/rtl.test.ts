import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { cleanup, expectAccessible, find, input, mount, root, text } from './helpers.js';
import { UNREACHABLE, pushWaiting, smsChallenge } from './raw-fixtures.js';

/** The card's `lang` and `dir`: the language the element actually shows. */
function shown(element: OktaAuthn): { lang: string | null; dir: string | null } {
  const card = find(element, '[part="base"]');
  return { lang: card?.getAttribute('lang') ?? null, dir: card?.getAttribute('dir') ?? null };
}

/** An element inside `<div lang=…>` on the page, rendered. */
async function inPage(pageLang: string, attributes: Record<string, string> = {}, transaction?: unknown): Promise<OktaAuthn> {
  const holder = document.createElement('div');
  holder.lang = pageLang;
  holder.className = 'rtl-test-holder';
  document.body.append(holder);
  const element = document.createElement('okta-authn');
  element.setAttribute('base-url', UNREACHABLE);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (transaction) element.transaction = transaction;
  holder.append(element);
  await element.updateComplete;
  return element;
}

describe('right-to-left', () => {
  afterEach(() => {
    cleanup();
    for (const holder of document.querySelectorAll('.rtl-test-holder')) holder.remove();
  });

  for (const lang of ['ar', 'he', 'fa']) {
    it(`${lang}: the card is right-to-left, and the username and password stay left-to-right`, async () => {
      const element = await mount({ 'base-url': UNREACHABLE, lang });
      expect(shown(element)).to.deep.equal({ lang, dir: 'rtl' });
      expect(input(element, 'username').dir).to.equal('ltr');
      expect(input(element, 'password').dir).to.equal('ltr');
      const card = find(element, '[part="base"]')!;
      expect(getComputedStyle(card).direction).to.equal('rtl');
      const words = document.createRange();
      words.selectNodeContents(root(element).querySelector('label')!);
      const { left, right } = words.getBoundingClientRect();
      const box = card.getBoundingClientRect();
      expect(box.right - right, 'labels start at the right').to.be.lessThan(left - box.left);
    });
  }

  it('an English fallback inside an Arabic page is left-to-right', async () => {
    const element = await inPage('ar', { lang: 'x-unknown' });
    expect(shown(element)).to.deep.equal({ lang: 'en', dir: 'ltr' });
  });

  it('an SMS challenge in Arabic: the phone number is isolated in its sentence, the code field is left-to-right, and axe finds nothing', async () => {
    const element = await inPage('ar', {}, smsChallenge());
    expect(shown(element).dir).to.equal('rtl');
    expect(text(element)).to.contain('أرسلنا رمزا إلى \u2068+1 XXX-XXX-4242\u2069.');
    expect(input(element, 'passCode').dir).to.equal('ltr');
    await expectAccessible(element);
  });

  it('the push number challenge stays left-to-right, in the digits Okta Verify shows', async () => {
    const raw = pushWaiting();
    const factor = (raw._embedded as { factor: Record<string, unknown> }).factor;
    factor._embedded = { challenge: { correctAnswer: 47 } };
    const element = await inPage('ar', {}, raw);
    const challenge = find(element, '[part="challenge"]');
    expect(challenge?.getAttribute('dir')).to.equal('ltr');
    expect(challenge?.textContent?.trim()).to.equal('47');
  });
});

describe('durations in languages the browser has no formatting data for', () => {
  afterEach(() => {
    for (const holder of document.querySelectorAll('.rtl-test-holder')) holder.remove();
  });

  it('Haitian Creole and Basque write the remember-device lifetime in their own words, never in English', async () => {
    const creole = await inPage('ht', {}, smsChallenge());
    expect(text(creole)).to.contain('(1 jou)');
    const basque = await inPage('eu', {}, smsChallenge());
    expect(text(basque)).to.contain('(egun 1)');
    for (const element of [creole, basque]) expect(text(element)).not.to.match(/\bday\b/);
  });
});
