// Rota API (值班): shifts, month generation, swaps, heightened periods,
// pages (值班提醒) and their acknowledgement, hand-over notes, settings.
// RotaModule's thread pages new alerts/urges to the person on duty and
// escalates unacknowledged pages every few seconds (MINYI_ROTA_POLL_MS,
// default 5000; "off" leaves it stopped for tests that drive paging).
//
// Roles: everyone sees the rota; admin and leader edit it; the settings are
// admin's; who may acknowledge a page or hand-over is checked in RotaService.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "cases/cases.h"
#include "common/resources.h"
#include "rota/rota.h"
#include "server/api.h"
#include "server/periodic.h"

namespace minyi {

struct RotaModule {
  std::unique_ptr<PeriodicTask> paging;
};

Result<std::shared_ptr<RotaModule>> StartRotaModule(Services& services) {
  auto m = std::make_shared<RotaModule>();
  const char* env = std::getenv("MINYI_ROTA_POLL_MS");
  if (env != nullptr && std::string(env) == "off") return m;
  int poll_ms = env != nullptr ? std::clamp(std::atoi(env), 50, 600000) : 5000;
  m->paging =
      std::make_unique<PeriodicTask>(std::chrono::milliseconds(poll_ms), PeriodicTask::First::kAtOnce, [&services] {
        auto r = RotaService(services.store->db(), *services.clock).RunPaging();
        if (!r.ok()) {
          spdlog::warn("值班提醒任务失败：{}", r.status().ToString());
        } else if (r->paged + r->escalated > 0) {
          spdlog::info("值班提醒：新提醒 {} 条，升级至带班领导 {} 条", r->paged, r->escalated);
        }
      });
  return m;
}

namespace {

const std::set<Role> kEdit = {Role::kAdmin, Role::kLeader};
const std::set<Role> kAdminOnly = {Role::kAdmin};

RotaService Svc(ApiCall& c) { return RotaService(c.services->store->db(), *c.services->clock); }
const User& Me(ApiCall& c) { return c.session->user; }

std::string Iso(UnixSeconds t) { return t == 0 ? "" : FormatIsoUtc(t); }
std::string Local(UnixSeconds t) { return t == 0 ? "" : FormatLocalTime(t); }

Result<UnixSeconds> LocalTimeField(const Json& body, const char* key) {
  MINYI_ASSIGN_OR_RETURN(std::string text, RequireString(body, key, 40));
  auto t = ParseLocalTime(text);
  if (!t.ok()) return InvalidArgument(std::string("字段 ") + key + " 时间格式无效（如 2026-11-23 08:30）：" + text);
  return *t;
}

Result<DayNumber> DateField(const Json& body, const char* key) {
  MINYI_ASSIGN_OR_RETURN(std::string text, RequireString(body, key, 20));
  auto d = ParseDate(text);
  if (!d.ok()) return InvalidArgument(std::string("字段 ") + key + " 日期格式无效（如 2026-10-01）：" + text);
  return *d;
}

Result<std::vector<int64_t>> Ids(const Json& body, const char* key) {
  std::vector<int64_t> out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 100)
    return InvalidArgument(std::string("字段 ") + key + " 应为人员编号数组（最多 100 个）");
  for (const auto& v : *it) {
    if (!v.is_number_integer()) return InvalidArgument(std::string("字段 ") + key + " 应为人员编号数组");
    out.push_back(v.get<int64_t>());
  }
  return out;
}

Json ShiftJson(const Shift& s) {
  return {{"id", s.id},
          {"user_id", s.user_id},
          {"user_name", s.user_name},
          {"user_phone", s.user_phone},
          {"leader_user_id", s.leader_user_id},
          {"leader_name", s.leader_name},
          {"kind", s.kind},
          {"kind_label", ShiftKindLabel(s.kind)},
          {"starts_at", Iso(s.starts_at)},
          {"ends_at", Iso(s.ends_at)},
          {"starts_local", Local(s.starts_at)},
          {"ends_local", Local(s.ends_at)},
          {"date", FormatDate(LocalDay(s.starts_at))},
          {"note", s.note},
          {"heightened", s.heightened},
          {"warning", !s.heightened.empty() && s.leader_user_id == 0 ? "重要时段未安排带班领导" : ""}};
}

Json PeriodJson(const HeightenedPeriod& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"first_day", FormatDate(p.first_day)},
          {"last_day", FormatDate(p.last_day)},
          {"note", p.note}};
}

