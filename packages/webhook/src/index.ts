export type { CareWindowViolation } from './api/care-window.ts';
export type { ConversationView, InboundItem, OutboundItem } from './api/conversation-view.ts';
export type { MessageView, StatusEntry } from './api/message-view.ts';
export { clientResolver } from './config/client-resolver.ts';
export {
  createGatewayEncryption,
  type EncryptionSettings,
  readEncryptionSettings,
} from './config/gateway-encryption.ts';
export { readClickatellApi } from './config/read-clickatell-api.ts';
export {
  type ConfigIssue,
  formatConfigIssues,
  type GatewayConfig,
  type GatewayConfigResult,
  readGatewayConfig,
  stringVar,
} from './config/read-gateway-config.ts';
export {
  apiKeySecret,
  callbackTokenSecret,
  type IntegrationConfig,
  readIntegrations,
} from './config/read-integrations.ts';
export { createGatewayApp } from './create-gateway-app.ts';
export {
  replacesCurrentStatus,
  type StatusToCompare,
  toCurrentStatus,
} from './current-status.ts';
export { eventKey } from './event-key.ts';
export type {
  CallbackToken,
  ClientResolver,
  GatewayAuth,
  GatewayErrorContext,
  GatewayLimits,
  GatewayOptions,
  SendClient,
} from './gateway-options.ts';
export { GATEWAY_LIMITS } from './gateway-options.ts';
export { createMemoryStore, type MemoryStore } from './memory-store.ts';
export {
  createOutboxDrain,
  type DrainReport,
  type OutboxDrain,
  type OutboxDrainOptions,
} from './outbox/create-outbox-drain.ts';
export {
  type EventReference,
  HAND_OFF_LIMITS,
  type HandOff,
  type HandOffLimits,
  type HandOffMessage,
} from './outbox/hand-off-message.ts';
export { readOutboundRecord, readStoredEvent } from './read-stored-event.ts';
export type * from './store.ts';
export { OUTBOX_RETENTION_MS } from './store.ts';
export { toStoredMessage, toStoredStatus } from './to-stored-event.ts';
