// API routes of the review desk (审校): channels, drafts and their versions,
// decisions, dismissed findings, the organization's lexicon and the
// publication ledger. The workflow itself lives in review/desk.h; this file
// only maps JSON to it.
#include <spdlog/spdlog.h>

#include <map>

#include "review/desk.h"
#include "review/findings_json.h"
#include "server/api.h"

namespace minyi {

// Holds the checker shared by every request; OrgChecker rebuilds and swaps
// it under its own mutex whenever the organization's lexicon changes.
struct ReviewModule {
  std::unique_ptr<OrgChecker> checker;
};

Result<std::shared_ptr<ReviewModule>> StartReviewModule(Services& services) {
  auto module = std::make_shared<ReviewModule>();
  module->checker = std::make_unique<OrgChecker>();
  Status st = module->checker->Reload(services.store->db());
  // The server still starts without lexicons (e.g. a broken install); the
  // desk retries on first use and reports the error to whoever submits.
  if (!st.ok()) spdlog::warn("审校词库加载失败：{}", st.ToString());
  return module;
}

namespace {

const std::set<Role> kStaff = {Role::kEditor, Role::kReviewer, Role::kLeader, Role::kAdmin};
const std::set<Role> kChannelEditors = {Role::kAdmin, Role::kLeader};
const std::set<Role> kLexiconKeepers = {Role::kReviewer, Role::kLeader, Role::kAdmin};

ReviewDesk Desk(ApiCall& c) {
  return ReviewDesk(c.services->store->db(), *c.services->clock, *c.services->review->checker);
}

std::string Time(UnixSeconds t) { return t > 0 ? FormatIsoUtc(t) : ""; }
std::string Date(UnixSeconds t) { return t > 0 ? FormatIsoUtc(t).substr(0, 10) : ""; }

Result<UnixSeconds> DateField(const Json& body, const char* key, UnixSeconds fallback) {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  if (!body[key].is_string()) return InvalidArgument(std::string("字段 ") + key + " 应为日期字符串，如 2026-11-23");
  std::string v = body[key].get<std::string>();
  if (v.empty()) return UnixSeconds{0};
  auto t = ParseIsoUtc(v);
  if (!t.ok()) return InvalidArgument(std::string("日期格式不正确：") + v + "（应为 2026-11-23）");
  return *t;
}

Json StagesJson(const std::vector<ReviewStage>& stages) {
  Json out = Json::array();
  for (ReviewStage s : stages) out.push_back({{"name", StageName(s)}, {"label", StageLabel(s)}});
  return out;
}

struct Names {
  std::map<int64_t, std::string> units, users;
};

Names LoadNames(ApiCall& c) {
  Names n;
  OrgRepo org(c.services->store->db(), *c.services->clock);
  if (auto units = org.ListUnits(true); units.ok()) {
    for (const Unit& u : *units) n.units[u.id] = u.name;
  }
  if (auto users = org.ListUsers(); users.ok()) {
    for (const User& u : *users) n.users[u.id] = u.display_name.empty() ? u.name : u.display_name;
  }
  return n;
}

Json ChannelToJson(const Channel& ch, Names& names) {
  return Json{{"id", ch.id},
              {"kind", ch.kind},
              {"kind_label", ChannelKindLabel(ch.kind)},
              {"name", ch.name},
              {"address", ch.address},
              {"unit_id", ch.unit_id},
              {"unit_name", ch.unit_id ? names.units[ch.unit_id] : ""},
              {"manager_id", ch.manager_id},
              {"manager_name", ch.manager_id ? names.users[ch.manager_id] : ""},
              {"stages", StagesJson(ch.stages)},
              {"last_check_on", Date(ch.last_check_at)},
              {"note", ch.note},
              {"active", ch.active},
              {"updated_at", Time(ch.updated_at)}};
}

Json DraftToJson(const Draft& d, const User& me) {
  bool mine = d.author_id == me.id || me.role == Role::kAdmin;
  bool decidable = d.state.stage && RoleMayDecide(me.role, *d.state.stage);
  bool editable = mine && d.state.status != DraftStatus::kRejected && d.state.status != DraftStatus::kPublished;
  return Json{{"id", d.id},
              {"channel_id", d.channel_id},
              {"channel_name", d.channel_name},
              {"title", d.title},
              {"author_id", d.author_id},
              {"author_name", d.author_name},
              {"status", DraftStatusName(d.state.status)},
              {"status_label", DraftStatusLabel(d.state.status)},
              {"stage", d.state.stage ? StageName(*d.state.stage) : ""},
              {"stage_label", d.state.stage ? StageLabel(*d.state.stage) : ""},
              {"required_stages", StagesJson(d.required)},
              {"current_version_id", d.current_version_id},
              {"version_count", d.version_count},
              {"finding_count", d.finding_count},
              {"stage_entered_at", Time(d.stage_entered_at)},
              {"created_at", Time(d.created_at)},
              {"updated_at", Time(d.updated_at)},
              {"published_on", Date(d.published_at)},
              {"published_url", d.published_url},
              {"can",
               {{"decide", decidable},
                {"edit", editable},
                {"withdraw", mine && d.state.status == DraftStatus::kInReview},
                {"publish", mine && d.state.status == DraftStatus::kApproved}}}};
}

Json VersionToJson(const DraftVersion& v, bool with_text) {
  Json j{{"id", v.id},
         {"draft_id", v.draft_id},
         {"number", v.number},
         {"sha256", v.sha256},
         {"finding_count", v.finding_count},
         {"source", v.source},
         {"author_name", v.author_name},
         {"created_at", Time(v.created_at)}};
  if (with_text) {
    j["text"] = v.text;
    Json findings = Json::array();
    for (const Finding& f : v.findings) {
      Json fj = FindingToJson(f);
      fj["category_label"] = CategoryLabel(f.category);
      fj["severity_label"] = SeverityLabel(f.severity);
      findings.push_back(std::move(fj));
    }
    j["findings"] = std::move(findings);
  }
  return j;
}

Json DecisionToJson(const DecisionRecord& r) {
  return Json{{"id", r.id},
              {"version_id", r.version_id},
              {"version_sha256", r.version_sha256},
              {"stage", StageName(r.stage)},
              {"stage_label", StageLabel(r.stage)},
              {"decision", DecisionName(r.decision)},
              {"decision_label", DecisionLabel(r.decision)},
              {"reviewer_id", r.reviewer_id},
              {"reviewer_name", r.reviewer_name},
              {"comment", r.comment},
              {"stage_seconds", r.stage_seconds},
              {"at", Time(r.at)}};
}

Json DismissalToJson(const Dismissal& d) {
  return Json{{"id", d.id},
              {"version_id", d.version_id},
              {"rule", d.rule},
              {"text", d.text},
              {"start", d.start},
              {"end", d.end},
              {"reason", d.reason},
              {"whitelisted", d.whitelisted},
              {"user_name", d.user_name},
              {"at", Time(d.at)}};
}

// ---- Channels.

Result<Channel> ChannelFromBody(const Json& body, Channel base) {
  MINYI_ASSIGN_OR_RETURN(base.name, RequireString(body, "name", 200));
  base.kind = OptionalString(body, "kind", base.kind.empty() ? "website" : base.kind);
  base.address = OptionalString(body, "address", base.address);
  base.note = OptionalString(body, "note", base.note);
  MINYI_ASSIGN_OR_RETURN(base.unit_id, OptionalInt(body, "unit_id", base.unit_id));
  MINYI_ASSIGN_OR_RETURN(base.manager_id, OptionalInt(body, "manager_id", base.manager_id));
  MINYI_ASSIGN_OR_RETURN(base.active, OptionalBool(body, "active", base.active));
  MINYI_ASSIGN_OR_RETURN(base.last_check_at, DateField(body, "last_check_on", base.last_check_at));
  if (body.contains("stages")) {
    const Json& s = body["stages"];
    std::string csv;
    if (s.is_string()) {
      csv = s.get<std::string>();
    } else if (s.is_array()) {
      for (const Json& x : s) {
        if (!x.is_string()) return InvalidArgument("字段 stages 应为环节名称数组，如 [\"first\",\"final\"]");
        csv += (csv.empty() ? "" : ",") + x.get<std::string>();
      }
    } else {
      return InvalidArgument("字段 stages 应为环节名称数组，如 [\"first\",\"final\"]");
    }
    MINYI_ASSIGN_OR_RETURN(base.stages, ParseStageList(csv));
  }
  return base;
}

Result<Reply> ListChannels(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto channels, Desk(c).ListChannels(c.QueryParam("include_inactive") == "1"));
  Names names = LoadNames(c);
  Json out = Json::array();
  for (const Channel& ch : channels) out.push_back(ChannelToJson(ch, names));
  return JsonReply({{"channels", out}});
}

Result<Reply> CreateChannel(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Channel ch, ChannelFromBody(body, Channel{}));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Desk(c).CreateChannel(c.session->user, ch));
  MINYI_ASSIGN_OR_RETURN(Channel saved, Desk(c).GetChannel(id));
  Names names = LoadNames(c);
  return JsonReply(ChannelToJson(saved, names), 201);
}

