export * from './api.ts';
export * from './bytes/base64.ts';
export * from './bytes/content-type-matches.ts';
export * from './bytes/sha256-hex.ts';
export * from './bytes/sniff-content-type.ts';
export * from './callback-event.ts';
export * from './catalogs/api-errors.ts';
export * from './catalogs/media-types.ts';
export * from './catalogs/message-statuses.ts';
export * from './catalogs/one-api-errors.ts';
export * from './catalogs/one-api-media-types.ts';
export * from './catalogs/one-api-statuses.ts';
export * from './catalogs/status-lifecycle.ts';
export { RETRY_DEFAULTS } from './client/backoff.ts';
export * from './client/builders.ts';
export * from './client/client-message-id.ts';
export type * from './client/client-options.ts';
export * from './client/create-client.ts';
export * from './client/errors.ts';
export {
  FAILURE_RULES,
  type FailureCondition,
  type FailureRule,
  type Resend,
} from './client/failure-rules.ts';
export * from './client/media-from-bytes.ts';
export * from './client/one-api-methods.ts';
export type { SendOutcome, SendResult } from './client/send-result.ts';
export * from './json/json-depth-exceeds.ts';
export * from './limits.ts';
export * from './parse-callback.ts';
export * from './parse-callback-body.ts';
export * from './parse-send-response.ts';
export * from './phone/e164-country-codes.ts';
export * from './phone/normalize-msisdn.ts';
export * from './result.ts';
export * from './schemas/callback.ts';
export * from './schemas/send-request.ts';
export * from './schemas/send-response.ts';
export * from './status-rank.ts';
export * from './templates/check-template-parameters.ts';
export * from './templates/define-templates.ts';
export * from './templates/render-template.ts';
export * from './text/format.ts';
export * from './text/text-length.ts';
export * from './validation/validate-message.ts';
export * from './validation/validate-send-request.ts';
