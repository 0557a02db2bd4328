// Shifts, the month generator, heightened periods and the rota settings.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "rota/rota_internal.h"

namespace minyi {

namespace {

constexpr int64_t kMaxShiftSeconds = 7 * 86400;
constexpr size_t kMaxPeople = 100;

bool Contains(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

// "08:30" → minutes after midnight.
Result<int> ParseClock(const std::string& text, std::string_view what) {
  int h = -1, m = -1;
  char colon = 0;
  if (text.size() < 4 || text.size() > 5 || std::sscanf(text.c_str(), "%d%c%d", &h, &colon, &m) != 3 || colon != ':' ||
      h < 0 || h > 23 || m < 0 || m > 59) {
    return InvalidArgument(std::string(what) + "时间格式无效（应为 HH:MM，如 08:30）：" + text);
  }
  return h * 60 + m;
}

Status ValidateShift(Database& db, const Clock& clock, const Shift& s) {
  if (!IsValidShiftKind(s.kind)) return InvalidArgument("班次类型无效：" + s.kind);
  if (s.starts_at <= 0 || s.ends_at <= s.starts_at) return InvalidArgument("班次结束时间应晚于开始时间");
  if (s.ends_at - s.starts_at > kMaxShiftSeconds) return InvalidArgument("一个班次不能超过 7 天");
  if (s.note.size() > kMaxRotaNoteBytes) return InvalidArgument("备注过长（最多 1000 字节）");
  MINYI_RETURN_IF_ERROR(ActiveUser(db, clock, s.user_id, "值班人").status());
  if (s.leader_user_id != 0) MINYI_RETURN_IF_ERROR(ActiveUser(db, clock, s.leader_user_id, "带班领导").status());
  return Status::Ok();
}

Status InsertShift(Database& tx, const Clock& clock, const Shift& s, int64_t* id) {
  std::optional<int64_t> leader;
  if (s.leader_user_id != 0) leader = s.leader_user_id;
  MINYI_ASSIGN_OR_RETURN(
      *id, tx.InsertReturningId("INSERT INTO rota_shifts(user_id, leader_user_id, kind, starts_at,"
                                " ends_at, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)"
                                " RETURNING id",
                                {s.user_id, leader, s.kind, s.starts_at, s.ends_at, s.note, clock.Now(), clock.Now()}));
  return Status::Ok();
}

Result<std::vector<int64_t>> CheckPeople(Database& db, const Clock& clock, const std::vector<int64_t>& ids,
                                         std::string_view what) {
  if (ids.size() > kMaxPeople) return InvalidArgument(std::string(what) + "最多 100 人");
  for (int64_t id : ids) MINYI_RETURN_IF_ERROR(ActiveUser(db, clock, id, what).status());
  return ids;
}

std::string PeriodAuditJson(const HeightenedPeriod& p) {
  return nlohmann::json{
      {"name", p.name}, {"first_day", FormatDate(p.first_day)}, {"last_day", FormatDate(p.last_day)}, {"note", p.note}}
      .dump();
}

}  // namespace

const char* const kShiftSelect =
    "SELECT s.*, u.display_name AS user_name, u.phone AS user_phone, l.display_name AS leader_name"
    " FROM rota_shifts s JOIN users u ON u.id = s.user_id LEFT JOIN users l ON l.id = s.leader_user_id";

bool IsValidShiftKind(std::string_view kind) {
  return kind == "day" || kind == "night" || kind == "holiday" || kind == "special";
}

std::string_view ShiftKindLabel(std::string_view kind) {
  if (kind == "day") return "白班";
  if (kind == "night") return "夜班";
  if (kind == "holiday") return "节假日全天";
  if (kind == "special") return "专项值守";
  return "未知班次";
}

Shift ShiftFromRow(const Rows& r, size_t i) {
  Shift s;
  s.id = r.Int(i, "id");
  s.user_id = r.Int(i, "user_id");
  s.leader_user_id = r.Int(i, "leader_user_id");
  s.kind = r.Text(i, "kind");
  s.starts_at = r.Int(i, "starts_at");
  s.ends_at = r.Int(i, "ends_at");
  s.note = r.Text(i, "note");
  s.user_name = r.Text(i, "user_name");
  s.user_phone = r.Text(i, "user_phone");
  s.leader_name = r.Text(i, "leader_name");
  return s;
}

Result<User> ActiveUser(Database& db, const Clock& clock, int64_t id, std::string_view what) {
  if (id <= 0) return InvalidArgument("请选择" + std::string(what));
  auto user = OrgRepo(db, clock).GetUser(id);
  if (!user.ok() || !user->active) {
    return InvalidArgument(std::string(what) + "不存在或已停用（编号 " + std::to_string(id) + "）");
  }
  return user;
}

std::string HeightenedName(const std::vector<HeightenedPeriod>& periods, DayNumber day) {
  for (const auto& p : periods) {
    if (day >= p.first_day && day <= p.last_day) return p.name;
  }
  return "";
}

Result<RotaSettings> ReadRotaSettings(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT * FROM rota_settings WHERE id = 1"));
  RotaSettings s;
  if (!r.empty()) {
    s.ack_timeout_minutes = r.Int(0, "ack_timeout_minutes");
    s.fallback_leader_user_id = r.Int(0, "fallback_leader_user_id");
  }
  return s;
}

std::string ShiftAuditJson(const Shift& s) {
  return nlohmann::json{{"user_id", s.user_id},
                        {"leader_user_id", s.leader_user_id},
                        {"kind", s.kind},
                        {"starts_at", FormatIsoUtc(s.starts_at)},
                        {"ends_at", FormatIsoUtc(s.ends_at)},
                        {"note", s.note}}
      .dump();
}

Result<std::vector<Shift>> RotaService::ListShifts(UnixSeconds from, UnixSeconds to) {
  if (to <= from || to - from > 400 * 86400) return InvalidArgument("查询时间范围无效（最长 400 天）");
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.Query(std::string(kShiftSelect) +
                                               " WHERE s.starts_at < ? AND s.ends_at > ? ORDER BY s.starts_at, s.id",
                                           {to, from}));
  MINYI_ASSIGN_OR_RETURN(auto periods, ListPeriods());
  std::vector<Shift> out;
  for (size_t i = 0; i < r.size(); ++i) {
    out.push_back(ShiftFromRow(r, i));
    out.back().heightened = HeightenedName(periods, LocalDay(out.back().starts_at));
  }
  return out;
}

Result<Shift> RotaService::GetShift(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.QueryOne(std::string(kShiftSelect) + " WHERE s.id = ?", {id}, "找不到该班次"));
  Shift s = ShiftFromRow(r, 0);
  MINYI_ASSIGN_OR_RETURN(auto periods, ListPeriods());
  s.heightened = HeightenedName(periods, LocalDay(s.starts_at));
  return s;
}

