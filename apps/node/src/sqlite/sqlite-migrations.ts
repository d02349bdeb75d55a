/**
 * The SQLite schema, as migrations applied in order (`PRAGMA user_version` counts the applied ones). The same
 * tables as the Worker's D1 schema, without bodies by reference: a SQLite row has no 2 MB limit. Triggers of
 * the event's INSERT write its effect on the current status and its outbox entry, so a callback is one atomic
 * statement (docs/decisions.md, "The gateway").
 */
export const SQLITE_MIGRATIONS = [
  `CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('status', 'message')),
    message_id TEXT NOT NULL,
    client_message_id TEXT,
    msisdn TEXT,
    status_code INTEGER,
    status TEXT,
    rank INTEGER,
    timestamp INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX events_status_by_message_id ON events (message_id) WHERE kind = 'status';
  CREATE INDEX events_by_client_message_id ON events (client_message_id) WHERE client_message_id IS NOT NULL;
  CREATE INDEX events_inbound_by_msisdn ON events (msisdn, timestamp) WHERE kind = 'message';

  CREATE TABLE message_status (
    message_id TEXT PRIMARY KEY,
    code INTEGER NOT NULL,
    status TEXT NOT NULL,
    rank INTEGER NOT NULL,
    timestamp INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- The core's isNewerStatus: a higher rank (statusRank, bound with the event) wins; at equal rank, the later time.
  CREATE TRIGGER events_update_current_status AFTER INSERT ON events WHEN NEW.kind = 'status'
  BEGIN
    INSERT INTO message_status (message_id, code, status, rank, timestamp)
    VALUES (NEW.message_id, NEW.status_code, NEW.status, NEW.rank, NEW.timestamp)
    ON CONFLICT (message_id) DO UPDATE SET
      code = excluded.code, status = excluded.status, rank = excluded.rank, timestamp = excluded.timestamp
    WHERE excluded.rank > message_status.rank
       OR (excluded.rank = message_status.rank AND excluded.timestamp > message_status.timestamp);
  END;

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    done_at INTEGER
  );
  CREATE INDEX outbox_pending ON outbox (id) WHERE done_at IS NULL;
  CREATE INDEX outbox_done ON outbox (done_at) WHERE done_at IS NOT NULL;
  CREATE TRIGGER events_enqueue_hand_off AFTER INSERT ON events
  BEGIN
    INSERT INTO outbox (event_id) VALUES (NEW.id);
  END;

  CREATE TABLE quarantine (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    route TEXT NOT NULL,
    reason TEXT NOT NULL,
    issues TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    resolved_at INTEGER
  );
  CREATE INDEX quarantine_by_time ON quarantine (received_at);

  CREATE TABLE outbound (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_message_id TEXT NOT NULL,
    message_id TEXT,
    msisdn TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE UNIQUE INDEX outbound_by_message_id ON outbound (message_id) WHERE message_id IS NOT NULL;
  CREATE INDEX outbound_by_client_message_id ON outbound (client_message_id);
  CREATE INDEX outbound_by_msisdn ON outbound (msisdn, sent_at);`,

  // One API: each event and current status says its API, whose catalog its code (and the bound rank) is of.
  // Rows from before are the legacy API's. Both catalogs rank the same stages alike, so the rule is unchanged.
  `ALTER TABLE events ADD COLUMN api TEXT NOT NULL DEFAULT 'wa' CHECK (api IN ('wa', 'one'));
  ALTER TABLE message_status ADD COLUMN api TEXT NOT NULL DEFAULT 'wa';
  DROP TRIGGER events_update_current_status;
  CREATE TRIGGER events_update_current_status AFTER INSERT ON events WHEN NEW.kind = 'status'
  BEGIN
    INSERT INTO message_status (message_id, code, status, rank, timestamp, api)
    VALUES (NEW.message_id, NEW.status_code, NEW.status, NEW.rank, NEW.timestamp, NEW.api)
    ON CONFLICT (message_id) DO UPDATE SET
      code = excluded.code, status = excluded.status, rank = excluded.rank, timestamp = excluded.timestamp,
      api = excluded.api
    WHERE excluded.rank > message_status.rank
       OR (excluded.rank = message_status.rank AND excluded.timestamp > message_status.timestamp);
  END;`,
] as const;