Json PageJson(const Page& p) {
  return {{"id", p.id},
          {"notification_id", p.notification_id},
          {"kind", p.kind},
          {"title", p.title},
          {"link", p.link},
          {"shift_id", p.shift_id},
          {"user_id", p.user_id},
          {"user_name", p.user_name},
          {"leader_user_id", p.leader_user_id},
          {"leader_name", p.leader_name},
          {"status", p.status},
          {"created_at", Iso(p.created_at)},
          {"escalated_at", Iso(p.escalated_at)},
          {"acked_at", Iso(p.acked_at)},
          {"acked_by_name", p.acked_by_name},
          {"ack_note", p.ack_note},
          {"ack_seconds", p.acked_at == 0 ? Json(nullptr) : Json(p.acked_at - p.created_at)}};
}

Json HandoverJson(const Handover& h) {
  return {{"id", h.id},
          {"shift_id", h.shift_id},
          {"shift_kind_label", ShiftKindLabel(h.shift_kind)},
          {"shift_starts_at", Iso(h.shift_starts_at)},
          {"from_user_id", h.from_user_id},
          {"from_name", h.from_name},
          {"to_user_id", h.to_user_id},
          {"to_name", h.to_name},
          {"content", h.content},
          {"open_matters", h.open_matters},
          {"created_at", Iso(h.created_at)},
          {"acked_at", Iso(h.acked_at)}};
}

Result<Shift> ShiftFromBody(const Json& body) {
  Shift s;
  MINYI_ASSIGN_OR_RETURN(s.user_id, OptionalInt(body, "user_id", 0));
  MINYI_ASSIGN_OR_RETURN(s.leader_user_id, OptionalInt(body, "leader_user_id", 0));
  s.kind = OptionalString(body, "kind", "day");
  MINYI_ASSIGN_OR_RETURN(s.starts_at, LocalTimeField(body, "starts_at"));
  MINYI_ASSIGN_OR_RETURN(s.ends_at, LocalTimeField(body, "ends_at"));
  s.note = OptionalString(body, "note");
  return s;
}

// ?from=2026-11-01&to=2026-11-30 (inclusive local dates); default: this month.
Result<Reply> ListShiftsRoute(ApiCall& c) {
  DayNumber today = LocalDay(c.services->clock->Now());
  CivilDate cd = CivilFromDay(today);
  DayNumber first = DayFromCivil({cd.year, cd.month, 1});
  DayNumber last = DayFromCivil({cd.month == 12 ? cd.year + 1 : cd.year, cd.month == 12 ? 1 : cd.month + 1, 1}) - 1;
  if (std::string f = c.QueryParam("from"); !f.empty()) {
    auto d = ParseDate(f);
    if (!d.ok()) return InvalidArgument("开始日期格式无效：" + f);
    first = *d;
  }
  if (std::string t = c.QueryParam("to"); !t.empty()) {
    auto d = ParseDate(t);
    if (!d.ok()) return InvalidArgument("结束日期格式无效：" + t);
    last = *d;
  }
  RotaService svc = Svc(c);
  MINYI_ASSIGN_OR_RETURN(auto shifts, svc.ListShifts(DayStart(first), DayStart(last + 1)));
  MINYI_ASSIGN_OR_RETURN(auto periods, svc.ListPeriods());
  Json items = Json::array(), ps = Json::array();
  for (const auto& s : shifts) items.push_back(ShiftJson(s));
  for (const auto& p : periods) {
    if (p.last_day >= first && p.first_day <= last) ps.push_back(PeriodJson(p));
  }
  return JsonReply({{"from", FormatDate(first)}, {"to", FormatDate(last)}, {"items", items}, {"periods", ps}});
}

