-- One API (docs/decisions.md, "One API callbacks"): each event, current status and outbound record says the API
-- it belongs to, whose catalog its status code is of. Codes collide (27 is READ in the legacy API, a volume limit
-- in One API), so the store binds each status event's rank from its own API's catalog. Rows from before are the
-- legacy API's.
ALTER TABLE events ADD COLUMN api TEXT NOT NULL DEFAULT 'wa' CHECK (api IN ('wa', 'one'));
ALTER TABLE message_status ADD COLUMN api TEXT NOT NULL DEFAULT 'wa';

-- The core's statusRank of every One API code, as data beside the legacy `status_rank` of 0002; a test keeps
-- it equal to the core. Both catalogs rank the same stages alike (unknown 0, queued 1, sent 2, every failure 3,
-- delivered 4, read 5), so the trigger's rule compares ranks of either.
CREATE TABLE one_api_status_rank (
  code INTEGER PRIMARY KEY,
  rank INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO one_api_status_rank (code, rank) VALUES
  (1, 0),
  (2, 1), (3, 1),
  (4, 2),
  (20, 3), (21, 3), (22, 3), (23, 3), (25, 3), (26, 3), (27, 3), (28, 3), (29, 3), (60, 3), (61, 3), (80, 3),
  (81, 3), (82, 3), (83, 3), (84, 3), (85, 3), (100, 3), (130, 3), (131, 3), (132, 3), (133, 3), (139, 3),
  (140, 3), (141, 3),
  (5, 4),
  (6, 5), (24, 5);

-- The same rule as 0001's trigger, which now also keeps the current status's API.
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
END;