Result<Reply> UpdateChannel(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Channel current, Desk(c).GetChannel(id));
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Channel ch, ChannelFromBody(body, current));
  MINYI_RETURN_IF_ERROR(Desk(c).UpdateChannel(c.session->user, ch));
  MINYI_ASSIGN_OR_RETURN(Channel saved, Desk(c).GetChannel(id));
  Names names = LoadNames(c);
  return JsonReply(ChannelToJson(saved, names));
}

Result<Reply> DeleteChannel(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Desk(c).DeleteChannel(c.session->user, id));
  return JsonReply(Json::object());
}

// ---- Drafts.

// The draft text from a JSON body: "text", or "content_base64" + "filename".
Result<std::pair<std::string, std::string>> TextFromBody(const Json& body) {
  if (body.contains("content_base64")) {
    if (!body["content_base64"].is_string()) return InvalidArgument("字段 content_base64 应为字符串");
    MINYI_ASSIGN_OR_RETURN(std::string filename, RequireString(body, "filename", 255));
    MINYI_ASSIGN_OR_RETURN(std::string bytes,
                           DecodeBase64(body["content_base64"].get_ref<const std::string&>(), kMaxDraftUploadBytes));
    MINYI_ASSIGN_OR_RETURN(std::string text, ReadUploadedDraft(bytes, filename));
    return std::make_pair(std::move(text), filename);
  }
  if (!body.contains("text") || !body["text"].is_string()) {
    return InvalidArgument("请粘贴稿件正文（text）或上传文件（filename + content_base64）");
  }
  return std::make_pair(body["text"].get<std::string>(), std::string("粘贴"));
}

