import { en } from './en.js';
import type { MessageKey, Messages } from './en.js';

export { en };
export type { MessageKey, Messages };

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

/**
 * Loads the catalogue for `lang` (merging `pt` under `pt-BR`); resolves to `{}` when no
 * registered language matches, so English shows. A loader that fails also yields `{}`.
 */
export function loadLocale(lang: string | undefined): Promise<Messages> {
  if (!lang) return Promise.resolve({});
  const tags = candidates(lang).reverse();
  return Promise.all(tags.map(loadTag)).then((catalogues) => Object.assign({}, ...catalogues) as Messages);
}

function loadTag(tag: string): Promise<Messages> {
  const cached = loaded.get(tag);
  if (cached) return cached;
  const source = locales.get(tag);
  const promise =
    typeof source === 'function'
      ? source().then(
          (loaded) => ('default' in loaded && typeof loaded.default === 'object' && loaded.default !== null ? loaded.default : (loaded as Messages)),
          () => ({}),
        )
      : Promise.resolve(source ?? {});
  loaded.set(tag, promise);
  return promise;
}

/** Replaces each `{name}` in `template` by `params.name`; unknown placeholders stay as written. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

/** A translator over English, then `locale`, then `overrides` (later wins). */
export function createTranslator(locale: Messages = {}, overrides: Messages = {}): Translate {
  return (key, params) => formatMessage(overrides[key] ?? locale[key] ?? en[key] ?? key, params);
}

/** True when `key` is a key of the English catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
