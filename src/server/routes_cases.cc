// API of the cases subsystem (处置): create, act on and list cases; case page
// data with timeline and clocks; KPIs and their .xlsx export; the working-day
// calendar and SLA settings; complaint CSV import. Record-level permission
// rules (which unit may sign, who approves) live in cases/cases.cc; the
// route table only checks coarse roles. CasesModule runs the reminder scan
// once a minute on a background thread and caches the working calendar
// (reloaded after an admin edit through the API, and at least every ten
// minutes so edits made with the CLI are picked up).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "cases/cases.h"
#include "cases/clocks.h"
#include "cases/complaint_import.h"
#include "cases/reminders.h"
#include "cases/stats.h"
#include "common/resources.h"
#include "server/api.h"
#include "server/periodic.h"
#include "store/attachments.h"

namespace minyi {

struct CasesModule {
  Services* services = nullptr;
  std::mutex cal_mu;  // guards calendar, calendar_loaded_at
  std::shared_ptr<const WorkCalendar> calendar;
  UnixSeconds calendar_loaded_at = 0;
  std::unique_ptr<PeriodicTask> reminders;  // last: stopped first
};

namespace {

const std::set<Role> kCreators = {Role::kAdmin, Role::kLeader, Role::kHandler, Role::kEditor};
const std::set<Role> kStatsReaders = {Role::kAdmin, Role::kLeader, Role::kReviewer, Role::kHandler};
const std::set<Role> kAdminOnly = {Role::kAdmin};

Database& Db(ApiCall& c) { return c.services->store->db(); }

CaseActor ActorOf(ApiCall& c) { return {c.actor(), c.session->user.role, c.session->user.unit_id}; }

constexpr int64_t kCalendarMaxAgeSeconds = 600;

// m may be null (no module running): then the calendar is loaded each time.
Result<std::shared_ptr<const WorkCalendar>> CachedCalendar(CasesModule* m, Services& s) {
  UnixSeconds now = s.clock->Now();
  if (m) {
    std::lock_guard<std::mutex> lock(m->cal_mu);
    if (m->calendar && now >= m->calendar_loaded_at && now - m->calendar_loaded_at < kCalendarMaxAgeSeconds) {
      return m->calendar;
    }
  }
  MINYI_ASSIGN_OR_RETURN(WorkCalendar loaded, LoadWorkCalendar(s.store->db(), ResourceDir()));
  auto cal = std::make_shared<const WorkCalendar>(std::move(loaded));
  if (m) {
    std::lock_guard<std::mutex> lock(m->cal_mu);
    m->calendar = cal;
    m->calendar_loaded_at = now;
  }
  return cal;
}

Result<std::shared_ptr<const WorkCalendar>> Calendar(ApiCall& c) {
  return CachedCalendar(c.services->cases, *c.services);
}

void ForgetCalendar(ApiCall& c) {
  if (!c.services->cases) return;
  std::lock_guard<std::mutex> lock(c.services->cases->cal_mu);
  c.services->cases->calendar.reset();
}

Result<std::map<int64_t, std::string>> UnitNames(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT id, name FROM units"));
  std::map<int64_t, std::string> out;
  for (size_t i = 0; i < r.size(); ++i) out[r.Int(i, "id")] = r.Text(i, "name");
  return out;
}

Json TimeOrNull(const std::optional<UnixSeconds>& t) { return t ? Json(FormatIsoUtc(*t)) : Json(nullptr); }

Json StageJson(const StageClock& s) {
  return Json{{"stage", s.stage},
              {"label", s.label},
              {"limit", s.limit.Label()},
              {"started", s.started()},
              {"start", s.started() ? Json(FormatIsoUtc(s.start)) : Json(nullptr)},
              {"end", s.done() ? Json(FormatIsoUtc(s.end)) : Json(nullptr)},
              {"deadline", s.started() ? Json(FormatIsoUtc(s.deadline)) : Json(nullptr)},
              {"deadline_local", s.started() ? Json(FormatLocalTime(s.deadline)) : Json(nullptr)},
              {"elapsed_work_hours", s.elapsed_work_seconds / 3600.0},
              {"remaining_seconds", s.remaining_seconds},
              {"natural", s.limit.natural()},
              {"done", s.done()},
              {"overdue", s.overdue}};
}

Json ClocksJson(const CaseClocks& k) {
  Json pauses = Json::array();
  for (const Interval& p : k.pauses) {
    pauses.push_back({{"start", FormatIsoUtc(p.start)}, {"end", p.end ? Json(FormatIsoUtc(p.end)) : Json(nullptr)}});
  }
  return Json{{"sign", StageJson(k.sign)},
              {"reply", StageJson(k.reply)},
              {"close", StageJson(k.close)},
              {"pauses", pauses},
              {"extension_days", k.extension_days}};
}

Json CaseJson(const CaseRecord& c, const std::map<int64_t, std::string>& units) {
  auto name = [&](int64_t id) -> Json {
    auto it = units.find(id);
    return id && it != units.end() ? Json(it->second) : Json("");
  };
  Json co = Json::array();
  for (int64_t u : c.co_unit_ids) co.push_back({{"id", u}, {"name", name(u)}});
  return Json{{"id", c.id},
              {"code", c.code},
              {"title", c.title},
              {"description", c.description},
              {"origin", c.origin},
              {"origin_label", CaseOriginLabel(c.origin)},
              {"origin_ref", c.origin_ref},
              {"channel", c.channel},
              {"category", c.category},
              {"region", c.region},
              {"case_type", c.case_type},
              {"case_type_label", CaseTypeLabel(c.case_type)},
              {"priority", c.priority},
              {"priority_label", CasePriorityLabel(c.priority)},
              {"state", CaseStateName(c.state)},
              {"state_label", CaseStateLabel(c.state)},
              {"dispatch_unit_id", c.dispatch_unit_id},
              {"dispatch_unit_name", name(c.dispatch_unit_id)},
              {"lead_unit_id", c.lead_unit_id},
              {"lead_unit_name", name(c.lead_unit_id)},
              {"co_units", co},
              {"superior_deadline", TimeOrNull(c.superior_deadline)},
              {"extension_days", c.extension_days},
              {"extension_pending", c.extension_pending},
              {"paused", c.paused},
              {"satisfaction", c.satisfaction ? Json(*c.satisfaction) : Json(nullptr)},
              {"satisfaction_label", c.satisfaction ? Json(SatisfactionLabel(*c.satisfaction)) : Json(nullptr)},
              {"received_at", FormatIsoUtc(c.received_at)},
              {"signed_at", TimeOrNull(c.signed_at)},
              {"first_reply_at", TimeOrNull(c.first_reply_at)},
              {"closed_at", TimeOrNull(c.closed_at)},
              {"evaluated_at", TimeOrNull(c.evaluated_at)},
              {"updated_at", FormatIsoUtc(c.updated_at)}};
}

// Loads events and the SLA rule and computes the clocks.
Result<CaseClocks> Clocks(Database& db, const WorkCalendar& cal, const CaseRecord& c, UnixSeconds now,
                          std::vector<CaseEvent>& events) {
  MINYI_ASSIGN_OR_RETURN(SlaRule rule, FindSlaRule(db, c.case_type, c.priority));
  return ComputeClocks(c, events, rule, cal, now);
}

Result<Json> CaseSummaryJson(ApiCall& c, CaseService& svc, const WorkCalendar& cal, const CaseRecord& rec,
                             const std::map<int64_t, std::string>& units) {
  Json j = CaseJson(rec, units);
  MINYI_ASSIGN_OR_RETURN(auto events, svc.Events(rec.id));
  MINYI_ASSIGN_OR_RETURN(CaseClocks k, Clocks(Db(c), cal, rec, c.services->clock->Now(), events));
  const StageClock* current = !k.sign.done() && k.sign.started() ? &k.sign : !k.reply.done() ? &k.reply : &k.close;
  if (!CaseIsOpen(rec.state)) current = &k.close;
  j["current_stage"] = StageJson(*current);
  j["overdue"] = (k.sign.overdue && !k.sign.done()) || (k.reply.overdue && !k.reply.done()) ||
                 (k.close.overdue && CaseIsOpen(rec.state));
  j["closed_on_time"] = !CaseIsOpen(rec.state) ? Json(!k.close.overdue) : Json(nullptr);
  j["actions"] = svc.AllowedActions(ActorOf(c), rec);
  return j;
}

// Filters and pages in SQL. 我的待办 is an exact SQL condition; 逾期 selects
// the cases whose cached deadline has passed (cases.due_at) and confirms each
// with its clocks, so only near-due cases are ever loaded.
Result<Reply> ListCases(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto calendar, Calendar(c));
  const WorkCalendar& cal = *calendar;
  CaseService svc(Db(c), *c.services->clock, cal);
  CaseActor me = ActorOf(c);
  bool all_seeing = me.role == Role::kAdmin || me.role == Role::kLeader || me.role == Role::kReviewer;
  std::string view = c.QueryParam("view", "all");
  CaseFilter f;
  f.text = c.QueryParam("q");
  if (f.text.size() > 100) return InvalidArgument("搜索词过长");
  std::string state = c.QueryParam("state");
  if (!state.empty()) {
    MINYI_ASSIGN_OR_RETURN(CaseState s, ParseCaseState(state));
    f.state = s;
  }
  f.limit = c.QueryInt("limit", 50, 1, 500);
  f.offset = c.QueryInt("offset", 0, 0, 1000000);
  if (!all_seeing) f.unit_id = me.unit_id ? me.unit_id : -1;
  if (view == "department") {
    int64_t unit = c.QueryInt("unit_id", me.unit_id, 0, INT64_MAX);
    if (!all_seeing && unit != me.unit_id) return PermissionDenied("只能查看本部门的待办事项");
    f.unit_id = 0;
    f.lead_unit_id = unit ? unit : -1;
    f.open_only = true;
  } else if (view == "mine") {
    f.open_only = true;
    f.actionable_for = me;
  } else if (view == "overdue") {
    f.open_only = true;
    f.due_by = c.services->clock->Now();
  } else if (view != "all") {
    return InvalidArgument("view 应为 mine、department、overdue 或 all");
  }
  bool confirm = view == "overdue";
  int64_t limit = f.limit, offset = f.offset;
  if (confirm) {  // candidates only; paged after the exact check
    f.limit = 5000;
    f.offset = 0;
  }
  int64_t total = 0;
  MINYI_ASSIGN_OR_RETURN(auto cases, svc.List(f, &total));
  MINYI_ASSIGN_OR_RETURN(auto units, UnitNames(Db(c)));
  Json out = Json::array();
  int64_t matched = 0;
  for (const CaseRecord& rec : cases) {
    if (!all_seeing && !svc.CanView(me, rec)) continue;
    MINYI_ASSIGN_OR_RETURN(Json j, CaseSummaryJson(c, svc, cal, rec, units));
    if (confirm && !j["overdue"].get<bool>()) continue;
    ++matched;
    if (confirm && (matched <= offset || matched > offset + limit)) continue;
    out.push_back(std::move(j));
  }
  return JsonReply({{"cases", out}, {"total", confirm ? matched : total}});
}

Result<std::vector<int64_t>> IdList(const Json& body, const char* key, size_t max) {
  std::vector<int64_t> out;
  if (!body.contains(key) || body[key].is_null()) return out;
  if (!body[key].is_array() || body[key].size() > max)
    return InvalidArgument(std::string("字段 ") + key + " 应为编号数组");
  for (const Json& v : body[key]) {
    if (!v.is_number_integer()) return InvalidArgument(std::string("字段 ") + key + " 应为整数编号数组");
    out.push_back(v.get<int64_t>());
  }
  return out;
}

Result<std::optional<UnixSeconds>> OptionalTime(const Json& body, const char* key) {
  std::string v = OptionalString(body, key);
  if (v.empty()) return std::optional<UnixSeconds>();
  MINYI_ASSIGN_OR_RETURN(UnixSeconds t, ParseLocalTime(v));
  return std::optional<UnixSeconds>(t);
}

Result<Reply> CreateCase(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  NewCase n;
  n.origin = OptionalString(body, "origin", "manual");
  if (body.contains("origin_ref") && body["origin_ref"].is_number_integer()) {
    n.origin_ref = std::to_string(body["origin_ref"].get<int64_t>());
  } else {
    n.origin_ref = OptionalString(body, "origin_ref");
  }
  MINYI_ASSIGN_OR_RETURN(n.title, RequireString(body, "title", 600));
  n.description = OptionalString(body, "description");
  n.case_type = OptionalString(body, "case_type", "general");
  n.priority = OptionalString(body, "priority", "normal");
  n.channel = OptionalString(body, "channel");
  n.category = OptionalString(body, "category");
  n.region = OptionalString(body, "region");
  MINYI_ASSIGN_OR_RETURN(n.superior_deadline, OptionalTime(body, "deadline"));
  MINYI_ASSIGN_OR_RETURN(n.received_at, OptionalTime(body, "received_at"));
  MINYI_ASSIGN_OR_RETURN(auto calendar, Calendar(c));
  const WorkCalendar& cal = *calendar;
  CaseService svc(Db(c), *c.services->clock, cal);
  MINYI_ASSIGN_OR_RETURN(int64_t id, svc.Create(ActorOf(c), n));
  MINYI_ASSIGN_OR_RETURN(CaseRecord rec, svc.Get(id));
  MINYI_ASSIGN_OR_RETURN(auto units, UnitNames(Db(c)));
  return JsonReply(CaseJson(rec, units), 201);
}

Result<Reply> GetCase(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(auto calendar, Calendar(c));
  const WorkCalendar& cal = *calendar;
  CaseService svc(Db(c), *c.services->clock, cal);
  MINYI_ASSIGN_OR_RETURN(CaseRecord rec, svc.Get(id));
  if (!svc.CanView(ActorOf(c), rec)) return PermissionDenied("该事项不属于本部门，无权查看");
  MINYI_ASSIGN_OR_RETURN(auto units, UnitNames(Db(c)));
  MINYI_ASSIGN_OR_RETURN(Json j, CaseSummaryJson(c, svc, cal, rec, units));
  MINYI_ASSIGN_OR_RETURN(auto events, svc.Events(id));
  MINYI_ASSIGN_OR_RETURN(CaseClocks k, Clocks(Db(c), cal, rec, c.services->clock->Now(), events));
  Json timeline = Json::array();
  for (const CaseEvent& e : events) {
    timeline.push_back({{"id", e.id},
                        {"at", FormatIsoUtc(e.at)},
                        {"actor_name", e.actor_name},
                        {"action", e.action},
                        {"action_label", CaseActionLabel(e.action)},
                        {"from_state", e.from_state},
                        {"to_state", e.to_state},
                        {"note", e.note},
                        {"data", Json::parse(e.data_json, nullptr, false)}});
  }
  j["timeline"] = timeline;
  j["clocks"] = ClocksJson(k);
  MINYI_ASSIGN_OR_RETURN(auto files, ListAttachments(Db(c), "case_reply", id));
  Json evidence = Json::array();
  for (const Attachment& a : files) {
    evidence.push_back({{"id", a.id}, {"filename", a.filename}, {"size_bytes", a.size_bytes}, {"kind", a.kind}});
  }
  j["evidence"] = evidence;
  MINYI_ASSIGN_OR_RETURN(auto reminders, ListCaseReminders(Db(c), id, 50));
  Json rem = Json::array();
  for (const CaseReminder& r : reminders) {
    rem.push_back(
        {{"level", r.level}, {"stage", r.stage}, {"message", r.message}, {"created_at", FormatIsoUtc(r.created_at)}});
  }
  j["reminders"] = rem;
  return JsonReply(j);
}

Result<Reply> ActOnCase(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string action, RequireString(body, "action", 40));
  std::string note = OptionalString(body, "note");
  if (note.size() > 30000) return InvalidArgument("填写的内容过长（上限 10000 字）");
  MINYI_ASSIGN_OR_RETURN(auto calendar, Calendar(c));
  const WorkCalendar& cal = *calendar;
  CaseService svc(Db(c), *c.services->clock, cal);
  CaseActor me = ActorOf(c);
  MINYI_ASSIGN_OR_RETURN(CaseRecord before, svc.Get(id));
  if (!svc.CanView(me, before)) return PermissionDenied("该事项不属于本部门，无权操作");
  Status st;
  if (action == "dispatch") {
    MINYI_ASSIGN_OR_RETURN(int64_t lead, OptionalInt(body, "lead_unit_id", 0));
    MINYI_ASSIGN_OR_RETURN(auto co, IdList(body, "co_unit_ids", 20));
    st = svc.Dispatch(me, id, lead, co, note);
  } else if (action == "sign") {
    st = svc.Sign(me, id);
  } else if (action == "return") {
    st = svc.Return(me, id, note);
  } else if (action == "progress") {
    st = svc.AddProgress(me, id, note);
  } else if (action == "reply") {
    MINYI_ASSIGN_OR_RETURN(auto files, IdList(body, "attachment_ids", 20));
    st = svc.Reply(me, id, note, files);
  } else if (action == "approve") {
    st = svc.Approve(me, id, note);
  } else if (action == "reject") {
    st = svc.RejectReply(me, id, note);
  } else if (action == "evaluate") {
    MINYI_ASSIGN_OR_RETURN(int64_t score, OptionalInt(body, "satisfaction", 0));
    st = svc.Evaluate(me, id, static_cast<int>(std::clamp<int64_t>(score, -1, 99)), note);
  } else if (action == "extend_request") {
    MINYI_ASSIGN_OR_RETURN(int64_t days, OptionalInt(body, "days", 0));
    st = svc.RequestExtension(me, id, days, note);
  } else if (action == "extend_approve" || action == "extend_reject") {
    st = svc.DecideExtension(me, id, action == "extend_approve", note);
  } else if (action == "reopen") {
    st = svc.Reopen(me, id, note);
  } else if (action == "pause") {
    st = svc.Pause(me, id, note);
  } else if (action == "resume") {
    st = svc.Resume(me, id, note);
  } else {
    return InvalidArgument("未知的操作：" + action.substr(0, 40));
  }
  MINYI_RETURN_IF_ERROR(st);
  MINYI_ASSIGN_OR_RETURN(CaseRecord rec, svc.Get(id));
  MINYI_ASSIGN_OR_RETURN(auto units, UnitNames(Db(c)));
  MINYI_ASSIGN_OR_RETURN(Json j, CaseSummaryJson(c, svc, cal, rec, units));
  return JsonReply(j);
}

