-- Review desk (审校): channels (阵地), drafts with immutable versions, the
-- three-stage decisions, dismissed findings, the organization's own lexicon
-- and the publication ledger.

-- Where the organization publishes: websites, official accounts, video
-- accounts, work groups, screens, terminals. `stages` lists the required
-- review stages in order, comma-separated (first,second,final).
CREATE TABLE review_channels (
  id @PK@,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  unit_id BIGINT REFERENCES units(id),
  manager_id BIGINT REFERENCES users(id),
  stages TEXT NOT NULL DEFAULT 'first,second,final',
  last_check_at BIGINT,
  note TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- status: in_review (stage says which), returned, approved, rejected,
-- published. stage_entered_at measures time spent in the current stage.
CREATE TABLE review_drafts (
  id @PK@,
  channel_id BIGINT NOT NULL REFERENCES review_channels(id),
  title TEXT NOT NULL,
  author_id BIGINT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL,
  stage TEXT NOT NULL DEFAULT '',
  current_version_id BIGINT,
  version_count BIGINT NOT NULL DEFAULT 0,
  stage_entered_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  published_url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_drafts_status ON review_drafts(status, stage);
CREATE INDEX review_drafts_author ON review_drafts(author_id);

-- Immutable: a version is never updated once written. findings_json holds
-- the automated findings computed for exactly this text.
CREATE TABLE review_versions (
  id @PK@,
  draft_id BIGINT NOT NULL REFERENCES review_drafts(id),
  number BIGINT NOT NULL,
  text TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  findings_json TEXT NOT NULL,
  finding_count BIGINT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  author_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  UNIQUE (draft_id, number)
);

-- Every human decision, pinned to the version (id and hash) it was made on.
CREATE TABLE review_decisions (
  id @PK@,
  draft_id BIGINT NOT NULL REFERENCES review_drafts(id),
  version_id BIGINT NOT NULL REFERENCES review_versions(id),
  version_sha256 TEXT NOT NULL,
  stage TEXT NOT NULL,
  decision TEXT NOT NULL,
  reviewer_id BIGINT NOT NULL REFERENCES users(id),
  reviewer_name TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  stage_seconds BIGINT NOT NULL DEFAULT 0,
  at BIGINT NOT NULL
);
CREATE INDEX review_decisions_draft ON review_decisions(draft_id);

-- A finding a reviewer judged harmless on one version.
CREATE TABLE review_dismissals (
  id @PK@,
  draft_id BIGINT NOT NULL REFERENCES review_drafts(id),
  version_id BIGINT NOT NULL REFERENCES review_versions(id),
  rule TEXT NOT NULL,
  text TEXT NOT NULL,
  start_offset BIGINT NOT NULL,
  end_offset BIGINT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  whitelisted BIGINT NOT NULL DEFAULT 0,
  user_id BIGINT NOT NULL REFERENCES users(id),
  user_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX review_dismissals_draft ON review_dismissals(draft_id);

-- The organization's additions to the shipped lexicons.
CREATE TABLE review_terms (
  id @PK@,
  term TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  suggestion TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE review_whitelist (
  id @PK@,
  phrase TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL DEFAULT '',
  draft_id BIGINT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- One row per published draft, written once at publication with the figures
-- reports need (so later edits of lexicons or users never change history).
CREATE TABLE review_ledger (
  id @PK@,
  draft_id BIGINT NOT NULL UNIQUE REFERENCES review_drafts(id),
  channel_id BIGINT NOT NULL REFERENCES review_channels(id),
  title TEXT NOT NULL,
  author_name TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  version_count BIGINT NOT NULL,
  return_count BIGINT NOT NULL,
  findings_first BIGINT NOT NULL,
  findings_final BIGINT NOT NULL,
  findings_fixed BIGINT NOT NULL,
  first_seconds BIGINT NOT NULL,
  second_seconds BIGINT NOT NULL,
  final_seconds BIGINT NOT NULL,
  submitted_at BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX review_ledger_published ON review_ledger(published_at);
