import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { OktaAuthn } from '../../src/okta-authn.js';

/** Elements created by {@link mount}, removed by {@link cleanup}. */
const mounted: HTMLElement[] = [];

/** Creates `<okta-authn>` with the given attributes in the page and waits for its first render. */
export async function mount(attributes: Record<string, string | boolean> = {}, properties: Partial<OktaAuthn> = {}): Promise<OktaAuthn> {
  const element = document.createElement('okta-authn');
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  Object.assign(element, properties);
  document.body.append(element);
  mounted.push(element);
  await element.updateComplete;
  return element;
}

/** Removes every mounted element and forgets any stateToken kept for a reload. */
export function cleanup(): void {
  for (const element of mounted.splice(0)) element.remove();
  // A flow left mid-way keeps its stateToken for a reload: the next test starts from sign-in.
  sessionStorage.clear();
}

/** The element's render root (shadow root, or the element in `no-shadow` mode). */
export function root(element: OktaAuthn): ParentNode {
  return element.shadowRoot ?? element;
}

/** The heading of the current step. */
export function heading(element: OktaAuthn): string {
  return root(element).querySelector('[part="title"]')?.textContent?.trim() ?? '';
}

/** The input named `name`; fails the test when absent. */
export function input(element: OktaAuthn, name: string): HTMLInputElement {
  const found = root(element).querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!found) throw new Error(`No input named ${name} in "${heading(element)}"`);
  return found;
}

/** The button whose text contains `text`; fails the test when absent. */
export function button(element: OktaAuthn, text: string): HTMLButtonElement {
  const found = [...root(element).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent?.includes(text));
  if (!found) throw new Error(`No button "${text}" in "${heading(element)}"`);
  return found;
}

/** Focuses the input and types `text` with the real keyboard. */
export async function type(element: OktaAuthn, name: string, text: string): Promise<void> {
  const field = input(element, name);
  field.focus();
  field.select();
  await sendKeys({ type: text });
}

/** Presses a key (e.g. `Enter`) in the focused element. */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

/** Clicks a button by its text. */
export async function click(element: OktaAuthn, text: string): Promise<void> {
  button(element, text).click();
  await element.updateComplete;
}

/** Waits until the heading contains `title` (resolves at once if it already does). */
export async function waitForHeading(element: OktaAuthn, title: string, timeout = 15000): Promise<void> {
  await until(() => heading(element).includes(title), `"${title}"`, element, timeout);
  await element.updateComplete;
}

