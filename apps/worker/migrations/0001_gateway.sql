-- Callback events: one row per distinct callback. `key` is the dedup key (see docs/decisions.md, "The gateway"): its
-- UNIQUE index makes the database itself ignore a repeated callback, never a read-then-write. (Migration 0003
-- finds a message's status events by its id column rather than by a range of this index.)
-- Rows are appended by rowid (keys are random, and the body is the bulk of a row).
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('status', 'message')),
  message_id TEXT NOT NULL,
  client_message_id TEXT,
  -- The user's number, for messages from users.
  msisdn TEXT,
  -- For status events: the code, its name and the core's statusRank of the code.
  status_code INTEGER,
  status TEXT,
  rank INTEGER,
  timestamp INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  -- The stored event as JSON (never credentials: the gateway builds it field by field).
  body TEXT NOT NULL
);

CREATE INDEX events_by_client_message_id ON events (client_message_id) WHERE client_message_id IS NOT NULL;
CREATE INDEX events_inbound_by_msisdn ON events (msisdn, timestamp) WHERE kind = 'message';

-- The current status of each message: the newest by the core's isNewerStatus.
CREATE TABLE message_status (
  message_id TEXT PRIMARY KEY,
  code INTEGER NOT NULL,
  status TEXT NOT NULL,
  rank INTEGER NOT NULL,
  timestamp INTEGER NOT NULL
) WITHOUT ROWID;

-- Runs inside the INSERT of a status event, so storing the event and updating the current status are one
-- atomic statement; an ignored duplicate fires nothing. The rule is the core's isNewerStatus: a higher rank
-- (the core's statusRank, stored with the event) wins; at equal rank, the later timestamp.
CREATE TRIGGER events_update_current_status AFTER INSERT ON events WHEN NEW.kind = 'status'
BEGIN
  INSERT INTO message_status (message_id, code, status, rank, timestamp)
  VALUES (NEW.message_id, NEW.status_code, NEW.status, NEW.rank, NEW.timestamp)
  ON CONFLICT (message_id) DO UPDATE SET
    code = excluded.code, status = excluded.status, rank = excluded.rank, timestamp = excluded.timestamp
  WHERE excluded.rank > message_status.rank
     OR (excluded.rank = message_status.rank AND excluded.timestamp > message_status.timestamp);
END;

-- Messages the gateway sent (one per send-client result), so statuses join to them.
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
CREATE INDEX outbound_by_msisdn ON outbound (msisdn, sent_at);
