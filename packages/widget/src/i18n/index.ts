import type { MessageKey, Messages } from './en.js';
import { enSignIn } from './en-sign-in.js';
import { languageDirection } from './shipped.js';

export { en, isMessageKey } from './en.js';
export type { MessageKey, Messages };

/** English as loaded so far: the first step's from the start; each chunk adds its views' ({@link addEnglish}). */
const english: Messages = { ...enSignIn };

/** Adds the English of views loaded later (a chunk's), for every element on the page. */
export function addEnglish(messages: Messages): void {
  Object.assign(english, messages);
}

/** Values substituted for `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Looks a message up by key and fills its placeholders. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * A catalogue, or a function that loads one: resolving to the catalogue, or to a module whose
 * `default` export is the catalogue (`() => import('@okta-authn/widget/i18n/fr.js')`).
 */
export type LocaleSource = Messages | (() => Promise<Messages | { default: Messages }>);

const locales = new Map<string, LocaleSource>();
const loaded = new Map<string, Promise<Messages>>();

/**
 * Makes a language available to every `<okta-authn>` on the page. `lang` is a BCP 47 tag
 * (`fr`, `pt-BR`); an element whose `lang` is `pt-BR` uses `pt-BR`, else `pt`, else English.
 */
export function registerLocale(lang: string, source: LocaleSource): void {
  const tag = lang.toLowerCase();
  locales.set(tag, source);
  loaded.delete(tag);
}

/** The registered tags that best match `lang`, most specific first (`pt-br` → `pt-br`, `pt`). */
function candidates(lang: string): string[] {
  const parts = lang.toLowerCase().replace(/_/g, '-').split('-');
  const tags: string[] = [];
  for (let length = parts.length; length > 0; length -= 1) tags.push(parts.slice(0, length).join('-'));
  return tags.filter((tag) => locales.has(tag));
}

/** The tags of every registered language, as registered (lower case). */
export function registeredTags(): string[] {
  return [...locales.keys()];
}

/**
 * Loads the catalogue for `lang` (merging `pt` under `pt-BR`); resolves to `{}` when no
 * registered language matches, so English shows. A loader that fails also yields `{}`.
 */
export function loadLocale(lang: string | undefined): Promise<Messages> {
  return loadRegistered(lang).catch(() => ({}));
}

/** Like {@link loadLocale}, but rejects when a loader fails (the element reports it). */
export function loadRegistered(lang: string | undefined): Promise<Messages> {
  if (!lang) return Promise.resolve({});
  const tags = candidates(lang).reverse();
  return Promise.all(tags.map(loadTag)).then((catalogues) => Object.assign({}, ...catalogues) as Messages);
}

/** A loaded module's catalogue: its `default` export, or the module itself when it is a catalogue. */
export function catalogueOf(loaded: Messages | { default: Messages }): Messages {
  return 'default' in loaded && typeof loaded.default === 'object' && loaded.default !== null ? loaded.default : (loaded as Messages);
}

/** A loaded catalogue module: a browser build's `i18n/<tag>.js` also exports `steps()`, which loads every later step's part. */
export type CatalogueModule = Messages | { default: Messages; steps?: () => Promise<Messages | { default: Messages }> };

/** The later part of a loaded catalogue module, when it has one. */
export function laterPart(loaded: CatalogueModule): Promise<Messages> | undefined {
  const steps = 'steps' in loaded ? loaded.steps : undefined;
  return typeof steps === 'function' ? steps().then((part) => catalogueOf(part ?? {})) : undefined;
}

/** A loaded catalogue module with its later part, when it has one. */
async function wholeCatalogue(loaded: CatalogueModule): Promise<Messages> {
  const later = laterPart(loaded);
  return later ? { ...catalogueOf(loaded), ...(await later) } : catalogueOf(loaded);
}

function loadTag(tag: string): Promise<Messages> {
  const cached = loaded.get(tag);
  if (cached) return cached;
  const source = locales.get(tag);
  const promise = typeof source === 'function' ? source().then(wholeCatalogue) : Promise.resolve(source ?? {});
  loaded.set(tag, promise);
  return promise;
}

