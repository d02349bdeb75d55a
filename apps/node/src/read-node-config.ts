import {
  type ConfigIssue,
  type GatewayConfig,
  type IntegrationConfig,
  readGatewayConfig,
  stringVar,
} from '@clickwa/webhook';
import { webhookSecretKey } from './forward/sign-webhook.ts';
import { DEFAULT_DATABASE, isPostgresUrl } from './open-store.ts';
import type { SqliteSynchronous } from './sqlite/create-sqlite-store.ts';

/** The server's settings, from the environment. */
export interface NodeServerConfig extends GatewayConfig {
  readonly port: number;
  readonly hostname: string;
  readonly databaseUrl: string;
  readonly mediaDir: string | undefined;
  readonly forward: { readonly url: string; readonly secret: string } | undefined;
  readonly synchronous: SqliteSynchronous | undefined;
  readonly drainIntervalMs: number | undefined;
  readonly integrations: readonly IntegrationConfig[];
}

/** What `readNodeConfig` found: the settings, or every variable to fix. */
export type NodeConfigResult =
  | { readonly success: true; readonly output: NodeServerConfig }
  | { readonly success: false; readonly issues: readonly ConfigIssue[] };

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

/** A whole number in [min, max] from a variable; undefined when unset. */
function integerVar(
  env: Readonly<Record<string, unknown>>,
  name: string,
  min: number,
  max: number,
  issues: ConfigIssue[],
): number | undefined {
  const raw = stringVar(env, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    issues.push({
      variable: name,
      message: `${name} must be a whole number from ${min} to ${max}, got "${raw}"`,
    });
    return undefined;
  }
  return n;
}

/**
 * Reads the server's configuration from the environment: the gateway's own variables (`readGatewayConfig`, the
 * same code the Worker runs, `OUTBOX_LEASE_MS` and `BODY_STALL_MS` included) and the Node server's: `PORT`
 * (default 3000), `HOST` (default 127.0.0.1), `DATABASE_URL` (a SQLite file path or a `postgres://` URL;
 * default `.clickwa/gateway.db`), `MEDIA_DIR` (SQLite), `FORWARD_URL` and `FORWARD_SECRET` (both or neither),
 * `SQLITE_SYNCHRONOUS` (default FULL), `OUTBOX_DRAIN_INTERVAL_MS` (default 5,000; 0: only after requests).
 * Never throws: each mistake is an issue naming its variable.
 */
export function readNodeConfig(env: Readonly<Record<string, unknown>>): NodeConfigResult {
  const gateway = readGatewayConfig(env);
  const issues: ConfigIssue[] = gateway.success ? [] : [...gateway.issues];
  const port = integerVar(env, 'PORT', 0, 65_535, issues) ?? 3000;
  const drainIntervalMs = integerVar(env, 'OUTBOX_DRAIN_INTERVAL_MS', 0, 86_400_000, issues);
  const databaseUrl = stringVar(env, 'DATABASE_URL') ?? DEFAULT_DATABASE;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !isPostgresUrl(databaseUrl)) {
    issues.push({
      variable: 'DATABASE_URL',
      message: 'DATABASE_URL must be a postgres:// URL or a SQLite file path',
    });
  }
  const forwardUrl = stringVar(env, 'FORWARD_URL');
  const forwardSecret = stringVar(env, 'FORWARD_SECRET');
  if (forwardUrl !== undefined && !/^https?:\/\/[^/\s]/.test(forwardUrl))
    issues.push({ variable: 'FORWARD_URL', message: 'FORWARD_URL must be an http(s) URL' });
  if (forwardUrl !== undefined && forwardSecret === undefined)
    issues.push({
      variable: 'FORWARD_SECRET',
      message: 'FORWARD_SECRET must be set with FORWARD_URL (whsec_...)',
    });
  if (forwardSecret !== undefined) {
    try {
      webhookSecretKey(forwardSecret);
    } catch (error) {
      issues.push({ variable: 'FORWARD_SECRET', message: (error as Error).message });
    }
  }
  const synchronous = stringVar(env, 'SQLITE_SYNCHRONOUS')?.toUpperCase();
  if (synchronous !== undefined && !(SYNCHRONOUS as readonly string[]).includes(synchronous)) {
    issues.push({
      variable: 'SQLITE_SYNCHRONOUS',
      message: `SQLITE_SYNCHRONOUS must be one of ${SYNCHRONOUS.join(', ')}`,
    });
  }
  if (!gateway.success || issues.length > 0) return { success: false, issues };
  return {
    success: true,
    output: {
      ...gateway.output,
      port,
      hostname: stringVar(env, 'HOST') ?? '127.0.0.1',
      databaseUrl,
      mediaDir: stringVar(env, 'MEDIA_DIR'),
      forward: forwardUrl && forwardSecret ? { url: forwardUrl, secret: forwardSecret } : undefined,
      synchronous: synchronous as SqliteSynchronous | undefined,
      drainIntervalMs,
    },
  };
}