std::string TitleFromFilename(const std::string& filename) {
  size_t slash = filename.find_last_of("/\\");
  std::string base = slash == std::string::npos ? filename : filename.substr(slash + 1);
  size_t dot = base.rfind('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

Result<Reply> ListDrafts(ApiCall& c) {
  DraftFilter f;
  std::string status = c.QueryParam("status");
  if (!status.empty()) {
    MINYI_ASSIGN_OR_RETURN(f.status, ParseDraftStatus(status));
  }
  std::string stage = c.QueryParam("stage");
  if (!stage.empty()) {
    MINYI_ASSIGN_OR_RETURN(f.stage, ParseStage(stage));
  }
  f.channel_id = c.QueryInt("channel_id", 0, 0, INT64_MAX);
  if (c.QueryParam("mine") == "1") f.author_id = c.session->user.id;
  if (c.QueryParam("todo") == "1") f.todo_for = c.session->user;
  f.limit = c.QueryInt("limit", 200, 1, 1000);
  f.offset = c.QueryInt("offset", 0, 0, INT64_MAX / 2);
  MINYI_ASSIGN_OR_RETURN(auto drafts, Desk(c).ListDrafts(f));
  Json out = Json::array();
  for (const Draft& d : drafts) out.push_back(DraftToJson(d, c.session->user));
  return JsonReply({{"drafts", out}});
}

Result<Reply> DraftDetail(ApiCall& c, int64_t id, int status = 200) {
  ReviewDesk desk = Desk(c);
  MINYI_ASSIGN_OR_RETURN(Draft d, desk.GetDraft(id));
  MINYI_ASSIGN_OR_RETURN(DraftVersion current, desk.GetVersion(d.current_version_id));
  MINYI_ASSIGN_OR_RETURN(auto versions, desk.ListVersions(id));
  MINYI_ASSIGN_OR_RETURN(auto decisions, desk.ListDecisions(id));
  MINYI_ASSIGN_OR_RETURN(auto dismissals, desk.ListDismissals(id));
  Json vs = Json::array();
  for (const DraftVersion& v : versions) vs.push_back(VersionToJson(v, false));
  Json ds = Json::array();
  for (const DecisionRecord& r : decisions) ds.push_back(DecisionToJson(r));
  Json dm = Json::array();
  for (const Dismissal& x : dismissals) dm.push_back(DismissalToJson(x));
  return JsonReply({{"draft", DraftToJson(d, c.session->user)},
                    {"version", VersionToJson(current, true)},
                    {"versions", vs},
                    {"decisions", ds},
                    {"dismissals", dm}},
                   status);
}

Result<Reply> CreateDraft(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  NewDraft d;
  MINYI_ASSIGN_OR_RETURN(d.channel_id, OptionalInt(body, "channel_id", 0));
  if (d.channel_id <= 0) return InvalidArgument("请选择发布阵地（channel_id）");
  MINYI_ASSIGN_OR_RETURN(auto text, TextFromBody(body));
  d.text = std::move(text.first);
  d.source = std::move(text.second);
  d.title = OptionalString(body, "title");
  if (d.title.empty() && body.contains("filename")) d.title = TitleFromFilename(d.source);
  MINYI_ASSIGN_OR_RETURN(int64_t id, Desk(c).Submit(c.session->user, d));
  return DraftDetail(c, id, 201);
}

Result<Reply> GetDraft(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  return DraftDetail(c, id);
}

Result<Reply> EditDraft(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(auto text, TextFromBody(body));
  MINYI_ASSIGN_OR_RETURN(int64_t base, OptionalInt(body, "base_version_id", 0));
  MINYI_RETURN_IF_ERROR(Desk(c).Edit(c.session->user, id, text.first, text.second, base).status());
  return DraftDetail(c, id, 201);
}

Result<Reply> DecideDraft(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  DecisionInput in;
  MINYI_ASSIGN_OR_RETURN(std::string stage, RequireString(body, "stage", 16));
  MINYI_ASSIGN_OR_RETURN(in.stage, ParseStage(stage));
  MINYI_ASSIGN_OR_RETURN(std::string decision, RequireString(body, "decision", 16));
  MINYI_ASSIGN_OR_RETURN(in.decision, ParseDecision(decision));
  MINYI_ASSIGN_OR_RETURN(in.version_id, OptionalInt(body, "version_id", 0));
  if (in.version_id <= 0) return InvalidArgument("缺少所审核的版本（version_id）");
  in.version_sha256 = OptionalString(body, "version_sha256");
  in.comment = OptionalString(body, "comment");
  MINYI_RETURN_IF_ERROR(Desk(c).Decide(c.session->user, id, in));
  return DraftDetail(c, id);
}

Result<Reply> WithdrawDraft(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_RETURN_IF_ERROR(Desk(c).Withdraw(c.session->user, id, OptionalString(body, "reason")));
  return DraftDetail(c, id);
}

Result<Reply> DismissFinding(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  DismissInput in;
  MINYI_ASSIGN_OR_RETURN(in.version_id, OptionalInt(body, "version_id", 0));
  MINYI_ASSIGN_OR_RETURN(in.rule, RequireString(body, "rule", 100));
  MINYI_ASSIGN_OR_RETURN(in.start, OptionalInt(body, "start", -1));
  MINYI_ASSIGN_OR_RETURN(in.end, OptionalInt(body, "end", -1));
  in.reason = OptionalString(body, "reason");
  MINYI_ASSIGN_OR_RETURN(in.add_to_whitelist, OptionalBool(body, "whitelist", false));
  MINYI_RETURN_IF_ERROR(Desk(c).Dismiss(c.session->user, id, in).status());
  return DraftDetail(c, id, 201);
}

Result<Reply> PublishDraft(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(UnixSeconds when, DateField(body, "published_on", c.services->clock->Now()));
  std::string url = OptionalString(body, "url");
  MINYI_RETURN_IF_ERROR(Desk(c).Publish(c.session->user, id, when, url));
  return DraftDetail(c, id);
}

Result<Reply> GetVersion(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(DraftVersion v, Desk(c).GetVersion(id));
  return JsonReply(VersionToJson(v, true));
}

// ---- Lexicon.

Result<Reply> GetLexicon(ApiCall& c) {
  ReviewDesk desk = Desk(c);
  MINYI_ASSIGN_OR_RETURN(auto terms, desk.ListTerms());
  MINYI_ASSIGN_OR_RETURN(auto whitelist, desk.ListWhitelist());
  Json ts = Json::array();
  for (const OrgTerm& t : terms) {
    ts.push_back({{"id", t.id},
                  {"term", t.term},
                  {"category", CategoryName(t.category)},
                  {"category_label", CategoryLabel(t.category)},
                  {"severity", SeverityName(t.severity)},
                  {"severity_label", SeverityLabel(t.severity)},
                  {"suggestion", t.suggestion},
                  {"note", t.note},
                  {"created_by", t.created_by},
                  {"created_at", Time(t.created_at)}});
  }
  Json ws = Json::array();
  for (const WhitelistEntry& w : whitelist) {
    ws.push_back({{"id", w.id},
                  {"phrase", w.phrase},
                  {"source", w.source},
                  {"draft_id", w.draft_id},
                  {"created_by", w.created_by},
                  {"created_at", Time(w.created_at)}});
  }
  auto checker = c.services->review->checker->Get();
  return JsonReply({{"terms", ts}, {"whitelist", ws}, {"builtin_terms", checker ? checker->term_count() : 0}});
}

Result<Reply> AddTerm(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  OrgTerm t;
  MINYI_ASSIGN_OR_RETURN(t.term, RequireString(body, "term", 200));
  MINYI_ASSIGN_OR_RETURN(t.category, ParseCategory(OptionalString(body, "category", "term")));
  MINYI_ASSIGN_OR_RETURN(t.severity, ParseSeverity(OptionalString(body, "severity", "warning")));
  t.suggestion = OptionalString(body, "suggestion");
  t.note = OptionalString(body, "note");
  MINYI_ASSIGN_OR_RETURN(int64_t id, Desk(c).AddTerm(c.session->user, t));
  return JsonReply({{"id", id}}, 201);
}

Result<Reply> DeleteTerm(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Desk(c).DeleteTerm(c.session->user, id));
  return JsonReply(Json::object());
}

Result<Reply> AddWhitelist(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string phrase, RequireString(body, "phrase", 200));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Desk(c).AddWhitelist(c.session->user, phrase));
  return JsonReply({{"id", id}}, 201);
}

