// Recurring obligations: periods, occurrence generation, due/late status and
// the reminders the scheduler stores.
#include <algorithm>
#include <cstdio>

#include "duty/duty_internal.h"
#include "notify/notify.h"

namespace minyi {

using namespace duty_internal;  // NOLINT(google-build-using-namespace): .cc only

namespace {

constexpr std::string_view kRecurrenceNames[] = {"monthly", "quarterly",      "half_year",
                                                 "yearly",  "every_n_months", "count_per_year"};
constexpr std::string_view kObligationKinds[] = {"meeting",       "special_session", "zero_report", "self_check",
                                                 "channel_check", "study",           "training",    "other"};

// Months counted from year 0 so period arithmetic is plain integer math.
int64_t MonthIndex(int year, int month) { return int64_t{year} * 12 + (month - 1); }
UnixSeconds MonthStart(int64_t index) {
  return DayStart(DayFromCivil({static_cast<int>(index / 12), static_cast<int>(index % 12) + 1, 1}));
}
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string Fmt(const char* f, int a, int b = 0) {
  char buf[48];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}

const char* kQuarterNames[] = {"一", "二", "三", "四"};

Occurrence OccurrenceFromRow(const Rows& rows, size_t i) {
  Occurrence o;
  o.id = rows.Int(i, "id");
  o.obligation_id = rows.Int(i, "obligation_id");
  o.obligation_name = rows.Text(i, "name");
  o.kind = rows.Text(i, "kind");
  o.period = {rows.Text(i, "period"), rows.Text(i, "period_label"), rows.Int(i, "period_begin"),
              rows.Int(i, "period_end")};
  o.due_at = rows.Int(i, "due_at");
  o.stored_status = rows.Text(i, "status");
  o.done_at = rows.Int(i, "done_at");
  o.done_by_name = rows.Text(i, "done_by_name");
  o.record_id = rows.Int(i, "record_id");
  o.channel_id = rows.Int(i, "channel_id");
  o.channel_name = rows.Text(i, "channel_name");
  o.assignee_user_id = rows.Int(i, "assignee_user_id");
  o.assignee_unit_id = rows.Int(i, "assignee_unit_id");
  o.note = rows.Text(i, "note");
  return o;
}

constexpr const char* kOccurrenceSelect =
    "SELECT c.id, c.obligation_id, o.name, o.kind, o.recurrence, o.min_count, o.remind_days, c.period, "
    "c.period_label, c.period_begin, c.period_end, c.due_at, c.status, c.done_at, c.done_by_name, c.record_id, "
    "c.channel_id, c.channel_name, c.assignee_user_id, c.assignee_unit_id, c.note "
    "FROM duty_occurrences c JOIN duty_obligations o ON o.id = c.obligation_id ";

Obligation ObligationFromRow(const Rows& rows, size_t i) {
  Obligation o;
  o.id = rows.Int(i, "id");
  o.name = rows.Text(i, "name");
  o.kind = rows.Text(i, "kind");
  auto r = ParseRecurrence(rows.Text(i, "recurrence"));
  o.recurrence = r.ok() ? *r : Recurrence::kMonthly;
  o.interval_months = static_cast<int>(rows.Int(i, "interval_months"));
  o.due_day = static_cast<int>(rows.Int(i, "due_day"));
  o.min_count = static_cast<int>(rows.Int(i, "min_count"));
  o.remind_days = static_cast<int>(rows.Int(i, "remind_days"));
  o.assignee_user_id = rows.Int(i, "assignee_user_id");
  o.assignee_unit_id = rows.Int(i, "assignee_unit_id");
  o.start_year = static_cast<int>(rows.Int(i, "start_year"));
  o.note = rows.Text(i, "note");
  o.active = rows.Int(i, "active") != 0;
  return o;
}

Json ObligationJson(const Obligation& o) {
  return Json{{"name", o.name},
              {"kind", o.kind},
              {"recurrence", RecurrenceName(o.recurrence)},
              {"interval_months", o.interval_months},
              {"due_day", o.due_day},
              {"min_count", o.min_count},
              {"remind_days", o.remind_days},
              {"assignee_user_id", o.assignee_user_id},
              {"assignee_unit_id", o.assignee_unit_id},
              {"start_year", o.start_year},
              {"active", o.active}};
}

Status ValidateObligation(const Obligation& o) {
  MINYI_RETURN_IF_ERROR(CheckText(o.name, "任务名称", 300, true));
  MINYI_RETURN_IF_ERROR(CheckText(o.note, "说明", 3000, false));
  if (std::find(std::begin(kObligationKinds), std::end(kObligationKinds), o.kind) == std::end(kObligationKinds)) {
    return InvalidArgument("任务类别无效：" + o.kind);
  }
  if (o.interval_months < 1 || o.interval_months > 12) return InvalidArgument("间隔月数应为 1–12");
  if (o.due_day < -60 || o.due_day > 31)
    return InvalidArgument("截止日应为 1–31（期末月的某日）、0（期末）或 -1～-60（期满后若干天）");
  if (o.min_count < 1 || o.min_count > 100) return InvalidArgument("每年最少次数应为 1–100");
  if (o.remind_days < 0 || o.remind_days > 60) return InvalidArgument("提前提醒天数应为 0–60");
  if (o.start_year < 2000 || o.start_year > 2099) return InvalidArgument("起始年份无效");
  return Status::Ok();
}

}  // namespace

std::string_view RecurrenceName(Recurrence r) { return kRecurrenceNames[static_cast<int>(r)]; }

Result<Recurrence> ParseRecurrence(std::string_view name) {
  for (size_t i = 0; i < std::size(kRecurrenceNames); ++i) {
    if (kRecurrenceNames[i] == name) return static_cast<Recurrence>(i);
  }
  return InvalidArgument("周期类型无效：" + std::string(name) +
                         "（应为 monthly、quarterly、half_year、yearly、every_n_months 或 count_per_year）");
}

DutyPeriod PeriodContaining(Recurrence r, int interval_months, int anchor_year, UnixSeconds t) {
  CivilDate d = CivilFromDay(LocalDay(t));
  int64_t idx = MonthIndex(d.year, d.month);
  int64_t len = 1;
  int64_t start = idx;
  DutyPeriod p;
  switch (r) {
    case Recurrence::kMonthly:
      p.key = Fmt("%04d-%02d", d.year, d.month);
      p.label = Fmt("%d年%d月", d.year, d.month);
      break;
    case Recurrence::kQuarterly: {
      int q = (d.month - 1) / 3;
      len = 3;
      start = MonthIndex(d.year, q * 3 + 1);
      p.key = Fmt("%04dQ%d", d.year, q + 1);
      p.label = Fmt("%d年第", d.year) + kQuarterNames[q] + "季度";
      break;
    }
    case Recurrence::kHalfYear: {
      int h = (d.month - 1) / 6;
      len = 6;
      start = MonthIndex(d.year, h * 6 + 1);
      p.key = Fmt("%04dH%d", d.year, h + 1);
      p.label = Fmt("%d年", d.year) + (h == 0 ? "上半年" : "下半年");
      break;
    }
    case Recurrence::kYearly:
    case Recurrence::kCountPerYear:
      len = 12;
      start = MonthIndex(d.year, 1);
      p.key = Fmt("%04d", d.year);
      p.label = Fmt("%d年", d.year);
      break;
    case Recurrence::kEveryNMonths: {
      len = std::clamp(interval_months, 1, 12);
      int64_t anchor = MonthIndex(anchor_year, 1);
      start = anchor + FloorDiv(idx - anchor, len) * len;
      int sy = static_cast<int>(start / 12), sm = static_cast<int>(start % 12) + 1;
      int64_t last = start + len - 1;
      p.key = Fmt("%04d-%02d", sy, sm) + "+" + std::to_string(len);
      p.label =
          Fmt("%d年%d月", sy, sm) + Fmt("至%d年%d月", static_cast<int>(last / 12), static_cast<int>(last % 12) + 1);
      break;
    }
  }
  p.begin = MonthStart(start);
  p.end = MonthStart(start + len);
  return p;
}

UnixSeconds DueAt(const DutyPeriod& p, int due_day) {
  if (due_day == 0) return p.end;
  if (due_day < 0) return p.end + int64_t{-due_day} * kDay;
  DayNumber last_day = LocalDay(p.end) - 1;
  CivilDate last = CivilFromDay(last_day);
  int day = std::min(due_day, last.day);  // last.day is the month's length
  return DayStart(DayFromCivil({last.year, last.month, day})) + kDay;
}

std::vector<std::string> RecentMonths(UnixSeconds t, int n) {
  CivilDate d = CivilFromDay(LocalDay(t));
  int64_t idx = MonthIndex(d.year, d.month);
  std::vector<std::string> out;
  for (int64_t i = idx - n + 1; i <= idx; ++i) {
    out.push_back(Fmt("%04d-%02d", static_cast<int>(i / 12), static_cast<int>(i % 12) + 1));
  }
  return out;
}

Status CheckMonthKey(std::string_view m) {
  bool shape = m.size() == 7 && m[4] == '-';
  for (size_t i = 0; shape && i < 7; ++i) {
    if (i != 4 && (m[i] < '0' || m[i] > '9')) shape = false;
  }
  int month = shape ? (m[5] - '0') * 10 + (m[6] - '0') : 0;
  if (!shape || month < 1 || month > 12 || m.substr(0, 2) != "20") {
    return InvalidArgument("月份格式应为 YYYY-MM，例如 2026-10：" + std::string(m.substr(0, 20)));
  }
  return Status::Ok();
}

Result<std::vector<Obligation>> DutyService::ListObligations() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT * FROM duty_obligations ORDER BY active DESC, id"));
  std::vector<Obligation> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ObligationFromRow(rows, i));
  return out;
}

