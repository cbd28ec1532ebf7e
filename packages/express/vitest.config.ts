import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    server: {
      deps: {
        // The simulator is loaded by Node as built, with its own Express 5, even where a test file mocks `express` (express4.test.ts).
        external: [/\/packages\/simulator\/dist\//],
      },
    },
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
