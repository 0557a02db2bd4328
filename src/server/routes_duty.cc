// Duty ledger API (台账): responsibility system, obligations and occurrences,
// meetings and study sessions, zero-reports, self-checks, rectifications;
// and the DutyModule whose background thread generates occurrences and
// reminders every hour.
//
// Roles: admin and leader configure (group, obligations, templates, reminder
// settings); every role except 信息员 records meetings/studies, fills
// self-checks and works on rectifications; 信息员 (reporter) submits and sees
// only their own unit's zero-reports (checked in DutyService as well).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/calendar.h"
#include "duty/duty.h"
#include "server/api.h"
#include "server/periodic.h"
#include "store/attachments.h"

namespace minyi {

struct DutyModule {
  std::unique_ptr<PeriodicTask> schedule;
};

Result<std::shared_ptr<DutyModule>> StartDutyModule(Services& services) {
  auto m = std::make_shared<DutyModule>();
  // Hourly is enough for day-granular due dates.
  m->schedule = std::make_unique<PeriodicTask>(std::chrono::hours(1), PeriodicTask::First::kAtOnce, [&services] {
    Actor system{0, "系统（台账计划任务）"};
    auto r = DutyService(services.store->db(), *services.clock).RunSchedule(system);
    if (!r.ok()) {
      spdlog::warn("台账计划任务失败：{}", r.status().ToString());
    } else if (r->created + r->reminders > 0) {
      spdlog::info("台账计划任务：新建任务事项 {} 个，提醒 {} 条", r->created, r->reminders);
    }
  });
  return m;
}

namespace {

const std::set<Role> kConfig = {Role::kAdmin, Role::kLeader};
const std::set<Role> kStaff = {Role::kAdmin, Role::kLeader, Role::kReviewer, Role::kEditor, Role::kHandler};
const std::set<Role> kZeroSubmit = {Role::kAdmin, Role::kLeader, Role::kReporter};

DutyService Svc(ApiCall& c) { return DutyService(c.services->store->db(), *c.services->clock); }

std::string Iso(UnixSeconds t) { return t == 0 ? "" : FormatIsoUtc(t); }
std::string Date(UnixSeconds t) { return t == 0 ? "" : FormatDate(LocalDay(t)); }

// Accepts "2026-03-10", "2026-03-10 15:00" (China time) or ISO with Z.
Result<UnixSeconds> TimeField(const Json& body, const char* key, bool required) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty())) {
    if (required) return InvalidArgument(std::string("缺少字段 ") + key + "（日期，如 2026-03-10）");
    return UnixSeconds{0};
  }
  if (it->is_number_integer()) return it->get<int64_t>();
  if (!it->is_string()) return InvalidArgument(std::string("字段 ") + key + " 应为日期字符串");
  auto t = ParseLocalTime(it->get<std::string>());
  if (!t.ok()) return InvalidArgument(std::string("字段 ") + key + " 日期格式无效：" + it->get<std::string>());
  return *t;
}

Result<std::vector<int64_t>> IdList(const Json& body, const char* key) {
  std::vector<int64_t> out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 50)
    return InvalidArgument(std::string("字段 ") + key + " 应为编号数组（最多 50 个）");
  for (const auto& v : *it) {
    if (!v.is_number_integer()) return InvalidArgument(std::string("字段 ") + key + " 应为编号数组");
    out.push_back(v.get<int64_t>());
  }
  return out;
}

Result<std::vector<std::string>> StringList(const Json& body, const char* key, size_t max_items) {
  std::vector<std::string> out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > max_items) return InvalidArgument(std::string("字段 ") + key + " 应为字符串数组");
  for (const auto& v : *it) {
    if (!v.is_string()) return InvalidArgument(std::string("字段 ") + key + " 应为字符串数组");
    if (!v.get<std::string>().empty()) out.push_back(v.get<std::string>());
  }
  return out;
}

Result<double> NumberField(const Json& body, const char* key, double fallback) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number()) return InvalidArgument(std::string("字段 ") + key + " 应为数字");
  return it->get<double>();
}

Json AttachmentsJson(ApiCall& c, std::string_view kind, int64_t owner) {
  Json out = Json::array();
  auto list = ListAttachments(c.services->store->db(), kind, owner);
  if (!list.ok()) return out;
  for (const Attachment& a : *list) {
    out.push_back({{"id", a.id},
                   {"filename", a.filename},
                   {"size_bytes", a.size_bytes},
                   {"url", "/api/v1/attachments/" + std::to_string(a.id)}});
  }
  return out;
}

// ---- responsibility --------------------------------------------------------

