import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/server/test/global-setup.ts'],
    // Each server test file starts its own database (PGlite in a worker, or a PostgreSQL clone).
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
