import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// The Worker runs inside workerd; the emulator runs in Node (test/global-setup.ts) on a free loopback port,
// and the Worker reaches it over HTTP.
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: { bindings: { CLICKATELL_API_KEY: 'example-key' } },
    }),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    allowOnly: false,
    testTimeout: 30_000,
  },
});
