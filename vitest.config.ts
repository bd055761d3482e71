import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globals: false,
    // Compiles dist/ (what `npm start` runs); starts a throwaway redis-server unless REDIS_URL is set.
    globalSetup: ['test/helpers/build-global-setup.ts', 'test/helpers/redis-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
