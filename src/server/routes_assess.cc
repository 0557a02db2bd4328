// 研判与报送 API: opinion-risk assessments (风险评估) and briefings sent upward
// (信息报送). See src/assess/assess.h for the rules.
//
// Roles: staff (admin, leader, reviewer, editor, handler) create and edit,
// score, add and complete measures, draft, submit and send briefings and
// record adoption; a leader (or admin) confirms an assessment's level and
// approves or returns briefings; only the admin edits scoring items.
#include "assess/assess.h"
#include "common/calendar.h"
#include "notify/notify.h"
#include "server/api.h"

namespace minyi {

struct AssessModule {};

Result<std::shared_ptr<AssessModule>> StartAssessModule(Services&) { return std::shared_ptr<AssessModule>(); }

namespace {

const std::set<Role> kStaff = {Role::kAdmin, Role::kLeader, Role::kReviewer, Role::kEditor, Role::kHandler};
const std::set<Role> kLeaders = {Role::kAdmin, Role::kLeader};

AssessService Assess(ApiCall& c) { return AssessService(c.services->store->db(), *c.services->clock); }
BriefingService Briefings(ApiCall& c) { return BriefingService(c.services->store->db(), *c.services->clock); }

Reply Ok() { return JsonReply({{"ok", true}}); }

std::string Iso(UnixSeconds t) { return t == 0 ? "" : FormatIsoUtc(t); }

Reply Docx(std::string bytes, const std::string& name) {
  Reply r;
  r.raw = std::move(bytes);
  r.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".docx\"");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

Result<std::vector<std::string>> Words(const Json& body, const char* key) {
  std::vector<std::string> out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  if (it->is_string()) {
    // "甲、乙 丙" as typed into one box.
    if (it->get<std::string>().size() > 2000) return InvalidArgument(std::string("字段 ") + key + " 过长");
    return SplitWords(it->get<std::string>());
  }
  if (!it->is_array() || it->size() > 50) return InvalidArgument(std::string("字段 ") + key + " 应为词语数组");
  for (const auto& v : *it) {
    if (!v.is_string()) return InvalidArgument(std::string("字段 ") + key + " 应为词语数组");
    if (!v.get<std::string>().empty()) out.push_back(v.get<std::string>());
  }
  return out;
}

Result<EvidenceRule> RuleFromBody(const Json& body) {
  EvidenceRule r;
  MINYI_ASSIGN_OR_RETURN(r.keywords, Words(body, "keywords"));
  MINYI_ASSIGN_OR_RETURN(r.regions, Words(body, "regions"));
  MINYI_ASSIGN_OR_RETURN(r.excludes, Words(body, "excludes"));
  return r;
}

Result<Assessment> AssessmentFromBody(const Json& body) {
  Assessment a;
  MINYI_ASSIGN_OR_RETURN(a.title, RequireString(body, "title", 400));
  a.decision = OptionalString(body, "decision");
  a.affected = OptionalString(body, "affected");
  a.timing = OptionalString(body, "timing");
  MINYI_ASSIGN_OR_RETURN(EvidenceRule r, RuleFromBody(body));
  a.keywords = r.keywords;
  a.regions = r.regions;
  a.excludes = r.excludes;
  return a;
}

Json ItemJson(const AssessItem& it) {
  return {{"id", it.id},        {"dimension", it.dimension}, {"dimension_label", AssessDimensionLabel(it.dimension)},
          {"title", it.title},  {"weight", it.weight},       {"sort_order", it.sort_order},
          {"active", it.active}};
}

Json ProposalJson(const LevelProposal& p) {
  Json dims = Json::array();
  for (const auto& [d, v] : p.by_dimension)
    dims.push_back({{"dimension", d}, {"label", AssessDimensionLabel(d)}, {"score", v}});
  return {{"level", p.level},
          {"level_label", RiskLevelLabel(p.level)},
          {"weighted", p.weighted},
          {"reasons", p.reasons},
          {"by_dimension", dims}};
}

Json AssessmentJson(const Assessment& a) {
  Json j{{"id", a.id},
         {"title", a.title},
         {"decision", a.decision},
         {"affected", a.affected},
         {"timing", a.timing},
         {"keywords", a.keywords},
         {"regions", a.regions},
         {"excludes", a.excludes},
         {"status", a.status},
         {"status_label", a.status == "confirmed" ? "已确认" : "评估中"},
         {"proposed_level", a.proposed_level},
         {"final_level", a.final_level},
         {"final_level_label", a.final_level.empty() ? "" : std::string(RiskLevelLabel(a.final_level))},
         {"override_reason", a.override_reason},
         {"confirm_note", a.confirm_note},
         {"created_by_name", a.created_by_name},
         {"confirmed_by_name", a.confirmed_by_name},
         {"created_at", Iso(a.created_at)},
         {"updated_at", Iso(a.updated_at)},
         {"confirmed_at", Iso(a.confirmed_at)}};
  Json scores = Json::array();
  for (const ScoreEntry& s : a.scores) scores.push_back({{"item_id", s.item_id}, {"score", s.score}, {"note", s.note}});
  j["scores"] = scores;
  Json measures = Json::array();
  int64_t open = 0;
  for (const Measure& m : a.measures) {
    open += m.status == "open";
    measures.push_back({{"id", m.id},
                        {"content", m.content},
                        {"owner", m.owner},
                        {"deadline", m.deadline ? FormatDate(LocalDay(m.deadline)) : ""},
                        {"status", m.status},
                        {"status_label", m.status == "done" ? "已完成" : "未完成"},
                        {"done_note", m.done_note},
                        {"done_at", Iso(m.done_at)}});
  }
  j["measures"] = measures;
  j["open_measures"] = open;
  return j;
}

// ---- Assessment handlers ------------------------------------------------------

Result<Reply> ListItems(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto items, Assess(c).ListItems(c.QueryParam("all") != "1"));
  Json list = Json::array();
  for (const AssessItem& it : items) list.push_back(ItemJson(it));
  Json dims = Json::array();
  for (const std::string& d : AssessDimensions())
    dims.push_back({{"dimension", d}, {"label", AssessDimensionLabel(d)}});
  return JsonReply({{"items", list}, {"dimensions", dims}});
}

Result<Reply> SaveItems(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  auto it = body.find("items");
  if (it == body.end() || !it->is_array()) return InvalidArgument("缺少字段 items（评估事项数组）");
  if (it->size() > 100) return InvalidArgument("评估事项最多 100 项");
  std::vector<AssessItem> items;
  for (const Json& v : *it) {
    if (!v.is_object()) return InvalidArgument("评估事项格式不正确");
    AssessItem item;
    MINYI_ASSIGN_OR_RETURN(item.id, OptionalInt(v, "id", 0));
    MINYI_ASSIGN_OR_RETURN(item.dimension, RequireString(v, "dimension", 40));
    MINYI_ASSIGN_OR_RETURN(item.title, RequireString(v, "title", 1000));
    MINYI_ASSIGN_OR_RETURN(item.weight, OptionalInt(v, "weight", 0));
    items.push_back(std::move(item));
  }
  MINYI_RETURN_IF_ERROR(Assess(c).SaveItems(c.actor(), items));
  return ListItems(c);
}

Result<Reply> PreviewEvidence(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(EvidenceRule rule, RuleFromBody(body));
  MINYI_ASSIGN_OR_RETURN(Evidence e, GatherEvidence(c.services->store->db(), rule));
  return JsonReply({{"evidence", Json::parse(EvidenceToJson(e))}});
}

Result<Reply> ListAssessments(ApiCall& c) {
  int64_t limit = c.QueryInt("limit", 50, 1, 200), offset = c.QueryInt("offset", 0, 0, 1'000'000);
  MINYI_ASSIGN_OR_RETURN(auto list, Assess(c).List(limit, offset));
  Json out = Json::array();
  for (const Assessment& a : list) out.push_back(AssessmentJson(a));
  MINYI_ASSIGN_OR_RETURN(int64_t total, c.services->store->db().QueryInt("SELECT COUNT(*) FROM assess_assessments"));
  return JsonReply({{"assessments", out}, {"total", total}});
}

Result<Reply> CreateAssessment(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Assessment a, AssessmentFromBody(body));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Assess(c).Create(c.actor(), a));
  return JsonReply({{"id", id}}, 201);
}