Result<Obligation> DutyService::GetObligation(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne("SELECT * FROM duty_obligations WHERE id = ?", {id},
                                                 "找不到工作任务 " + std::to_string(id)));
  return ObligationFromRow(rows, 0);
}

Result<int64_t> DutyService::SaveObligation(const Actor& actor, const Obligation& o) {
  MINYI_RETURN_IF_ERROR(ValidateObligation(o));
  int64_t id = o.id;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    SqlParams p{o.name,
                o.kind,
                std::string(RecurrenceName(o.recurrence)),
                o.interval_months,
                o.due_day,
                o.min_count,
                o.remind_days,
                OptId(o.assignee_user_id),
                OptId(o.assignee_unit_id),
                o.start_year,
                o.note,
                o.active};
    Json before = nullptr;
    if (id == 0) {
      p.push_back(now);
      p.push_back(now);
      MINYI_ASSIGN_OR_RETURN(
          id, tx.InsertReturningId("INSERT INTO duty_obligations(name, kind, recurrence, interval_months, due_day, "
                                   "min_count, remind_days, assignee_user_id, assignee_unit_id, start_year, note, "
                                   "active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                                   p));
    } else {
      MINYI_ASSIGN_OR_RETURN(Obligation old, DutyService(tx, clock_).GetObligation(id));
      before = ObligationJson(old);
      p.push_back(now);
      p.push_back(id);
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE duty_obligations SET name = ?, kind = ?, recurrence = ?, "
                                       "interval_months = ?, due_day = ?, min_count = ?, remind_days = ?, "
                                       "assignee_user_id = ?, assignee_unit_id = ?, start_year = ?, note = ?, "
                                       "active = ?, updated_at = ? WHERE id = ?",
                                       p)
                                .status());
    }
    return Audit(tx, clock_, actor, o.id == 0 ? "create" : "update", "duty_obligation", id, before, ObligationJson(o));
  }));
  return id;
}

