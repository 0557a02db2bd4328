// The case workflow: permission rules, transitions, event log, queries.
#include "cases/cases.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "cases/cases_internal.h"
#include "cases/clocks.h"
#include "store/attachments.h"

namespace minyi {
namespace {

using nlohmann::json;

constexpr std::string_view kStateNames[] = {"received", "dispatched", "processing", "replied",
                                            "closed",   "evaluated",  "returned"};
constexpr std::string_view kStateLabels[] = {"待分派", "待签收", "办理中", "待审核", "已办结", "已评价", "已退回"};

bool AllSeeing(Role r) { return r == Role::kAdmin || r == Role::kLeader || r == Role::kReviewer; }

bool IsDispatcher(const CaseActor& a, const CaseRecord& c) {
  if (a.role == Role::kAdmin || a.role == Role::kLeader) return true;
  return a.role == Role::kHandler && a.unit_id != 0 && a.unit_id == c.dispatch_unit_id;
}

bool IsLead(const CaseActor& a, const CaseRecord& c) {
  return a.role == Role::kHandler && a.unit_id != 0 && a.unit_id == c.lead_unit_id;
}

bool IsCoHandler(const CaseActor& a, const CaseRecord& c) {
  return a.role == Role::kHandler && a.unit_id != 0 &&
         std::find(c.co_unit_ids.begin(), c.co_unit_ids.end(), a.unit_id) != c.co_unit_ids.end();
}

bool IsLeader(const CaseActor& a) { return a.role == Role::kLeader; }

struct Rule {
  std::string_view action;
  std::vector<CaseState> from;
  std::optional<CaseState> to;  // nullopt: state unchanged
  bool (*who)(const CaseActor&, const CaseRecord&);
  std::string_view who_label;
};

const std::vector<Rule>& Rules() {
  using S = CaseState;
  static const std::vector<Rule> kRules = {
      {"dispatch",
       {S::kReceived, S::kReturned},
       S::kDispatched,
       IsDispatcher,
       "分派人（领导、管理员或受理科室经办人）"},
      {"sign", {S::kDispatched}, S::kProcessing, IsLead, "承办部门经办人"},
      {"return", {S::kDispatched, S::kProcessing}, S::kReturned, IsLead, "承办部门经办人"},
      {"progress",
       {S::kProcessing},
       std::nullopt,
       [](const CaseActor& a, const CaseRecord& c) { return IsLead(a, c) || IsCoHandler(a, c); },
       "承办或协办部门经办人"},
      {"reply", {S::kProcessing}, S::kReplied, IsLead, "承办部门经办人"},
      {"approve", {S::kReplied}, S::kClosed, [](const CaseActor& a, const CaseRecord&) { return IsLeader(a); }, "领导"},
      {"reject",
       {S::kReplied},
       S::kProcessing,
       [](const CaseActor& a, const CaseRecord&) { return IsLeader(a); },
       "领导"},
      {"evaluate", {S::kClosed}, S::kEvaluated, IsDispatcher, "分派人（领导、管理员或受理科室经办人）"},
      {"extend_request", {S::kDispatched, S::kProcessing}, std::nullopt, IsLead, "承办部门经办人"},
      {"extend_approve",
       {S::kDispatched, S::kProcessing, S::kReplied},
       std::nullopt,
       [](const CaseActor& a, const CaseRecord&) { return IsLeader(a); },
       "领导"},
      {"extend_reject",
       {S::kDispatched, S::kProcessing, S::kReplied},
       std::nullopt,
       [](const CaseActor& a, const CaseRecord&) { return IsLeader(a); },
       "领导"},
      {"reopen", {S::kClosed, S::kEvaluated}, S::kProcessing, IsDispatcher, "分派人（领导、管理员或受理科室经办人）"},
      {"pause",
       {S::kReceived, S::kDispatched, S::kProcessing, S::kReturned},
       std::nullopt,
       [](const CaseActor& a, const CaseRecord& c) { return IsLead(a, c) || IsDispatcher(a, c); },
       "承办部门经办人或分派人"},
      {"resume",
       {S::kReceived, S::kDispatched, S::kProcessing, S::kReturned},
       std::nullopt,
       [](const CaseActor& a, const CaseRecord& c) { return IsLead(a, c) || IsDispatcher(a, c); },
       "承办部门经办人或分派人"},
  };
  return kRules;
}

const Rule* FindRule(std::string_view action) {
  for (const Rule& r : Rules()) {
    if (r.action == action) return &r;
  }
  return nullptr;
}

// Extra conditions beyond state and person (pending extension, pause).
Status ExtraCondition(std::string_view action, const CaseRecord& c) {
  if (action == "extend_request" && c.extension_pending) return FailedPrecondition("已有待审批的延期申请");
  if ((action == "extend_approve" || action == "extend_reject") && !c.extension_pending) {
    return FailedPrecondition("该事项没有待审批的延期申请");
  }
  if (action == "pause" && c.paused) return FailedPrecondition("该事项已暂停计时");
  if (action == "resume" && !c.paused) return FailedPrecondition("该事项未暂停计时");
  if (action == "reply" && c.paused) return FailedPrecondition("该事项正在暂停计时，请先恢复计时再答复");
  return Status::Ok();
}

Status CheckRule(const CaseActor& a, const CaseRecord& c, std::string_view action) {
  const Rule* rule = FindRule(action);
  if (!rule) return InvalidArgument("未知的操作：" + std::string(action));
  if (std::find(rule->from.begin(), rule->from.end(), c.state) == rule->from.end()) {
    return FailedPrecondition("事项当前状态为“" + std::string(CaseStateLabel(c.state)) + "”，不能" +
                              std::string(CaseActionLabel(action)));
  }
  if (!rule->who(a, c)) {
    return PermissionDenied("只有" + std::string(rule->who_label) + "可以" + std::string(CaseActionLabel(action)) +
                            "该事项");
  }
  return ExtraCondition(action, c);
}

// The SQL form of "AllowedActions has something besides progress, pause and
// resume" on an open case, so 我的待办 pages in SQL. Mirrors Rules():
// dispatch (received/returned) for dispatchers; sign/return/reply/extension
// requests (dispatched/processing) for the lead department; approve/reject
// (replied) and extension decisions for leaders. Tested against
// AllowedActions in tests/cases.
std::string ActionableWhere(const CaseActor& a, SqlParams& p) {
  const std::string to_dispatch = "state IN ('received', 'returned')";
  switch (a.role) {
    case Role::kAdmin:
      return "(" + to_dispatch + ")";
    case Role::kLeader:
      return "(" + to_dispatch +
             " OR state = 'replied' OR (extension_pending = 1 AND state IN ('dispatched', 'processing')))";
    case Role::kHandler:
      if (a.unit_id == 0) return "1 = 0";
      p.insert(p.end(), {a.unit_id, a.unit_id});
      return "((dispatch_unit_id = ? AND " + to_dispatch +
             ") OR (lead_unit_id = ? AND state IN ('dispatched', 'processing')))";
    default:
      return "1 = 0";
  }
}

bool OneOf(const std::string& v, std::initializer_list<std::string_view> options) {
  for (auto o : options) {
    if (v == o) return true;
  }
  return false;
}

Status RequireText(const std::string& text, const char* what, size_t max_bytes) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return InvalidArgument(std::string("请填写") + what);
  if (text.size() > max_bytes) {
    return InvalidArgument(std::string(what) + "过长（上限 " + std::to_string(max_bytes / 3) + " 字）");
  }
  return Status::Ok();
}

std::optional<UnixSeconds> OptTime(const Rows& r, size_t i, const char* col) {
  if (r.IsNull(i, col)) return std::nullopt;
  return r.Int(i, col);
}

}  // namespace