Result<Reply> CreateShiftRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Shift s, ShiftFromBody(body));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Svc(c).CreateShift(c.actor(), s));
  MINYI_ASSIGN_OR_RETURN(Shift stored, Svc(c).GetShift(id));
  return JsonReply(ShiftJson(stored), 201);
}

Result<Reply> UpdateShiftRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Shift s, ShiftFromBody(body));
  s.id = id;
  MINYI_RETURN_IF_ERROR(Svc(c).UpdateShift(c.actor(), s));
  MINYI_ASSIGN_OR_RETURN(Shift stored, Svc(c).GetShift(id));
  return JsonReply(ShiftJson(stored));
}

Result<Reply> DeleteShiftRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Svc(c).DeleteShift(c.actor(), id));
  return JsonReply({{"ok", true}});
}

Result<Reply> SwapRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(int64_t a, OptionalInt(body, "shift_a", 0));
  MINYI_ASSIGN_OR_RETURN(int64_t b, OptionalInt(body, "shift_b", 0));
  MINYI_RETURN_IF_ERROR(Svc(c).SwapShifts(c.actor(), a, b));
  return JsonReply({{"ok", true}});
}

Result<Reply> GenerateRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string month, RequireString(body, "month", 10));
  auto first = ParseDate(month + "-01");
  if (!first.ok()) return InvalidArgument("月份格式无效（如 2026-12）：" + month);
  GenerateOptions o;
  CivilDate cd = CivilFromDay(*first);
  o.year = cd.year;
  o.month = cd.month;
  MINYI_ASSIGN_OR_RETURN(o.people, Ids(body, "people"));
  MINYI_ASSIGN_OR_RETURN(o.leaders, Ids(body, "leaders"));
  o.day_start = OptionalString(body, "day_start", o.day_start);
  o.day_end = OptionalString(body, "day_end", o.day_end);
  MINYI_ASSIGN_OR_RETURN(o.replace, OptionalBool(body, "replace", false));
  MINYI_ASSIGN_OR_RETURN(WorkCalendar cal, LoadWorkCalendar(c.services->store->db(), ResourceDir()));
  MINYI_ASSIGN_OR_RETURN(int64_t n, Svc(c).GenerateMonth(c.actor(), cal, o));
  return JsonReply({{"created", n}, {"month", month}});
}

// Who is on duty now, and what waits for the caller (the UI's banner).
Result<Reply> NowRoute(ApiCall& c) {
  RotaService svc = Svc(c);
  MINYI_ASSIGN_OR_RETURN(auto shift, svc.OnDutyAt(c.services->clock->Now()));
  PageQuery q;
  q.for_user_id = Me(c).id;
  MINYI_ASSIGN_OR_RETURN(int64_t waiting, svc.CountPages(q));
  MINYI_ASSIGN_OR_RETURN(auto notes, svc.ListHandovers(Me(c).id, 20, 0));
  int64_t unread = 0;
  for (const auto& h : notes) unread += h.acked_at == 0 ? 1 : 0;
  return JsonReply({{"on_duty", shift ? ShiftJson(*shift) : Json(nullptr)},
                    {"my_pending_pages", waiting},
                    {"my_unread_handovers", unread}});
}

Result<Reply> PeopleRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto users, OrgRepo(c.services->store->db(), *c.services->clock).ListUsers());
  Json items = Json::array();
  for (const User& u : users) {
    if (!u.active) continue;
    items.push_back({{"id", u.id},
                     {"display_name", u.display_name},
                     {"role", RoleName(u.role)},
                     {"role_label", RoleLabel(u.role)}});
  }
  return JsonReply({{"items", items}});
}

