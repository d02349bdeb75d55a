import { defineConfig } from 'vitest/config';

// The Node-side tests (test/node): the local stack's scripts, which start wrangler dev and the emulator as a
// developer would. The workerd tests are vitest.config.ts's.
export default defineConfig({
  test: {
    include: ['test/node/**/*.test.ts'],
    allowOnly: false,
    // wrangler dev takes a while to start on a busy machine; each test starts it once.
    testTimeout: 600_000,
  },
});