Json MemberJson(ApiCall& c, const GroupMember& m, const std::vector<DutyTask>& tasks) {
  Json t = Json::array();
  for (const DutyTask& task : tasks) {
    if (task.member_id != m.id) continue;
    t.push_back({{"id", task.id},
                 {"task", task.task},
                 {"deadline", Date(task.deadline)},
                 {"status", task.status},
                 {"done_at", Iso(task.done_at)}});
  }
  return Json{{"id", m.id},           {"position", m.position},
              {"name", m.name},       {"title", m.title},
              {"user_id", m.user_id}, {"unit_id", m.unit_id},
              {"area", m.area},       {"sort_order", m.sort_order},
              {"tasks", t},           {"letters", AttachmentsJson(c, "duty_letter", m.id)}};
}

Result<Reply> GetGroup(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto members, Svc(c).ListMembers());
  MINYI_ASSIGN_OR_RETURN(auto tasks, Svc(c).ListTasks(0));
  Json out = Json::array();
  for (const GroupMember& m : members) out.push_back(MemberJson(c, m, tasks));
  return JsonReply({{"members", out}});
}

Result<GroupMember> MemberFromBody(const Json& b, GroupMember m) {
  MINYI_ASSIGN_OR_RETURN(m.position, RequireString(b, "position", 20));
  MINYI_ASSIGN_OR_RETURN(m.name, RequireString(b, "name", 100));
  m.title = OptionalString(b, "title", m.title);
  m.area = OptionalString(b, "area", m.area);
  MINYI_ASSIGN_OR_RETURN(m.user_id, OptionalInt(b, "user_id", m.user_id));
  MINYI_ASSIGN_OR_RETURN(m.unit_id, OptionalInt(b, "unit_id", m.unit_id));
  MINYI_ASSIGN_OR_RETURN(m.sort_order, OptionalInt(b, "sort_order", m.sort_order));
  return m;
}

Result<Reply> CreateMember(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(GroupMember m, MemberFromBody(b, GroupMember{}));
  MINYI_ASSIGN_OR_RETURN(m.id, Svc(c).SaveMember(c.actor(), m));
  return JsonReply({{"id", m.id}});
}

Result<Reply> UpdateMember(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  GroupMember base;
  base.id = id;
  MINYI_ASSIGN_OR_RETURN(GroupMember m, MemberFromBody(b, base));
  MINYI_RETURN_IF_ERROR(Svc(c).SaveMember(c.actor(), m).status());
  return JsonReply({{"id", id}});
}

Result<Reply> DeleteMember(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Svc(c).DeleteMember(c.actor(), id));
  return JsonReply(Json::object());
}

Result<Reply> SaveTaskFrom(ApiCall& c, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  DutyTask t;
  t.id = id;
  MINYI_ASSIGN_OR_RETURN(t.member_id, OptionalInt(b, "member_id", 0));
  MINYI_ASSIGN_OR_RETURN(t.task, RequireString(b, "task", 3000));
  MINYI_ASSIGN_OR_RETURN(t.deadline, TimeField(b, "deadline", false));
  t.status = OptionalString(b, "status", "open");
  MINYI_ASSIGN_OR_RETURN(int64_t saved, Svc(c).SaveTask(c.actor(), t));
  return JsonReply({{"id", saved}});
}
Result<Reply> CreateTask(ApiCall& c) { return SaveTaskFrom(c, 0); }
Result<Reply> UpdateTask(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  return SaveTaskFrom(c, id);
}

// ---- obligations -----------------------------------------------------------

Json ObligationJson(const Obligation& o) {
  return Json{{"id", o.id},
              {"name", o.name},
              {"kind", o.kind},
              {"recurrence", std::string(RecurrenceName(o.recurrence))},
              {"interval_months", o.interval_months},
              {"due_day", o.due_day},
              {"min_count", o.min_count},
              {"remind_days", o.remind_days},
              {"assignee_user_id", o.assignee_user_id},
              {"assignee_unit_id", o.assignee_unit_id},
              {"start_year", o.start_year},
              {"note", o.note},
              {"active", o.active}};
}

