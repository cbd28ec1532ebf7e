/** Names of `{name}` and `{name, plural, …}` placeholders, sorted; a plural branch body (`one {…}`) is not one. */
export const placeholders = (text: string): string[] =>
  [...new Set([...text.replace(/(?:\b(?:zero|one|two|few|many|other)|=\d+)\s*\{/g, '(').matchAll(/\{\s*(\w+)\s*[,}]/g)].map((match) => match[1]!))].sort();

/** One `{name, plural, …}` choice of a message: the placeholder and its selectors in order. */
export interface PluralChoice {
  name: string;
  selectors: string[];
}

/**
 * The plural choices of a message, nested ones included, read strictly: text, `{name}` and
 * `{name, plural, selector {…} …}` only. Throws, naming the fault, on anything else (a brace left
 * open or closed twice, a choice that is not `selector {…}` pairs, a selector given twice).
 */
export function pluralChoices(text: string): PluralChoice[] {
  const choices: PluralChoice[] = [];
  let at = 0;
  const fail = (fault: string): never => {
    throw new Error(`${fault} at ${at}: …${text.slice(at, at + 20)}`);
  };
  const take = (pattern: RegExp, fault: string): RegExpExecArray => {
    const match = new RegExp(pattern.source, 'y');
    match.lastIndex = at;
    const found = match.exec(text) ?? fail(fault);
    at = match.lastIndex;
    return found;
  };
  /** Reads text and arguments up to a `}` closing the enclosing branch (or the end at top level). */
  const message = (nested: boolean): void => {
    while (at < text.length) {
      const char = text[at];
      if (char === '}') {
        if (nested) return;
        fail('a } that closes nothing');
      }
      if (char !== '{') {
        at += 1;
        continue;
      }
      const [, name = '', plural] = take(/\{\s*(\w+)\s*(,\s*plural\s*,)?/, 'not a {placeholder}');
      if (plural) {
        const selectors: string[] = [];
        while (!/^\s*\}/.test(text.slice(at))) {
          const [, selector = ''] = take(/\s*(=\d+|[a-z]+)\s*\{/, `not a plural branch of ${name}`);
          if (selectors.includes(selector)) fail(`${selector} twice in ${name}`);
          selectors.push(selector);
          message(true);
          take(/\}/, `branch ${selector} of ${name} left open`);
        }
        choices.push({ name, selectors });
      }
      take(/\s*\}/, `{${name}} left open`);
    }
    if (nested) fail('a branch left open');
  };
  message(false);
  return choices;
}
