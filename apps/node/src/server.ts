#!/usr/bin/env node
// `clickwa-gateway`: the gateway as a server, configured by environment variables (readNodeConfig). Logs one
// line per event when no FORWARD_URL is set, like the Worker's sample consumer. SIGTERM/SIGINT stop it
// gracefully (createNodeGateway's close).
import process from 'node:process';
import {
  clientResolver,
  createGatewayEncryption,
  formatConfigIssues,
  type HandOffMessage,
  integrationKeyResolver,
} from '@clickwa/webhook';
import { createNodeGateway } from './create-node-gateway.ts';
import { isPostgresUrl } from './open-store.ts';
import { readNodeConfig } from './read-node-config.ts';

function logEvent(event: HandOffMessage): void {
  if ('byReference' in event)
    console.log(`${event.kind} ${event.messageId}: by reference, GET /api/events/…`);
  else if (event.kind === 'status')
    console.log(`status ${event.messageId}: ${event.statusCode} ${event.status}`);
  else console.log(`message ${event.messageId} from ${event.from}: ${event.type}`);
}

const config = readNodeConfig(process.env);
if (!config.success) {
  console.error(`clickwa-gateway: invalid configuration\n${formatConfigIssues(config.issues)}`);
  process.exit(1);
}
const c = config.output;
const gateway = await createNodeGateway({
  auth: c.auth,
  databaseUrl: c.databaseUrl,
  ...(c.mediaDir ? { mediaDir: c.mediaDir } : {}),
  ...(c.synchronous ? { synchronous: c.synchronous } : {}),
  ...(c.outboxLeaseMs === undefined ? {} : { leaseMs: c.outboxLeaseMs }),
  ...(c.bodyStallMs === undefined ? {} : { limits: { bodyStallMs: c.bodyStallMs } }),
  ...(c.drainIntervalMs === undefined ? {} : { drainIntervalMs: c.drainIntervalMs }),
  client: clientResolver(process.env, c.integrations),
  downloads: {
    apiKey: integrationKeyResolver(process.env, c.integrations),
    ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}),
  },
  ...(c.encryption ? { encryption: createGatewayEncryption(c.encryption) } : {}),
  ...(c.forward ? { forward: c.forward } : { onEvent: logEvent }),
}).catch((error: unknown) => {
  console.error(
    `clickwa-gateway: cannot open the database: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
const { url } = await gateway.listen({ port: c.port, hostname: c.hostname }).catch((error: unknown) => {
  console.error(`clickwa-gateway: cannot listen: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
const where = isPostgresUrl(c.databaseUrl) ? 'postgres' : `sqlite ${c.databaseUrl}`;
console.log(
  `clickwa gateway listening on ${url} (${where}${c.forward ? `, forwarding to ${c.forward.url}` : ''})`,
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.log(`clickwa gateway: ${signal}, stopping`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('clickwa gateway: stopped with an error:', error);
        process.exit(1);
      },
    );
  });
}
