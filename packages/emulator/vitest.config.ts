import { defineProjectConfig } from '@clickwa/vitest-config';

export default defineProjectConfig({
  // The runtime tests start workerd, Node 24, Bun and Deno in turn; on a busy machine one start alone can take
  // most of the preset's 20 s, as the CLI's tests found.
  test: { testTimeout: 60_000 },
});
