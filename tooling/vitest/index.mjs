// Shared vitest preset: every package's tests run with the same rules.
// A focused (`.only`) test fails CI instead of silently hiding the rest; type tests run with the unit tests.
import { defineConfig, mergeConfig } from 'vitest/config';

/** @param {import('vitest/config').UserConfig} [overrides] */
export function defineProjectConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        allowOnly: false,
        passWithNoTests: false,
        testTimeout: 20_000,
        typecheck: {
          enabled: true,
          include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
          tsconfig: './tsconfig.test.json',
        },
      },
    }),
    overrides,
  );
}
