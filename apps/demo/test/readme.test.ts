import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { DEMO_USERS } from '../src/demo-users.js';

test('the README lists exactly the demo users the login page shows, in the same order', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Demo users'), readme.indexOf('## Configuration'));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && line.includes('`'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, '')));
  expect(rows).toEqual(DEMO_USERS.map((user) => [user.flow, user.login, user.password, user.hint]));
});
