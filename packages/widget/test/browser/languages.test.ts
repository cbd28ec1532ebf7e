import { expect } from '@open-wc/testing';
import { registerLocale } from '../../src/i18n/index.js';
import { LocaleLoadError } from '../../src/locales.js';
import type { OktaAuthn } from '../../src/okta-authn.js';
import type { Messages } from '../../src/i18n/index.js';
import { button, cleanup, find, heading, input, mount, root, type, until, waitForHeading } from './helpers.js';
import { UNREACHABLE } from './raw-fixtures.js';

/** The card's `lang` and `dir`: the language the element actually shows. */
function shown(element: OktaAuthn): { lang: string | null; dir: string | null } {
  const card = find(element, '[part="base"]');
  return { lang: card?.getAttribute('lang') ?? null, dir: card?.getAttribute('dir') ?? null };
}

/** Every `okta-authn-error` an element fires from now on. */
function errorsOf(element: EventTarget): Error[] {
  const errors: Error[] = [];
  element.addEventListener('okta-authn-error', (event) => errors.push((event as CustomEvent<{ error: Error }>).detail.error));
  return errors;
}

/** Creates an element inside `holder` (appended to the page), not yet rendered. */
function inside(holder: HTMLElement, attributes: Record<string, string> = {}): OktaAuthn {
  const element = document.createElement('okta-authn');
  element.setAttribute('base-url', UNREACHABLE);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  holder.append(element);
  return element;
}

describe('languages the element loads itself', () => {
  const holders: HTMLElement[] = [];
  const holder = (lang: string): HTMLElement => {
    const div = document.createElement('div');
    div.lang = lang;
    document.body.append(div);
    holders.push(div);
    return div;
  };

  afterEach(() => {
    cleanup();
    for (const div of holders.splice(0)) div.remove();
  });

  it('lang="de" with nothing registered shows German, loaded from i18n/de.js beside the element', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, lang: 'de' });
    expect(heading(element)).to.equal('Anmelden');
    expect(root(element).querySelector(`label[for="${input(element, 'username').id}"]`)?.textContent?.trim()).to.equal('Benutzername');
    expect(shown(element)).to.deep.equal({ lang: 'de', dir: 'ltr' });
  });

  it('a region falls back to its language, and the closest lang in the page is used when the element has none', async () => {
    const austrian = await mount({ 'base-url': UNREACHABLE, lang: 'de-AT' });
    expect(heading(austrian)).to.equal('Anmelden');
    expect(shown(austrian).lang).to.equal('de');
    const portuguese = inside(holder('pt-PT'));
    await portuguese.updateComplete;
    expect(heading(portuguese), 'pt-PT has no catalogue of its own: pt-BR').to.equal('Entrar');
    const unknown = inside(holder('xx-YY'));
    await unknown.updateComplete;
    expect(heading(unknown)).to.equal('Sign in');
    expect(shown(unknown)).to.deep.equal({ lang: 'en', dir: 'ltr' });
  });

  it('lang="auto" follows navigator.languages, in order', async () => {
    const original = Object.getOwnPropertyDescriptor(navigator, 'languages');
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['xx', 'es-MX', 'de'] });
    try {
      const element = await mount({ 'base-url': UNREACHABLE, lang: 'auto' });
      expect(heading(element)).to.equal('Iniciar sesión');
      expect(shown(element).lang).to.equal('es');
    } finally {
      if (original) Object.defineProperty(navigator, 'languages', original);
      else delete (navigator as unknown as Record<string, unknown>).languages;
    }
  });

  it('the language property wins over lang, as a code or as a function of the supported and preferred languages', async () => {
    const element = await mount({ 'base-url': UNREACHABLE, lang: 'de' }, { language: 'es' });
    expect(heading(element)).to.equal('Iniciar sesión');
    let asked: readonly string[] = [];
    element.language = (supported) => {
      asked = supported;
      return 'pt-BR';
    };
    await element.updateComplete;
    expect(heading(element)).to.equal('Entrar');
    expect(asked).to.include.members(['en', 'ar', 'de', 'zh-TW']);
  });

  it('a registered language wins over the shipped catalogue, and messages win over both, key by key', async () => {
    registerLocale('it', { 'primary.title': 'Accesso (registrato)' });
    const element = await mount({ 'base-url': UNREACHABLE, lang: 'it' });
    expect(heading(element)).to.equal('Accesso (registrato)');
    const german = await mount({ 'base-url': UNREACHABLE, lang: 'de' }, { messages: { 'primary.submit': 'Los' } });
    expect(button(german, 'Los').type).to.equal('submit');
    expect(heading(german), 'keys not overridden stay German').to.equal('Anmelden');
  });

  it('a catalogue that cannot be loaded leaves English and fires okta-authn-error once, with a LocaleLoadError', async () => {
    document.cookie = 'missing-catalogue=ht; path=/';
    try {
      const element = inside(holder('ht'));
      const errors = errorsOf(element);
      await element.updateComplete;
      expect(heading(element)).to.equal('Sign in');
      expect(shown(element)).to.deep.equal({ lang: 'en', dir: 'ltr' });
      await type(element, 'username', 'someone');
      element.requestUpdate();
      await element.updateComplete;
      expect(errors).to.have.length(1);
      const [error] = errors;
      expect(error).to.be.instanceOf(LocaleLoadError);
      expect((error as LocaleLoadError).code).to.equal('LOCALE_LOAD_FAILED');
      expect((error as LocaleLoadError).lang).to.equal('ht');
      expect(find(element, '[part="error"]'), 'nothing for the person to act on').to.equal(null);
    } finally {
      document.cookie = 'missing-catalogue=; path=/; max-age=0';
    }
  });
});

