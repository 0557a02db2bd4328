-- Duty ledger (台账): responsibility system, recurring obligations and their
-- occurrences, meetings/study sessions/trainings, monthly zero-reports,
-- self-checks with scores, rectifications, stored reminders.
-- Times are Unix seconds; periods and months are China local time (UTC+8).
-- Evidence files live in attachments (0002) with owner_kind:
--   'duty_letter' (duty_group_members.id, signed responsibility letters),
--   'duty_record' (duty_records.id), 'zero_report' (duty_zero_reports.id),
--   'selfcheck_item' (duty_selfcheck_items.id), 'rectification'
--   (duty_rectifications.id, completion evidence).

-- Leading group (领导小组). position: 'leader' 组长 (first responsible
-- person), 'deputy' 分管 (directly responsible), 'member' 成员; area is
-- the member's field of responsibility (一岗双责).
CREATE TABLE duty_group_members (
  id @PK@,
  position TEXT NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  user_id BIGINT REFERENCES users(id),
  unit_id BIGINT REFERENCES units(id),
  area TEXT NOT NULL DEFAULT '',
  sort_order BIGINT NOT NULL DEFAULT 0,
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Responsibility list (责任清单): tasks per member. status: open, done.
CREATE TABLE duty_tasks (
  id @PK@,
  member_id BIGINT NOT NULL REFERENCES duty_group_members(id),
  task TEXT NOT NULL,
  deadline BIGINT,
  status TEXT NOT NULL DEFAULT 'open',
  done_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX duty_tasks_member ON duty_tasks(member_id);

-- Recurring obligations (工作任务).
-- kind: meeting 研判会, special_session 专题会, zero_report 零报告,
--   self_check 自查, channel_check 阵地安全检查, study 学习, training 培训, other.
-- recurrence: monthly, quarterly, half_year, yearly, every_n_months
--   (interval_months), count_per_year (at least min_count records a year).
-- due_day: 0 = last day of the period; 1-31 = that day of the period's last
--   month; -n = n days after the period ends.
CREATE TABLE duty_obligations (
  id @PK@,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  recurrence TEXT NOT NULL,
  interval_months BIGINT NOT NULL DEFAULT 1,
  due_day BIGINT NOT NULL DEFAULT 0,
  min_count BIGINT NOT NULL DEFAULT 1,
  remind_days BIGINT NOT NULL DEFAULT 3,
  assignee_user_id BIGINT REFERENCES users(id),
  assignee_unit_id BIGINT REFERENCES units(id),
  start_year BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- One row per obligation per period (and per channel for channel_check;
-- channel_id 0 otherwise). period: '2026-03', '2026Q1', '2026H1', '2026',
-- '2026-01+3'. status is stored as open/done only; late and due-soon are
-- computed from due_at when read.
CREATE TABLE duty_occurrences (
  id @PK@,
  obligation_id BIGINT NOT NULL REFERENCES duty_obligations(id),
  period TEXT NOT NULL,
  period_label TEXT NOT NULL,
  period_begin BIGINT NOT NULL,
  period_end BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  channel_id BIGINT NOT NULL DEFAULT 0,
  channel_name TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open',
  done_at BIGINT,
  done_by_name TEXT NOT NULL DEFAULT '',
  record_id BIGINT,
  note TEXT NOT NULL DEFAULT '',
  assignee_user_id BIGINT,
  assignee_unit_id BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (obligation_id, period, channel_id)
);
CREATE INDEX duty_occurrences_due ON duty_occurrences(due_at);

-- Meetings, special sessions, study sessions, trainings, checks (会议与学习).
-- kind as duty_obligations.kind. attendees_json: JSON array of strings
-- (names of staff and/or units). held_at: when it took place.
CREATE TABLE duty_records (
  id @PK@,
  kind TEXT NOT NULL,
  held_at BIGINT NOT NULL,
  topic TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  host TEXT NOT NULL DEFAULT '',
  attendees_json TEXT NOT NULL DEFAULT '[]',
  attendee_count BIGINT NOT NULL DEFAULT 0,
  minutes TEXT NOT NULL DEFAULT '',
  obligation_id BIGINT REFERENCES duty_obligations(id),
  occurrence_id BIGINT REFERENCES duty_occurrences(id),
  created_by BIGINT,
  created_by_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX duty_records_held ON duty_records(kind, held_at);

-- Monthly zero-reports / situation reports (零报告), one per unit per month
-- ('2026-10'). nothing_to_report 1 = 本月无情况; otherwise matters_json is a
-- JSON array of {"title","detail"}.
CREATE TABLE duty_zero_reports (
  id @PK@,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  month TEXT NOT NULL,
  nothing_to_report BIGINT NOT NULL,
  matters_json TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  submitted_by BIGINT,
  submitted_by_name TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (unit_id, month)
);
CREATE INDEX duty_zero_reports_month ON duty_zero_reports(month);

-- Self-check templates (自查表) with scored items.
CREATE TABLE duty_checklist_templates (
  id @PK@,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE duty_checklist_items (
  id @PK@,
  template_id BIGINT NOT NULL REFERENCES duty_checklist_templates(id),
  category TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL,
  criteria TEXT NOT NULL DEFAULT '',
  max_score DOUBLE PRECISION NOT NULL,
  sort_order BIGINT NOT NULL DEFAULT 0,
  active BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX duty_checklist_items_template ON duty_checklist_items(template_id);

-- A filled self-check for one year. status: draft, submitted. Items copy the
-- template item's text and max score, so later template edits do not change
-- a filled year. score = max_score - deduction.
CREATE TABLE duty_selfchecks (
  id @PK@,
  template_id BIGINT NOT NULL REFERENCES duty_checklist_templates(id),
  year BIGINT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  total_max DOUBLE PRECISION NOT NULL DEFAULT 0,
  total_score DOUBLE PRECISION NOT NULL DEFAULT 0,
  created_by_name TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (template_id, year)
);
CREATE TABLE duty_selfcheck_items (
  id @PK@,
  selfcheck_id BIGINT NOT NULL REFERENCES duty_selfchecks(id),
  item_id BIGINT NOT NULL REFERENCES duty_checklist_items(id),
  category TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL,
  criteria TEXT NOT NULL DEFAULT '',
  max_score DOUBLE PRECISION NOT NULL,
  deduction DOUBLE PRECISION NOT NULL DEFAULT 0,
  score DOUBLE PRECISION NOT NULL,
  finding TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  sort_order BIGINT NOT NULL DEFAULT 0,
  UNIQUE (selfcheck_id, item_id)
);

-- Rectifications (整改): 问题 problem → 措施 measure → 责任人 responsible →
-- 时限 deadline → 完成 completed_at/completion_note. status: open, done;
-- overdue is computed (open and deadline passed).
CREATE TABLE duty_rectifications (
  id @PK@,
  selfcheck_id BIGINT REFERENCES duty_selfchecks(id),
  selfcheck_item_id BIGINT REFERENCES duty_selfcheck_items(id),
  problem TEXT NOT NULL,
  measure TEXT NOT NULL DEFAULT '',
  responsible_user_id BIGINT REFERENCES users(id),
  responsible_name TEXT NOT NULL DEFAULT '',
  deadline BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  completed_at BIGINT,
  completion_note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX duty_rectifications_status ON duty_rectifications(status, deadline);

-- Reminders the scheduler produced (due soon, late, zero-report missing,
-- rectification overdue). dedupe_key makes each reminder happen once.
CREATE TABLE duty_reminders (
  id @PK@,
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  ref_kind TEXT NOT NULL,
  ref_id BIGINT NOT NULL,
  user_id BIGINT,
  unit_id BIGINT,
  message TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