Result<Obligation> ObligationFromBody(const Json& b, Obligation o) {
  MINYI_ASSIGN_OR_RETURN(o.name, RequireString(b, "name", 300));
  o.kind = OptionalString(b, "kind", o.kind);
  MINYI_ASSIGN_OR_RETURN(o.recurrence,
                         ParseRecurrence(OptionalString(b, "recurrence", std::string(RecurrenceName(o.recurrence)))));
  auto get_int = [&](const char* key, int fallback) -> Result<int> {
    MINYI_ASSIGN_OR_RETURN(int64_t v, OptionalInt(b, key, fallback));
    if (v < -1000 || v > 100000) return InvalidArgument(std::string("字段 ") + key + " 超出范围");
    return static_cast<int>(v);
  };
  MINYI_ASSIGN_OR_RETURN(o.interval_months, get_int("interval_months", o.interval_months));
  MINYI_ASSIGN_OR_RETURN(o.due_day, get_int("due_day", o.due_day));
  MINYI_ASSIGN_OR_RETURN(o.min_count, get_int("min_count", o.min_count));
  MINYI_ASSIGN_OR_RETURN(o.remind_days, get_int("remind_days", o.remind_days));
  MINYI_ASSIGN_OR_RETURN(o.start_year, get_int("start_year", o.start_year));
  MINYI_ASSIGN_OR_RETURN(o.assignee_user_id, OptionalInt(b, "assignee_user_id", o.assignee_user_id));
  MINYI_ASSIGN_OR_RETURN(o.assignee_unit_id, OptionalInt(b, "assignee_unit_id", o.assignee_unit_id));
  MINYI_ASSIGN_OR_RETURN(o.active, OptionalBool(b, "active", o.active));
  o.note = OptionalString(b, "note", o.note);
  return o;
}

Result<Reply> ListObligations(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto list, Svc(c).ListObligations());
  Json out = Json::array();
  for (const Obligation& o : list) out.push_back(ObligationJson(o));
  return JsonReply({{"obligations", out}});
}

Result<Reply> CreateObligation(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  Obligation o;
  o.start_year = CivilFromDay(LocalDay(c.services->clock->Now())).year;
  MINYI_ASSIGN_OR_RETURN(o, ObligationFromBody(b, o));
  MINYI_ASSIGN_OR_RETURN(o.id, Svc(c).SaveObligation(c.actor(), o));
  // The current period's occurrence appears at once, not at the next run.
  MINYI_RETURN_IF_ERROR(Svc(c).RunSchedule(c.actor()).status());
  return JsonReply(ObligationJson(o));
}

Result<Reply> UpdateObligation(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Obligation o, Svc(c).GetObligation(id));
  MINYI_ASSIGN_OR_RETURN(o, ObligationFromBody(b, o));
  MINYI_RETURN_IF_ERROR(Svc(c).SaveObligation(c.actor(), o).status());
  return JsonReply(ObligationJson(o));
}

Json OccurrenceJson(const Occurrence& o) {
  return Json{{"id", o.id},
              {"obligation_id", o.obligation_id},
              {"obligation_name", o.obligation_name},
              {"kind", o.kind},
              {"period", o.period.key},
              {"period_label", o.period.label},
              {"period_begin", Date(o.period.begin)},
              {"period_end", Date(o.period.end - 1)},
              {"due_at", Iso(o.due_at)},
              {"due_date", Date(o.due_at - 1)},
              {"status", o.status},
              {"done_at", Iso(o.done_at)},
              {"done_by_name", o.done_by_name},
              {"record_id", o.record_id},
              {"channel_id", o.channel_id},
              {"channel_name", o.channel_name},
              {"assignee_user_id", o.assignee_user_id},
              {"assignee_unit_id", o.assignee_unit_id},
              {"note", o.note},
              {"required", o.required},
              {"achieved", o.achieved}};
}

Result<Reply> ListOccurrences(ApiCall& c) {
  UnixSeconds from = 0, to = 0;
  if (!c.QueryParam("from").empty()) {
    MINYI_ASSIGN_OR_RETURN(from, ParseLocalTime(c.QueryParam("from")));
  }
  if (!c.QueryParam("to").empty()) {
    MINYI_ASSIGN_OR_RETURN(to, ParseLocalTime(c.QueryParam("to")));
  }
  MINYI_ASSIGN_OR_RETURN(auto list, Svc(c).ListOccurrences(from, to, c.QueryInt("obligation_id", 0, 0, INT64_MAX)));
  Json out = Json::array();
  std::string status = c.QueryParam("status");
  for (const Occurrence& o : list) {
    if (status.empty() || o.status == status) out.push_back(OccurrenceJson(o));
  }
  return JsonReply({{"occurrences", out}});
}

Result<Reply> CompleteOccurrence(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(int64_t record, OptionalInt(b, "record_id", 0));
  MINYI_RETURN_IF_ERROR(Svc(c).CompleteOccurrence(c.actor(), id, record, OptionalString(b, "note")));
  MINYI_ASSIGN_OR_RETURN(Occurrence o, Svc(c).GetOccurrence(id));
  return JsonReply(OccurrenceJson(o));
}

Result<Reply> RunSchedule(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(GenerateResult r, Svc(c).RunSchedule(c.actor()));
  return JsonReply({{"created", r.created}, {"reminders", r.reminders}});
}

