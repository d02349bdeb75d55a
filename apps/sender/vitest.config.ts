import { defineProjectConfig } from '@clickwa/vitest-config';

export default defineProjectConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // The end-to-end tests spawn runtimes and emulators; the bulk files carry thousands of rows.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