Json KpiJson(const DeptKpi& k) {
  return Json{{"unit_id", k.unit_id},
              {"unit_name", k.unit_name},
              {"received", k.received},
              {"closed_of_received", k.closed_of_received},
              {"closure_rate", k.closure_rate},
              {"closed_in_period", k.closed_in_period},
              {"on_time", k.on_time},
              {"on_time_rate", k.on_time_rate},
              {"signed_count", k.signed_count},
              {"replied_count", k.replied_count},
              {"avg_sign_hours", k.avg_sign_hours},
              {"avg_reply_hours", k.avg_reply_hours},
              {"avg_close_hours", k.avg_close_hours},
              {"evaluated", k.evaluated},
              {"satisfaction_avg", k.satisfaction_avg},
              {"satisfied_rate", k.satisfied_rate},
              {"overdue_open", k.overdue_open}};
}

Result<KpiReport> Kpis(ApiCall& c, const WorkCalendar& cal) {
  std::string p = c.QueryParam("period");
  if (p.empty()) {
    CivilDate d = CivilFromDay(LocalDay(c.services->clock->Now()));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
    p = buf;
  }
  MINYI_ASSIGN_OR_RETURN(StatsPeriod period, ParseStatsPeriod(p));
  return ComputeKpis(Db(c), cal, period, c.services->clock->Now());
}

