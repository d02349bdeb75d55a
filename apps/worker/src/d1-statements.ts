// Every SQL statement of the D1 store, next to the schema in migrations/.

/**
 * Stores an event unless its key is stored. For a status event, the trigger of migrations/0001 makes it the
 * current status in the same statement when it is newer (the core's rank is bound as `rank`; the table
 * `status_rank` of migrations/0002 holds the same ranks, and a test keeps the two equal).
 */
export const INSERT_EVENT = `INSERT OR IGNORE INTO events
  (key, kind, message_id, client_message_id, msisdn, status_code, status, rank, timestamp, received_at, body)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export const DELETE_EVENT = 'DELETE FROM events WHERE key = ?';

export const UPSERT_OUTBOUND = `INSERT INTO outbound (client_message_id, message_id, msisdn, sent_at, body) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO UPDATE SET
    client_message_id = excluded.client_message_id, msisdn = excluded.msisdn, sent_at = excluded.sent_at, body = excluded.body`;

export const OUTBOUND_BY_MESSAGE_ID = 'SELECT body FROM outbound WHERE message_id = ?';
// Lists of ids travel as one JSON array parameter (D1 caps the number of bound parameters).
export const STATUSES_BY_IDS =
  'SELECT message_id, code, status, timestamp FROM message_status WHERE message_id IN (SELECT value FROM json_each(?))';
// Status keys are `status:<messageId>:<code>:<timestamp>`: a range of the key index (';' follows ':').
export const STATUS_EVENTS_BY_IDS = `SELECT events.message_id, events.body FROM json_each(?) AS ids JOIN events
  ON events.key >= 'status:' || ids.value || ':' AND events.key < 'status:' || ids.value || ';'`;

export const OUTBOUND_BY_CLIENT_MESSAGE_ID =
  'SELECT body FROM outbound WHERE client_message_id = ? ORDER BY sent_at DESC, id DESC LIMIT 100';
export const MESSAGE_IDS_BY_CLIENT_MESSAGE_ID = `SELECT message_id, MIN(timestamp) AS first FROM events
  WHERE client_message_id = ? AND kind = 'status' GROUP BY message_id LIMIT 100`;

export const OUTBOUND_BY_MSISDN =
  'SELECT body FROM outbound WHERE msisdn = ? ORDER BY sent_at DESC, id DESC LIMIT ?';
export const INBOUND_BY_MSISDN =
  "SELECT body FROM events WHERE kind = 'message' AND msisdn = ? ORDER BY timestamp DESC LIMIT ?";
export const STATUSES_OF_MSISDN = `SELECT message_id, code, status, timestamp FROM message_status WHERE message_id IN
  (SELECT message_id FROM outbound WHERE msisdn = ? AND message_id IS NOT NULL ORDER BY sent_at DESC LIMIT ?)`;

export const LAST_INBOUND_AT =
  "SELECT MAX(timestamp) AS last FROM events WHERE kind = 'message' AND msisdn = ?";
