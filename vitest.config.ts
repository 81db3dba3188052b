import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/electron/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Many files wait on Chromium, pcscd, PostgreSQL or a child process: three workers on two cores
    // ran the suite in 503 s where two took 761 s (same machine, quiet, all green).
    maxWorkers: 3,
  },
});