std::string_view CaseStateName(CaseState s) { return kStateNames[static_cast<int>(s)]; }
std::string_view CaseStateLabel(CaseState s) { return kStateLabels[static_cast<int>(s)]; }

Result<CaseState> ParseCaseState(std::string_view name) {
  for (size_t i = 0; i < std::size(kStateNames); ++i) {
    if (kStateNames[i] == name) return static_cast<CaseState>(i);
  }
  return InvalidArgument("未知的事项状态：" + std::string(name.substr(0, 40)));
}

bool CaseIsOpen(CaseState s) { return s != CaseState::kClosed && s != CaseState::kEvaluated; }

std::string_view CaseActionLabel(std::string_view a) {
  static const std::pair<std::string_view, std::string_view> kLabels[] = {{"create", "受理"},
                                                                          {"dispatch", "分派"},
                                                                          {"sign", "签收"},
                                                                          {"return", "退回"},
                                                                          {"progress", "办理/核实"},
                                                                          {"reply", "答复"},
                                                                          {"approve", "审核通过并办结"},
                                                                          {"reject", "审核退回"},
                                                                          {"evaluate", "回访评价"},
                                                                          {"extend_request", "申请延期"},
                                                                          {"extend_approve", "批准延期"},
                                                                          {"extend_reject", "不予延期"},
                                                                          {"reopen", "重办"},
                                                                          {"pause", "暂停计时"},
                                                                          {"resume", "恢复计时"},
                                                                          {"remind", "时限提醒"}};
  for (auto [k, v] : kLabels) {
    if (k == a) return v;
  }
  return a;
}