Result<Reply> GetStats(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto calendar, Calendar(c));
  const WorkCalendar& cal = *calendar;
  MINYI_ASSIGN_OR_RETURN(KpiReport r, Kpis(c, cal));
  Json depts = Json::array();
  for (const DeptKpi& k : r.departments) depts.push_back(KpiJson(k));
  return JsonReply(
      {{"period",
        {{"label", r.period.label}, {"start", FormatIsoUtc(r.period.start)}, {"end", FormatIsoUtc(r.period.end)}}},
       {"departments", depts},
       {"total", KpiJson(r.total)},
       {"computed_at", FormatIsoUtc(r.computed_at)}});
}

Result<Reply> ExportStats(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto calendar, Calendar(c));
  const WorkCalendar& cal = *calendar;
  MINYI_ASSIGN_OR_RETURN(KpiReport r, Kpis(c, cal));
  MINYI_ASSIGN_OR_RETURN(std::string bytes, ExportKpisXlsx(Db(c), cal, r, c.services->clock->Now()));
  Reply reply;
  reply.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  reply.raw = std::move(bytes);
  std::string name = "处置统计-" + c.QueryParam("period", "本月") + ".xlsx";
  std::string encoded;
  for (unsigned char ch : name) {
    char buf[4];
    if (std::isalnum(ch) || ch == '-' || ch == '.') {
      encoded += static_cast<char>(ch);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      encoded += buf;
    }
  }
  reply.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"case-stats.xlsx\"; filename*=UTF-8''" + encoded);
  return reply;
}