Result<int> DutyService::GenerateFor(Database& tx, const Actor&, const Obligation& o, UnixSeconds now) {
  std::vector<DutyPeriod> periods;
  DutyPeriod cur = PeriodContaining(o.recurrence, o.interval_months, o.start_year, now);
  periods.push_back(cur);
  // The next period is created early enough to be reminded of in time.
  if (cur.end <= now + int64_t{o.remind_days} * kDay) {
    periods.push_back(PeriodContaining(o.recurrence, o.interval_months, o.start_year, cur.end));
  }
  std::vector<std::pair<int64_t, std::string>> channels = {{0, ""}};
  if (o.kind == "channel_check") {
    MINYI_ASSIGN_OR_RETURN(bool have, TableExists(tx, "review_channels"));
    if (have) {
      MINYI_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT id, name FROM review_channels WHERE active = 1 ORDER BY id"));
      if (!rows.empty()) channels.clear();
      for (size_t i = 0; i < rows.size(); ++i) channels.emplace_back(rows.Int(i, "id"), rows.Text(i, "name"));
    }
  }
  int created = 0;
  for (const DutyPeriod& p : periods) {
    if (CivilFromDay(LocalDay(p.end - 1)).year < o.start_year) continue;
    if (channels.front().first != 0) {
      // Channels were registered after this period's placeholder occurrence
      // was made: the per-channel rows replace it while nothing refers to it.
      MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM duty_occurrences WHERE obligation_id = ? AND period = ? AND "
                                       "channel_id = 0 AND status = 'open' AND NOT EXISTS (SELECT 1 FROM "
                                       "duty_records r WHERE r.occurrence_id = duty_occurrences.id)",
                                       {o.id, p.key})
                                .status());
    }
    for (const auto& [cid, cname] : channels) {
      MINYI_ASSIGN_OR_RETURN(
          int64_t n,
          tx.Execute("INSERT INTO duty_occurrences(obligation_id, period, period_label, period_begin, period_end, "
                     "due_at, channel_id, channel_name, status, assignee_user_id, assignee_unit_id, created_at) "
                     "VALUES (?,?,?,?,?,?,?,?,'open',?,?,?) ON CONFLICT (obligation_id, period, channel_id) DO NOTHING",
                     {o.id, p.key, p.label, p.begin, p.end, DueAt(p, o.due_day), cid, cname, OptId(o.assignee_user_id),
                      OptId(o.assignee_unit_id), now}));
      created += static_cast<int>(n);
    }
  }
  return created;
}