std::string_view CaseOriginLabel(std::string_view o) {
  if (o == "monitor_event") return "监测事件";
  if (o == "monitor_item") return "监测信息";
  if (o == "superior") return "上级交办";
  if (o == "complaint") return "群众诉求";
  return "手工登记";
}

std::string_view CaseTypeLabel(std::string_view t) { return t == "complex" ? "复杂" : "一般"; }
std::string_view CasePriorityLabel(std::string_view p) { return p == "urgent" ? "紧急" : "普通"; }

std::string_view SatisfactionLabel(int score) {
  static const std::string_view kLabels[] = {"", "非常不满意", "不满意", "基本满意", "满意", "非常满意"};
  return score >= 1 && score <= 5 ? kLabels[score] : "";
}

int64_t TimeLimit::Seconds(const WorkCalendar& cal) const {
  if (unit == "hours" || unit == "work_hours") return amount * 3600;
  return amount * cal.office_hours().SecondsPerDay();
}

std::string TimeLimit::Label() const {
  if (unit == "hours") return std::to_string(amount) + "小时";
  if (unit == "work_hours") return std::to_string(amount) + "个工作小时";
  return std::to_string(amount) + "个工作日";
}

std::string CaseToAuditJson(const CaseRecord& c) {
  json co = json::array();
  for (int64_t u : c.co_unit_ids) co.push_back(u);
  return json{{"code", c.code},
              {"title", c.title},
              {"state", CaseStateName(c.state)},
              {"lead_unit_id", c.lead_unit_id},
              {"co_unit_ids", co},
              {"extension_days", c.extension_days},
              {"paused", c.paused}}
      .dump();
}

Result<CaseRecord> CaseService::GetIn(Database& tx, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows r, tx.QueryOne("SELECT * FROM cases WHERE id = ?", {id}, "找不到该处置事项"));
  CaseRecord c = CaseFromRow(r, 0);
  MINYI_ASSIGN_OR_RETURN(Rows co,
                         tx.Query("SELECT unit_id FROM case_co_units WHERE case_id = ? ORDER BY unit_id", {id}));
  for (size_t i = 0; i < co.size(); ++i) c.co_unit_ids.push_back(co.Int(i, "unit_id"));
  return c;
}

