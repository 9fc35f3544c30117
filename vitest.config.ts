import { defineConfig } from 'vitest/config';

// Simulation tests run real populations on shared 2-core machines: generous timeouts, never timed assertions.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'out/**'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
