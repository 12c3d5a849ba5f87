import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Server suites run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set.
const serverProject = (engine: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `server-${engine}`,
    include: ['server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['server/src/test/global-setup.ts'],
    setupFiles: ['server/src/test/setup.ts'],
    env: { KRING_TEST_DB: engine },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      serverProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [serverProject('postgres')] : []),
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['web/src/test/setup.ts'],
        },
      },
    ],
  },
});