Result<Reply> ListReminders(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto list, Svc(c).ListReminders(c.QueryInt("limit", 100, 1, 1000)));
  const User& u = c.session->user;
  Json out = Json::array();
  for (const auto& r : list) {
    // Reporters see their own unit's reminders only.
    if (u.role == Role::kReporter && !(r.unit_id == u.unit_id && u.unit_id != 0) && r.user_id != u.id) continue;
    out.push_back({{"id", r.id},
                   {"kind", r.kind},
                   {"message", r.message},
                   {"user_id", r.user_id},
                   {"unit_id", r.unit_id},
                   {"ref_kind", r.ref_kind},
                   {"ref_id", r.ref_id},
                   {"created_at", Iso(r.created_at)}});
  }
  return JsonReply({{"reminders", out}});
}

// ---- records ---------------------------------------------------------------

Json RecordJson(ApiCall& c, const DutyRecord& r, bool with_details) {
  Json j{{"id", r.id},
         {"kind", r.kind},
         {"held_at", Iso(r.held_at)},
         {"date", Date(r.held_at)},
         {"topic", r.topic},
         {"location", r.location},
         {"host", r.host},
         {"attendees", r.attendees},
         {"obligation_id", r.obligation_id},
         {"occurrence_id", r.occurrence_id},
         {"created_by_name", r.created_by_name}};
  if (with_details) {
    j["minutes"] = r.minutes;
    j["attachments"] = AttachmentsJson(c, "duty_record", r.id);
  }
  return j;
}

Result<Reply> ListRecords(ApiCall& c) {
  RecordFilter f;
  f.kind = c.QueryParam("kind");
  if (!c.QueryParam("from").empty()) {
    MINYI_ASSIGN_OR_RETURN(f.from, ParseLocalTime(c.QueryParam("from")));
  }
  if (!c.QueryParam("to").empty()) {
    MINYI_ASSIGN_OR_RETURN(f.to, ParseLocalTime(c.QueryParam("to")));
  }
  MINYI_ASSIGN_OR_RETURN(auto list, Svc(c).ListRecords(f));
  Json out = Json::array();
  for (const DutyRecord& r : list) out.push_back(RecordJson(c, r, false));
  return JsonReply({{"records", out}});
}

Result<Reply> GetRecord(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(DutyRecord r, Svc(c).GetRecord(id));
  return JsonReply(RecordJson(c, r, true));
}

Result<Reply> SaveRecordFrom(ApiCall& c, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  DutyRecord r;
  if (id != 0) {
    MINYI_ASSIGN_OR_RETURN(r, Svc(c).GetRecord(id));
  }
  r.attachment_ids.clear();
  MINYI_ASSIGN_OR_RETURN(r.kind, RequireString(b, "kind", 40));
  MINYI_ASSIGN_OR_RETURN(r.held_at, TimeField(b, "held_at", true));
  MINYI_ASSIGN_OR_RETURN(r.topic, RequireString(b, "topic", 600));
  r.location = OptionalString(b, "location", r.location);
  r.host = OptionalString(b, "host", r.host);
  r.minutes = OptionalString(b, "minutes", r.minutes);
  if (b.contains("attendees")) {
    MINYI_ASSIGN_OR_RETURN(r.attendees, StringList(b, "attendees", 500));
  }
  MINYI_ASSIGN_OR_RETURN(r.obligation_id, OptionalInt(b, "obligation_id", r.obligation_id));
  MINYI_ASSIGN_OR_RETURN(r.occurrence_id, OptionalInt(b, "occurrence_id", r.occurrence_id));
  MINYI_ASSIGN_OR_RETURN(r.attachment_ids, IdList(b, "attachment_ids"));
  MINYI_ASSIGN_OR_RETURN(int64_t saved, Svc(c).SaveRecord(c.actor(), r));
  MINYI_ASSIGN_OR_RETURN(DutyRecord out, Svc(c).GetRecord(saved));
  return JsonReply(RecordJson(c, out, true));
}
Result<Reply> CreateRecord(ApiCall& c) { return SaveRecordFrom(c, 0); }
Result<Reply> UpdateRecord(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  return SaveRecordFrom(c, id);
}

// ---- zero-reports ----------------------------------------------------------