Result<Reply> GetAssessment(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  AssessService svc = Assess(c);
  MINYI_ASSIGN_OR_RETURN(Assessment a, svc.Get(id));
  Evidence e;
  MINYI_ASSIGN_OR_RETURN(LevelProposal p, svc.Propose(id, &e));
  MINYI_ASSIGN_OR_RETURN(auto items, svc.ListItems(a.status == "confirmed" ? false : true));
  std::set<int64_t> scored;
  for (const ScoreEntry& s : a.scores) scored.insert(s.item_id);
  Json list = Json::array();
  for (const AssessItem& it : items) {
    // A confirmed assessment shows the items it was scored on, even if since deactivated.
    if (a.status == "confirmed" && !scored.count(it.id)) continue;
    list.push_back(ItemJson(it));
  }
  Json j = AssessmentJson(a);
  j["items"] = list;
  j["proposal"] = ProposalJson(p);
  j["evidence"] = Json::parse(EvidenceToJson(e));
  return JsonReply(j);
}

Result<Reply> UpdateAssessment(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Assessment a, AssessmentFromBody(body));
  a.id = id;
  MINYI_RETURN_IF_ERROR(Assess(c).Update(c.actor(), a));
  return Ok();
}

Result<Reply> SaveScores(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  auto it = body.find("scores");
  if (it == body.end() || !it->is_array() || it->size() > 100) return InvalidArgument("缺少字段 scores（评分数组）");
  std::vector<ScoreEntry> scores;
  for (const Json& v : *it) {
    if (!v.is_object()) return InvalidArgument("评分格式不正确");
    ScoreEntry s;
    MINYI_ASSIGN_OR_RETURN(s.item_id, OptionalInt(v, "item_id", 0));
    MINYI_ASSIGN_OR_RETURN(s.score, OptionalInt(v, "score", -1));
    s.note = OptionalString(v, "note");
    scores.push_back(std::move(s));
  }
  AssessService svc = Assess(c);
  MINYI_RETURN_IF_ERROR(svc.SaveScores(c.actor(), id, scores));
  MINYI_ASSIGN_OR_RETURN(LevelProposal p, svc.Propose(id));
  return JsonReply({{"proposal", ProposalJson(p)}});
}