Result<Reply> ListPeriodsRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto periods, Svc(c).ListPeriods());
  Json items = Json::array();
  for (const auto& p : periods) items.push_back(PeriodJson(p));
  return JsonReply({{"items", items}});
}

Result<Reply> SavePeriod(ApiCall& c, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  HeightenedPeriod p;
  p.id = id;
  MINYI_ASSIGN_OR_RETURN(p.name, RequireString(body, "name", 200));
  MINYI_ASSIGN_OR_RETURN(p.first_day, DateField(body, "first_day"));
  MINYI_ASSIGN_OR_RETURN(p.last_day, DateField(body, "last_day"));
  p.note = OptionalString(body, "note");
  MINYI_ASSIGN_OR_RETURN(p.id, Svc(c).SavePeriod(c.actor(), p));
  return JsonReply(PeriodJson(p), id == 0 ? 201 : 200);
}

Result<Reply> CreatePeriodRoute(ApiCall& c) { return SavePeriod(c, 0); }

Result<Reply> UpdatePeriodRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  return SavePeriod(c, id);
}

Result<Reply> DeletePeriodRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Svc(c).DeletePeriod(c.actor(), id));
  return JsonReply({{"ok", true}});
}

// ?scope=mine (waiting for me, default) | all; &status=pending|escalated|acked.
Result<Reply> ListPagesRoute(ApiCall& c) {
  PageQuery q;
  std::string scope = c.QueryParam("scope", "mine");
  if (scope != "mine" && scope != "all") return InvalidArgument("scope 应为 mine 或 all");
  if (scope == "mine") q.for_user_id = Me(c).id;
  q.status = c.QueryParam("status");
  if (!q.status.empty() && q.status != "pending" && q.status != "escalated" && q.status != "acked") {
    return InvalidArgument("状态应为 pending、escalated 或 acked");
  }
  q.limit = c.QueryInt("limit", 50, 1, 200);
  q.offset = c.QueryInt("offset", 0, 0, 1000000);
  RotaService svc = Svc(c);
  MINYI_ASSIGN_OR_RETURN(auto pages, svc.ListPages(q));
  MINYI_ASSIGN_OR_RETURN(int64_t total, svc.CountPages(q));
  MINYI_ASSIGN_OR_RETURN(RotaSettings settings, svc.GetSettings());
  Json items = Json::array();
  for (const auto& p : pages) items.push_back(PageJson(p));
  return JsonReply({{"items", items}, {"total", total}, {"ack_timeout_minutes", settings.ack_timeout_minutes}});
}

Result<Reply> GetPageRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Page p, Svc(c).GetPage(id));
  return JsonReply(PageJson(p));
}

Result<Reply> AckPageRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  Json body = Json::object();
  if (!c.body.empty()) {
    MINYI_ASSIGN_OR_RETURN(body, c.JsonBody());
  }
  MINYI_RETURN_IF_ERROR(Svc(c).AckPage(Me(c), id, OptionalString(body, "note")));
  MINYI_ASSIGN_OR_RETURN(Page p, Svc(c).GetPage(id));
  return JsonReply(PageJson(p));
}

Result<Reply> ListHandoversRoute(ApiCall& c) {
  int64_t for_user = c.QueryParam("scope", "all") == "mine" ? Me(c).id : 0;
  MINYI_ASSIGN_OR_RETURN(
      auto notes, Svc(c).ListHandovers(for_user, c.QueryInt("limit", 50, 1, 200), c.QueryInt("offset", 0, 0, 1000000)));
  Json items = Json::array();
  for (const auto& h : notes) items.push_back(HandoverJson(h));
  return JsonReply({{"items", items}});
}

