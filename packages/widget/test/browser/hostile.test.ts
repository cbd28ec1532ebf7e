import { expect } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { HOSTILE, hostileTransactions } from './fixtures.js';
import { en } from '../../src/i18n/index.js';
import { cleanup, heading, mount, root, until } from './helpers.js';

declare global {
  interface Window {
    __xss?: number;
  }
}

/** A URL that would run code or load something inline: `javascript:`, `vbscript:`, `data:` (except a `data:image/…` in an `<img>`). */
function unsafeUrl(value: string, tag: string): boolean {
  // Browsers ignore control characters and spaces before the scheme.
  const scheme = [...value].filter((char) => char.charCodeAt(0) > 0x20).join('').toLowerCase();
  if (scheme.startsWith('javascript:') || scheme.startsWith('vbscript:')) return true;
  return scheme.startsWith('data:') && !(tag === 'img' && scheme.startsWith('data:image/'));
}

function injected(element: OktaAuthn): string[] {
  const problems: string[] = [];
  for (const node of root(element).querySelectorAll('*')) {
    for (const attribute of node.getAttributeNames()) {
      if (attribute.startsWith('on')) problems.push(`${node.localName}[${attribute}]`);
    }
    if (node.localName === 'img' && node.getAttribute('src') === 'x') problems.push('img[src=x]');
    if (node.localName === 'script') problems.push('script');
    for (const attribute of ['href', 'src', 'action', 'formaction', 'xlink:href']) {
      const value = node.getAttribute(attribute);
      if (value !== null && unsafeUrl(value, node.localName)) problems.push(`${node.localName}[${attribute}=${value.slice(0, 40)}]`);
    }
  }
  return problems;
}

describe('rendering raw transactions with hostile strings', () => {
  afterEach(cleanup);

  for (const { name, raw } of hostileTransactions()) {
    it(`${name} renders as text and executes nothing`, async () => {
      window.__xss = undefined;
      const errors: Error[] = [];
      const element = await mount({ 'base-url': 'https://org.example.test' });
      element.addEventListener('okta-authn-error', (event) => errors.push(event.detail.error));
      element.addEventListener('okta-authn-success', (event) => event.preventDefault());
      element.transaction = raw;
      await element.updateComplete;
      await element.updateComplete;
      expect(heading(element), 'a heading is shown').to.not.equal('');
      expect(injected(element)).to.deep.equal([]);
      expect(window.__xss).to.equal(undefined);
      expect(errors.map((error) => error.message)).to.deep.equal([]);
      const text = root(element).textContent ?? '';
      if (text.includes('<img')) expect(text).to.include(HOSTILE);
    });
  }
});

describe('enroll views of every factor type with hostile strings', () => {
  afterEach(cleanup);

  it('picking each factor of a hostile MFA_ENROLL renders its enroll view as text and executes nothing', async () => {
    window.__xss = undefined;
    const raw = hostileTransactions().find(({ name }) => name === 'MFA_ENROLL')!.raw;
    const element = await mount({ 'base-url': 'https://org.example.test' });
    element.transaction = raw;
    await element.updateComplete;
    const count = root(element).querySelectorAll('button[part="factor"]').length;
    expect(count).to.be.greaterThan(10);
    for (let index = 0; index < count; index += 1) {
      root(element).querySelectorAll<HTMLButtonElement>('button[part="factor"]')[index]!.click();
      await element.updateComplete;
      expect(injected(element), heading(element)).to.deep.equal([]);
      await until(() => !element.shadowRoot?.querySelector('[aria-busy="true"]'), 'the step to settle');
      [...root(element).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent?.includes(en['enroll.backToList']))!.click();
      await element.updateComplete;
    }
    expect(window.__xss).to.equal(undefined);
  });
});
