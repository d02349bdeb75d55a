// Every SQL statement of the D1 store, next to the schema in migrations/.

/**
 * Stores an event unless its key is stored. Triggers of the same statement make a status event the current
 * status when it is newer (migrations/0001 and 0004; the core's rank in the event's API's catalog is bound as
 * `rank`, the tables `status_rank` of 0002 and `one_api_status_rank` of 0004 hold the same ranks) and write its
 * outbox entry (0003). `DO NOTHING` applies to the key alone: any
 * other constraint failure (a NULL timestamp) is an error, never a silent duplicate.
 */
export const INSERT_EVENT = `INSERT INTO events
  (key, kind, message_id, client_message_id, msisdn, status_code, status, rank, timestamp, received_at, body, body_ref,
   api)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`;

export const EVENT_BY_KEY = 'SELECT body, body_ref FROM events WHERE key = ?';

// Records travel as one JSON array parameter (D1 caps bound parameters, and one parameter near 2 MB).
export const UPSERT_OUTBOUND = `INSERT INTO outbound (client_message_id, message_id, msisdn, sent_at, body)
  SELECT json_extract(value, '$.clientMessageId'), json_extract(value, '$.messageId'), json_extract(value, '$.to'),
    json_extract(value, '$.sentAt'), value
  FROM json_each(?) WHERE true
  ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO UPDATE SET
    client_message_id = excluded.client_message_id, msisdn = excluded.msisdn, sent_at = excluded.sent_at, body = excluded.body`;

export const OUTBOUND_BY_MESSAGE_ID = 'SELECT body FROM outbound WHERE message_id = ?';
// Lists of ids travel as one JSON array parameter (D1 caps the number of bound parameters).
export const STATUSES_BY_IDS =
  'SELECT message_id, code, status, timestamp, api FROM message_status WHERE message_id IN (SELECT value FROM json_each(?))';
export const STATUS_EVENTS_BY_IDS = `SELECT message_id, body, body_ref FROM events
  WHERE kind = 'status' AND message_id IN (SELECT value FROM json_each(?))`;

export const OUTBOUND_BY_CLIENT_MESSAGE_ID =
  'SELECT body FROM outbound WHERE client_message_id = ? ORDER BY sent_at DESC, id DESC LIMIT 100';
export const MESSAGE_IDS_BY_CLIENT_MESSAGE_ID = `SELECT message_id, MIN(timestamp) AS first FROM events
  WHERE client_message_id = ? AND kind = 'status' GROUP BY message_id LIMIT 100`;

export const OUTBOUND_BY_MSISDN =
  'SELECT body FROM outbound WHERE msisdn = ? ORDER BY sent_at DESC, id DESC LIMIT ?';
export const INBOUND_BY_MSISDN =
  "SELECT body, body_ref FROM events WHERE kind = 'message' AND msisdn = ? ORDER BY timestamp DESC LIMIT ?";
export const STATUSES_OF_MSISDN = `SELECT message_id, code, status, timestamp, api FROM message_status WHERE message_id IN
  (SELECT message_id FROM outbound WHERE msisdn = ? AND message_id IS NOT NULL ORDER BY sent_at DESC LIMIT ?)`;

export const LAST_INBOUND_AT = `SELECT msisdn, MAX(timestamp) AS last FROM events
  WHERE kind = 'message' AND msisdn IN (SELECT value FROM json_each(?)) GROUP BY msisdn`;

// The outbox: a claim leases the oldest pending entries in one statement, so concurrent drains never share one.
export const CLAIM_OUTBOX = `UPDATE outbox SET lease_until = ?1 + ?2, attempts = attempts + 1
  WHERE id IN (SELECT id FROM outbox WHERE done_at IS NULL AND lease_until <= ?1 ORDER BY id LIMIT ?3)
  RETURNING id, event_id, attempts`;
export const EVENTS_BY_ROW_IDS = `SELECT id, key, kind, message_id, body, body_ref FROM events
  WHERE id IN (SELECT value FROM json_each(?))`;
export const COMPLETE_OUTBOX =
  'UPDATE outbox SET done_at = ?1 WHERE done_at IS NULL AND id IN (SELECT value FROM json_each(?2))';
export const PRUNE_OUTBOX = 'DELETE FROM outbox WHERE done_at IS NOT NULL AND done_at < ?';
export const PENDING_OUTBOX = 'SELECT COUNT(*) AS n FROM outbox WHERE done_at IS NULL';

export const INSERT_QUARANTINE = `INSERT INTO quarantine (id, route, reason, issues, body, body_ref, received_at)
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;
export const QUARANTINE_BY_ID =
  'SELECT id, route, reason, issues, body, body_ref, received_at, resolved_at FROM quarantine WHERE id = ?';
export const LIST_QUARANTINE = `SELECT id, route, reason, issues, body, body_ref, received_at, resolved_at FROM quarantine
  WHERE (resolved_at IS NOT NULL) = ? ORDER BY received_at DESC, seq DESC LIMIT ?`;
export const RESOLVE_QUARANTINE =
  'UPDATE quarantine SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL';