Result<bool> DutyService::AddReminder(Database& tx, const std::string& key, const Reminder& r) {
  MINYI_ASSIGN_OR_RETURN(
      int64_t n,
      tx.Execute("INSERT INTO duty_reminders(dedupe_key, kind, ref_kind, ref_id, user_id, "
                 "unit_id, message, created_at) VALUES (?,?,?,?,?,?,?,?) "
                 "ON CONFLICT (dedupe_key) DO NOTHING",
                 {key, r.kind, r.ref_kind, r.ref_id, OptId(r.user_id), OptId(r.unit_id), r.message, clock_.Now()}));
  if (n == 0) return false;
  // Delivered through the notification channels subscribed to duty
  // reminders (enterprise WeChat robot, e-mail, ...); the row above is what
  // the ledger pages show.
  Notification note;
  note.kind = "duty_reminder";
  note.title = r.kind == "zero_report_missing"     ? "零报告提醒"
               : r.kind == "rectification_overdue" ? "整改逾期提醒"
               : r.kind == "late"                  ? "台账任务逾期"
                                                   : "台账任务到期提醒";
  note.body = r.message;
  note.link = r.ref_kind == "duty_rectification" ? "#/duty/selfcheck"
              : r.ref_kind == "unit"             ? "#/duty/zero"
                                                 : "#/duty/tasks";
  note.event_key = r.ref_id;
  MINYI_RETURN_IF_ERROR(EnqueueNotification(tx, clock_, note).status());
  return true;
}

