import { expect } from '@open-wc/testing';
import { emulateMedia, sendMouse } from '@web/test-runner-commands';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { tokens } from '../../src/styles/tokens.js';
import { cleanup, expectAccessible, find, mount, waitForHeading } from './helpers.js';
import { UNREACHABLE } from './raw-fixtures.js';

const LIGHT_CARD = 'rgb(255, 255, 255)';
const DARK_CARD = 'rgb(27, 28, 32)';

/** A CSS colour as 8-bit sRGB with alpha, whatever syntax the browser computed it in (`rgb()`, `color(srgb-linear …)`). */
function srgb(color: string): [number, number, number, number] {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [red, green, blue, alpha] = context.getImageData(0, 0, 1, 1).data;
  return [red!, green!, blue!, alpha!];
}

/** WCAG 2 relative luminance of an opaque colour. */
function luminance(color: string): number {
  const [red, green, blue, alpha] = srgb(color);
  expect(alpha, `${color} is opaque`).to.equal(255);
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** WCAG 2 contrast ratio of two colours. */
function contrast(one: string, other: string): number {
  const [lighter, darker] = [luminance(one), luminance(other)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** The page's own `color-scheme` (what the page declares), or none. */
function pageScheme(value: string): void {
  document.documentElement.style.colorScheme = value;
}

function card(element: OktaAuthn): HTMLElement {
  return find(element, '[part="base"]')!;
}

async function signInForm(attributes: Record<string, string> = {}): Promise<OktaAuthn> {
  const element = await mount({ 'base-url': UNREACHABLE, ...attributes });
  await waitForHeading(element, 'Sign in');
  return element;
}

/** The submit button's text and background, at rest and under the mouse (transitions off, so no colour is half-way). */
async function primaryColours(element: OktaAuthn): Promise<{ text: string; background: string; hoverText: string; hoverBackground: string }> {
  const button = find<HTMLButtonElement>(element, 'button[part~="submit"]')!;
  const rest = getComputedStyle(button);
  const colours = { text: rest.color, background: rest.backgroundColor };
  const box = button.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
  const hover = getComputedStyle(button);
  const hovered = { hoverText: hover.color, hoverBackground: hover.backgroundColor };
  await sendMouse({ type: 'move', position: [0, 0] });
  return { ...colours, ...hovered };
}

describe('the theme follows the page, not only the OS', () => {
  afterEach(async () => {
    cleanup();
    pageScheme('');
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('a page that declares no dark support gets the light card on a dark OS', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const element = await signInForm();
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(LIGHT_CARD);
    pageScheme('light');
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(LIGHT_CARD);
  });

  it('a page with color-scheme: light dark follows the OS, native controls included', async () => {
    pageScheme('light dark');
    const element = await signInForm();
    const checkbox = find(element, 'input[type="checkbox"]')!;
    await emulateMedia({ colorScheme: 'light' });
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(LIGHT_CARD);
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(DARK_CARD);
    expect(getComputedStyle(checkbox).colorScheme, 'the checkbox is drawn for the same scheme').to.equal('light dark');
  });

  it('a page that declares light dark with a meta tag follows the OS too', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'color-scheme', content: 'light dark' });
    document.head.append(meta);
    try {
      await emulateMedia({ colorScheme: 'dark' });
      const element = await signInForm();
      expect(getComputedStyle(card(element)).backgroundColor).to.equal(DARK_CARD);
    } finally {
      meta.remove();
    }
  });

  it('a dark-only page gets the dark card on a light OS', async () => {
    pageScheme('dark');
    const element = await signInForm();
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(DARK_CARD);
  });

  it('theme="light" and theme="dark" win over the page and the OS, and the theme property reflects', async () => {
    pageScheme('light dark');
    await emulateMedia({ colorScheme: 'dark' });
    const element = await signInForm({ theme: 'light' });
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(LIGHT_CARD);
    expect(getComputedStyle(find(element, 'input[type="checkbox"]')!).colorScheme).to.equal('light');
    element.theme = 'dark';
    await element.updateComplete;
    expect(element.getAttribute('theme')).to.equal('dark');
    await emulateMedia({ colorScheme: 'light' });
    pageScheme('light');
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(DARK_CARD);
    expect(getComputedStyle(find(element, 'input[type="checkbox"]')!).colorScheme).to.equal('dark');
    element.theme = undefined;
    await element.updateComplete;
    expect(element.hasAttribute('theme')).to.equal(false);
    expect(getComputedStyle(card(element)).backgroundColor, 'unset again: the page decides').to.equal(LIGHT_CARD);
  });

  it('an unknown theme value leaves it to the page', async () => {
    pageScheme('dark');
    const element = await signInForm({ theme: 'blue' });
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(DARK_CARD);
  });

  it('theme applies in no-shadow mode as well', async () => {
    const element = await signInForm({ theme: 'dark', 'no-shadow': '' });
    expect(element.shadowRoot).to.equal(null);
    expect(getComputedStyle(card(element)).backgroundColor).to.equal(DARK_CARD);
  });

  it('a host colour given with light-dark() follows the theme', async () => {
    const element = await signInForm({ theme: 'light' });
    element.style.setProperty('--okta-authn-color-background', 'light-dark(rgb(250, 240, 230), rgb(40, 30, 20))');
    expect(getComputedStyle(card(element)).backgroundColor).to.equal('rgb(250, 240, 230)');
    element.theme = 'dark';
    await element.updateComplete;
    expect(getComputedStyle(card(element)).backgroundColor).to.equal('rgb(40, 30, 20)');
  });

  it('browsers without light-dark() or relative colours get every colour token, light, without either', () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(tokens.cssText);
    const rules = [...sheet.cssRules];
    const schemed = (rules.find((rule) => rule instanceof CSSStyleRule) as CSSStyleRule).style;
    const supports = rules.find((rule): rule is CSSSupportsRule => rule instanceof CSSSupportsRule)!;
    expect(supports.conditionText).to.include('light-dark(').and.to.include('from red srgb-linear');
    const fallback = (supports.cssRules[0] as CSSStyleRule).style;
    const colours = (style: CSSStyleDeclaration) => [...style].filter((name) => name.startsWith('--_color-') || name === '--_shadow').sort();
    expect(colours(schemed).length).to.be.greaterThan(15);
    expect(colours(fallback)).to.deep.equal(colours(schemed));
    for (const name of colours(fallback)) {
      expect(fallback.getPropertyValue(name), name).to.not.match(/light-dark\(|\bfrom\b/);
      if (name !== '--_color-on-primary' && name !== '--_color-primary-hover') {
        const light = /light-dark\(([^,]+),/.exec(schemed.getPropertyValue(name))?.[1]?.trim();
        expect(fallback.getPropertyValue(name), name).to.include(light ?? 'light-dark');
      }
    }
  });

  it('the light and the dark card are both accessible', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const element = await signInForm({ theme });
      await expectAccessible(element);
      element.remove();
    }
  });
});

