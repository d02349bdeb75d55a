export { createGatewayServer } from './create-gateway-server.ts';
export {
  createNodeGateway,
  type NodeGateway,
  type NodeGatewayOptions,
} from './create-node-gateway.ts';
export {
  createWebhookForwarder,
  WebhookDeliveryError,
  type WebhookForwarderOptions,
} from './forward/create-webhook-forwarder.ts';
export { signWebhook, webhookSecretKey } from './forward/sign-webhook.ts';
export { createMediaDirectory, type MediaDirectory } from './media-directory.ts';
export { mediaFromFile } from './media-from-file.ts';
export { type NodeHandler, type NodeHandlerOptions, nodeHandler } from './node-handler.ts';
export {
  type ClosableStore,
  DEFAULT_DATABASE,
  isPostgresUrl,
  type OpenStoreOptions,
  openStore,
} from './open-store.ts';
export {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from './postgres/create-postgres-store.ts';
export { type NodeConfigResult, type NodeServerConfig, readNodeConfig } from './read-node-config.ts';
export {
  createSqliteStore,
  type SqliteStore,
  type SqliteStoreOptions,
  type SqliteSynchronous,
} from './sqlite/create-sqlite-store.ts';
