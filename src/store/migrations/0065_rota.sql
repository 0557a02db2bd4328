-- On-duty rota (值班): shifts, heightened periods, pages (值班提醒) with
-- acknowledgement and escalation, hand-over notes. Times are Unix seconds;
-- days of heightened periods are China local dates ("2026-10-01").

-- kind: day 白班, night 夜班, holiday 节假日全天, special 专项值守.
-- leader_user_id: the leader on call (带班领导) for the shift; NULL = none.
CREATE TABLE rota_shifts (
  id @PK@,
  user_id BIGINT NOT NULL REFERENCES users(id),
  leader_user_id BIGINT REFERENCES users(id),
  kind TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX rota_shifts_time ON rota_shifts(starts_at, ends_at);

-- Heightened periods (重要时段): inclusive local dates.
CREATE TABLE rota_periods (
  id @PK@,
  name TEXT NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- One page per paged notification. status: pending (waiting for the person
-- on duty), escalated (waiting for the leader), acked. user_id 0 / NULL is
-- never stored: with nobody on duty the page goes straight to the leader.
CREATE TABLE rota_pages (
  id @PK@,
  notification_id BIGINT NOT NULL UNIQUE REFERENCES notifications(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  shift_id BIGINT,
  user_id BIGINT REFERENCES users(id),
  leader_user_id BIGINT REFERENCES users(id),
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  acked_at BIGINT NOT NULL DEFAULT 0,
  acked_by BIGINT NOT NULL DEFAULT 0,
  ack_note TEXT NOT NULL DEFAULT '',
  escalated_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX rota_pages_status ON rota_pages(status, created_at);

-- Hand-over notes (交接班记录) from one shift to the next.
CREATE TABLE rota_handovers (
  id @PK@,
  shift_id BIGINT NOT NULL REFERENCES rota_shifts(id),
  from_user_id BIGINT NOT NULL REFERENCES users(id),
  to_user_id BIGINT REFERENCES users(id),
  content TEXT NOT NULL,
  open_matters TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  acked_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX rota_handovers_to ON rota_handovers(to_user_id, acked_at);

-- One row (id = 1). watermark: the highest notification id already looked
-- at, so notifications from before the rota existed are never paged.
CREATE TABLE rota_settings (
  id BIGINT PRIMARY KEY,
  ack_timeout_minutes BIGINT NOT NULL DEFAULT 15,
  fallback_leader_user_id BIGINT REFERENCES users(id),
  watermark BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);
INSERT INTO rota_settings(id, ack_timeout_minutes, watermark, updated_at)
  SELECT 1, 15, COALESCE(MAX(id), 0), 0 FROM notifications;