CaseRecord CaseFromRow(const Rows& r, size_t i) {
  CaseRecord c;
  c.id = r.Int(i, "id");
  c.code = r.Text(i, "code");
  c.title = r.Text(i, "title");
  c.description = r.Text(i, "description");
  c.origin = r.Text(i, "origin");
  c.origin_ref = r.Text(i, "origin_ref");
  c.channel = r.Text(i, "channel");
  c.category = r.Text(i, "category");
  c.region = r.Text(i, "region");
  c.case_type = r.Text(i, "case_type");
  c.priority = r.Text(i, "priority");
  c.state = ParseCaseState(r.Text(i, "state")).ok() ? *ParseCaseState(r.Text(i, "state")) : CaseState::kReceived;
  c.dispatch_unit_id = r.Int(i, "dispatch_unit_id");
  c.lead_unit_id = r.Int(i, "lead_unit_id");
  c.superior_deadline = OptTime(r, i, "superior_deadline");
  c.extension_days = r.Int(i, "extension_days");
  c.extension_pending = r.Int(i, "extension_pending") != 0;
  c.paused = r.Int(i, "paused") != 0;
  if (!r.IsNull(i, "satisfaction")) c.satisfaction = static_cast<int>(r.Int(i, "satisfaction"));
  c.received_at = r.Int(i, "received_at");
  c.signed_at = OptTime(r, i, "signed_at");
  c.first_reply_at = OptTime(r, i, "first_reply_at");
  c.closed_at = OptTime(r, i, "closed_at");
  c.evaluated_at = OptTime(r, i, "evaluated_at");
  c.created_by = r.Int(i, "created_by");
  c.updated_at = r.Int(i, "updated_at");
  return c;
}

Result<CaseRecord> CaseService::Get(int64_t id) { return GetIn(db_, id); }

Result<std::vector<CaseEvent>> CaseService::Events(int64_t id) { return LoadCaseEvents(db_, id); }

Result<std::vector<CaseEvent>> LoadCaseEvents(Database& db, int64_t case_id) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT * FROM case_events WHERE case_id = ? ORDER BY at, id", {case_id}));
  std::vector<CaseEvent> out;
  for (size_t i = 0; i < r.size(); ++i) {
    out.push_back({r.Int(i, "id"), r.Int(i, "case_id"), r.Int(i, "at"), r.Int(i, "actor_id"), r.Text(i, "actor_name"),
                   r.Text(i, "action"), r.Text(i, "from_state"), r.Text(i, "to_state"), r.Text(i, "note"),
                   r.Text(i, "data_json")});
  }
  return out;
}

Status AppendCaseEvent(Database& tx, const Clock& clock, const Actor& actor, int64_t case_id, std::string_view action,
                       CaseState from, CaseState to, const std::string& note, const std::string& data_json) {
  return tx
      .Execute(
          "INSERT INTO case_events(case_id, at, actor_id, actor_name, action, from_state, to_state, note, data_json) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {case_id, clock.Now(), actor.id == 0 ? SqlValue() : SqlValue(actor.id), actor.name, action,
           CaseStateName(from), CaseStateName(to), note, data_json})
      .status();
}

Status StoreDueAt(Database& tx, int64_t case_id, UnixSeconds due_at) {
  return tx.Execute("UPDATE cases SET due_at = ? WHERE id = ?", {due_at ? SqlValue(due_at) : SqlValue(), case_id})
      .status();
}

Status RefreshDueAt(Database& tx, const WorkCalendar& cal, int64_t case_id, UnixSeconds now) {
  MINYI_ASSIGN_OR_RETURN(Rows r, tx.QueryOne("SELECT * FROM cases WHERE id = ?", {case_id}, "找不到该处置事项"));
  CaseRecord c = CaseFromRow(r, 0);
  MINYI_ASSIGN_OR_RETURN(auto events, LoadCaseEvents(tx, case_id));
  MINYI_ASSIGN_OR_RETURN(SlaRule rule, FindSlaRule(tx, c.case_type, c.priority));
  return StoreDueAt(tx, case_id, EarliestRunningDeadline(c, ComputeClocks(c, events, rule, cal, now)));
}

