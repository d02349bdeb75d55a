import { getMessageStatus } from '@clickwa/core';
import type { OutboundRecord, StoredEvent } from './store.ts';

/**
 * An event as a store reads it back from its JSON: rows written before One API lack `api` (they are legacy
 * events), `lifecycle`, and the One API fields of messages; they get them here, so every reader sees one shape.
 *
 * @example const event = readStoredEvent(JSON.parse(row.body));
 */
export function readStoredEvent(json: unknown): StoredEvent {
  const event = json as StoredEvent;
  if (event.kind === 'status') {
    if (event.api !== undefined && event.lifecycle !== undefined) return event;
    const api = event.api ?? 'wa';
    return { ...event, api, lifecycle: event.lifecycle ?? getMessageStatus(event.statusCode, api).lifecycle };
  }
  if (event.api !== undefined) return event;
  return { ...event, api: 'wa', to: null, profileName: null, relatedClientMessageId: null };
}

/** An outbound record as a store reads it back: records written before One API are legacy sends. */
export function readOutboundRecord(json: unknown): OutboundRecord {
  const record = json as OutboundRecord;
  return record.api !== undefined ? record : { ...record, api: 'wa' };
}
