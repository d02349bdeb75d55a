-- The transactional outbox, the quarantine, bodies by reference and lookups by column
-- (docs/decisions.md, "The gateway").

-- A body too large for a row (D1: 2,000,000 bytes) is kept in R2 under its SHA-256; the row holds the hash.
ALTER TABLE events ADD COLUMN body_ref TEXT;

-- A message's status events are found by its id column, never by a range of keys: an id that starts with
-- another id and a colon is another message.
CREATE INDEX events_status_by_message_id ON events (message_id) WHERE kind = 'status';

-- One entry per stored event, written by a trigger of the event's own INSERT: the event, its effect on the
-- current status and its hand-off entry are one atomic statement. The drain leases pending entries
-- (lease_until), hands them on in batches and marks them done; done entries are kept 7 days.
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

-- Authenticated callbacks that could not become events, kept with the reason (id: SHA-256 of route and body).
CREATE TABLE quarantine (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  route TEXT NOT NULL,
  reason TEXT NOT NULL,
  issues TEXT NOT NULL,
  body TEXT NOT NULL,
  body_ref TEXT,
  received_at INTEGER NOT NULL,
  resolved_at INTEGER
);

CREATE INDEX quarantine_by_time ON quarantine (received_at);