describe('while a catalogue loads', () => {
  afterEach(cleanup);

  /** Registers a language whose catalogue arrives when the test says so. */
  function slowLanguage(tag: string): (messages: Messages) => void {
    let arrive: (messages: Messages) => void = () => undefined;
    registerLocale(tag, () => new Promise<Messages>((resolve) => (arrive = resolve)));
    return (messages) => arrive(messages);
  }

  it('the card stays blank at first, shows English once the wait is over, and the catalogue as soon as it arrives', async () => {
    const arrive = slowLanguage('x-slow-one');
    const element = document.createElement('okta-authn');
    element.setAttribute('base-url', UNREACHABLE);
    element.lang = 'x-slow-one';
    document.body.append(element);
    try {
      await until(() => find(element, '[part="base"]') !== null, 'the first render');
      const card = find(element, '[part="base"]')!;
      expect(card.classList.contains('held') || heading(element) === 'Sign in').to.equal(true);
      await until(() => !card.classList.contains('held'), 'the end of the wait');
      expect(heading(element)).to.equal('Sign in');
      expect(getComputedStyle(card).visibility).to.equal('visible');
      arrive({ 'primary.title': 'Slow sign-in' });
      await element.updateComplete;
      expect(heading(element)).to.equal('Slow sign-in');
    } finally {
      element.remove();
    }
  });

  it('a catalogue that arrives after the person started typing waits for the next step, so text never changes under their hands', async () => {
    const arrive = slowLanguage('x-slow-two');
    const element = document.createElement('okta-authn');
    element.setAttribute('base-url', UNREACHABLE);
    element.setAttribute('recovery-factors', 'email');
    element.lang = 'x-slow-two';
    document.body.append(element);
    try {
      await until(() => find(element, '[part="base"]')?.classList.contains('held') === false, 'the end of the wait');
      await type(element, 'username', 'someone');
      arrive({ 'primary.title': 'Slow sign-in', 'recovery.forgotTitle': 'Slow reset' });
      await element.updateComplete;
      expect(heading(element)).to.equal('Sign in');
      button(element, 'Forgot password').click();
      await waitForHeading(element, 'Slow reset');
    } finally {
      element.remove();
    }
  });
});