Json ZeroJson(ApiCall& c, const ZeroReport& r, bool with_files) {
  Json matters = Json::array();
  for (const auto& m : r.matters) matters.push_back({{"title", m.title}, {"detail", m.detail}});
  Json j{{"id", r.id},
         {"unit_id", r.unit_id},
         {"unit_name", r.unit_name},
         {"month", r.month},
         {"nothing_to_report", r.nothing_to_report},
         {"matters", matters},
         {"note", r.note},
         {"submitted_by_name", r.submitted_by_name},
         {"submitted_at", Iso(r.submitted_at)}};
  if (with_files) j["attachments"] = AttachmentsJson(c, "zero_report", r.id);
  return j;
}

Result<Reply> ListZeroReports(ApiCall& c) {
  int64_t unit = c.QueryInt("unit_id", 0, 0, INT64_MAX);
  const User& u = c.session->user;
  if (u.role == Role::kReporter) {
    if (u.unit_id == 0) return JsonReply({{"zero_reports", Json::array()}});
    unit = u.unit_id;  // a reporter only ever sees their own unit
  }
  MINYI_ASSIGN_OR_RETURN(auto list, Svc(c).ListZeroReports(c.QueryParam("month"), unit));
  Json out = Json::array();
  for (const ZeroReport& r : list) out.push_back(ZeroJson(c, r, false));
  return JsonReply({{"zero_reports", out}});
}

Result<Reply> GetZeroReport(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(ZeroReport r, Svc(c).GetZeroReport(id));
  const User& u = c.session->user;
  if (u.role == Role::kReporter && r.unit_id != u.unit_id) return PermissionDenied("信息员只能查看本单位的零报告");
  return JsonReply(ZeroJson(c, r, true));
}

Result<Reply> SubmitZeroReport(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  ZeroReport r;
  const User& u = c.session->user;
  MINYI_ASSIGN_OR_RETURN(r.unit_id, OptionalInt(b, "unit_id", u.unit_id));
  if (r.unit_id == 0) return InvalidArgument("请选择报送单位");
  MINYI_ASSIGN_OR_RETURN(r.month, RequireString(b, "month", 7));
  MINYI_ASSIGN_OR_RETURN(r.nothing_to_report, OptionalBool(b, "nothing_to_report", true));
  r.note = OptionalString(b, "note");
  auto it = b.find("matters");
  if (it != b.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 50) return InvalidArgument("字段 matters 应为数组（最多 50 条）");
    for (const auto& m : *it) {
      if (!m.is_object()) return InvalidArgument("matters 的每一项应为 {title, detail}");
      ZeroReportMatter matter;
      MINYI_ASSIGN_OR_RETURN(matter.title, RequireString(m, "title", 300));
      matter.detail = OptionalString(m, "detail");
      r.matters.push_back(std::move(matter));
    }
  }
  MINYI_ASSIGN_OR_RETURN(r.attachment_ids, IdList(b, "attachment_ids"));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Svc(c).SubmitZeroReport(c.actor(), u, r));
  MINYI_ASSIGN_OR_RETURN(ZeroReport saved, Svc(c).GetZeroReport(id));
  return JsonReply(ZeroJson(c, saved, true));
}

Result<std::vector<std::string>> MonthsFromQuery(ApiCall& c) {
  std::string to = c.QueryParam("to");
  int64_t n = c.QueryInt("months", 6, 1, 36);
  UnixSeconds end = c.services->clock->Now();
  if (!to.empty()) {
    MINYI_RETURN_IF_ERROR(CheckMonthKey(to));
    MINYI_ASSIGN_OR_RETURN(end, ParseLocalTime(to + "-01"));
  }
  return RecentMonths(end, static_cast<int>(n));
}

Result<Reply> GetCompleteness(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto months, MonthsFromQuery(c));
  MINYI_ASSIGN_OR_RETURN(Completeness comp, Svc(c).ZeroReportCompleteness(months));
  Json rows = Json::array();
  for (const CompletenessRow& r : comp.rows) {
    rows.push_back({{"unit_id", r.unit_id},
                    {"unit_name", r.unit_name},
                    {"unit_kind", r.unit_kind},
                    {"cells", r.cells},
                    {"report_ids", r.report_ids}});
  }
  Json rates = Json::array();
  for (int s : comp.submitted) rates.push_back(comp.expected == 0 ? 100 : (s * 100) / comp.expected);
  MINYI_ASSIGN_OR_RETURN(auto kinds, Svc(c).ZeroReportKinds());
  return JsonReply({{"months", comp.months},
                    {"rows", rows},
                    {"submitted", comp.submitted},
                    {"expected", comp.expected},
                    {"rates", rates},
                    {"kinds", kinds}});
}

Result<Reply> RemindZero(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string month, RequireString(b, "month", 7));
  MINYI_ASSIGN_OR_RETURN(int n, Svc(c).RemindMissingZeroReports(c.actor(), month));
  return JsonReply({{"reminded", n}});
}

