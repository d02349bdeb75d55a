-- The status order puts proof of delivery above every failure: UNKNOWN (1) < QUEUED < DELIVERED_TO_GATEWAY
-- < every failure < RECEIVED_BY_RECIPIENT < READ and EMULATED (docs/decisions.md, "Status order"). Ranks stored
-- under the old order (failures above READ) are rewritten here, and every current status is recomputed.

-- The core's statusRank of every catalog code, as data: the migration ranks stored rows with it, and a test
-- keeps it equal to the core, so the ranks the store binds and the ranks rewritten here cannot disagree.
-- A code missing here ranks -1, below everything, as an undocumented code does in the core.
CREATE TABLE status_rank (
  code INTEGER PRIMARY KEY,
  rank INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO status_rank (code, rank) VALUES
  (1, 0),
  (2, 1), (1001, 1), (1002, 1),
  (3, 2),
  (7, 3), (9, 3), (28, 3), (30, 3), (31, 3), (32, 3), (33, 3), (34, 3), (40, 3), (41, 3), (60, 3), (61, 3),
  (1004, 3), (1005, 3), (2000, 3), (2001, 3),
  (4, 4),
  (27, 5), (1006, 5);

UPDATE events SET rank = coalesce((SELECT rank FROM status_rank WHERE status_rank.code = events.status_code), -1)
WHERE kind = 'status';

UPDATE message_status
SET rank = coalesce((SELECT rank FROM status_rank WHERE status_rank.code = message_status.code), -1);

-- Each message's current status, recomputed from its stored events as the trigger would have kept it: the
-- highest rank, then the latest timestamp, then (an exact tie) the event stored first.
INSERT INTO message_status (message_id, code, status, rank, timestamp)
SELECT message_id, status_code, status, rank, timestamp FROM (
  SELECT message_id, status_code, status, rank, timestamp,
    row_number() OVER (PARTITION BY message_id ORDER BY rank DESC, timestamp DESC, id ASC) AS place
  FROM events WHERE kind = 'status'
) WHERE place = 1
ON CONFLICT (message_id) DO UPDATE SET
  code = excluded.code, status = excluded.status, rank = excluded.rank, timestamp = excluded.timestamp;