Result<int> DutyService::RemindOccurrences(Database& tx, UnixSeconds now) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string(kOccurrenceSelect) +
                                                 "WHERE c.status = 'open' AND o.active = 1 AND c.period_begin <= ? "
                                                 "AND c.due_at - o.remind_days * 86400 <= ?",
                                             {now, now}));
  int added = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    Occurrence oc = OccurrenceFromRow(rows, i);
    if (oc.kind == "zero_report" || rows.Text(i, "recurrence") == "count_per_year") {
      MINYI_ASSIGN_OR_RETURN(Occurrence full, GetOccurrence(oc.id));
      if (full.status == "done" || full.status == "done_late") continue;
    }
    bool late = now >= oc.due_at;
    std::string what =
        oc.obligation_name + "（" + oc.period.label + (oc.channel_name.empty() ? "" : "，" + oc.channel_name) + "）";
    Reminder r{0,
               late ? "late" : "due_soon",
               late ? what + "已逾期，截止时间 " + FormatLocalTime(oc.due_at)
                    : what + "将于 " + FormatLocalTime(oc.due_at) + " 到期",
               oc.assignee_user_id,
               oc.assignee_unit_id,
               "duty_occurrence",
               oc.id,
               0};
    MINYI_ASSIGN_OR_RETURN(bool fresh, AddReminder(tx, r.kind + ":occ:" + std::to_string(oc.id), r));
    added += fresh ? 1 : 0;
  }
  return added;
}

Result<GenerateResult> DutyService::RunSchedule(const Actor& actor) {
  GenerateResult out;
  UnixSeconds now = clock_.Now();
  MINYI_ASSIGN_OR_RETURN(auto obligations, ListObligations());
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    for (const Obligation& o : obligations) {
      if (!o.active) continue;
      MINYI_ASSIGN_OR_RETURN(int n, GenerateFor(tx, actor, o, now));
      out.created += n;
    }
    if (out.created > 0) {
      MINYI_RETURN_IF_ERROR(
          Audit(tx, clock_, actor, "generate", "duty_occurrence", 0, nullptr, Json{{"created", out.created}}));
    }
    return Status::Ok();
  }));
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    DutyService in_tx(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(int a, in_tx.RemindOccurrences(tx, now));
    out.reminders += a;
    // Rectifications past their deadline.
    MINYI_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT id, problem, responsible_user_id, deadline FROM "
                                               "duty_rectifications WHERE status = 'open' AND deadline <= ?",
                                               {now}));
    for (size_t i = 0; i < rows.size(); ++i) {
      Reminder r{0,
                 "rectification_overdue",
                 "整改事项已超过时限（" + FormatLocalTime(rows.Int(i, "deadline")) + "）：" + rows.Text(i, "problem"),
                 rows.Int(i, "responsible_user_id"),
                 0,
                 "duty_rectification",
                 rows.Int(i, "id"),
                 0};
      MINYI_ASSIGN_OR_RETURN(bool fresh, in_tx.AddReminder(tx, "rect:" + std::to_string(r.ref_id), r));
      out.reminders += fresh ? 1 : 0;
    }
    return Status::Ok();
  }));
  // Units that have not reported last month are reminded once it is over.
  std::string last_month = RecentMonths(now, 2).front();
  MINYI_ASSIGN_OR_RETURN(int z, RemindMissingZeroReports(actor, last_month));
  out.reminders += z;
  return out;
}

Result<std::vector<Occurrence>> DutyService::ListOccurrences(UnixSeconds from, UnixSeconds to, int64_t obligation_id) {
  std::string sql = std::string(kOccurrenceSelect) + "WHERE c.period_end > ? AND c.period_begin < ?";
  SqlParams p{from, to == 0 ? INT64_MAX : to};
  if (obligation_id != 0) {
    sql += " AND c.obligation_id = ?";
    p.push_back(obligation_id);
  }
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query(sql + " ORDER BY c.due_at, c.id", p));
  std::vector<Occurrence> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    MINYI_ASSIGN_OR_RETURN(Occurrence o, GetOccurrence(rows.Int(i, "id")));
    out.push_back(std::move(o));
  }
  return out;
}