Result<Reply> PutZeroKinds(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(auto kinds, StringList(b, "kinds", 10));
  MINYI_RETURN_IF_ERROR(Svc(c).SetZeroReportKinds(c.actor(), kinds));
  return JsonReply({{"kinds", kinds}});
}

// ---- self-check ------------------------------------------------------------

Json TemplateJson(const ChecklistTemplate& t) {
  Json items = Json::array();
  for (const ChecklistItem& i : t.items) {
    items.push_back({{"id", i.id},
                     {"category", i.category},
                     {"content", i.content},
                     {"criteria", i.criteria},
                     {"max_score", i.max_score}});
  }
  return Json{{"id", t.id},         {"name", t.name},   {"description", t.description},
              {"active", t.active}, {"total", t.total}, {"items", items}};
}

Result<Reply> ListTemplates(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto list, Svc(c).ListTemplates());
  Json out = Json::array();
  for (const auto& t : list) out.push_back(TemplateJson(t));
  return JsonReply({{"templates", out}});
}

Result<Reply> GetTemplate(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(ChecklistTemplate t, Svc(c).GetTemplate(id));
  return JsonReply(TemplateJson(t));
}

Result<Reply> SaveTemplateFrom(ApiCall& c, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  ChecklistTemplate t;
  t.id = id;
  MINYI_ASSIGN_OR_RETURN(t.name, RequireString(b, "name", 300));
  t.description = OptionalString(b, "description");
  MINYI_ASSIGN_OR_RETURN(t.active, OptionalBool(b, "active", true));
  auto it = b.find("items");
  if (it == b.end() || !it->is_array() || it->size() > 300) return InvalidArgument("字段 items 应为自查项数组");
  for (const auto& j : *it) {
    if (!j.is_object()) return InvalidArgument("items 的每一项应为对象");
    ChecklistItem item;
    MINYI_ASSIGN_OR_RETURN(item.id, OptionalInt(j, "id", 0));
    item.category = OptionalString(j, "category");
    MINYI_ASSIGN_OR_RETURN(item.content, RequireString(j, "content", 3000));
    item.criteria = OptionalString(j, "criteria");
    MINYI_ASSIGN_OR_RETURN(item.max_score, NumberField(j, "max_score", 0));
    t.items.push_back(std::move(item));
  }
  MINYI_ASSIGN_OR_RETURN(int64_t saved, Svc(c).SaveTemplate(c.actor(), t));
  MINYI_ASSIGN_OR_RETURN(ChecklistTemplate out, Svc(c).GetTemplate(saved));
  return JsonReply(TemplateJson(out));
}
Result<Reply> CreateTemplate(ApiCall& c) { return SaveTemplateFrom(c, 0); }
Result<Reply> UpdateTemplate(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  return SaveTemplateFrom(c, id);
}

Json SelfCheckJson(ApiCall& c, const SelfCheck& s) {
  Json items = Json::array();
  for (const SelfCheckItem& i : s.items) {
    items.push_back({{"id", i.id},
                     {"category", i.category},
                     {"content", i.content},
                     {"criteria", i.criteria},
                     {"max_score", i.max_score},
                     {"deduction", i.deduction},
                     {"score", i.score},
                     {"finding", i.finding},
                     {"note", i.note},
                     {"attachments", AttachmentsJson(c, "selfcheck_item", i.id)}});
  }
  return Json{{"id", s.id},
              {"template_id", s.template_id},
              {"year", s.year},
              {"title", s.title},
              {"status", s.status},
              {"total_max", s.total_max},
              {"total_score", s.total_score},
              {"created_by_name", s.created_by_name},
              {"submitted_at", Iso(s.submitted_at)},
              {"items", items}};
}

Result<Reply> ListSelfChecks(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto list, Svc(c).ListSelfChecks());
  Json out = Json::array();
  for (const auto& s : list) out.push_back(SelfCheckJson(c, s));
  return JsonReply({{"selfchecks", out}});
}

Result<Reply> StartSelfCheck(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(int64_t tid, OptionalInt(b, "template_id", 0));
  MINYI_ASSIGN_OR_RETURN(int64_t year, OptionalInt(b, "year", CivilFromDay(LocalDay(c.services->clock->Now())).year));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Svc(c).StartSelfCheck(c.actor(), tid, static_cast<int>(year)));
  MINYI_ASSIGN_OR_RETURN(SelfCheck s, Svc(c).GetSelfCheck(id));
  return JsonReply(SelfCheckJson(c, s));
}

Result<Reply> GetSelfCheck(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(SelfCheck s, Svc(c).GetSelfCheck(id));
  return JsonReply(SelfCheckJson(c, s));
}