Result<int64_t> RotaService::CreateShift(const Actor& actor, const Shift& shift) {
  MINYI_RETURN_IF_ERROR(ValidateShift(db_, clock_, shift));
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(InsertShift(tx, clock_, shift, &id));
    return AppendAudit(tx, clock_, actor, {"create", "rota_shift", std::to_string(id), "null", ShiftAuditJson(shift)});
  }));
  return id;
}

Status RotaService::UpdateShift(const Actor& actor, const Shift& shift) {
  MINYI_RETURN_IF_ERROR(ValidateShift(db_, clock_, shift));
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows r,
                           tx.QueryOne(std::string(kShiftSelect) + " WHERE s.id = ?", {shift.id}, "找不到该班次"));
    Shift before = ShiftFromRow(r, 0);
    std::optional<int64_t> leader;
    if (shift.leader_user_id != 0) leader = shift.leader_user_id;
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE rota_shifts SET user_id = ?, leader_user_id = ?, kind = ?, starts_at = ?,"
                                     " ends_at = ?, note = ?, updated_at = ? WHERE id = ?",
                                     {shift.user_id, leader, shift.kind, shift.starts_at, shift.ends_at, shift.note,
                                      clock_.Now(), shift.id})
                              .status());
    return AppendAudit(
        tx, clock_, actor,
        {"update", "rota_shift", std::to_string(shift.id), ShiftAuditJson(before), ShiftAuditJson(shift)});
  });
}