Result<Occurrence> DutyService::GetOccurrence(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne(std::string(kOccurrenceSelect) + "WHERE c.id = ?", {id},
                                                 "找不到任务事项 " + std::to_string(id)));
  Occurrence o = OccurrenceFromRow(rows, 0);
  UnixSeconds now = clock_.Now();
  bool count_based = rows.Text(0, "recurrence") == "count_per_year";
  bool done = o.stored_status == "done";
  if (count_based) {
    o.required = static_cast<int>(rows.Int(0, "min_count"));
    MINYI_ASSIGN_OR_RETURN(int64_t n, db_.QueryInt("SELECT COUNT(*) FROM duty_records WHERE obligation_id = ? AND "
                                                   "held_at >= ? AND held_at < ?",
                                                   {o.obligation_id, o.period.begin, o.period.end}));
    o.achieved = static_cast<int>(n);
    if (!done && o.achieved >= o.required) {
      MINYI_ASSIGN_OR_RETURN(int64_t last, db_.QueryInt("SELECT MAX(held_at) FROM duty_records WHERE obligation_id = ? "
                                                        "AND held_at >= ? AND held_at < ?",
                                                        {o.obligation_id, o.period.begin, o.period.end}));
      done = true;
      o.done_at = last;
    }
  } else if (o.kind == "zero_report" && o.period.key.size() == 7 && !done) {
    MINYI_ASSIGN_OR_RETURN(Completeness c, ZeroReportCompleteness({o.period.key}));
    o.required = c.expected;
    o.achieved = c.submitted.empty() ? 0 : c.submitted[0];
    if (c.expected > 0 && o.achieved >= c.expected) {
      MINYI_ASSIGN_OR_RETURN(
          int64_t last,
          db_.QueryInt("SELECT MAX(submitted_at) FROM duty_zero_reports WHERE month = ?", {o.period.key}));
      done = true;
      o.done_at = last;
    }
  } else {
    o.achieved = done ? 1 : 0;
  }
  int64_t remind = rows.Int(0, "remind_days") * kDay;
  if (done) {
    o.status = o.done_at > o.due_at ? "done_late" : "done";
  } else if (now >= o.due_at) {
    o.status = "late";
  } else if (now >= o.due_at - remind) {
    o.status = "due_soon";
  } else {
    o.status = "open";
  }
  return o;
}

Status DutyService::CompleteOccurrence(const Actor& actor, int64_t id, int64_t record_id, const std::string& note) {
  MINYI_RETURN_IF_ERROR(CheckText(note, "完成说明", 3000, false));
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Occurrence o, DutyService(tx, clock_).GetOccurrence(id));
    if (o.stored_status == "done") return FailedPrecondition("该任务事项已完成");
    if (record_id != 0) {
      MINYI_RETURN_IF_ERROR(tx.QueryOne("SELECT id FROM duty_records WHERE id = ?", {record_id},
                                        "找不到台账记录 " + std::to_string(record_id))
                                .status());
    }
    UnixSeconds now = clock_.Now();
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE duty_occurrences SET status = 'done', done_at = ?, done_by_name = ?, "
                                     "record_id = ?, note = ? WHERE id = ?",
                                     {now, actor.name, OptId(record_id), note, id})
                              .status());
    return Audit(tx, clock_, actor, "complete", "duty_occurrence", id, Json{{"status", o.status}},
                 Json{{"status", now > o.due_at ? "done_late" : "done"}, {"record_id", record_id}, {"note", note}});
  });
}

Result<std::vector<DutyService::Reminder>> DutyService::ListReminders(int64_t limit) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT * FROM duty_reminders ORDER BY id DESC LIMIT ?", {limit}));
  std::vector<Reminder> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.Int(i, "id"), rows.Text(i, "kind"), rows.Text(i, "message"), rows.Int(i, "user_id"),
                   rows.Int(i, "unit_id"), rows.Text(i, "ref_kind"), rows.Int(i, "ref_id"), rows.Int(i, "created_at")});
  }
  return out;
}

}  // namespace minyi