Result<int64_t> CaseService::Create(const CaseActor& a, const NewCase& n) {
  if (!OneOf(n.origin, {"monitor_event", "monitor_item", "superior", "complaint", "manual"})) {
    return InvalidArgument("事项来源应为 monitor_event、monitor_item、superior、complaint 或 manual");
  }
  if (!OneOf(n.case_type, {"general", "complex"}))
    return InvalidArgument("事项类型应为 general（一般）或 complex（复杂）");
  if (!OneOf(n.priority, {"normal", "urgent"})) return InvalidArgument("紧急程度应为 normal（普通）或 urgent（紧急）");
  MINYI_RETURN_IF_ERROR(RequireText(n.title, "事项标题", 600));
  if (n.description.size() > 60000) return InvalidArgument("事项描述过长（上限 20000 字）");
  if (n.origin_ref.size() > 200 || n.channel.size() > 100 || n.category.size() > 200 || n.region.size() > 200) {
    return InvalidArgument("来源编号、渠道、类别或区域过长");
  }
  if ((n.origin == "monitor_event" || n.origin == "monitor_item" || n.origin == "superior") && n.origin_ref.empty()) {
    return InvalidArgument(n.origin == "superior" ? "上级交办事项须填写交办文号" : "请注明监测事件或信息的编号");
  }
  // 上级交办 comes with the superior's required deadline, which binds the
  // closure clock (clocks.h); without it the case could not be judged.
  if (n.origin == "superior" && !n.superior_deadline) return InvalidArgument("上级交办事项须填写交办时限");
  UnixSeconds now = clock_.Now();
  UnixSeconds received = n.received_at.value_or(now);
  if (received > now + 300) return InvalidArgument("受理时间不能晚于当前时间");
  if (n.superior_deadline && *n.superior_deadline <= received) return InvalidArgument("交办时限应晚于受理时间");
  int64_t dispatch_unit = n.dispatch_unit_id ? n.dispatch_unit_id : a.unit_id;
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    // One click on 转为处置事项 twice must not open the same event twice.
    if (n.origin == "monitor_event" || n.origin == "monitor_item") {
      MINYI_ASSIGN_OR_RETURN(Rows dup, tx.Query("SELECT code FROM cases WHERE origin = ? AND origin_ref = ? AND state "
                                                "NOT IN ('closed', 'evaluated') LIMIT 1",
                                                {n.origin, n.origin_ref}));
      if (!dup.empty()) {
        return FailedPrecondition(std::string(n.origin == "monitor_event" ? "该监测事件" : "该监测信息") +
                                  "已转为处置事项 " + dup.Text(0, "code") + "，尚未办结");
      }
    }
    CivilDate date = CivilFromDay(LocalDay(received));
    MINYI_ASSIGN_OR_RETURN(int64_t seq, tx.QueryInt("SELECT COUNT(*) FROM cases WHERE code LIKE ?",
                                                    {"SJ-" + std::to_string(date.year) + "-%"}));
    char code[32];
    std::snprintf(code, sizeof code, "SJ-%04d-%04lld", date.year, static_cast<long long>(seq + 1));
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId(
                "INSERT INTO cases(code, title, description, origin, origin_ref, channel, category, region, case_type, "
                "priority, state, dispatch_unit_id, superior_deadline, received_at, created_by, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                {std::string(code), n.title, n.description, n.origin, n.origin_ref, n.channel, n.category, n.region,
                 n.case_type, n.priority, "received", dispatch_unit ? SqlValue(dispatch_unit) : SqlValue(),
                 n.superior_deadline, received, a.actor.id ? SqlValue(a.actor.id) : SqlValue(), now}));
    json data{{"origin", n.origin}, {"origin_ref", n.origin_ref}};
    MINYI_RETURN_IF_ERROR(
        tx.Execute("INSERT INTO case_events(case_id, at, actor_id, actor_name, action, from_state, "
                   "to_state, note, data_json) VALUES (?, ?, ?, ?, 'create', '', 'received', '', ?)",
                   {id, received, a.actor.id ? SqlValue(a.actor.id) : SqlValue(), a.actor.name, data.dump()})
            .status());
    MINYI_RETURN_IF_ERROR(RefreshDueAt(tx, calendar_, id, now));
    MINYI_ASSIGN_OR_RETURN(CaseRecord saved, GetIn(tx, id));
    return AppendAudit(tx, clock_, a.actor, {"create", "case", std::to_string(id), "null", CaseToAuditJson(saved)});
  }));
  return id;
}

