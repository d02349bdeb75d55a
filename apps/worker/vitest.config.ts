import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { configDefaults, defineConfig } from 'vitest/config';

// Tests run inside workerd with the Worker's real bindings (D1, R2, Queue) from wrangler.jsonc, local only.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname);
  return {
    plugins: [
      cloudflareTest({
        main: './src/index.ts',
        wrangler: { configPath: './wrangler.jsonc' },
        miniflare: {
          // A second database, left empty by the setup, for tests that migrate step by step.
          d1Databases: { MIGRATION_DB: 'clickwa-migration-test' },
          bindings: {
            TEST_MIGRATIONS: migrations,
            API_TOKEN: 'test-api-token',
            CALLBACK_USERNAME: 'clickatell',
            CALLBACK_PASSWORD: 'test-callback-password',
            CALLBACK_TOKEN: 'test-callback-token-0123456789',
            CLICKATELL_API_KEY: 'local-dev-key',
            CLICKATELL_BASE_URL: 'http://emulator.local',
          },
        },
      }),
    ],
    test: {
      // Only the workerd tests: Node-only files (scripts, bench, test/node) cannot load in workerd.
      include: ['test/**/*.test.ts'],
      exclude: [...configDefaults.exclude, 'test/node/**'],
      setupFiles: ['./test/apply-migrations.ts'],
      allowOnly: false,
      testTimeout: 60_000,
    },
  };
});