Result<Reply> ConfirmAssessment(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_RETURN_IF_ERROR(Assess(c).Confirm(c.actor(), id, OptionalString(body, "level"), OptionalString(body, "reason"),
                                          OptionalString(body, "note")));
  return Ok();
}

Result<Reply> AddMeasure(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  Measure m;
  m.content = OptionalString(body, "content");
  m.owner = OptionalString(body, "owner");
  std::string deadline = OptionalString(body, "deadline");
  if (!deadline.empty()) {
    auto t = ParseLocalTime(deadline);
    if (!t.ok()) return InvalidArgument("完成时限日期格式无效：" + deadline);
    m.deadline = *t;
  }
  MINYI_ASSIGN_OR_RETURN(int64_t mid, Assess(c).AddMeasure(c.actor(), id, m));
  return JsonReply({{"id", mid}}, 201);
}

Result<Reply> CompleteMeasure(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_RETURN_IF_ERROR(Assess(c).CompleteMeasure(c.actor(), id, OptionalString(body, "note")));
  return Ok();
}

std::string OrgName(ApiCall& c) {
  auto org = OrgRepo(c.services->store->db(), *c.services->clock).GetOrganization();
  return org.ok() ? org->name : "";
}

Result<Reply> AssessmentDocx(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  AssessService svc = Assess(c);
  MINYI_ASSIGN_OR_RETURN(Assessment a, svc.Get(id));
  Evidence e;
  MINYI_ASSIGN_OR_RETURN(LevelProposal p, svc.Propose(id, &e));
  MINYI_ASSIGN_OR_RETURN(auto items, svc.ListItems(false));
  MINYI_ASSIGN_OR_RETURN(ReportDraft d, AssessmentDocument(a, items, p, e, OrgName(c)));
  MINYI_ASSIGN_OR_RETURN(std::string bytes, WriteDocx(d));
  return Docx(std::move(bytes), "assessment-" + std::to_string(id));
}

