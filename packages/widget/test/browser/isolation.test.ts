import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { cleanup, enterIn, find, mount, root, text, waitForHeading } from './helpers.js';
import { UNREACHABLE } from './raw-fixtures.js';

/** A page rule that restyles every element it can reach, the way a careless reset or a theme might. */
const HOSTILE_RULE = `* {
  font-size: 30px !important; color: red !important; font-family: serif !important; letter-spacing: 3px !important;
  word-spacing: 9px !important; line-height: 3 !important; text-transform: uppercase !important; text-align: right !important;
  text-indent: 40px !important; white-space: pre !important; font-style: italic !important; font-weight: 900 !important;
  font-variant: small-caps !important; text-shadow: 0 0 2px lime !important; cursor: wait !important; visibility: visible !important;
  -webkit-text-fill-color: green !important; text-decoration-color: blue !important; list-style-type: square !important;
  font-feature-settings: 'smcp' !important; word-break: break-all !important; hyphens: auto !important; tab-size: 20 !important;
  direction: rtl !important; quotes: '<' '>' !important; font-kerning: none !important; text-underline-offset: 9px !important;
}`;

/** Inherited properties compared with and without the rule. */
const PROPERTIES = [
  'font-size', 'color', 'font-family', 'letter-spacing', 'word-spacing', 'line-height', 'text-transform', 'text-align',
  'text-indent', 'white-space', 'font-style', 'font-weight', 'font-variant-caps', 'text-shadow', 'cursor',
  '-webkit-text-fill-color', 'font-feature-settings', 'word-break', 'hyphens', 'tab-size', 'direction', 'quotes', 'font-kerning', 'text-underline-offset',
];

/** Parts of the sign-in form with an error shown: one of each kind of text. */
const SELECTORS = ['[part="base"]', '[part="title"]', '.field-error, [part="error"]', '[part="label"], label', 'input[name="username"]', 'button[part~="submit"]', '[part~="link"]', '[part="checkbox"], .check', '.password button'];

type Snapshot = Record<string, Record<string, string>>;

function snapshot(element: OktaAuthn): Snapshot {
  const result: Snapshot = {};
  const card = find(element, '[part="base"]')!.getBoundingClientRect();
  for (const selector of SELECTORS) {
    const node = root(element).querySelector(selector);
    expect(node, selector).to.not.equal(null);
    const style = getComputedStyle(node!);
    const box = node!.getBoundingClientRect();
    result[selector] = Object.fromEntries([...PROPERTIES.map((name) => [name, style.getPropertyValue(name)]), ['box', `${box.left - card.left},${box.top - card.top} ${box.width}x${box.height}`]]);
  }
  return result;
}

describe('the host page cannot restyle the element by accident', () => {
  let sheet: HTMLStyleElement | undefined;

  afterEach(() => {
    sheet?.remove();
    sheet = undefined;
    cleanup();
  });

  /** The sign-in form with the error "Enter your username." shown. */
  async function signInWithError(): Promise<OktaAuthn> {
    const element = await mount({ 'base-url': UNREACHABLE });
    await waitForHeading(element, 'Sign in');
    await enterIn(element, 'username');
    expect(text(element)).to.include('Enter your username.');
    return element;
  }

  it('a page rule restyling every element (!important) changes no computed text style or box inside the shadow root', async () => {
    const element = await signInWithError();
    const before = snapshot(element);
    sheet = Object.assign(document.createElement('style'), { textContent: HOSTILE_RULE });
    document.head.append(sheet);
    expect(getComputedStyle(document.body).fontSize, 'the rule applies to the page').to.equal('30px');
    expect(getComputedStyle(element).color, 'and to the element itself').to.equal('rgb(255, 0, 0)');
    expect(snapshot(element)).to.deep.equal(before);
  });

  it('the page root font size (rem) does not scale the element', async () => {
    const element = await signInWithError();
    const before = snapshot(element);
    sheet = Object.assign(document.createElement('style'), { textContent: 'html { font-size: 62.5%; }' });
    document.head.append(sheet);
    expect(snapshot(element)).to.deep.equal(before);
  });

  it('custom properties still come in: --okta-authn-font-size and --okta-authn-color-text', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    await waitForHeading(element, 'Sign in');
    element.style.setProperty('--okta-authn-font-size', '20px');
    element.style.setProperty('--okta-authn-color-text', 'rgb(10, 20, 30)');
    const label = find(element, 'label')!;
    expect(getComputedStyle(label).fontSize).to.equal('20px');
    expect(getComputedStyle(label).color).to.equal('rgb(10, 20, 30)');
    expect(getComputedStyle(find(element, '[part="title"]')!).fontSize, 'the title is relative to the base size').to.equal('27.5px');
  });
});

describe('the card in its container', () => {
  let container: HTMLDivElement | undefined;

  afterEach(() => {
    container?.remove();
    container = undefined;
    cleanup();
  });

  async function inContainer(width: string, attributes: Record<string, string> = {}): Promise<{ card: DOMRect; box: DOMRect }> {
    container = document.createElement('div');
    container.style.width = width;
    document.body.append(container);
    const element = await mount({ 'base-url': UNREACHABLE, ...attributes });
    container.append(element);
    await waitForHeading(element, 'Sign in');
    return { card: find(element, '[part="base"]')!.getBoundingClientRect(), box: container.getBoundingClientRect() };
  }

  it('is centred in a wide container at its default width, 24em of the base font size', async () => {
    const { card, box } = await inContainer('800px');
    expect(card.width).to.equal(24 * 16);
    expect(card.left - box.left).to.equal(box.right - card.right);
  });

  it('is centred at --okta-authn-width, in a right-to-left page too', async () => {
    document.documentElement.dir = 'rtl';
    try {
      const { card, box } = await inContainer('800px', { style: '--okta-authn-width: 500px' });
      expect(card.width).to.equal(500);
      expect(card.left - box.left).to.equal(box.right - card.right);
    } finally {
      document.documentElement.dir = '';
    }
  });

  it('fills a container narrower than its width', async () => {
    const { card, box } = await inContainer('300px');
    expect(card.width).to.equal(300);
    expect(card.left).to.equal(box.left);
  });
});