Result<Reply> ListReminders(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto rows, ListCaseReminders(Db(c), 0, c.QueryInt("limit", 100, 1, 500)));
  CaseActor me = ActorOf(c);
  bool all = me.role == Role::kAdmin || me.role == Role::kLeader || me.role == Role::kReviewer;
  Json out = Json::array();
  for (const CaseReminder& r : rows) {
    if (!all && (r.target_unit_id == 0 || r.target_unit_id != me.unit_id)) continue;
    out.push_back({{"id", r.id},
                   {"case_id", r.case_id},
                   {"case_code", r.case_code},
                   {"case_title", r.case_title},
                   {"stage", r.stage},
                   {"level", r.level},
                   {"target_role", r.target_role},
                   {"message", r.message},
                   {"deadline", FormatIsoUtc(r.deadline)},
                   {"created_at", FormatIsoUtc(r.created_at)}});
  }
  return JsonReply({{"reminders", out}});
}

Json SlaJson(const SlaRule& s) {
  auto lim = [](const TimeLimit& t) { return Json{{"amount", t.amount}, {"unit", t.unit}, {"label", t.Label()}}; };
  return Json{{"case_type", s.case_type}, {"case_type_label", CaseTypeLabel(s.case_type)},
              {"priority", s.priority},   {"priority_label", CasePriorityLabel(s.priority)},
              {"sign", lim(s.sign)},      {"reply", lim(s.reply)},
              {"close", lim(s.close)}};
}