/** Waits until `predicate` holds, re-checking every frame; on timeout says what it waited for and what `element` shows. */
export async function until(predicate: () => boolean, what: string, element?: OktaAuthn, timeout = 15000): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeout) {
      const showing = element ? `; showing "${heading(element)}", error: "${errorText(element)}", text: ${text(element).slice(0, 300)}` : '';
      throw new Error(`Timed out waiting for ${what}${showing}`);
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** The visible text of the element, whitespace collapsed. */
export function text(element: OktaAuthn): string {
  return (root(element).textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first element matching `selector` in the element's render root. */
export function find<T extends Element = HTMLElement>(element: OktaAuthn, selector: string): T | null {
  return root(element).querySelector<T>(selector);
}

/** The text of the notice banner, or `''`. */
export function notice(element: OktaAuthn): string {
  return root(element).querySelector('[part="notice"]')?.textContent?.trim() ?? '';
}

/** Presses Enter in the (empty) field `name`: client-side validation, no request. */
export async function enterIn(element: OktaAuthn, name: string): Promise<void> {
  input(element, name).focus();
  await press('Enter');
  await element.updateComplete;
}

/** The text of the error on display: the banner, else the message under a field; `''` when none. */
export function errorText(element: OktaAuthn): string {
  return bannerText(element) || (root(element).querySelector('[part~="field-error"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

/** The text of the error banner (an error that belongs to no field), or `''`. */
export function bannerText(element: OktaAuthn): string {
  return root(element).querySelector('[part="error"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** What the error on display does to input `name`: the message under it, the elements its `aria-describedby` names, its `aria-invalid`. */
export function fieldError(element: OktaAuthn, name: string): { message: HTMLElement | null; describedBy: HTMLElement[]; invalid: string | null } {
  const field = input(element, name);
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return {
    message: field.closest('[part~="field"]')?.querySelector<HTMLElement>('[part~="field-error"]') ?? null,
    describedBy: ids.map((id) => root(element).querySelector<HTMLElement>(`#${CSS.escape(id)}`)).filter((found): found is HTMLElement => found !== null),
    invalid: field.getAttribute('aria-invalid'),
  };
}

/** The message under input `name` says `text` (or starts with it), shows under it, describes it, marks it invalid and it has the focus; no banner. */
export function expectFieldError(element: OktaAuthn, name: string, text: string, startsWith = false): void {
  const { message, describedBy, invalid } = fieldError(element, name);
  expect(message, `a message under ${name}`).to.not.equal(null);
  const said = message!.textContent!.replace(/\s+/g, ' ').trim();
  if (startsWith) expect(said.startsWith(text), `"${said}" starts with "${text}"`).to.equal(true);
  else expect(said).to.equal(text);
  const field = input(element, name);
  expect(message!.getBoundingClientRect().top, 'the message shows under the input').to.be.at.least(field.getBoundingClientRect().bottom);
  expect(describedBy, 'aria-describedby points at the message').to.include(message);
  expect(message!.checkVisibility(), 'which is visible').to.equal(true);
  expect(invalid, 'aria-invalid').to.equal('true');
  expect(focused(element), `focus on ${name}`).to.equal(field);
  expect(bannerText(element), 'no banner').to.equal('');
}

/** The banner says `text` (or starts with it); no message under a field, no input marked invalid; a focused input is described by the (visible) banner. */
export function expectBanner(element: OktaAuthn, text: string, startsWith = false): void {
  const said = bannerText(element);
  if (startsWith) expect(said.startsWith(text), `"${said}" starts with "${text}"`).to.equal(true);
  else expect(said).to.equal(text);
  expect(root(element).querySelector('[part~="field-error"]'), 'no message under a field').to.equal(null);
  expect(root(element).querySelectorAll('input[aria-invalid="true"]'), 'no input marked invalid').to.have.length(0);
  const current = focused(element);
  if (current instanceof HTMLInputElement) {
    const banner = root(element).querySelector<HTMLElement>('[part="error"]')!;
    expect(current.getAttribute('aria-describedby')?.split(/\s+/), 'the focused input is described by the banner').to.include(banner.id);
    expect(banner.checkVisibility(), 'which is visible').to.equal(true);
  }
}

/** The element that has focus inside the element's render root. */
export function focused(element: OktaAuthn): Element | null {
  return element.shadowRoot ? element.shadowRoot.activeElement : document.activeElement;
}

/** axe-core over the element (shadow DOM included): zero violations. */
export async function expectAccessible(element: OktaAuthn): Promise<void> {
  await element.updateComplete;
  await expect(element).to.be.accessible();
}

/** The simulator started by the test runner. */
export async function simulatorUrl(): Promise<string> {
  const response = await fetch('/__widget-test/simulator.json');
  const { url } = (await response.json()) as { url: string };
  return url.replace(/\/+$/, '');
}

/** A management or dev-control request to the simulator, made by the test runner (SSWS token). */
export async function sim<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const result = await executeServerCommand<{ status: number; body: T }, { method: string; path: string; body?: unknown }>('sim-request', { method, path, body });
  if (!result) throw new Error('The simulator plugin did not answer');
  return result;
}

/** A page of its own in a frame (so it can be reloaded), with `<okta-authn attributes>`. */
export class FramePage {
  readonly frame = document.createElement('iframe');

  constructor(attributes: string) {
    const define = new URL('../../src/define.ts', import.meta.url).pathname;
    this.frame.title = 'okta-authn in a page of its own';
    this.frame.srcdoc = `<!doctype html><html lang="en"><body><script type="module" src="${define}"></script><okta-authn ${attributes}></okta-authn></body></html>`;
  }

  /** The frame's window. */
  get window(): Window & typeof globalThis {
    return this.frame.contentWindow as Window & typeof globalThis;
  }

  /** Resolves when the frame has loaded its next page. */
  navigation(): Promise<unknown> {
    return new Promise((resolve) => this.frame.addEventListener('load', resolve, { once: true }));
  }

  /** Opens the page (appends the frame); resolves with its element, rendered. */
  async open(): Promise<OktaAuthn> {
    const loaded = this.navigation();
    document.body.append(this.frame);
    await loaded;
    return this.element();
  }

  /** Reloads the page; resolves with the new element, rendered. */
  async reload(): Promise<OktaAuthn> {
    const loaded = this.navigation();
    this.frame.contentWindow!.location.reload();
    await loaded;
    return this.element();
  }

  private async element(): Promise<OktaAuthn> {
    const frameWindow = this.window;
    await until(() => frameWindow.customElements.get('okta-authn') !== undefined, 'the element to be defined in the frame');
    const element = frameWindow.document.querySelector('okta-authn') as OktaAuthn;
    await element.updateComplete;
    return element;
  }

  /** Removes the frame. */
  close(): void {
    this.frame.remove();
  }
}