Status CaseService::Transition(const CaseActor& a, int64_t id, std::string_view action, const std::string& note,
                               const std::string& data_json,
                               const std::function<Status(Database&, CaseRecord&)>& apply) {
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(CaseRecord c, GetIn(tx, id));
    MINYI_RETURN_IF_ERROR(CheckRule(a, c, action));
    std::string before = CaseToAuditJson(c);
    CaseState from = c.state;
    const Rule* rule = FindRule(action);
    if (rule->to) c.state = *rule->to;
    if (apply) MINYI_RETURN_IF_ERROR(apply(tx, c));
    UnixSeconds now = clock_.Now();
    c.updated_at = now;
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE cases SET state = ?, lead_unit_id = ?, extension_days = ?, extension_pending = ?, "
                   "paused = ?, satisfaction = ?, signed_at = ?, first_reply_at = ?, closed_at = ?, evaluated_at = ?, "
                   "updated_at = ? WHERE id = ?",
                   {CaseStateName(c.state), c.lead_unit_id ? SqlValue(c.lead_unit_id) : SqlValue(), c.extension_days,
                    c.extension_pending, c.paused, c.satisfaction, c.signed_at, c.first_reply_at, c.closed_at,
                    c.evaluated_at, now, id})
            .status());
    MINYI_RETURN_IF_ERROR(AppendCaseEvent(tx, clock_, a.actor, id, action, from, c.state, note, data_json));
    MINYI_RETURN_IF_ERROR(RefreshDueAt(tx, calendar_, id, now));
    return AppendAudit(
        tx, clock_, a.actor,
        {std::string("case_") + std::string(action), "case", std::to_string(id), before, CaseToAuditJson(c)});
  });
}

Status CaseService::Dispatch(const CaseActor& a, int64_t id, int64_t lead, const std::vector<int64_t>& co,
                             const std::string& note) {
  if (lead <= 0) return InvalidArgument("请选择承办部门");
  if (co.size() > 20) return InvalidArgument("协办部门过多（上限 20 个）");
  if (note.size() > 3000) return InvalidArgument("分派意见过长（上限 1000 字）");
  json data{{"lead_unit_id", lead}, {"co_unit_ids", co}};
  return Transition(a, id, "dispatch", note, data.dump(), [&](Database& tx, CaseRecord& c) -> Status {
    std::vector<int64_t> units = co;
    units.push_back(lead);
    for (int64_t u : units) {
      MINYI_ASSIGN_OR_RETURN(int64_t n, tx.QueryInt("SELECT COUNT(*) FROM units WHERE id = ? AND active = 1", {u}));
      if (n == 0) return InvalidArgument("承办或协办部门不存在或已停用（编号 " + std::to_string(u) + "）");
    }
    c.lead_unit_id = lead;
    c.signed_at.reset();
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM case_co_units WHERE case_id = ?", {id}).status());
    c.co_unit_ids.clear();
    for (int64_t u : co) {
      if (u == lead || std::find(c.co_unit_ids.begin(), c.co_unit_ids.end(), u) != c.co_unit_ids.end()) continue;
      MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO case_co_units(case_id, unit_id) VALUES (?, ?)", {id, u}).status());
      c.co_unit_ids.push_back(u);
    }
    return Status::Ok();
  });
}

Status CaseService::Sign(const CaseActor& a, int64_t id) {
  return Transition(a, id, "sign", "", "{}", [&](Database&, CaseRecord& c) {
    c.signed_at = clock_.Now();
    return Status::Ok();
  });
}

Status CaseService::Return(const CaseActor& a, int64_t id, const std::string& reason) {
  MINYI_RETURN_IF_ERROR(RequireText(reason, "退回理由", 3000));
  return Transition(a, id, "return", reason, "{}", [&](Database&, CaseRecord& c) {
    c.signed_at.reset();
    return Status::Ok();
  });
}