Result<Reply> ScoreSelfCheck(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  std::vector<SelfCheckItem> items;
  auto it = b.find("items");
  if (it != b.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 300) return InvalidArgument("字段 items 应为数组");
    for (const auto& j : *it) {
      if (!j.is_object()) return InvalidArgument("items 的每一项应为对象");
      SelfCheckItem item;
      MINYI_ASSIGN_OR_RETURN(item.id, OptionalInt(j, "id", 0));
      MINYI_ASSIGN_OR_RETURN(item.deduction, NumberField(j, "deduction", 0));
      item.finding = OptionalString(j, "finding");
      item.note = OptionalString(j, "note");
      items.push_back(std::move(item));
    }
  }
  MINYI_ASSIGN_OR_RETURN(bool submit, OptionalBool(b, "submit", false));
  MINYI_RETURN_IF_ERROR(Svc(c).ScoreSelfCheck(c.actor(), id, items, submit));
  MINYI_ASSIGN_OR_RETURN(SelfCheck s, Svc(c).GetSelfCheck(id));
  return JsonReply(SelfCheckJson(c, s));
}

Json RectJson(ApiCall& c, const Rectification& r) {
  return Json{{"id", r.id},
              {"selfcheck_id", r.selfcheck_id},
              {"selfcheck_item_id", r.selfcheck_item_id},
              {"problem", r.problem},
              {"measure", r.measure},
              {"responsible_user_id", r.responsible_user_id},
              {"responsible_name", r.responsible_name},
              {"deadline", Date(r.deadline - 1)},
              {"status", r.status},
              {"completed_at", Iso(r.completed_at)},
              {"completion_note", r.completion_note},
              {"attachments", AttachmentsJson(c, "rectification", r.id)}};
}

Result<Reply> ListRects(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(
      auto list, Svc(c).ListRectifications(c.QueryInt("selfcheck_id", 0, 0, INT64_MAX), c.QueryParam("status")));
  Json out = Json::array();
  for (const auto& r : list) out.push_back(RectJson(c, r));
  return JsonReply({{"rectifications", out}});
}

// Deadlines are whole days: "2026-04-20" means until the end of that day.
Result<Rectification> RectFromBody(const Json& b, Rectification r) {
  MINYI_ASSIGN_OR_RETURN(r.problem, RequireString(b, "problem", 3000));
  r.measure = OptionalString(b, "measure", r.measure);
  r.responsible_name = OptionalString(b, "responsible_name", r.responsible_name);
  MINYI_ASSIGN_OR_RETURN(r.responsible_user_id, OptionalInt(b, "responsible_user_id", r.responsible_user_id));
  MINYI_ASSIGN_OR_RETURN(UnixSeconds d, TimeField(b, "deadline", true));
  r.deadline = DayStart(LocalDay(d) + 1);
  MINYI_ASSIGN_OR_RETURN(r.selfcheck_id, OptionalInt(b, "selfcheck_id", r.selfcheck_id));
  return r;
}

Result<Reply> CreateRect(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Rectification r, RectFromBody(b, Rectification{}));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Svc(c).CreateRectification(c.actor(), r));
  MINYI_ASSIGN_OR_RETURN(Rectification out, Svc(c).GetRectification(id));
  return JsonReply(RectJson(c, out));
}

Result<Reply> UpdateRect(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Rectification r, Svc(c).GetRectification(id));
  MINYI_ASSIGN_OR_RETURN(r, RectFromBody(b, r));
  MINYI_RETURN_IF_ERROR(Svc(c).UpdateRectification(c.actor(), r));
  MINYI_ASSIGN_OR_RETURN(Rectification out, Svc(c).GetRectification(id));
  return JsonReply(RectJson(c, out));
}

Result<Reply> CompleteRect(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json b, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Rectification r, Svc(c).GetRectification(id));
  const User& u = c.session->user;
  if (u.role != Role::kAdmin && u.role != Role::kLeader && r.responsible_user_id != u.id) {
    return PermissionDenied("只有责任人或管理员、分管领导可以标记整改完成");
  }
  MINYI_ASSIGN_OR_RETURN(auto ids, IdList(b, "attachment_ids"));
  MINYI_RETURN_IF_ERROR(Svc(c).CompleteRectification(c.actor(), id, OptionalString(b, "completion_note"), ids));
  MINYI_ASSIGN_OR_RETURN(Rectification out, Svc(c).GetRectification(id));
  return JsonReply(RectJson(c, out));
}

}  // namespace

