-- Cases (处置): events and complaints that departments sign for, answer and
-- close. The event log is the source of truth for clocks; `state` and the
-- *_at columns are a cache of it for lists and statistics.
CREATE TABLE cases (
  id @PK@,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL,
  origin_ref TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  case_type TEXT NOT NULL,
  priority TEXT NOT NULL,
  state TEXT NOT NULL,
  dispatch_unit_id BIGINT REFERENCES units(id),
  lead_unit_id BIGINT REFERENCES units(id),
  superior_deadline BIGINT,
  extension_days BIGINT NOT NULL DEFAULT 0,
  extension_pending BIGINT NOT NULL DEFAULT 0,
  paused BIGINT NOT NULL DEFAULT 0,
  satisfaction BIGINT,
  received_at BIGINT NOT NULL,
  signed_at BIGINT,
  first_reply_at BIGINT,
  closed_at BIGINT,
  evaluated_at BIGINT,
  created_by BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX cases_state ON cases(state);
CREATE INDEX cases_lead ON cases(lead_unit_id, state);
CREATE INDEX cases_received ON cases(received_at);
-- A complaint imported twice (same channel and ticket number) is one case.
CREATE UNIQUE INDEX cases_external ON cases(channel, origin_ref) WHERE origin = 'complaint' AND origin_ref <> '';

CREATE TABLE case_co_units (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (case_id, unit_id)
);

-- Append-only: every transition, note, pause and evaluation.
CREATE TABLE case_events (
  id @PK@,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  data_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- Time limits by case type and priority. unit: hours (natural hours),
-- work_hours, work_days.
CREATE TABLE case_sla (
  case_type TEXT NOT NULL,
  priority TEXT NOT NULL,
  sign_amount BIGINT NOT NULL,
  sign_unit TEXT NOT NULL,
  reply_amount BIGINT NOT NULL,
  reply_unit TEXT NOT NULL,
  close_amount BIGINT NOT NULL,
  close_unit TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (case_type, priority)
);
INSERT INTO case_sla VALUES ('general', 'normal', 1, 'work_days', 3, 'work_days', 5, 'work_days', 0);
INSERT INTO case_sla VALUES ('general', 'urgent', 1, 'hours', 2, 'hours', 1, 'work_days', 0);
INSERT INTO case_sla VALUES ('complex', 'normal', 1, 'work_days', 5, 'work_days', 15, 'work_days', 0);
INSERT INTO case_sla VALUES ('complex', 'urgent', 2, 'hours', 1, 'work_days', 5, 'work_days', 0);

-- Admin overrides of the shipped holiday tables (data/calendar/cn-YYYY.tsv).
CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT ''
);

-- Warnings (预警), 催办 and 督办 produced by the reminder scan; one per case,
-- stage, level and deadline so a re-scan does not repeat itself, while a new
-- deadline (after an extension) can warn again.
CREATE TABLE case_reminders (
  id @PK@,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  stage TEXT NOT NULL,
  level TEXT NOT NULL,
  deadline BIGINT NOT NULL,
  target_unit_id BIGINT,
  target_role TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (case_id, stage, level, deadline)
);
CREATE INDEX case_reminders_created ON case_reminders(created_at);
