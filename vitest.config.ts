import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and CLI tests start processes; two cores are all these machines have.
    maxWorkers: 2,
  },
});
