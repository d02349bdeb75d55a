import { createRequire } from 'node:module';
import { InboundCallbackSchema, OutboundMessageSchema, StatusCallbackSchema } from '@clickwa/core';
import {
  CallbackAnswerSchema,
  CareWindowRefusalSchema,
  ConversationQuerySchema,
  ConversationViewSchema,
  ErrorBodySchema,
  MessagesByClientIdSchema,
  MessageViewSchema,
  QuarantineListSchema,
  QuarantineQuerySchema,
  QuarantineRecordSchema,
  SendMessagesAnswerSchema,
  SendMessagesBodySchema,
  StoredCallbackAnswerSchema,
  StoredEventSchema,
} from '@clickwa/webhook';
import * as v from 'valibot';
import { callbackCredentials } from './callback-credentials.ts';
import { OneApiMessageCallbackSchema, OneApiStatusCallbackSchema } from './one-api/one-api-callbacks.ts';
import { type JsonSchema, toComponents, toSchema } from './to-components.ts';

const { version } = createRequire(import.meta.url)('@clickwa/webhook/package.json') as { version: string };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: string) => ({ 'application/json': { schema: ref(schema) } });
const error = (description: string) => ({ description, content: json('ErrorBody') });

/** Query parameters from an object schema's entries, with their defaults. */
function queryParameters(schema: v.ObjectSchema<v.ObjectEntries, undefined>): JsonSchema[] {
  return Object.entries(schema.entries).map(([name, entry]) => ({
    name,
    in: 'query',
    required: false,
    schema: toSchema(entry),
  }));
}

const pathParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

/** What every callback URL may answer besides 200, each meaning "nothing was kept". */
const callbackRefusals = {
  '401': {
    description:
      'Wrong or missing callback credentials: URL token, HTTP Basic or body (when the gateway has any configured).',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
    content: json('ErrorBody'),
  },
  '403': error('The body names an integration that is not in the allow-list (`INTEGRATIONS`).'),
  '408': error('The body stalled; send it again.'),
  '413': error('The body is larger than the route takes.'),
  '415': error('The body is not JSON (`Content-Type: application/json`).'),
  '503': error('Storage failed: nothing was kept; send it again.'),
} as const;

/** What every `/api` route may answer besides its own. */
const apiRefusals = {
  '401': {
    description: 'Wrong or missing bearer token, or no `API_TOKEN` configured.',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
    content: json('ErrorBody'),
  },
  '503': error('Storage is unavailable; retry.'),
} as const;

/** The callback URL's token: `?token=` on the URL, or its last path segment (the `{token}` routes). */
const tokenQuery = {
  name: 'token',
  in: 'query',
  required: false,
  description:
    'A secret token of the callback URL (`CALLBACK_TOKEN`, or `CALLBACK_TOKEN_<INTEGRATION>` for one integration); One API documents no other callback authentication.',
  schema: { type: 'string' },
};
const tokenSegment = {
  name: 'token',
  in: 'path',
  required: true,
  description:
    "The callback URL's secret token, as its last path segment (a URL with one secret part, for the portal).",
  schema: { type: 'string' },
};

function callbackRoute(
  kind: 'status' | 'inbound',
  summary: string,
  description: string,
  schemas: readonly string[],
  inPath: boolean,
) {
  return {
    post: {
      operationId: `${kind}Callback${inPath ? 'WithToken' : ''}`,
      tags: ['callbacks'],
      summary: inPath ? `${summary}, the token in the path` : summary,
      description,
      parameters: [inPath ? tokenSegment : tokenQuery],
      security: [{}, { callbackBasic: [] }],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { anyOf: schemas.map(ref) } } },
      },
      responses: {
        '200': {
          description:
            'Kept for good: stored as events (`events`, each with its `key` and whether it was a `duplicate`), or in quarantine (`quarantined`, `id`) when the body cannot become any.',
          content: json('CallbackAnswer'),
        },
        ...callbackRefusals,
      },
    },
  };
}

const STATUS_ROUTE = [
  'status',
  'The message status callback URL',
  'Set as the Message Status Callback URL (legacy API) or the status callback URL (One API); bodies of either API are read at both URLs. With callback credentials configured, a callback passes when its URL token (`?token=` or the last path segment), its HTTP Basic credentials (`CALLBACK_USERNAME`, `CALLBACK_PASSWORD`) or, for a legacy body, its `username` and `password` (spec 7.3.6) match.',
  ['ClickatellStatusCallback', 'OneApiStatusCallback'],
] as const;
const INBOUND_ROUTE = [
  'inbound',
  'The receive message callback URL',
  'Set as the Receive Message Callback URL (legacy API) or the message callback URL (One API). Credentials as for the status URL.',
  ['ClickatellInboundCallback', 'OneApiMessageCallback'],
] as const;