Result<Reply> GetSla(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto rules, ListSlaRules(Db(c)));
  Json out = Json::array();
  for (const SlaRule& s : rules) out.push_back(SlaJson(s));
  return JsonReply({{"rules", out}});
}

Result<TimeLimit> LimitFromJson(const Json& body, const char* key) {
  if (!body.contains(key) || !body[key].is_object()) return InvalidArgument(std::string("缺少时限字段 ") + key);
  TimeLimit t;
  MINYI_ASSIGN_OR_RETURN(t.amount, OptionalInt(body[key], "amount", 0));
  t.unit = OptionalString(body[key], "unit", "work_days");
  return t;
}

Result<Reply> PutSla(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  SlaRule s;
  MINYI_ASSIGN_OR_RETURN(s.case_type, RequireString(body, "case_type", 20));
  MINYI_ASSIGN_OR_RETURN(s.priority, RequireString(body, "priority", 20));
  MINYI_ASSIGN_OR_RETURN(s.sign, LimitFromJson(body, "sign"));
  MINYI_ASSIGN_OR_RETURN(s.reply, LimitFromJson(body, "reply"));
  MINYI_ASSIGN_OR_RETURN(s.close, LimitFromJson(body, "close"));
  MINYI_RETURN_IF_ERROR(SaveSlaRule(Db(c), *c.services->clock, c.actor(), s));
  return JsonReply(SlaJson(s));
}