Status RotaService::DeleteShift(const Actor& actor, int64_t id) {
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows r, tx.QueryOne(std::string(kShiftSelect) + " WHERE s.id = ?", {id}, "找不到该班次"));
    MINYI_ASSIGN_OR_RETURN(int64_t notes, tx.QueryInt("SELECT COUNT(*) FROM rota_handovers WHERE shift_id = ?", {id}));
    if (notes > 0) return FailedPrecondition("该班次已有交接班记录，不能删除；可改为调整值班人");
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM rota_shifts WHERE id = ?", {id}).status());
    return AppendAudit(tx, clock_, actor,
                       {"delete", "rota_shift", std::to_string(id), ShiftAuditJson(ShiftFromRow(r, 0)), "null"});
  });
}

Status RotaService::SwapShifts(const Actor& actor, int64_t a, int64_t b) {
  if (a == b) return InvalidArgument("请选择两个不同的班次进行调班");
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows ra,
                           tx.QueryOne(std::string(kShiftSelect) + " WHERE s.id = ?", {a}, "找不到要调换的班次"));
    MINYI_ASSIGN_OR_RETURN(Rows rb,
                           tx.QueryOne(std::string(kShiftSelect) + " WHERE s.id = ?", {b}, "找不到要调换的班次"));
    Shift sa = ShiftFromRow(ra, 0), sb = ShiftFromRow(rb, 0);
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE rota_shifts SET user_id = ?, updated_at = ? WHERE id = ?", {sb.user_id, clock_.Now(), a})
            .status());
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE rota_shifts SET user_id = ?, updated_at = ? WHERE id = ?", {sa.user_id, clock_.Now(), b})
            .status());
    nlohmann::json before = {{"shift_a", a}, {"user_a", sa.user_id}, {"shift_b", b}, {"user_b", sb.user_id}};
    nlohmann::json after = {{"shift_a", a}, {"user_a", sb.user_id}, {"shift_b", b}, {"user_b", sa.user_id}};
    return AppendAudit(
        tx, clock_, actor,
        {"swap", "rota_shift", std::to_string(a) + "," + std::to_string(b), before.dump(), after.dump()});
  });
}

Result<std::optional<Shift>> RotaService::OnDutyAt(UnixSeconds t) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.Query(std::string(kShiftSelect) + " WHERE s.starts_at <= ? AND s.ends_at > ?"
                                                                       " ORDER BY s.starts_at DESC, s.id DESC LIMIT 1",
                                           {t, t}));
  if (r.empty()) return std::optional<Shift>();
  return std::optional<Shift>(ShiftFromRow(r, 0));
}

