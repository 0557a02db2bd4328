-- Attachments: evidence files, signed letters, replies. The bytes live in the
-- database (content) so one backup file holds everything; sha256 lets a
-- download be checked against what was uploaded.
--
-- owner_kind/owner_id name the record a file belongs to, e.g.
--   'duty_record' (duty_records.id), 'duty_letter' (duty_group_members.id),
--   'zero_report' (duty_zero_reports.id), 'selfcheck' (duty_selfchecks.id),
--   'rectification' (duty_rectifications.id), 'case_reply' (cases), ...
-- owner_id 0 means "uploaded, not yet attached" (a form saved afterwards).
CREATE TABLE attachments (
  id @PK@,
  owner_kind TEXT NOT NULL,
  owner_id BIGINT NOT NULL DEFAULT 0,
  filename TEXT NOT NULL,        -- the user's file name, UTF-8, no path
  content_type TEXT NOT NULL,    -- derived from the detected kind, not the client
  kind TEXT NOT NULL,            -- pdf, docx, xlsx, doc, xls, jpg, png, txt, zip
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,          -- lower-case hex of content
  content @BLOB@ NOT NULL,
  uploaded_by BIGINT,            -- users.id; NULL for system jobs
  uploader_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);
