import type { ReactiveControllerHost } from 'lit';
import { errorEvent } from './events.js';
import type { Messages } from './i18n/index.js';
import { languageDirection } from './i18n/shipped.js';
import { LocaleLoadError, chooseLanguage } from './locales.js';
import type { LanguageChoice } from './locales.js';

/** How long the element stays blank waiting for a catalogue before it shows English. */
export const LANGUAGE_WAIT_MS = 300;

const ENGLISH: Messages = {};
const NO_LANGUAGE: LanguageChoice = { tag: 'en', locale: 'en', load: undefined };

/**
 * The language an `<okta-authn>` shows. When the wanted language needs a catalogue, the card
 * stays blank while it loads, for {@link LANGUAGE_WAIT_MS} at most, then shows English. A
 * catalogue that arrives later replaces English at once, unless the person has typed in the
 * current step: then it waits for the next step, so that text never changes under their hands.
 * A catalogue that fails leaves English and fires `okta-authn-error` (a `LocaleLoadError`) once
 * per language.
 */
export class LanguageController {
  /** The catalogue shown (`{}`: English). */
  catalogue: Messages = ENGLISH;
  /** The tag of the language shown: `en` until a catalogue is shown, and when it failed. */
  tag = 'en';
  /** The tag numbers and dates are written for. */
  locale = 'en';
  /** True while the card waits (blank) for a catalogue. */
  held = false;
  /** Settles when the catalogue asked for last is shown, deferred or failed. */
  pending: Promise<void> | undefined;

  #wantedKey: string | undefined;
  #request = 0;
  #step = '';
  #typed = false;
  /** A catalogue that arrived after the person typed: shown on the next step. */
  #deferred: (LanguageChoice & { catalogue: Messages }) | undefined;
  readonly #reported = new Set<string>();

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #wanted: () => string[];

  constructor(host: ReactiveControllerHost & HTMLElement, wanted: () => string[]) {
    this.#host = host;
    this.#wanted = wanted;
    host.addEventListener('input', () => {
      this.#typed = true;
    });
  }

  /** Writing direction of the language shown. */
  get dir(): 'ltr' | 'rtl' {
    return languageDirection(this.tag);
  }

  /** Called before each render with the step shown: follows a change of the wanted language, and shows a deferred catalogue on a new step. */
  sync(step: string): void {
    if (step !== this.#step) {
      this.#step = step;
      this.#typed = false;
      if (this.#deferred) this.#show(this.#deferred, this.#deferred.catalogue);
    }
    const wanted = this.#wanted();
    const key = wanted.join(',');
    if (key === this.#wantedKey) return;
    this.#wantedKey = key;
    this.#choose(chooseLanguage(wanted));
  }

  #choose(choice: LanguageChoice): void {
    const request = (this.#request += 1);
    this.#deferred = undefined;
    if (!choice.load) {
      this.held = false;
      this.pending = undefined;
      this.#show(choice, ENGLISH);
      return;
    }
    this.held = true;
    const timer = setTimeout(() => {
      if (request !== this.#request || !this.held) return;
      this.held = false;
      this.#host.requestUpdate();
    }, LANGUAGE_WAIT_MS);
    const pending = choice.load().then(
      (catalogue) => {
        if (request !== this.#request) return;
        const late = !this.held && this.#typed;
        this.held = false;
        if (late) this.#deferred = { ...choice, catalogue };
        else this.#show(choice, catalogue);
      },
      (error: unknown) => {
        if (request !== this.#request) return;
        this.held = false;
        this.#show(NO_LANGUAGE, ENGLISH);
        if (!this.#reported.has(choice.tag)) {
          this.#reported.add(choice.tag);
          this.#host.dispatchEvent(errorEvent({ error: new LocaleLoadError(choice.tag, { cause: error }) }));
        }
      },
    );
    this.pending = pending.finally(() => {
      clearTimeout(timer);
      if (this.pending === settled) this.pending = undefined;
    });
    const settled = this.pending;
  }

  #show(choice: LanguageChoice, catalogue: Messages): void {
    this.#deferred = undefined;
    if (this.tag === choice.tag && this.locale === choice.locale && this.catalogue === catalogue) return;
    this.tag = choice.tag;
    this.locale = choice.locale;
    this.catalogue = catalogue;
    this.#host.requestUpdate();
  }
}