describe('text on primary buttons keeps 4.5:1 for any primary colour', () => {
  before(async () => {
    // No transition: the colours read under the mouse are the hover colours, not a step towards them.
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  });

  after(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  afterEach(cleanup);

  const primaries = [undefined, 'purple', 'teal', 'yellow', 'red', 'black'];
  for (const theme of ['light', 'dark'] as const) {
    for (const primary of primaries) {
      it(`${primary ?? 'the default primary'} in the ${theme} theme: text and hover at least 4.5:1`, async () => {
        const element = await signInForm({ theme });
        if (primary) element.style.setProperty('--okta-authn-color-primary', primary);
        const { text, background, hoverText, hoverBackground } = await primaryColours(element);
        if (primary) expect(srgb(background)).to.deep.equal(srgb(primary), 'the host primary is the background');
        const atRest = contrast(text, background);
        const hovered = contrast(hoverText, hoverBackground);
        expect(atRest, `${text} on ${background}`).to.be.at.least(4.5);
        // Hover darkens under white text and lightens under black: black itself has no darker shade.
        if (primary !== 'black') expect(hoverBackground, 'hover changes the background').to.not.equal(background);
        expect(hovered, `hover: ${hoverText} on ${hoverBackground}`).to.be.at.least(atRest - 0.01);
      });
    }
  }

  it('the default primaries get white text in the light theme and dark text in the dark one', async () => {
    const light = await signInForm({ theme: 'light' });
    expect(srgb((await primaryColours(light)).text)).to.deep.equal([255, 255, 255, 255]);
    const dark = await signInForm({ theme: 'dark' });
    expect(srgb((await primaryColours(dark)).text)).to.deep.equal([0, 0, 0, 255]);
  });

  it('a host on-primary colour wins, even with too little contrast', async () => {
    const element = await signInForm();
    element.style.setProperty('--okta-authn-color-primary', 'yellow');
    element.style.setProperty('--okta-authn-color-on-primary', 'rgb(255, 250, 200)');
    expect((await primaryColours(element)).text).to.equal('rgb(255, 250, 200)');
  });

  it('a host hover colour wins', async () => {
    const element = await signInForm();
    element.style.setProperty('--okta-authn-color-primary-hover', 'rgb(1, 2, 3)');
    expect((await primaryColours(element)).hoverBackground).to.equal('rgb(1, 2, 3)');
  });
});
