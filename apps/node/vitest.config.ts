import { defineProjectConfig } from '@clickwa/vitest-config';

// One embedded Postgres cluster for the whole run (test/postgres-setup.ts), on a free port, stopped at the end.
export default defineProjectConfig({
  test: {
    globalSetup: ['./test/require-build.ts', './test/postgres-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