// ---- Briefing handlers ------------------------------------------------------------

Json BriefingJson(const Briefing& b) {
  return {{"id", b.id},
          {"kind", b.kind},
          {"kind_label", BriefingKindLabel(b.kind)},
          {"issue_no", b.issue_no},
          {"event_id", b.event_id},
          {"title", b.title},
          {"summary", b.summary},
          {"spread", b.spread},
          {"sentiment", b.sentiment},
          {"actions", b.actions},
          {"status", b.status},
          {"status_label", BriefingStatusLabel(b.status)},
          {"return_reason", b.return_reason},
          {"created_by_name", b.created_by_name},
          {"approved_by_name", b.approved_by_name},
          {"sent_to", b.sent_to},
          {"sent_by_name", b.sent_by_name},
          {"created_at", Iso(b.created_at)},
          {"updated_at", Iso(b.updated_at)},
          {"submitted_at", Iso(b.submitted_at)},
          {"approved_at", Iso(b.approved_at)},
          {"sent_at", Iso(b.sent_at)},
          {"adoption", b.adoption},
          {"adoption_label", b.status == "sent" ? std::string(AdoptionLabel(b.adoption)) : ""},
          {"adoption_note", b.adoption_note},
          {"adoption_at", Iso(b.adoption_at)}};
}

Result<Briefing> BriefingFromBody(const Json& body) {
  Briefing b;
  b.kind = OptionalString(body, "kind", "special");
  b.issue_no = OptionalString(body, "issue_no");
  MINYI_ASSIGN_OR_RETURN(b.event_id, OptionalInt(body, "event_id", 0));
  MINYI_ASSIGN_OR_RETURN(b.title, RequireString(body, "title", 400));
  b.summary = OptionalString(body, "summary");
  b.spread = OptionalString(body, "spread");
  b.sentiment = OptionalString(body, "sentiment");
  b.actions = OptionalString(body, "actions");
  return b;
}

Result<Reply> ListBriefings(ApiCall& c) {
  int64_t limit = c.QueryInt("limit", 50, 1, 200), offset = c.QueryInt("offset", 0, 0, 1'000'000);
  MINYI_ASSIGN_OR_RETURN(auto list, Briefings(c).List(c.QueryParam("status"), limit, offset));
  Json out = Json::array();
  for (const Briefing& b : list) out.push_back(BriefingJson(b));
  return JsonReply({{"briefings", out}});
}

Result<Reply> DraftBriefing(ApiCall& c) {
  int64_t event_id = c.QueryInt("event_id", 0, 0, INT64_MAX);
  if (event_id <= 0) return InvalidArgument("请指定事件编号 event_id");
  MINYI_ASSIGN_OR_RETURN(Briefing b, Briefings(c).DraftFromEvent(event_id));
  return JsonReply({{"briefing", BriefingJson(b)}});
}

Result<Reply> CreateBriefing(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Briefing b, BriefingFromBody(body));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Briefings(c).Create(c.actor(), b));
  return JsonReply({{"id", id}}, 201);
}

Result<Reply> GetBriefing(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Briefing b, Briefings(c).Get(id));
  return JsonReply(BriefingJson(b));
}

Result<Reply> UpdateBriefing(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Briefing b, BriefingFromBody(body));
  b.id = id;
  MINYI_RETURN_IF_ERROR(Briefings(c).Update(c.actor(), b));
  return Ok();
}

Result<Reply> SubmitBriefing(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Briefings(c).Submit(c.actor(), id));
  return Ok();
}

Result<Reply> ApproveBriefing(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Briefings(c).Approve(c.actor(), id));
  return Ok();
}

Result<Reply> ReturnBriefing(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_RETURN_IF_ERROR(Briefings(c).Return(c.actor(), id, OptionalString(body, "reason")));
  return Ok();
}

Result<Reply> SendBriefing(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(int64_t channel, OptionalInt(body, "email_channel_id", 0));
  MINYI_RETURN_IF_ERROR(Briefings(c).MarkSent(c.actor(), id, OptionalString(body, "to"), channel));
  return Ok();
}

