import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe("the element's styles", () => {
  test("no length follows the page's root font size (rem and the other root units), so a page's html { font-size } cannot rescale the element", async () => {
    const files = (await readdir(SRC, { recursive: true })).filter((file) => file.endsWith('.ts'));
    const found: string[] = [];
    for (const file of files) {
      const source = await readFile(`${SRC}${file}`, 'utf8');
      // The tokens' defaults are tables of strings (styles/tokens.ts): all of that file counts.
      const templates = file.endsWith('tokens.ts') ? [source] : [...source.matchAll(/css\s*`([^`]*)`/g)].map(([, template]) => template);
      for (const template of templates) {
        for (const [unit] of template!.matchAll(/[\d.]+(?:rem|rlh|rex|rch|rcap|ric)\b/g)) found.push(`${file}: ${unit}`);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });
});
