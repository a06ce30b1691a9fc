import { defineConfig } from 'vitest/config';

// `npm test` runs all three projects: unit (pure logic, fakes welcome), integration (the real Docker engine,
// compose, kind and control plane) and e2e (the web bridge in real Chromium).
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summaryReporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