std::vector<Route> DutyRoutes() {
  return {
      {"GET", "/api/v1/duty/group", Access::Only(kStaff), GetGroup, "领导小组与责任清单"},
      {"POST", "/api/v1/duty/group/members", Access::Only(kConfig), CreateMember, "新增领导小组成员"},
      {"PUT", "/api/v1/duty/group/members/{id}", Access::Only(kConfig), UpdateMember, "修改领导小组成员"},
      {"DELETE", "/api/v1/duty/group/members/{id}", Access::Only(kConfig), DeleteMember, "移出领导小组成员"},
      {"POST", "/api/v1/duty/tasks", Access::Only(kConfig), CreateTask, "新增责任事项"},
      {"PUT", "/api/v1/duty/tasks/{id}", Access::Only(kConfig), UpdateTask, "修改责任事项"},
      {"GET", "/api/v1/duty/obligations", Access::Only(kStaff), ListObligations, "工作任务（周期性义务）列表"},
      {"POST", "/api/v1/duty/obligations", Access::Only(kConfig), CreateObligation, "新增工作任务"},
      {"PUT", "/api/v1/duty/obligations/{id}", Access::Only(kConfig), UpdateObligation, "修改工作任务"},
      {"GET", "/api/v1/duty/occurrences", Access::Only(kStaff), ListOccurrences, "任务事项（按周期生成）"},
      {"POST", "/api/v1/duty/occurrences/{id}/complete", Access::Only(kStaff), CompleteOccurrence, "标记任务事项完成"},
      {"POST", "/api/v1/duty/schedule/run", Access::Only(kConfig), RunSchedule, "立即生成任务事项与提醒"},
      {"GET", "/api/v1/duty/reminders", Access::AnyUser(), ListReminders, "台账提醒"},
      {"GET", "/api/v1/duty/records", Access::Only(kStaff), ListRecords, "会议、学习、培训记录列表"},
      {"POST", "/api/v1/duty/records", Access::Only(kStaff), CreateRecord, "新增会议、学习、培训记录"},
      {"GET", "/api/v1/duty/records/{id}", Access::Only(kStaff), GetRecord, "记录详情"},
      {"PUT", "/api/v1/duty/records/{id}", Access::Only(kStaff), UpdateRecord, "修改记录"},
      {"GET", "/api/v1/duty/zero-reports", Access::AnyUser(), ListZeroReports, "零报告列表（信息员仅本单位）"},
      {"POST", "/api/v1/duty/zero-reports", Access::Only(kZeroSubmit), SubmitZeroReport,
       "报送零报告（信息员仅本单位）"},
      {"GET", "/api/v1/duty/zero-reports/{id}", Access::AnyUser(), GetZeroReport, "零报告详情"},
      {"GET", "/api/v1/duty/zero-completeness", Access::Only(kStaff), GetCompleteness,
       "零报告报送完整情况（单位×月份）"},
      {"POST", "/api/v1/duty/zero-reminders", Access::Only(kConfig), RemindZero, "提醒未报送零报告的单位"},
      {"PUT", "/api/v1/duty/zero-report-kinds", Access::Only({Role::kAdmin}), PutZeroKinds,
       "设置须报送零报告的单位类别"},
      {"GET", "/api/v1/duty/templates", Access::Only(kStaff), ListTemplates, "自查模板列表"},
      {"POST", "/api/v1/duty/templates", Access::Only(kConfig), CreateTemplate, "新增自查模板"},
      {"GET", "/api/v1/duty/templates/{id}", Access::Only(kStaff), GetTemplate, "自查模板详情"},
      {"PUT", "/api/v1/duty/templates/{id}", Access::Only(kConfig), UpdateTemplate, "修改自查模板"},
      {"GET", "/api/v1/duty/selfchecks", Access::Only(kStaff), ListSelfChecks, "年度自查列表"},
      {"POST", "/api/v1/duty/selfchecks", Access::Only(kConfig), StartSelfCheck, "开展年度自查"},
      {"GET", "/api/v1/duty/selfchecks/{id}", Access::Only(kStaff), GetSelfCheck, "年度自查详情"},
      {"PUT", "/api/v1/duty/selfchecks/{id}", Access::Only(kStaff), ScoreSelfCheck, "填写自查评分（可提交）"},
      {"GET", "/api/v1/duty/rectifications", Access::Only(kStaff), ListRects, "整改事项列表"},
      {"POST", "/api/v1/duty/rectifications", Access::Only(kConfig), CreateRect, "新增整改事项"},
      {"PUT", "/api/v1/duty/rectifications/{id}", Access::Only(kConfig), UpdateRect, "修改整改事项"},
      {"POST", "/api/v1/duty/rectifications/{id}/complete", Access::Only(kStaff), CompleteRect, "整改完成销号"},
  };
}

}  // namespace minyi
