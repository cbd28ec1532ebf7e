import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { shippedLanguages } from '../../src/i18n/languages.js';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { expectAccessible, find, heading, root } from './helpers.js';
import { UNREACHABLE, mfaRequired, passwordState, smsChallenge, smsFactor } from './raw-fixtures.js';

/** The steps each language is rendered in: sign-in, an MFA step (the SMS code), and a new password with its checklist. */
const STEPS: { name: string; raw?: () => Record<string, unknown> }[] = [
  { name: 'sign-in' },
  { name: 'SMS code', raw: () => smsChallenge() },
  { name: 'factor list', raw: () => mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242'), smsFactor('sms2', '+44 XXXX XXX 999')], true) },
  { name: 'new password', raw: () => passwordState('PASSWORD_EXPIRED') },
];

/** A message key as it would show if a catalogue lacked it and English lacked it too. */
const RAW_KEY = /\b(?:primary|factor|mfa|password|recovery|error|notice|widget|enroll)\.[a-zA-Z.]+\b/;

/** Elements whose text must fit their box: headings, labels, paragraphs, list items, buttons and links. */
const TEXT_BOXES = 'h2, label, p, li, button, a, .muted, .field-error';

/** Every text box of the element whose content is wider than the box (scrollWidth > clientWidth). */
function overflowing(element: OktaAuthn): string[] {
  return [...root(element).querySelectorAll<HTMLElement>(TEXT_BOXES)]
    .filter((box) => box.clientWidth > 0 && box.scrollWidth > box.clientWidth + 1)
    .map((box) => `${box.localName}: "${box.textContent?.trim()}" (${box.scrollWidth} > ${box.clientWidth})`);
}

/** Renders `<okta-authn lang>` 320 px wide, showing `raw` (or sign-in). */
async function render(lang: string, raw?: Record<string, unknown>): Promise<OktaAuthn> {
  const element = document.createElement('okta-authn');
  element.setAttribute('base-url', UNREACHABLE);
  element.setAttribute('lang', lang);
  element.style.width = '320px';
  if (raw) element.transaction = raw;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

describe('every shipped language at 320 px wide', () => {
  afterEach(() => {
    for (const element of document.querySelectorAll('okta-authn')) element.remove();
  });

  for (const { tag, dir } of shippedLanguages.filter((language) => language.tag !== 'en')) {
    it(`${tag}: sign-in, an MFA step, the factor list and the password checklist show the ${tag} catalogue, no key, nothing overflowing`, async () => {
      for (const step of STEPS) {
        const element = await render(tag, step.raw?.());
        const where = `${tag} ${step.name}`;
        expect(find(element, '[part="base"]')?.getAttribute('lang'), where).to.equal(tag);
        expect(find(element, '[part="base"]')?.getAttribute('dir'), where).to.equal(dir);
        const shown = root(element).textContent ?? '';
        expect(shown, `${where}: a raw message key`).not.to.match(RAW_KEY);
        expect(heading(element), `${where}: an English heading`).not.to.be.oneOf([en['primary.title'], en['factor.sms.verifyTitle'], en['password.expiredTitle']]);
        expect(overflowing(element), `${where}: text wider than its box`).to.deep.equal([]);
        if (step.name === 'new password') expect(find(element, '[part="password-rules"]'), `${where}: the checklist`).not.to.equal(null);
        element.remove();
      }
    });
  }

  for (const tag of ['ar', 'ja']) {
    it(`${tag}: axe finds nothing on sign-in, the SMS step and the new password`, async () => {
      for (const step of [STEPS[0]!, STEPS[1]!, STEPS[3]!]) {
        const element = await render(tag, step.raw?.());
        await expectAccessible(element);
        element.remove();
      }
    });
  }
});