Result<Reply> GetCalendar(ApiCall& c) {
  int64_t year = c.QueryInt("year", CivilFromDay(LocalDay(c.services->clock->Now())).year, 1970, 2200);
  MINYI_ASSIGN_OR_RETURN(auto calendar, Calendar(c));
  const WorkCalendar& cal = *calendar;
  MINYI_ASSIGN_OR_RETURN(auto overrides, ListCalendarOverrides(Db(c)));
  std::map<std::string, const CalendarOverride*> by_day;
  for (const CalendarOverride& o : overrides) by_day[o.day] = &o;
  Json days = Json::array();
  DayNumber first = DayFromCivil({static_cast<int>(year), 1, 1});
  DayNumber last = DayFromCivil({static_cast<int>(year) + 1, 1, 1});
  for (const auto& [day, entry] : cal.entries()) {
    if (day < first || day >= last) continue;
    std::string date = FormatDate(day);
    days.push_back({{"day", date},
                    {"kind", entry.kind == DayKind::kWorkday ? "workday" : "holiday"},
                    {"name", entry.name},
                    {"weekday", Weekday(day)},
                    {"overridden", by_day.count(date) > 0}});
  }
  Json ov = Json::array();
  for (const CalendarOverride& o : overrides) {
    ov.push_back({{"day", o.day},
                  {"kind", o.kind},
                  {"name", o.name},
                  {"updated_by", o.updated_by},
                  {"updated_at", FormatIsoUtc(o.updated_at)}});
  }
  return JsonReply({{"year", year},
                    {"days", days},
                    {"overrides", ov},
                    {"office_hours", cal.office_hours().ToString()},
                    {"working_seconds_per_day", cal.office_hours().SecondsPerDay()}});
}

