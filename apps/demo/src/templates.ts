import { readFile } from 'node:fs/promises';

/** Values a page template can show: text (escaped) or a fragment built with {@link html}. */
export type TemplateValue = string | number | boolean | SafeHtml | undefined;

/** HTML that is already escaped (built by {@link html}); inserted as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

function toHtml(value: TemplateValue | readonly SafeHtml[]): string {
  if (value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(String).join('');
  if (value instanceof SafeHtml) return value.value;
  return escapeHtml(String(value));
}

/** Tagged template: interpolated values are escaped unless they are {@link SafeHtml} (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: Array<TemplateValue | readonly SafeHtml[]>): SafeHtml {
  return new SafeHtml(strings.reduce((out, chunk, index) => out + chunk + (index < values.length ? toHtml(values[index]) : ''), ''));
}

/**
 * Fills a page template: `{{name}}` is replaced by the escaped value (or a {@link SafeHtml}
 * fragment), and `<!--if:name-->…<!--endif:name-->` is kept only when `name` is truthy.
 * A placeholder without a value throws, so a typo fails the first request instead of showing `{{…}}`.
 */
export function fillTemplate(template: string, values: Record<string, TemplateValue>): string {
  const kept = template.replace(/<!--if:(\w+)-->([\s\S]*?)<!--endif:\1-->/g, (_match, name: string, body: string) => (values[name] ? body : ''));
  return kept.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    if (!(name in values)) throw new Error(`template placeholder {{${name}}} has no value`);
    return toHtml(values[name]);
  });
}

/** Reads and caches page templates from a directory. */
export function templateLoader(directory: URL): (name: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (name) => {
    let template = cache.get(name);
    if (!template) {
      template = readFile(new URL(name, directory), 'utf8');
      cache.set(name, template);
    }
    return template;
  };
}