Result<Reply> DeleteWhitelist(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Desk(c).DeleteWhitelist(c.session->user, id));
  return JsonReply(Json::object());
}

// ---- Ledger.

Result<UnixSeconds> QueryDate(ApiCall& c, const std::string& key) {
  std::string v = c.QueryParam(key);
  if (v.empty()) return UnixSeconds{0};
  auto t = ParseIsoUtc(v);
  if (!t.ok()) return InvalidArgument("日期格式不正确：" + v + "（应为 2026-11-23）");
  return *t;
}

Json StageSecondsJson(const int64_t (&s)[3]) { return Json{{"first", s[0]}, {"second", s[1]}, {"final", s[2]}}; }

Result<Reply> GetLedger(ApiCall& c) {
  LedgerQuery q;
  MINYI_ASSIGN_OR_RETURN(q.from, QueryDate(c, "from"));
  MINYI_ASSIGN_OR_RETURN(UnixSeconds to, QueryDate(c, "to"));
  q.to = to > 0 ? to + 86400 : 0;  // "to" names the last day included
  q.channel_id = c.QueryInt("channel_id", 0, 0, INT64_MAX);
  MINYI_ASSIGN_OR_RETURN(Ledger ledger, Desk(c).GetLedger(q));
  Json entries = Json::array();
  for (const LedgerEntry& e : ledger.entries) {
    entries.push_back({{"draft_id", e.draft_id},
                       {"channel_id", e.channel_id},
                       {"channel_name", e.channel_name},
                       {"title", e.title},
                       {"author_name", e.author_name},
                       {"published_on", Date(e.published_at)},
                       {"url", e.url},
                       {"version_count", e.version_count},
                       {"return_count", e.return_count},
                       {"findings_first", e.findings_first},
                       {"findings_final", e.findings_final},
                       {"findings_fixed", e.findings_fixed},
                       {"stage_seconds", StageSecondsJson(e.stage_seconds)},
                       {"submitted_at", Time(e.submitted_at)}});
  }
  Json channels = Json::array();
  for (const LedgerChannelSummary& s : ledger.channels) {
    channels.push_back({{"channel_id", s.channel_id},
                        {"channel_name", s.channel_name},
                        {"kind", s.kind},
                        {"kind_label", ChannelKindLabel(s.kind)},
                        {"published", s.published},
                        {"findings_first", s.findings_first},
                        {"findings_fixed", s.findings_fixed},
                        {"findings_final", s.findings_final},
                        {"returns", s.returns},
                        {"stage_seconds", StageSecondsJson(s.stage_seconds)}});
  }
  return JsonReply({{"entries", entries},
                    {"channels", channels},
                    {"states",
                     {{"in_review", ledger.in_review},
                      {"returned", ledger.returned},
                      {"approved", ledger.approved},
                      {"rejected", ledger.rejected}}}});
}

}  // namespace