Result<Reply> CreateHandoverRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(int64_t shift_id, OptionalInt(body, "shift_id", 0));
  if (shift_id <= 0) return InvalidArgument("请选择交班的班次");
  MINYI_ASSIGN_OR_RETURN(std::string content, RequireString(body, "content", 8000));
  MINYI_ASSIGN_OR_RETURN(int64_t id,
                         Svc(c).CreateHandover(Me(c), shift_id, content, OptionalString(body, "open_matters")));
  return JsonReply({{"id", id}}, 201);
}

Result<Reply> AckHandoverRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Svc(c).AckHandover(Me(c), id));
  return JsonReply({{"ok", true}});
}

Json SettingsJson(const RotaSettings& s) {
  return {{"ack_timeout_minutes", s.ack_timeout_minutes}, {"fallback_leader_user_id", s.fallback_leader_user_id}};
}

Result<Reply> GetSettingsRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(RotaSettings s, Svc(c).GetSettings());
  return JsonReply(SettingsJson(s));
}

Result<Reply> SaveSettingsRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  RotaSettings s;
  MINYI_ASSIGN_OR_RETURN(s.ack_timeout_minutes, OptionalInt(body, "ack_timeout_minutes", 15));
  MINYI_ASSIGN_OR_RETURN(s.fallback_leader_user_id, OptionalInt(body, "fallback_leader_user_id", 0));
  MINYI_RETURN_IF_ERROR(Svc(c).SaveSettings(c.actor(), s));
  return JsonReply(SettingsJson(s));
}

}  // namespace

std::vector<Route> RotaRoutes() {
  const Access any = Access::AnyUser(), edit = Access::Only(kEdit), admin = Access::Only(kAdminOnly);
  return {
      {"GET", "/api/v1/rota/shifts", any, ListShiftsRoute, "值班表"},
      {"POST", "/api/v1/rota/shifts", edit, CreateShiftRoute, "新增班次"},
      {"PUT", "/api/v1/rota/shifts/{id}", edit, UpdateShiftRoute, "修改班次"},
      {"DELETE", "/api/v1/rota/shifts/{id}", edit, DeleteShiftRoute, "删除班次"},
      {"POST", "/api/v1/rota/swap", edit, SwapRoute, "调班（交换两个班次的值班人）"},
      {"POST", "/api/v1/rota/generate", edit, GenerateRoute, "按月生成排班"},
      {"GET", "/api/v1/rota/now", any, NowRoute, "当前值班与我的待确认数"},
      {"GET", "/api/v1/rota/people", edit, PeopleRoute, "可排班人员"},
      {"GET", "/api/v1/rota/periods", any, ListPeriodsRoute, "重要时段列表"},
      {"POST", "/api/v1/rota/periods", edit, CreatePeriodRoute, "新增重要时段"},
      {"PUT", "/api/v1/rota/periods/{id}", edit, UpdatePeriodRoute, "修改重要时段"},
      {"DELETE", "/api/v1/rota/periods/{id}", edit, DeletePeriodRoute, "删除重要时段"},
      {"GET", "/api/v1/rota/pages", any, ListPagesRoute, "值班提醒列表"},
      {"GET", "/api/v1/rota/pages/{id}", any, GetPageRoute, "值班提醒详情"},
      {"POST", "/api/v1/rota/pages/{id}/ack", any, AckPageRoute, "确认值班提醒"},
      {"GET", "/api/v1/rota/handovers", any, ListHandoversRoute, "交接班记录"},
      {"POST", "/api/v1/rota/handovers", any, CreateHandoverRoute, "填写交接班记录"},
      {"POST", "/api/v1/rota/handovers/{id}/ack", any, AckHandoverRoute, "确认接班"},
      {"GET", "/api/v1/rota/settings", any, GetSettingsRoute, "值班设置"},
      {"PUT", "/api/v1/rota/settings", admin, SaveSettingsRoute, "修改值班设置"},
  };
}

}  // namespace minyi
