// What the browser build (dist/browser) is made of: its files, and which of them load before the
// first form (the entry and what it imports statically). Shared by the bench and the tests.
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser build's folder. */
export const BROWSER_DIR = fileURLToPath(new URL('../dist/browser/', import.meta.url));

/** The entry, the file of the one `<script type="module">` tag. */
export const ENTRY = 'okta-authn.js';

/** Every file of the browser build (source maps included), as paths relative to it with `/`. */
export async function browserFiles() {
  const entries = await readdir(BROWSER_DIR, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(BROWSER_DIR, join(entry.parentPath ?? entry.path, entry.name)).split('\\').join('/'));
}

/** The relative modules a built file imports statically (`import … from "./x.js"`, `import "./x.js"`), never `import()`. */
export function staticImports(source) {
  const found = [];
  for (const match of source.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{][^"'`]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) found.push(match[1]);
  return found;
}

/** A file of the build and every file it imports statically, transitively: what loads with it. */
export async function staticGraph(start) {
  const seen = new Set();
  const visit = async (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = await readFile(join(BROWSER_DIR, file), 'utf8');
    for (const specifier of staticImports(source)) await visit(join(dirname(file), specifier).split('\\').join('/'));
  };
  await visit(start);
  return seen;
}

/** The entry and every file it imports statically, transitively: what loads before the first form. */
export function entryFiles() {
  return staticGraph(ENTRY);
}

/**
 * The build's scripts with their gzip sizes (level 9): `entryBytes`, what loads before the first form
 * (the entry and what it imports statically), and `totalBytes`, everything the element can load in
 * English (other languages are opt-in, loaded only by the pages that use them).
 */
export async function measureSizes() {
  const files = (await browserFiles()).filter((file) => file.endsWith('.js'));
  const gzip = new Map();
  for (const file of files) gzip.set(file, gzipSync(await readFile(join(BROWSER_DIR, file)), { level: 9 }).length);
  const entry = await entryFiles();
  const english = files.filter((file) => !file.startsWith('i18n/'));
  const sum = (list) => list.reduce((total, file) => total + (gzip.get(file) ?? 0), 0);
  return { gzip, english, files: english.length, entryFiles: entry.size, entryBytes: sum([...entry]), totalBytes: sum(english), languages: files.length - english.length };
}