Status CaseService::AddProgress(const CaseActor& a, int64_t id, const std::string& note) {
  MINYI_RETURN_IF_ERROR(RequireText(note, "办理情况", 6000));
  return Transition(a, id, "progress", note, "{}", nullptr);
}

Status CaseService::Reply(const CaseActor& a, int64_t id, const std::string& text,
                          const std::vector<int64_t>& attachment_ids) {
  MINYI_RETURN_IF_ERROR(RequireText(text, "答复内容", 30000));
  if (attachment_ids.size() > 20) return InvalidArgument("证明材料过多（上限 20 个）");
  json data{{"attachments", attachment_ids}};
  return Transition(a, id, "reply", text, data.dump(), [&](Database& tx, CaseRecord& c) -> Status {
    for (int64_t att : attachment_ids) {
      Status st = AttachToOwner(tx, clock_, a.actor, att, "case_reply", id);
      if (!st.ok()) return st.WithContext("证明材料 " + std::to_string(att));
    }
    if (!c.first_reply_at) c.first_reply_at = clock_.Now();
    return Status::Ok();
  });
}

Status CaseService::Approve(const CaseActor& a, int64_t id, const std::string& note) {
  if (note.size() > 3000) return InvalidArgument("审核意见过长（上限 1000 字）");
  return Transition(a, id, "approve", note, "{}", [&](Database&, CaseRecord& c) {
    c.closed_at = clock_.Now();
    return Status::Ok();
  });
}

Status CaseService::RejectReply(const CaseActor& a, int64_t id, const std::string& reason) {
  MINYI_RETURN_IF_ERROR(RequireText(reason, "退回理由", 3000));
  return Transition(a, id, "reject", reason, "{}", nullptr);
}

Status CaseService::Evaluate(const CaseActor& a, int64_t id, int satisfaction, const std::string& note) {
  if (satisfaction < 1 || satisfaction > 5) return InvalidArgument("满意度应为 1（非常不满意）到 5（非常满意）");
  if (note.size() > 3000) return InvalidArgument("回访情况过长（上限 1000 字）");
  json data{{"satisfaction", satisfaction}};
  return Transition(a, id, "evaluate", note, data.dump(), [&](Database&, CaseRecord& c) {
    c.satisfaction = satisfaction;
    c.evaluated_at = clock_.Now();
    return Status::Ok();
  });
}

Status CaseService::RequestExtension(const CaseActor& a, int64_t id, int64_t days, const std::string& reason) {
  if (days < 1 || days > 60) return InvalidArgument("延期天数应为 1 到 60 个工作日");
  MINYI_RETURN_IF_ERROR(RequireText(reason, "延期理由", 3000));
  json data{{"days", days}};
  return Transition(a, id, "extend_request", reason, data.dump(), [&](Database&, CaseRecord& c) {
    c.extension_pending = true;
    return Status::Ok();
  });
}

Status CaseService::DecideExtension(const CaseActor& a, int64_t id, bool approve, const std::string& note) {
  if (note.size() > 3000) return InvalidArgument("审批意见过长（上限 1000 字）");
  // The days come from the pending request in the event log.
  MINYI_ASSIGN_OR_RETURN(auto events, LoadCaseEvents(db_, id));
  int64_t days = 0;
  for (const CaseEvent& e : events) {
    if (e.action == "extend_request") days = json::parse(e.data_json, nullptr, false).value("days", int64_t{0});
  }
  json data{{"days", approve ? days : 0}};
  return Transition(a, id, approve ? "extend_approve" : "extend_reject", note, data.dump(),
                    [&](Database&, CaseRecord& c) {
                      c.extension_pending = false;
                      if (approve) c.extension_days += days;
                      return Status::Ok();
                    });
}

Status CaseService::Reopen(const CaseActor& a, int64_t id, const std::string& reason) {
  MINYI_RETURN_IF_ERROR(RequireText(reason, "重办理由", 3000));
  return Transition(a, id, "reopen", reason, "{}", [&](Database&, CaseRecord& c) {
    c.closed_at.reset();
    c.evaluated_at.reset();
    c.satisfaction.reset();
    return Status::Ok();
  });
}

