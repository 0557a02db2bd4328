-- Reports (报告): drafts drafted from the system's records, edited by staff
-- and finalized. content_json is the whole editable content (sections,
-- paragraphs, figures with the ids of the records they count, charts,
-- tables). status: draft (草稿) or final (定稿); a final report never
-- changes again and keeps the DOCX generated at finalization as an
-- attachment (attachments.owner_kind = 'report').
CREATE TABLE report_drafts (
  id @PK@,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  period_begin BIGINT NOT NULL,
  period_end BIGINT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  version BIGINT NOT NULL DEFAULT 1,
  content_json TEXT NOT NULL,
  created_by BIGINT,
  created_by_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finalized_at BIGINT,
  finalized_by_name TEXT NOT NULL DEFAULT '',
  final_attachment_id BIGINT
);
CREATE INDEX report_drafts_period ON report_drafts(kind, period);

-- Every saved state of a draft's content, so no edit or regeneration loses
-- earlier text.
CREATE TABLE report_versions (
  id @PK@,
  report_id BIGINT NOT NULL REFERENCES report_drafts(id),
  version BIGINT NOT NULL,
  content_json TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  saved_by_name TEXT NOT NULL DEFAULT '',
  saved_at BIGINT NOT NULL,
  UNIQUE (report_id, version)
);
