import { defineProjectConfig } from '@clickwa/vitest-config';

export default defineProjectConfig();