Status CaseService::Pause(const CaseActor& a, int64_t id, const std::string& reason) {
  MINYI_RETURN_IF_ERROR(RequireText(reason, "暂停理由", 3000));
  return Transition(a, id, "pause", reason, "{}", [&](Database&, CaseRecord& c) {
    c.paused = true;
    return Status::Ok();
  });
}

Status CaseService::Resume(const CaseActor& a, int64_t id, const std::string& note) {
  if (note.size() > 3000) return InvalidArgument("说明过长（上限 1000 字）");
  return Transition(a, id, "resume", note, "{}", [&](Database&, CaseRecord& c) {
    c.paused = false;
    return Status::Ok();
  });
}

bool CaseService::CanView(const CaseActor& a, const CaseRecord& c) const {
  if (AllSeeing(a.role)) return true;
  if (c.created_by != 0 && c.created_by == a.actor.id) return true;
  if (a.unit_id == 0) return false;
  return a.unit_id == c.dispatch_unit_id || a.unit_id == c.lead_unit_id ||
         std::find(c.co_unit_ids.begin(), c.co_unit_ids.end(), a.unit_id) != c.co_unit_ids.end();
}

std::vector<std::string> CaseService::AllowedActions(const CaseActor& a, const CaseRecord& c) const {
  std::vector<std::string> out;
  for (const Rule& r : Rules()) {
    if (CheckRule(a, c, r.action).ok()) out.emplace_back(r.action);
  }
  return out;
}

Result<std::vector<CaseRecord>> CaseService::List(const CaseFilter& f, int64_t* total) {
  std::string where = " WHERE 1 = 1";
  SqlParams p;
  if (f.state) {
    where += " AND state = ?";
    p.emplace_back(CaseStateName(*f.state));
  }
  if (f.open_only) where += " AND state NOT IN ('closed', 'evaluated')";
  if (f.lead_unit_id) {
    where += " AND lead_unit_id = ?";
    p.emplace_back(f.lead_unit_id);
  }
  if (f.unit_id) {
    where +=
        " AND (lead_unit_id = ? OR dispatch_unit_id = ? OR id IN (SELECT case_id FROM case_co_units WHERE unit_id = "
        "?))";
    p.insert(p.end(), {f.unit_id, f.unit_id, f.unit_id});
  }
  if (f.actionable_for) {
    where += " AND " + ActionableWhere(*f.actionable_for, p);
  }
  if (f.due_by) {
    where += " AND (due_at IS NULL OR due_at <= ?)";
    p.emplace_back(*f.due_by);
  }
  if (!f.text.empty()) {
    where += " AND (title LIKE ? OR code LIKE ? OR description LIKE ?)";
    std::string like = "%" + f.text + "%";
    p.insert(p.end(), {like, like, like});
  }
  if (total) {
    MINYI_ASSIGN_OR_RETURN(*total, db_.QueryInt("SELECT COUNT(*) FROM cases" + where, p));
  }
  SqlParams page = p;
  page.emplace_back(f.limit);
  page.emplace_back(f.offset);
  MINYI_ASSIGN_OR_RETURN(
      Rows r, db_.Query("SELECT * FROM cases" + where + " ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?", page));
  std::vector<CaseRecord> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(CaseFromRow(r, i));
  if (out.empty()) return out;
  // One query for the page's co-departments.
  std::string ids;
  std::map<int64_t, CaseRecord*> by_id;
  for (CaseRecord& c : out) {
    ids += (ids.empty() ? "" : ", ") + std::to_string(c.id);
    by_id[c.id] = &c;
  }
  MINYI_ASSIGN_OR_RETURN(
      Rows co, db_.Query("SELECT case_id, unit_id FROM case_co_units WHERE case_id IN (" + ids + ") ORDER BY unit_id"));
  for (size_t i = 0; i < co.size(); ++i) by_id[co.Int(i, "case_id")]->co_unit_ids.push_back(co.Int(i, "unit_id"));
  return out;
}

}  // namespace minyi
