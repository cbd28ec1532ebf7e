import { defineConfig } from 'vitest/config';

// `npm run screenshots`: drives the demo like the e2e suite and writes the README's images to docs/.
export default defineConfig({
  test: {
    include: ['e2e/screenshots.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