Result<int64_t> RotaService::GenerateMonth(const Actor& actor, const WorkCalendar& calendar, const GenerateOptions& o) {
  if (o.year < 2000 || o.year > 2100 || o.month < 1 || o.month > 12) return InvalidArgument("排班月份无效");
  if (o.people.empty()) return InvalidArgument("请至少选择一名值班人员");
  MINYI_RETURN_IF_ERROR(CheckPeople(db_, clock_, o.people, "值班人").status());
  MINYI_RETURN_IF_ERROR(CheckPeople(db_, clock_, o.leaders, "带班领导").status());
  MINYI_ASSIGN_OR_RETURN(int day_start, ParseClock(o.day_start, "白班开始"));
  MINYI_ASSIGN_OR_RETURN(int day_end, ParseClock(o.day_end, "白班结束"));
  if (day_end <= day_start) return InvalidArgument("白班结束时间应晚于开始时间");
  MINYI_ASSIGN_OR_RETURN(RotaSettings settings, GetSettings());
  MINYI_ASSIGN_OR_RETURN(auto periods, ListPeriods());
  DayNumber first = DayFromCivil({o.year, o.month, 1});
  DayNumber next = DayFromCivil({o.month == 12 ? o.year + 1 : o.year, o.month == 12 ? 1 : o.month + 1, 1});

  std::vector<Shift> plan;
  size_t person = 0;
  for (DayNumber d = first; d < next; ++d) {
    int64_t leader = o.leaders.empty() ? 0 : o.leaders[(d - first) % o.leaders.size()];
    std::string heightened = HeightenedName(periods, d);
    if (!heightened.empty() && leader == 0) leader = settings.fallback_leader_user_id;
    if (!heightened.empty() && leader == 0) {
      return InvalidArgument(FormatDate(d) + " 属于重要时段“" + heightened +
                             "”，须安排带班领导：请选择带班领导或在值班设置中指定默认带班领导");
    }
    UnixSeconds base = DayStart(d);
    auto add = [&](const char* kind, int from_min, int64_t to_seconds) {
      Shift s;
      s.kind = kind;
      s.user_id = o.people[person++ % o.people.size()];
      s.leader_user_id = leader;
      s.starts_at = base + from_min * 60;
      s.ends_at = to_seconds;
      plan.push_back(s);
    };
    UnixSeconds next_morning = base + 86400 + day_start * 60;
    if (calendar.IsWorkingDay(d)) {
      add("day", day_start, base + day_end * 60);
      add("night", day_end, next_morning);
    } else {
      add("holiday", day_start, next_morning);
    }
  }

  UnixSeconds from = DayStart(first), to = DayStart(next);
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        int64_t existing,
        tx.QueryInt("SELECT COUNT(*) FROM rota_shifts WHERE starts_at >= ? AND starts_at < ?", {from, to}));
    if (existing > 0 && !o.replace) {
      return FailedPrecondition("该月已有 " + std::to_string(existing) +
                                " 个班次；如需重新生成，请勾选“覆盖本月已有排班”");
    }
    if (existing > 0) {
      MINYI_ASSIGN_OR_RETURN(int64_t noted, tx.QueryInt("SELECT COUNT(*) FROM rota_handovers h JOIN rota_shifts s ON"
                                                        " s.id = h.shift_id WHERE s.starts_at >= ? AND s.starts_at < ?",
                                                        {from, to}));
      if (noted > 0) return FailedPrecondition("该月已有班次写了交接班记录，不能整月覆盖；请逐个调整班次");
      MINYI_RETURN_IF_ERROR(
          tx.Execute("DELETE FROM rota_shifts WHERE starts_at >= ? AND starts_at < ?", {from, to}).status());
    }
    for (const Shift& s : plan) {
      int64_t id = 0;
      MINYI_RETURN_IF_ERROR(InsertShift(tx, clock_, s, &id));
    }
    nlohmann::json after = {{"month", FormatDate(first).substr(0, 7)},
                            {"shifts", plan.size()},
                            {"people", o.people},
                            {"leaders", o.leaders},
                            {"replaced", existing}};
    return AppendAudit(tx, clock_, actor,
                       {"generate", "rota_month", FormatDate(first).substr(0, 7), "null", after.dump()});
  });
  MINYI_RETURN_IF_ERROR(st);
  return static_cast<int64_t>(plan.size());
}

Result<std::vector<HeightenedPeriod>> RotaService::ListPeriods() {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.Query("SELECT * FROM rota_periods ORDER BY first_day, id"));
  std::vector<HeightenedPeriod> out;
  for (size_t i = 0; i < r.size(); ++i) {
    HeightenedPeriod p;
    p.id = r.Int(i, "id");
    p.name = r.Text(i, "name");
    p.note = r.Text(i, "note");
    auto first = ParseDate(r.Text(i, "first_day"));
    auto last = ParseDate(r.Text(i, "last_day"));
    if (!first.ok() || !last.ok()) continue;
    p.first_day = *first;
    p.last_day = *last;
    out.push_back(p);
  }
  return out;
}

