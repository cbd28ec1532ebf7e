import { AuthnError } from '@okta-authn/core';
import { catalogueOf, laterPart, loadRegistered, registeredTags } from './i18n/index.js';
import type { CatalogueModule, Messages } from './i18n/index.js';
import { negotiateLanguage } from './i18n/negotiate.js';
import { shippedTags } from './i18n/shipped.js';

/**
 * Which language an element shows and where its catalogue comes from: a language the page
 * registered (`registerLocale`) wins; else a shipped one, loaded from `i18n/<tag>.js` beside this
 * module (the browser build's `dist/browser/i18n/`, the package's `dist/i18n/`); else English.
 */

/** A language catalogue that could not be loaded (network, blocked, missing from a deployment); `code` is `LOCALE_LOAD_FAILED`. English is shown instead. */
export class LocaleLoadError extends AuthnError {
  /** The language whose catalogue failed (`de`, `pt-BR`…). */
  readonly lang: string;

  constructor(lang: string, options?: { cause?: unknown }) {
    super('LOCALE_LOAD_FAILED', `The ${lang} messages could not be loaded; English is shown`, options);
    this.name = 'LocaleLoadError';
    this.lang = lang;
  }
}

/** The language an element shows, and how to load its catalogue (none for English). */
export interface LanguageChoice {
  /** The tag of the catalogue (`de` for a page in `de-AT`); `en` when English is shown. */
  readonly tag: string;
  /** The wanted tag it answers, for numbers and dates (`de-AT`); `en` when nothing wanted matched. */
  readonly locale: string;
  /** Loads the catalogue. Absent for English. */
  readonly load: (() => Promise<Messages>) | undefined;
}

const shipped = new Map<string, Promise<Messages>>();


/** Later parts of shipped catalogues (settled or on their way; never rejected); {@link catalogueSteps} waits for them. */
const laterParts: Promise<void>[] = [];

/**
 * Loads a shipped catalogue once per page, from beside this module. The browser build ships each
 * language in two parts: the sign-in form's, which this resolves with, and every later step's, which
 * its `steps()` fetches at once and which is added to the same catalogue when it arrives.
 */
function loadShipped(tag: string): Promise<Messages> {
  let promise = shipped.get(tag);
  if (!promise) {
    // A variable, not a literal: bundlers must not take this for an asset to copy.
    const path = `./i18n/${tag}.js`;
    promise = (import(/* @vite-ignore */ /* webpackIgnore: true */ new URL(path, import.meta.url).href) as Promise<CatalogueModule>).then((module) => {
      const catalogue = { ...catalogueOf(module) };
      // A later part that fails leaves those steps in English; the sign-in form is already translated.
      const later = laterPart(module)?.then(
        (steps) => void Object.assign(catalogue, steps),
        () => undefined,
      );
      if (later) laterParts.push(later);
      return catalogue;
    });
    shipped.set(tag, promise);
  }
  return promise;
}

/** Settles when the later parts of the catalogues loaded so far have arrived (or failed): a later step waits for it before it shows. */
export function catalogueSteps(): Promise<void> {
  return Promise.all(laterParts).then(() => undefined);
}

/**
 * The language to show to a person who wants `wanted` (most wanted first): for each wanted tag
 * in turn, the best registered language, else the best shipped one (`de-AT` → `de`,
 * `pt-PT` → `pt-BR`); English when none matches.
 */
export function chooseLanguage(wanted: readonly string[]): LanguageChoice {
  const registered = registeredTags();
  for (const tag of wanted) {
    const mine = negotiateLanguage([tag], registered, '');
    if (mine) {
      return { tag: mine, locale: tag, load: () => loadRegistered(mine) };
    }
    const ours = negotiateLanguage([tag], shippedTags, '');
    if (ours) return { tag: ours, locale: tag, load: ours === 'en' ? undefined : () => loadShipped(ours) };
  }
  return { tag: 'en', locale: 'en', load: undefined };
}
