-- The downloads of files sent by reference (docs/decisions.md, "Media by reference"). 0004 is the One API
-- columns' (api, lifecycle). One row per file of a user message, scheduled by the outbox drain before it
-- completes the message's entry; a pending download is due at next_attempt_at (a claim's lease, or the
-- backoff of a retry), a stored or ended one is final.
CREATE TABLE media_downloads (
  id INTEGER PRIMARY KEY,
  event_key TEXT NOT NULL,
  file_index INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error TEXT,
  sha256 TEXT,
  size INTEGER,
  updated_at INTEGER NOT NULL,
  UNIQUE (event_key, file_index)
);

CREATE INDEX media_downloads_due ON media_downloads (next_attempt_at, id) WHERE state = 'pending';
