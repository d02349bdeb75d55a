export type { CareWindowViolation } from './api/care-window.ts';
export type { ConversationView, InboundItem, OutboundItem } from './api/conversation-view.ts';
export {
  ConversationViewSchema,
  InboundItemSchema,
  OutboundItemSchema,
} from './api/conversation-view-schema.ts';
export { ErrorBodySchema, IssueSchema } from './api/error-body-schema.ts';
export { FileItemSchema, MediaDownloadStateSchema } from './api/file-item-schema.ts';
export type { FileItem } from './api/file-items.ts';
export { ConversationQuerySchema, QuarantineQuerySchema } from './api/list-query.ts';
export type { MessageView, StatusEntry } from './api/message-view.ts';
export {
  MessagesByClientIdSchema,
  MessageViewSchema,
  OutboundRecordSchema,
  StatusEntrySchema,
} from './api/message-view-schema.ts';
export { QuarantineListSchema, QuarantineRecordSchema } from './api/quarantine-schema.ts';
export {
  CareWindowRefusalSchema,
  CareWindowViolationSchema,
  SendMessagesAnswerSchema,
  SendResultSchema,
} from './api/send-messages-answer-schema.ts';
export { type SendMessagesBody, SendMessagesBodySchema } from './api/send-messages-body.ts';
export {
  StoredEventSchema,
  StoredInboundMessageSchema,
  StoredLocationSchema,
  StoredMediaFileSchema,
  StoredMediaSchema,
  StoredStatusEventSchema,
} from './api/stored-event-schema.ts';
export {
  CallbackAnswerSchema,
  QuarantinedCallbackAnswerSchema,
  StoredCallbackAnswerSchema,
} from './callbacks/callback-answer-schema.ts';
export { clientResolver } from './config/client-resolver.ts';
export {
  createGatewayEncryption,
  type EncryptionSettings,
  readEncryptionSettings,
} from './config/gateway-encryption.ts';
export { type IntegrationRef, integrationKeyResolver } from './config/integration-key-resolver.ts';
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
export {
  CLICKATELL_ORIGIN,
  createMediaDownloader,
  type DownloadReport,
  type MediaDownloader,
  type MediaDownloaderOptions,
} from './media/create-media-downloader.ts';
export {
  DOWNLOAD_BACKOFF,
  DOWNLOAD_RULES,
  type DownloadFailure,
  MEDIA_RETENTION_MS,
  retryDelayMs,
} from './media/download-rules.ts';
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
