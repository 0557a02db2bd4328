-- Several minyi processes on one database: the inbox where web servers put
-- raw items for `minyi worker` processes, the cluster-wide ingest mode and
-- the workers' heartbeats.
--
-- Nothing here identifies a person: an inbox row is the RawItem (outlet,
-- site, URL, content), deleted in the same transaction that stores it.

-- 'server': each web server ingests in its own process (the default, and the
-- only mode on SQLite); 'workers': web servers only queue, workers ingest.
CREATE TABLE monitor_cluster (
  id BIGINT PRIMARY KEY,
  ingest_mode TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO monitor_cluster(id, ingest_mode, updated_at) VALUES (1, 'server', 0);

-- dedup_key is the pipeline's re-delivery key, so queueing is idempotent.
-- A row is claimable when status = 'queued' and its lease (if any) ran out;
-- a worker killed mid-batch leaves its rows to the next claim.
CREATE TABLE monitor_inbox (
  id @PK@,
  dedup_key TEXT NOT NULL UNIQUE,
  source_id BIGINT NOT NULL DEFAULT 0,
  external_id TEXT NOT NULL DEFAULT '',
  outlet TEXT NOT NULL DEFAULT '',
  site TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  published_at BIGINT NOT NULL DEFAULT 0,
  fetched_at BIGINT NOT NULL DEFAULT 0,
  queued_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',  -- queued, failed
  claimed_by TEXT NOT NULL DEFAULT '',
  lease_until BIGINT NOT NULL DEFAULT 0,
  attempts BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX monitor_inbox_claim ON monitor_inbox(status, lease_until, id);

CREATE TABLE monitor_workers (
  name TEXT PRIMARY KEY,  -- host:pid:start
  started_at BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL,
  batches BIGINT NOT NULL DEFAULT 0,
  items BIGINT NOT NULL DEFAULT 0
);
