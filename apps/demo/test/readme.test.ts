import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { DEMO_USERS } from '../src/demo-users.js';

/** The rows of the first demo-users table after `heading` in a README. */
async function usersTable(path: URL, heading: string): Promise<string[][]> {
  const readme = await readFile(path, 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const lines = section.split('\n');
  const first = lines.findIndex((line) => line.startsWith('| Flow |'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, '')));
  }
  return rows;
}

const expected = DEMO_USERS.map((user) => [user.flow, user.login, user.password, user.hint]);

test("the demo's README lists exactly the demo users the login page shows, in the same order", async () => {
  expect(await usersTable(new URL('../README.md', import.meta.url), '## Demo users')).toEqual(expected);
});

test("the repository README's users table matches too", async () => {
  expect(await usersTable(new URL('../../../README.md', import.meta.url), '## Demo')).toEqual(expected);
});
