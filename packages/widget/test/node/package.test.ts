import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { browserFiles } from '../../scripts/build-files.mjs';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

interface Manifest {
  sideEffects: string[];
  customElements: string;
}

interface ElementsManifest {
  modules: { path: string; declarations?: { name: string; tagName?: string; customElement?: boolean; attributes?: { name: string }[] }[]; exports?: { kind: string; name: string }[] }[];
}

describe('the published package', () => {
  test('npm pack contains every chunk of the browser build, and no source map', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_DIR, maxBuffer: 32 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const paths = new Set(packed!.files.map((file) => file.path));
    const scripts = (await browserFiles()).filter((file) => file.endsWith('.js'));
    expect(scripts.filter((file) => file.startsWith('chunks/')).length).toBeGreaterThan(0);
    expect(scripts.filter((file) => !paths.has(`dist/browser/${file}`))).toEqual([]);
    expect([...paths].filter((path) => path.endsWith('.map'))).toEqual([]);
  }, 120_000);

  test('every file named in sideEffects exists, and the chunk declarations (which register views) are among them', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest;
    for (const path of manifest.sideEffects) await access(new URL(`../../${path}`, import.meta.url));
    expect(manifest.sideEffects).toEqual(expect.arrayContaining(['./dist/chunks.js', './src/chunks.ts', './dist/define.js', './dist/browser/okta-authn.js']));
  });

  test('the Custom Elements Manifest declares <okta-authn> with its attributes and where it is defined', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest;
    const elements = JSON.parse(await readFile(new URL(`../../${manifest.customElements}`, import.meta.url), 'utf8')) as ElementsManifest;
    const element = elements.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.customElement);
    expect(element?.tagName).toBe('okta-authn');
    expect(element?.attributes?.map((attribute) => attribute.name)).toEqual(expect.arrayContaining(['base-url', 'session-endpoint', 'no-shadow', 'recovery-token', 'state-token']));
    const define = elements.modules.find((module) => module.path === 'src/define.ts');
    expect(define?.exports).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'custom-element-definition', name: 'okta-authn' })]));
  });
});