/**
 * The OpenAPI 3.1 document of the gateway (`@clickwa/webhook`, on Workers and Node): the two callback URLs
 * Clickatell calls, the `/api` routes behind the bearer token, `/healthz` and `/openapi.json`. Its schemas are
 * the gateway's own valibot schemas (`packages/webhook/src/api`) and the core's callback schemas.
 */
export function gatewayDocument(): JsonSchema {
  const schemas = toComponents({
    ErrorBody: ErrorBodySchema,
    CallbackAnswer: CallbackAnswerSchema,
    StoredCallbackAnswer: StoredCallbackAnswerSchema,
    ClickatellStatusCallback: v.object({ ...StatusCallbackSchema.entries, ...callbackCredentials }),
    ClickatellInboundCallback: v.object({ ...InboundCallbackSchema.entries, ...callbackCredentials }),
    OneApiStatusCallback: OneApiStatusCallbackSchema,
    OneApiMessageCallback: OneApiMessageCallbackSchema,
    OutboundMessage: OutboundMessageSchema,
    // The route reads `messages` as any array and lets the send client refuse a bad message alone
    // (`rejected`, with the platform's code); what a caller should send is the core's message.
    SendMessagesBody: v.object({
      ...SendMessagesBodySchema.entries,
      messages: v.pipe(v.array(OutboundMessageSchema), v.minLength(1)),
    }),
    SendMessagesAnswer: SendMessagesAnswerSchema,
    CareWindowRefusal: CareWindowRefusalSchema,
    MessageView: MessageViewSchema,
    MessagesByClientId: MessagesByClientIdSchema,
    ConversationView: ConversationViewSchema,
    StoredEvent: StoredEventSchema,
    QuarantineRecord: QuarantineRecordSchema,
    QuarantineList: QuarantineListSchema,
  });
  const api = (operation: JsonSchema & { responses: JsonSchema }) => ({
    tags: ['api'],
    ...operation,
    responses: { ...operation.responses, ...apiRefusals },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'clickwa gateway',
      version,
      summary:
        "The gateway between Clickatell's WhatsApp APIs and a business: callback URLs and a messaging API.",
      description: [
        "Generated by clickwa (`pnpm openapi`) from the gateway's valibot schemas; the gateway serves it at",
        '`GET /openapi.json`. A 2xx from a callback URL means the callback is kept for good; any other answer',
        'means nothing was kept, and Clickatell sends it again.',
      ].join('\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      { url: 'http://127.0.0.1:8787', description: '`pnpm start` (the Worker on wrangler dev)' },
      {
        url: 'https://{host}',
        description: 'A deployed gateway',
        variables: { host: { default: 'clickwa.example.workers.dev' } },
      },
    ],
    security: [{ apiToken: [] }],
    tags: [
      { name: 'callbacks', description: 'The URLs set in the Clickatell portal (spec 2.3).' },
      { name: 'api', description: 'Send, and read back what was sent and received.' },
      { name: 'service', description: 'Health and this document.' },
    ],
    paths: {
      '/clickatell/status': callbackRoute(...STATUS_ROUTE, false),
      '/clickatell/status/{token}': callbackRoute(...STATUS_ROUTE, true),
      '/clickatell/inbound': callbackRoute(...INBOUND_ROUTE, false),
      '/clickatell/inbound/{token}': callbackRoute(...INBOUND_ROUTE, true),
      '/api/messages': {
        post: api({
          operationId: 'sendMessages',
          summary: 'Send messages through the core client, and record them',
          description:
            'Freeform messages to numbers outside the 24-hour care window are refused (409) unless `force`. Once anything may have been sent the answer is 200: never send those messages again on a later error.',
          requestBody: { required: true, content: json('SendMessagesBody') },
          responses: {
            '200': { description: 'One result per message, in order.', content: json('SendMessagesAnswer') },
            '400': error('Not JSON, not the body this route takes, or an unknown `integration`.'),
            '408': error('The body stalled.'),
            '409': {
              description: 'Freeform messages outside the care window: nothing was sent.',
              content: json('CareWindowRefusal'),
            },
            '413': error(
              'Too large, or more messages than `maxMessagesPerRequest` (`maxMessagesPerRequest` says how many).',
            ),
            '500': error('The send client failed before sending: nothing was sent.'),
          },
        }),
        get: api({
          operationId: 'findMessages',
          summary: 'The messages sent with a `clientMessageId`, newest first',
          parameters: [{ name: 'clientMessageId', in: 'query', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'Every message found (possibly none).',
              content: json('MessagesByClientId'),
            },
            '400': error('No `clientMessageId` given.'),
          },
        }),
      },
      '/api/messages/{messageId}': {
        get: api({
          operationId: 'getMessage',
          summary: 'A sent message: its current status and history',
          parameters: [pathParameter('messageId', "The platform's message id.")],
          responses: {
            '200': { description: 'The message.', content: json('MessageView') },
            '404': error('No message with this id.'),
          },
        }),
      },
      '/api/messages/{messageId}/media': {
        get: api({
          operationId: 'getMessageMedia',
          summary: "The bytes of a user's media message, as its own type (decrypted when it came encrypted)",
          parameters: [pathParameter('messageId', "The user message's id.")],
          responses: {
            '200': {
              description: 'The bytes, sandboxed (`Content-Security-Policy: sandbox`).',
              headers: {
                'X-Clickwa-Caption': { description: 'The caption, URI-encoded.', schema: { type: 'string' } },
                ETag: { schema: { type: 'string' } },
              },
              content: {
                '*/*': {},
              },
            },
            '404': error('No media message with this id, or its bytes are missing.'),
            '422': error('Encrypted media that cannot be decrypted.'),
          },
        }),
      },
      '/api/conversations/{msisdn}': {
        get: api({
          operationId: 'getConversation',
          summary: 'Both directions of a conversation, oldest first',
          parameters: [
            pathParameter('msisdn', "The user's number, in any format the core reads."),
            ...queryParameters(ConversationQuerySchema),
          ],
          responses: {
            '200': { description: 'The thread.', content: json('ConversationView') },
            '400': error('Not a phone number, or `limit` out of 1..1000.'),
          },
        }),
      },
      '/api/events/{key}': {
        get: api({
          operationId: 'getEvent',
          summary: 'A stored event by key (events handed on by reference)',
          parameters: [pathParameter('key', 'The event key, e.g. `message:<messageId>`.')],
          responses: {
            '200': { description: 'The event.', content: json('StoredEvent') },
            '404': error('No event with this key.'),
          },
        }),
      },
      '/api/quarantine': {
        get: api({
          operationId: 'listQuarantine',
          summary: 'Callbacks kept in quarantine, newest first',
          parameters: queryParameters(QuarantineQuerySchema),
          responses: {
            '200': { description: 'The entries.', content: json('QuarantineList') },
            '400': error('`limit` out of 1..1000, or `resolved` not true or false.'),
          },
        }),
      },
      '/api/quarantine/{id}': {
        get: api({
          operationId: 'getQuarantined',
          summary: 'One quarantined callback',
          parameters: [pathParameter('id', 'The entry id.')],
          responses: {
            '200': { description: 'The entry.', content: json('QuarantineRecord') },
            '404': error('No quarantined callback with this id.'),
          },
        }),
      },
      '/api/quarantine/{id}/retry': {
        post: api({
          operationId: 'retryQuarantined',
          summary: "Re-process a quarantined callback with this version's parser",
          parameters: [pathParameter('id', 'The entry id.')],
          responses: {
            '200': {
              description: 'Stored as an event; the entry is resolved.',
              content: json('StoredCallbackAnswer'),
            },
            '404': error('No quarantined callback with this id.'),
            '422': error('Still not a callback (`reason`, `issues`).'),
          },
        }),
      },
      '/healthz': {
        get: {
          operationId: 'health',
          tags: ['service'],
          summary: 'Liveness',
          security: [{}],
          responses: {
            '200': {
              description: 'Up.',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { ok: { const: true } }, required: ['ok'] },
                },
              },
            },
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApiDocument',
          tags: ['service'],
          summary: 'This document',
          security: [{}],
          responses: {
            '200': {
              description: 'The OpenAPI 3.1 document.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: "The gateway's `API_TOKEN`." },
        callbackBasic: {
          type: 'http',
          scheme: 'basic',
          description:
            'The callback username and password (`CALLBACK_USERNAME`, `CALLBACK_PASSWORD`) as HTTP Basic; the same pair as `username` and `password` in the body is accepted too (spec 7.3.6).',
        },
      },
    },
  };
}
