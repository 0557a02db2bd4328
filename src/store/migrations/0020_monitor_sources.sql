-- Monitoring sources: registry, schedule, checkpoint, health, push tokens.
CREATE TABLE monitor_sources (
  id @PK@,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,                 -- rss, page, import, push
  url TEXT NOT NULL DEFAULT '',
  outlet TEXT NOT NULL DEFAULT '',
  item_kind TEXT NOT NULL DEFAULT 'news',
  interval_minutes BIGINT NOT NULL DEFAULT 60,
  enabled BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  -- checkpoint: conditional-GET validators of the last delivered fetch
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  next_run_at BIGINT NOT NULL DEFAULT 0,
  -- health
  last_run_at BIGINT NOT NULL DEFAULT 0,
  last_success_at BIGINT NOT NULL DEFAULT 0,
  last_error_at BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  total_items BIGINT NOT NULL DEFAULT 0
);

-- Item keys (guid, else URL) a source has delivered; written in the same
-- transaction that advances the checkpoint, after the sink accepted them.
CREATE TABLE monitor_source_seen (
  source_id BIGINT NOT NULL REFERENCES monitor_sources(id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (source_id, item_key)
);
CREATE INDEX monitor_source_seen_at ON monitor_source_seen(seen_at);

-- Accepted items per source and day (day = China Standard Time day number).
CREATE TABLE monitor_source_daily (
  source_id BIGINT NOT NULL REFERENCES monitor_sources(id) ON DELETE CASCADE,
  day BIGINT NOT NULL,
  items BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (source_id, day)
);

-- API tokens of the push API: only the SHA-256 of the secret is stored.
CREATE TABLE monitor_push_tokens (
  id @PK@,
  name TEXT NOT NULL,
  source_id BIGINT NOT NULL REFERENCES monitor_sources(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL DEFAULT 0,
  revoked_at BIGINT NOT NULL DEFAULT 0
);