std::vector<Route> ReviewRoutes() {
  return {
      {"GET", "/api/v1/review/channels", Access::AnyUser(), ListChannels, "阵地列表"},
      {"POST", "/api/v1/review/channels", Access::Only(kChannelEditors), CreateChannel, "新增阵地"},
      {"PUT", "/api/v1/review/channels/{id}", Access::Only(kChannelEditors), UpdateChannel, "修改阵地"},
      {"DELETE", "/api/v1/review/channels/{id}", Access::Only(kChannelEditors), DeleteChannel, "删除阵地"},
      {"GET", "/api/v1/review/drafts", Access::Only(kStaff), ListDrafts, "稿件列表"},
      {"POST", "/api/v1/review/drafts", Access::Only(kStaff), CreateDraft, "提交稿件"},
      {"GET", "/api/v1/review/drafts/{id}", Access::Only(kStaff), GetDraft, "稿件详情"},
      {"POST", "/api/v1/review/drafts/{id}/versions", Access::Only(kStaff), EditDraft, "修改稿件（新版本）"},
      {"POST", "/api/v1/review/drafts/{id}/decisions", Access::Only(kStaff), DecideDraft, "审核意见"},
      {"POST", "/api/v1/review/drafts/{id}/withdraw", Access::Only(kStaff), WithdrawDraft, "撤回稿件"},
      {"POST", "/api/v1/review/drafts/{id}/dismissals", Access::Only(kStaff), DismissFinding, "标记检查结果无需修改"},
      {"POST", "/api/v1/review/drafts/{id}/publish", Access::Only(kStaff), PublishDraft, "登记发布"},
      {"GET", "/api/v1/review/versions/{id}", Access::Only(kStaff), GetVersion, "稿件版本"},
      {"GET", "/api/v1/review/lexicon", Access::Only(kStaff), GetLexicon, "本单位词库"},
      {"POST", "/api/v1/review/lexicon/terms", Access::Only(kStaff), AddTerm, "新增词条"},
      {"DELETE", "/api/v1/review/lexicon/terms/{id}", Access::Only(kLexiconKeepers), DeleteTerm, "删除词条"},
      {"POST", "/api/v1/review/lexicon/whitelist", Access::Only(kStaff), AddWhitelist, "新增白名单"},
      {"DELETE", "/api/v1/review/lexicon/whitelist/{id}", Access::Only(kLexiconKeepers), DeleteWhitelist, "删除白名单"},
      {"GET", "/api/v1/review/ledger", Access::Only(kStaff), GetLedger, "发布台账"},
  };
}

}  // namespace minyi