Result<Reply> PutCalendarDay(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string day, RequireString(body, "day", 20));
  MINYI_ASSIGN_OR_RETURN(DayNumber d, ParseDate(day));
  MINYI_ASSIGN_OR_RETURN(std::string kind, RequireString(body, "kind", 20));
  MINYI_RETURN_IF_ERROR(
      SetCalendarOverride(Db(c), *c.services->clock, c.actor(), d, kind, OptionalString(body, "name")));
  ForgetCalendar(c);
  return JsonReply({{"day", FormatDate(d)}, {"kind", kind}});
}

Result<Reply> PutOfficeHours(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string text, RequireString(body, "office_hours", 200));
  MINYI_ASSIGN_OR_RETURN(OfficeHours h, OfficeHours::Parse(text));
  MINYI_RETURN_IF_ERROR(SaveOfficeHours(Db(c), *c.services->clock, c.actor(), h));
  ForgetCalendar(c);
  return JsonReply({{"office_hours", h.ToString()}});
}

Result<Reply> ImportCases(ApiCall& c) {
  std::string channel = c.QueryParam("channel", "hotline");
  MINYI_ASSIGN_OR_RETURN(auto calendar, Calendar(c));
  const WorkCalendar& cal = *calendar;
  CaseService svc(Db(c), *c.services->clock, cal);
  MINYI_ASSIGN_OR_RETURN(ImportReport r, ImportComplaints(svc, Db(c), ActorOf(c), c.body, channel));
  Json errors = Json::array();
  for (const ImportIssue& e : r.errors) errors.push_back({{"line", e.line}, {"message", e.message}});
  return JsonReply(
      {{"imported", r.imported}, {"duplicates", r.duplicates}, {"errors", errors}, {"case_ids", r.case_ids}});
}

void ScanReminders(CasesModule* m) {
  Services& s = *m->services;
  auto cal = CachedCalendar(m, s);
  Status st = cal.ok() ? ScanCaseReminders(s.store->db(), *s.clock, **cal, ReminderOptions{}).status() : cal.status();
  if (!st.ok()) spdlog::warn("处置事项时限提醒失败：{}", st.ToString());
}

}  // namespace

Result<std::shared_ptr<CasesModule>> StartCasesModule(Services& services) {
  auto m = std::make_shared<CasesModule>();
  m->services = &services;
  m->reminders = std::make_unique<PeriodicTask>(std::chrono::seconds(60), PeriodicTask::First::kAfterInterval,
                                                [raw = m.get()] { ScanReminders(raw); });
  return m;
}

std::vector<Route> CaseRoutes() {
  return {
      {"GET", "/api/v1/cases", Access::AnyUser(), ListCases, "处置事项列表（我的、部门待办、逾期、全部）"},
      {"POST", "/api/v1/cases", Access::Only(kCreators), CreateCase, "登记处置事项"},
      {"GET", "/api/v1/cases/{id}", Access::AnyUser(), GetCase, "处置事项详情（含办理过程和时限）"},
      {"POST", "/api/v1/cases/{id}/actions", Access::AnyUser(), ActOnCase, "办理处置事项（分派、签收、答复、审核等）"},
      {"POST", "/api/v1/case-imports", Access::Only(kCreators), ImportCases, "导入群众诉求工单（CSV）"},
      {"GET", "/api/v1/case-stats", Access::Only(kStatsReaders), GetStats, "处置工作统计"},
      {"GET", "/api/v1/case-stats/export", Access::Only(kStatsReaders), ExportStats, "导出处置工作统计（Excel）"},
      {"GET", "/api/v1/case-reminders", Access::AnyUser(), ListReminders, "催办督办提醒"},
      {"GET", "/api/v1/case-sla", Access::AnyUser(), GetSla, "办理时限设置"},
      {"PUT", "/api/v1/case-sla", Access::Only(kAdminOnly), PutSla, "修改办理时限"},
      {"GET", "/api/v1/case-calendar", Access::AnyUser(), GetCalendar, "工作日历"},
      {"PUT", "/api/v1/case-calendar/days", Access::Only(kAdminOnly), PutCalendarDay, "调整工作日历某一天"},
      {"PUT", "/api/v1/case-calendar/office-hours", Access::Only(kAdminOnly), PutOfficeHours, "修改办公时间"},
  };
}

}  // namespace minyi
