-- 监测: items, the stories they are copies of, events, topics (方案),
-- sentiment corrections and monitor settings.
--
-- Privacy by design: an item keeps its outlet, site and URL, never an author.
-- The full-text index is SQLite-only (FTS5) and is created by
-- src/store/sqlite/text_index_sqlite.cc, not here.

CREATE TABLE monitor_events (
  id @PK@,
  title TEXT NOT NULL,
  first_item_id INTEGER NOT NULL DEFAULT 0,
  first_outlet TEXT NOT NULL DEFAULT '',
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  item_count INTEGER NOT NULL DEFAULT 0,
  story_count INTEGER NOT NULL DEFAULT 0,
  outlet_count INTEGER NOT NULL DEFAULT 0,
  negative_count INTEGER NOT NULL DEFAULT 0,
  neutral_count INTEGER NOT NULL DEFAULT 0,
  positive_count INTEGER NOT NULL DEFAULT 0,
  keywords TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX monitor_events_last_seen ON monitor_events(last_seen);

CREATE TABLE monitor_items (
  id @PK@,
  dedup_key TEXT NOT NULL,
  source_id INTEGER NOT NULL DEFAULT 0,
  external_id TEXT NOT NULL DEFAULT '',
  outlet TEXT NOT NULL DEFAULT '',
  site TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT 'other',
  url TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL DEFAULT '',
  published_at INTEGER NOT NULL,
  fetched_at INTEGER NOT NULL DEFAULT 0,
  ingested_at INTEGER NOT NULL,
  simhash INTEGER NOT NULL DEFAULT 0,
  exact_hash INTEGER NOT NULL DEFAULT 0,
  dup_of INTEGER,
  dup_reason TEXT NOT NULL DEFAULT '',
  copies INTEGER NOT NULL DEFAULT 0,
  sentiment TEXT NOT NULL DEFAULT 'neutral',
  sentiment_score REAL NOT NULL DEFAULT 0,
  sentiment_corrected INTEGER NOT NULL DEFAULT 0,
  keywords TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '',
  event_id INTEGER
);
CREATE UNIQUE INDEX monitor_items_dedup_key ON monitor_items(dedup_key);
CREATE INDEX monitor_items_published ON monitor_items(published_at);
CREATE INDEX monitor_items_event ON monitor_items(event_id);

CREATE TABLE monitor_item_topics (
  topic_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (topic_id, item_id)
);

CREATE TABLE monitor_topics (
  id @PK@,
  name TEXT NOT NULL,
  mode TEXT NOT NULL DEFAULT 'scheme',
  expression TEXT NOT NULL DEFAULT '',
  regions TEXT NOT NULL DEFAULT '',
  subjects TEXT NOT NULL DEFAULT '',
  events TEXT NOT NULL DEFAULT '',
  excludes TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX monitor_topics_name ON monitor_topics(name);

CREATE TABLE monitor_sentiment_corrections (
  id @PK@,
  item_id INTEGER NOT NULL,
  label_before TEXT NOT NULL,
  label TEXT NOT NULL,
  text TEXT NOT NULL,
  corrected_by INTEGER NOT NULL,
  corrected_at INTEGER NOT NULL
);
CREATE INDEX monitor_sentiment_corrections_item ON monitor_sentiment_corrections(item_id);

CREATE TABLE monitor_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO monitor_settings(name, value) VALUES ('retention_days', '365');
