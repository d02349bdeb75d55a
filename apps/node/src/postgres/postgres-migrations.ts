/**
 * The Postgres schema, as migrations applied in order (the table `clickwa_migrations` records them, under an
 * advisory lock so that instances starting together migrate once). The same tables as SQLite's, plus `blobs`:
 * media live in the database, where every instance behind the load balancer reads them, with no shared disk
 * to mount and back up apart (docs/decisions.md, "The Node adapter"). Quarantined bodies are bytes: a body
 * as received may hold a NUL, which Postgres text refuses.
 */
export const POSTGRES_MIGRATIONS = [
  `CREATE TABLE events (
    id bigserial PRIMARY KEY,
    key text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('status', 'message')),
    message_id text NOT NULL,
    client_message_id text,
    msisdn text,
    -- Any integer a callback carries (the core takes integers of any size; an unknown code ranks lowest).
    status_code double precision,
    status text,
    rank integer,
    timestamp bigint NOT NULL,
    received_at bigint NOT NULL,
    body text NOT NULL
  );
  CREATE INDEX events_status_by_message_id ON events (message_id) WHERE kind = 'status';
  CREATE INDEX events_by_client_message_id ON events (client_message_id) WHERE client_message_id IS NOT NULL;
  CREATE INDEX events_inbound_by_msisdn ON events (msisdn, timestamp) WHERE kind = 'message';

  CREATE TABLE message_status (
    message_id text PRIMARY KEY,
    code double precision NOT NULL,
    status text NOT NULL,
    rank integer NOT NULL,
    timestamp bigint NOT NULL
  );

  CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    event_id bigint NOT NULL REFERENCES events (id),
    lease_until bigint NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    done_at bigint
  );
  CREATE INDEX outbox_pending ON outbox (id) WHERE done_at IS NULL;
  CREATE INDEX outbox_done ON outbox (done_at) WHERE done_at IS NOT NULL;

  CREATE TABLE quarantine (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    route text NOT NULL,
    reason text NOT NULL,
    issues text NOT NULL,
    body bytea NOT NULL,
    received_at bigint NOT NULL,
    resolved_at bigint
  );
  CREATE INDEX quarantine_by_time ON quarantine (received_at);

  CREATE TABLE outbound (
    id bigserial PRIMARY KEY,
    client_message_id text NOT NULL,
    message_id text,
    msisdn text NOT NULL,
    sent_at bigint NOT NULL,
    body text NOT NULL
  );
  CREATE UNIQUE INDEX outbound_by_message_id ON outbound (message_id) WHERE message_id IS NOT NULL;
  CREATE INDEX outbound_by_client_message_id ON outbound (client_message_id);
  CREATE INDEX outbound_by_msisdn ON outbound (msisdn, sent_at);

  CREATE TABLE blobs (
    sha256 text PRIMARY KEY,
    bytes bytea NOT NULL
  );`,

  // One API: each event and current status says its API, whose catalog its code (and the bound rank) is of.
  // Rows from before are the legacy API's. Both catalogs rank the same stages alike, so the rule is unchanged.
  `ALTER TABLE events ADD COLUMN api text NOT NULL DEFAULT 'wa' CHECK (api IN ('wa', 'one'));
  ALTER TABLE message_status ADD COLUMN api text NOT NULL DEFAULT 'wa';`,
] as const;
