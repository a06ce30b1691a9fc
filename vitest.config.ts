import { defineConfig } from 'vitest/config';

// `npm test` (test/run-all.sh) runs unit (pure logic, fakes welcome), integration (the real Docker engine,
// compose, kind and control plane) and e2e (the web bridge in real Chromium) against Debian's engine, then
// the engine-facing files again as integration-modern and e2e-modern against Engine 29 with Compose v5
// (test/engines/run-modern-suite.sh runs those inside the modern engine's network namespace).
const ENGINE_INTEGRATION = [
  'containersLive',
  'containersRun',
  'imagesTasks',
  'imagesRemovePrune',
  'volumesNetworks',
  'composeStacks',
  'composeFailures',
  'composeTool',
].map((f) => `test/integration/${f}.test.ts`);
const ENGINE_E2E = ['containers', 'containersRun', 'images', 'compose'].map((f) => `test/e2e/${f}.test.ts`);
const slow = { testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false };
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
      { test: { name: 'integration-modern', include: ENGINE_INTEGRATION, ...slow } },
      { test: { name: 'e2e-modern', include: ENGINE_E2E, ...slow } },
    ],
  },
});
