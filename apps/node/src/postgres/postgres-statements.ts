// Every SQL statement of the Postgres store, next to the schema in postgres-migrations.ts.

/**
 * The event, its effect on the current status and its outbox entry in one statement (one round trip, one
 * atomic write): the data-modifying CTEs see the inserted row only when the key was new. The status rule is the
 * core's isNewerStatus (rank, then time), applied under the row lock of `ON CONFLICT DO UPDATE`.
 */
export const INSERT_EVENT = `WITH inserted AS (
    INSERT INTO events
      (key, kind, message_id, client_message_id, msisdn, status_code, status, rank, timestamp, received_at, body, api)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
    ON CONFLICT (key) DO NOTHING
    RETURNING id, kind, message_id, status_code, status, rank, timestamp, api
  ), current_status AS (
    INSERT INTO message_status AS m (message_id, code, status, rank, timestamp, api)
    SELECT message_id, status_code, status, rank, timestamp, api FROM inserted WHERE kind = 'status'
    ON CONFLICT (message_id) DO UPDATE SET
      code = excluded.code, status = excluded.status, rank = excluded.rank, timestamp = excluded.timestamp,
      api = excluded.api
    WHERE excluded.rank > m.rank OR (excluded.rank = m.rank AND excluded.timestamp > m.timestamp)
  ), hand_off AS (
    INSERT INTO outbox (event_id) SELECT id FROM inserted
  )
  SELECT count(*)::int AS n FROM inserted`;

/**
 * `INSERT_EVENT` for a call of one event, in one statement (one round trip, its own transaction): a status
 * event's message is locked first, as `LOCK_MESSAGES` locks a body's, and held to the statement's end.
 */
export const INSERT_ONE_EVENT = `WITH locked AS (
    SELECT count(pg_advisory_xact_lock(hashtextextended($3::text, 0))) AS n WHERE $2::text = 'status'
  ), inserted AS (
    INSERT INTO events
      (key, kind, message_id, client_message_id, msisdn, status_code, status, rank, timestamp, received_at, body, api)
    SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::double precision, $7::text, $8::integer,
      $9::bigint, $10::bigint, $11::text, $12::text
    FROM locked
    ON CONFLICT (key) DO NOTHING
    RETURNING id, kind, message_id, status_code, status, rank, timestamp, api
  ), current_status AS (
    INSERT INTO message_status AS m (message_id, code, status, rank, timestamp, api)
    SELECT message_id, status_code, status, rank, timestamp, api FROM inserted WHERE kind = 'status'
    ON CONFLICT (message_id) DO UPDATE SET
      code = excluded.code, status = excluded.status, rank = excluded.rank, timestamp = excluded.timestamp,
      api = excluded.api
    WHERE excluded.rank > m.rank OR (excluded.rank = m.rank AND excluded.timestamp > m.timestamp)
  ), hand_off AS (
    INSERT INTO outbox (event_id) SELECT id FROM inserted
  )
  SELECT count(*)::int AS n FROM inserted`;
export const EVENT_BY_KEY = 'SELECT body FROM events WHERE key = $1';

/**
 * Locks messages for the rest of the transaction, always in the same order (of their hashes; a collision only
 * makes two messages wait on each other), so transactions that share messages never wait in a cycle.
 */
export const LOCK_MESSAGES = `SELECT count(pg_advisory_xact_lock(k)) FROM (
    SELECT DISTINCT hashtextextended(id, 0) AS k FROM unnest($1::text[]) AS id ORDER BY k
  ) AS ordered`;

/** Leases the oldest pending entries; `SKIP LOCKED` lets instances claim side by side, never the same entry. */
export const CLAIM_OUTBOX = `WITH claimed AS (
    UPDATE outbox SET lease_until = $1::bigint + $2::bigint, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox WHERE done_at IS NULL AND lease_until <= $1::bigint
      ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
    )
    RETURNING id, event_id, attempts
  )
  SELECT c.id, c.attempts, e.key, e.kind, e.message_id, e.body
  FROM claimed c JOIN events e ON e.id = c.event_id ORDER BY c.id`;
export const COMPLETE_OUTBOX =
  'UPDATE outbox SET done_at = $1 WHERE done_at IS NULL AND id = ANY($2::bigint[])';
export const PRUNE_OUTBOX = 'DELETE FROM outbox WHERE done_at IS NOT NULL AND done_at < $1';
export const PENDING_OUTBOX = 'SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL';

export const INSERT_QUARANTINE = `INSERT INTO quarantine (id, route, reason, issues, body, received_at)
  VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`;
export const QUARANTINE_BY_ID =
  'SELECT id, route, reason, issues, body, received_at, resolved_at FROM quarantine WHERE id = $1';
export const LIST_QUARANTINE = `SELECT id, route, reason, issues, body, received_at, resolved_at FROM quarantine
  WHERE (resolved_at IS NOT NULL) = $1 ORDER BY received_at DESC, seq DESC LIMIT $2`;
export const RESOLVE_QUARANTINE =
  'UPDATE quarantine SET resolved_at = $1 WHERE id = $2 AND resolved_at IS NULL';

export const PUT_BLOB = 'INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING';
export const GET_BLOB = 'SELECT bytes FROM blobs WHERE sha256 = $1';

/** Records travel as arrays, one per column, in order; a messageId appears once (the store keeps the last). */
export const UPSERT_OUTBOUND = `INSERT INTO outbound (client_message_id, message_id, msisdn, sent_at, body)
  SELECT client_message_id, message_id, msisdn, sent_at, body
  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
    WITH ORDINALITY AS t(client_message_id, message_id, msisdn, sent_at, body, n) ORDER BY n
  ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO UPDATE SET
    client_message_id = excluded.client_message_id, msisdn = excluded.msisdn, sent_at = excluded.sent_at, body = excluded.body`;
export const OUTBOUND_BY_MESSAGE_ID = 'SELECT body FROM outbound WHERE message_id = $1';
export const STATUSES_BY_IDS =
  'SELECT message_id, code, status, timestamp, api FROM message_status WHERE message_id = ANY($1::text[])';
export const STATUS_EVENTS_BY_IDS =
  "SELECT message_id, body FROM events WHERE kind = 'status' AND message_id = ANY($1::text[])";
export const OUTBOUND_BY_CLIENT_MESSAGE_ID =
  'SELECT body FROM outbound WHERE client_message_id = $1 ORDER BY sent_at DESC, id DESC LIMIT 100';
export const MESSAGE_IDS_BY_CLIENT_MESSAGE_ID = `SELECT message_id, min(timestamp) AS first FROM events
  WHERE client_message_id = $1 AND kind = 'status' GROUP BY message_id LIMIT 100`;
export const OUTBOUND_BY_MSISDN =
  'SELECT body FROM outbound WHERE msisdn = $1 ORDER BY sent_at DESC, id DESC LIMIT $2';
export const INBOUND_BY_MSISDN =
  "SELECT body FROM events WHERE kind = 'message' AND msisdn = $1 ORDER BY timestamp DESC LIMIT $2";
export const STATUSES_OF_MSISDN = `SELECT message_id, code, status, timestamp, api FROM message_status WHERE message_id IN
  (SELECT message_id FROM outbound WHERE msisdn = $1 AND message_id IS NOT NULL ORDER BY sent_at DESC LIMIT $2)`;
export const LAST_INBOUND_AT = `SELECT msisdn, max(timestamp) AS last FROM events
  WHERE kind = 'message' AND msisdn = ANY($1::text[]) GROUP BY msisdn`;