Result<Reply> RecordAdoption(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_RETURN_IF_ERROR(
      Briefings(c).RecordAdoption(c.actor(), id, OptionalString(body, "adoption"), OptionalString(body, "note")));
  return Ok();
}

Result<Reply> BriefingDocx(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Briefing b, Briefings(c).Get(id));
  if (b.status != "approved" && b.status != "sent") return FailedPrecondition("领导审批通过后才能导出报送文稿");
  MINYI_ASSIGN_OR_RETURN(ReportDraft d, BriefingDocument(b, OrgName(c)));
  MINYI_ASSIGN_OR_RETURN(std::string bytes, WriteDocx(d));
  return Docx(std::move(bytes), "briefing-" + std::to_string(id));
}

Result<Reply> EmailChannels(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto channels, ListChannels(c.services->store->db()));
  Json out = Json::array();
  for (const Channel& ch : channels) {
    if (ch.kind == ChannelKind::kEmail && ch.enabled) out.push_back({{"id", ch.id}, {"name", ch.name}});
  }
  return JsonReply({{"channels", out}});
}

}  // namespace

std::vector<Route> AssessRoutes() {
  const std::string a = "/api/v1/assess/assessments", b = "/api/v1/assess/briefings";
  return {
      {"GET", "/api/v1/assess/items", Access::Only(kStaff), ListItems, "风险评估维度与评估事项"},
      {"PUT", "/api/v1/assess/items", Access::Only({Role::kAdmin}), SaveItems, "修改评估事项与权重"},
      {"POST", "/api/v1/assess/evidence-preview", Access::Only(kStaff), PreviewEvidence, "按关键词预览舆情证据"},
      {"GET", a, Access::Only(kStaff), ListAssessments, "风险评估列表"},
      {"POST", a, Access::Only(kStaff), CreateAssessment, "新建风险评估"},
      {"GET", a + "/{id}", Access::Only(kStaff), GetAssessment, "风险评估详情（含证据与建议等级）"},
      {"PUT", a + "/{id}", Access::Only(kStaff), UpdateAssessment, "修改风险评估"},
      {"PUT", a + "/{id}/scores", Access::Only(kStaff), SaveScores, "填写评估评分"},
      {"POST", a + "/{id}/confirm", Access::Only(kLeaders), ConfirmAssessment, "确认或调整风险等级"},
      {"POST", a + "/{id}/measures", Access::Only(kStaff), AddMeasure, "新增防范化解措施"},
      {"GET", a + "/{id}/docx", Access::Only(kStaff), AssessmentDocx, "下载风险评估报告（Word）"},
      {"POST", "/api/v1/assess/measures/{id}/complete", Access::Only(kStaff), CompleteMeasure, "措施完成销号"},
      {"GET", b, Access::Only(kStaff), ListBriefings, "信息报送列表"},
      {"GET", "/api/v1/assess/briefing-draft", Access::Only(kStaff), DraftBriefing, "根据事件起草报送文稿"},
      {"GET", "/api/v1/assess/email-channels", Access::Only(kStaff), EmailChannels, "可用于报送的电子邮件渠道"},
      {"POST", b, Access::Only(kStaff), CreateBriefing, "新建信息报送"},
      {"GET", b + "/{id}", Access::Only(kStaff), GetBriefing, "信息报送详情"},
      {"PUT", b + "/{id}", Access::Only(kStaff), UpdateBriefing, "修改信息报送"},
      {"POST", b + "/{id}/submit", Access::Only(kStaff), SubmitBriefing, "提交领导审批"},
      {"POST", b + "/{id}/approve", Access::Only(kLeaders), ApproveBriefing, "审批通过"},
      {"POST", b + "/{id}/return", Access::Only(kLeaders), ReturnBriefing, "退回修改"},
      {"POST", b + "/{id}/send", Access::Only(kStaff), SendBriefing, "登记报送（可发送电子邮件）"},
      {"POST", b + "/{id}/adoption", Access::Only(kStaff), RecordAdoption, "登记上级采用情况"},
      {"GET", b + "/{id}/docx", Access::Only(kStaff), BriefingDocx, "下载报送文稿（Word）"},
  };
}

}  // namespace minyi
