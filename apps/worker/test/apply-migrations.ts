import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Idempotent: each test file's setup applies only what is missing.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