Result<int64_t> RotaService::SavePeriod(const Actor& actor, const HeightenedPeriod& p) {
  if (p.name.empty() || p.name.size() > 200) return InvalidArgument("请填写重要时段名称（最多 200 字节）");
  if (p.last_day < p.first_day) return InvalidArgument("重要时段的结束日期不能早于开始日期");
  if (p.last_day - p.first_day > 366) return InvalidArgument("重要时段最长一年");
  if (p.note.size() > kMaxRotaNoteBytes || Contains(p.name, "\n")) return InvalidArgument("名称或备注格式无效");
  int64_t id = p.id;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    std::string before = "null";
    if (id == 0) {
      MINYI_ASSIGN_OR_RETURN(id, tx.InsertReturningId("INSERT INTO rota_periods(name, first_day, last_day, note,"
                                                      " created_at, updated_at) VALUES (?,?,?,?,?,?) RETURNING id",
                                                      {p.name, FormatDate(p.first_day), FormatDate(p.last_day), p.note,
                                                       clock_.Now(), clock_.Now()}));
    } else {
      MINYI_ASSIGN_OR_RETURN(Rows r, tx.QueryOne("SELECT * FROM rota_periods WHERE id = ?", {id}, "找不到该重要时段"));
      before = nlohmann::json{{"name", r.Text(0, "name")},
                              {"first_day", r.Text(0, "first_day")},
                              {"last_day", r.Text(0, "last_day")},
                              {"note", r.Text(0, "note")}}
                   .dump();
      MINYI_RETURN_IF_ERROR(
          tx.Execute("UPDATE rota_periods SET name = ?, first_day = ?, last_day = ?, note = ?,"
                     " updated_at = ? WHERE id = ?",
                     {p.name, FormatDate(p.first_day), FormatDate(p.last_day), p.note, clock_.Now(), id})
              .status());
    }
    return AppendAudit(
        tx, clock_, actor,
        {p.id == 0 ? "create" : "update", "rota_period", std::to_string(id), before, PeriodAuditJson(p)});
  }));
  return id;
}

Status RotaService::DeletePeriod(const Actor& actor, int64_t id) {
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows r, tx.QueryOne("SELECT name FROM rota_periods WHERE id = ?", {id}, "找不到该重要时段"));
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM rota_periods WHERE id = ?", {id}).status());
    return AppendAudit(
        tx, clock_, actor,
        {"delete", "rota_period", std::to_string(id), nlohmann::json{{"name", r.Text(0, "name")}}.dump(), "null"});
  });
}

Result<RotaSettings> RotaService::GetSettings() { return ReadRotaSettings(db_); }

Status RotaService::SaveSettings(const Actor& actor, const RotaSettings& s) {
  if (s.ack_timeout_minutes < 1 || s.ack_timeout_minutes > 1440) {
    return InvalidArgument("确认时限应在 1 到 1440 分钟之间");
  }
  if (s.fallback_leader_user_id != 0) {
    MINYI_ASSIGN_OR_RETURN(User leader, ActiveUser(db_, clock_, s.fallback_leader_user_id, "默认带班领导"));
    if (leader.role != Role::kLeader && leader.role != Role::kAdmin) {
      return InvalidArgument("默认带班领导应为“领导”或“系统管理员”角色的用户");
    }
  }
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(RotaSettings before, ReadRotaSettings(tx));
    std::optional<int64_t> leader;
    if (s.fallback_leader_user_id != 0) leader = s.fallback_leader_user_id;
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE rota_settings SET ack_timeout_minutes = ?, fallback_leader_user_id = ?,"
                                     " updated_at = ? WHERE id = 1",
                                     {s.ack_timeout_minutes, leader, clock_.Now()})
                              .status());
    auto json = [](const RotaSettings& x) {
      return nlohmann::json{{"ack_timeout_minutes", x.ack_timeout_minutes},
                            {"fallback_leader_user_id", x.fallback_leader_user_id}}
          .dump();
    };
    return AppendAudit(tx, clock_, actor, {"update", "rota_settings", "1", json(before), json(s)});
  });
}

}  // namespace minyi
