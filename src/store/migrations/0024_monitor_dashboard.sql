-- 监测 dashboard at scale (issue 8): the dashboard's counts over a date range
-- (trend by day and sentiment, stories, kinds, top outlets) read only this
-- index, never the wide item rows, on SQLite and PostgreSQL (index-only scan).
-- It leads with published_at, so it also serves every range filter the old
-- single-column index served; that one is dropped to keep ingest cost flat.
CREATE INDEX monitor_items_dashboard ON monitor_items(published_at, sentiment, kind, dup_of, outlet);
DROP INDEX monitor_items_published;

-- A topic's items in a date range, newest first, without visiting items
-- outside the topic (published_at is copied from the item at ingest).
CREATE INDEX monitor_item_topics_published ON monitor_item_topics(topic_id, published_at, item_id);