/** The CLDR plural category of `count` in `lang` (`one`, `few`, `many`, `other`…); English's for a tag `Intl` rejects. */
function pluralCategory(lang: string, count: number): string {
  try {
    return new Intl.PluralRules(lang).select(count);
  } catch {
    return new Intl.PluralRules('en').select(count);
  }
}

/** A number as `lang` writes it (digits, grouping); strings are left as they are. */
function formatValue(value: string | number, lang: string): string {
  if (typeof value !== 'number') return value;
  try {
    return new Intl.NumberFormat(lang).format(value);
  } catch {
    return String(value);
  }
}

/** Index of the `}` that closes the `{` at `start`, or -1. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    else if (text[index] === '}' && --depth === 0) return index;
  }
  return -1;
}

/** Picks the branch of `=N {…}` / `category {…}` choices for `count`, falling back to `other`. */
function pluralBranch(choices: string, count: number, lang: string): string | undefined {
  const branches = new Map<string, string>();
  const selector = /\s*(=?\w+)\s*\{/g;
  let match: RegExpExecArray | null;
  while ((match = selector.exec(choices))) {
    const open = match.index + match[0].length - 1;
    const close = closingBrace(choices, open);
    if (close < 0) break;
    branches.set(match[1] ?? '', choices.slice(open + 1, close));
    selector.lastIndex = close + 1;
  }
  return branches.get(`=${count}`) ?? branches.get(pluralCategory(lang, count)) ?? branches.get('other');
}

/**
 * Fills a message: `{name}` takes `params.name` (numbers written the way `lang` writes them), and
 * `{name, plural, one {# day} other {# days}}` picks the branch for `lang`'s plural rules
 * (`zero`, `one`, `two`, `few`, `many`, `other`, or an exact `=N`), `#` standing for the number.
 * Unknown placeholders stay as written.
 */
export function formatMessage(template: string, params: MessageParams = {}, lang = 'en', count?: string): string {
  let text = '';
  for (let index = 0; index < template.length; index += 1) {
    const char = template[index];
    if (char === '#' && count !== undefined) {
      text += count;
      continue;
    }
    const close = char === '{' ? closingBrace(template, index) : -1;
    if (close < 0) {
      text += char;
      continue;
    }
    const whole = template.slice(index, close + 1);
    const [, name = '', plural] = /^\{\s*(\w+)\s*(?:,\s*plural\s*,([\s\S]*))?\}$/.exec(whole) ?? [];
    const value = params[name];
    if (value === undefined) text += whole;
    else if (plural === undefined) text += formatValue(value, lang);
    else {
      const branch = pluralBranch(plural, Number(value), lang);
      text += branch === undefined ? whole : formatMessage(branch, params, lang, formatValue(value, lang));
    }
    index = close;
  }
  return text;
}

/**
 * `params` with each text value between Unicode isolates (FSI … PDI): an email address, a phone
 * number or a username keeps its own direction inside a right-to-left sentence, and the
 * punctuation around it stays in place. Numbers are left to {@link formatMessage}.
 */
export function isolateParams(params: MessageParams | undefined): MessageParams | undefined {
  if (!params) return params;
  const isolated: MessageParams = {};
  for (const [name, value] of Object.entries(params)) isolated[name] = typeof value === 'string' ? `\u2068${value}\u2069` : value;
  return isolated;
}

/**
 * A translator over English, then `locale` (a catalogue in `lang`), then `overrides` (later wins,
 * per key; an override that is not a non-empty string is ignored, so it never blanks a message).
 * In a right-to-left `lang`, text values of placeholders are isolated ({@link isolateParams}).
 */
export function createTranslator(locale: Messages = {}, overrides: Messages = {}, lang = 'en'): Translate {
  const usable = (text: unknown): text is string => typeof text === 'string' && text.trim() !== '';
  const rtl = languageDirection(lang) === 'rtl';
  return (key, params) => {
    const own = usable(overrides[key]) ? overrides[key] : usable(locale[key]) ? locale[key] : undefined;
    return own === undefined ? formatMessage(english[key] ?? key, params, 'en') : formatMessage(own, rtl ? isolateParams(params) : params, lang);
  };
}
