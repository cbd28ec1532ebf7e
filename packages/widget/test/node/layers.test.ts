import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The relative modules `file` imports (statically or not), as written. */
async function importsOf(file: string): Promise<string[]> {
  const source = await readFile(`${SRC}${file}`, 'utf8');
  return [...source.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map(([, specifier]) => specifier!);
}

describe('how the modules depend on each other', () => {
  test('views never import factor modules back: the registry says which module serves a factor', async () => {
    const views = (await readdir(`${SRC}views`)).filter((file) => file.endsWith('.ts'));
    const upward: string[] = [];
    for (const file of views) for (const specifier of await importsOf(`views/${file}`)) if (specifier.startsWith('../factors/')) upward.push(`views/${file} → ${specifier}`);
    expect(views.length).toBeGreaterThan(10);
    expect(upward).toEqual([]);
  });

  test('only chunks.ts imports the chunks: one place declares which chunk serves what', async () => {
    const files = (await readdir(SRC, { recursive: true })).filter((file) => file.endsWith('.ts') && !file.startsWith('chunks/') && file !== 'chunks.ts');
    const direct: string[] = [];
    for (const file of files) for (const specifier of await importsOf(file)) if (/\/chunks\/[\w-]+\.js$/.test(specifier)) direct.push(`${file} → ${specifier}`);
    expect(direct).toEqual([]);
  });
});
