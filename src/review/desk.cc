// Drafts, versions and decisions: the three-stage review on top of the
// state machine in workflow.cc.
#include "review/desk.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "review/desk_internal.h"

namespace minyi {
namespace {

using review_internal::ActorOf;

constexpr const char* kDraftSelect =
    "SELECT d.id, d.channel_id, c.name AS channel_name, c.stages AS channel_stages, d.title, d.author_id,"
    " COALESCE(NULLIF(u.display_name, ''), u.name) AS author_name, d.status, d.stage, d.current_version_id,"
    " d.version_count, v.finding_count, d.stage_entered_at, d.created_at, d.updated_at, d.published_at,"
    " d.published_url FROM review_drafts d JOIN review_channels c ON c.id = d.channel_id"
    " JOIN users u ON u.id = d.author_id LEFT JOIN review_versions v ON v.id = d.current_version_id";

Draft DraftFromRow(const Rows& r, size_t i) {
  Draft d;
  d.id = r.Int(i, "id");
  d.channel_id = r.Int(i, "channel_id");
  d.channel_name = r.Text(i, "channel_name");
  d.required = review_internal::StagesOrDefault(r.Text(i, "channel_stages"));
  d.title = r.Text(i, "title");
  d.author_id = r.Int(i, "author_id");
  d.author_name = r.Text(i, "author_name");
  auto status = ParseDraftStatus(r.Text(i, "status"));
  d.state.status = status.ok() ? *status : DraftStatus::kInReview;
  auto stage = ParseStage(r.Text(i, "stage"));
  if (d.state.status == DraftStatus::kInReview) d.state.stage = stage.ok() ? *stage : ReviewStage::kFirst;
  d.current_version_id = r.Int(i, "current_version_id");
  d.version_count = r.Int(i, "version_count");
  d.finding_count = r.Int(i, "finding_count");
  d.stage_entered_at = r.Int(i, "stage_entered_at");
  d.created_at = r.Int(i, "created_at");
  d.updated_at = r.Int(i, "updated_at");
  d.published_at = r.Int(i, "published_at");
  d.published_url = r.Text(i, "published_url");
  return d;
}

std::string StateJson(const WorkflowState& s) {
  return nlohmann::json{{"status", DraftStatusName(s.status)}, {"stage", s.stage ? StageName(*s.stage) : ""}}.dump();
}

std::string StageColumn(const WorkflowState& s) { return s.stage ? std::string(StageName(*s.stage)) : ""; }

bool IsBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

Status ValidateText(const std::string& text) {
  if (IsBlank(text)) return InvalidArgument("稿件内容为空");
  if (text.size() > kMaxDraftTextBytes) {
    return ResourceExhausted("稿件内容过长（上限 " + std::to_string(kMaxDraftTextBytes >> 20) + " MB）");
  }
  return Status::Ok();
}

std::string StageRoleHint(ReviewStage s) {
  switch (s) {
    case ReviewStage::kFirst:
      return "初审须由编辑、审核人或系统管理员作出";
    case ReviewStage::kSecond:
      return "复审须由审核人（科室负责人）作出";
    case ReviewStage::kFinal:
      return "终审须由分管领导作出";
  }
  return "";
}

// Inserts version number `number` and returns its id.
Result<int64_t> InsertVersion(Database& tx, int64_t draft_id, int64_t number, const std::string& text,
                              const std::vector<Finding>& findings, const std::string& source, int64_t author_id,
                              UnixSeconds now) {
  return tx.InsertReturningId(
      "INSERT INTO review_versions(draft_id, number, text, sha256, findings_json, finding_count, source,"
      " author_id, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
      {draft_id, number, text, Sha256Hex(text), review_internal::FindingsToJsonText(findings),
       static_cast<int64_t>(findings.size()), source.empty() ? std::string("粘贴") : source, author_id, now});
}

}  // namespace

Result<int64_t> ReviewDesk::Submit(const User& author, const NewDraft& draft) {
  if (!RoleMayAuthor(author.role)) return PermissionDenied("当前角色不能提交稿件");
  if (draft.title.empty() || draft.title.size() > kMaxTitleBytes)
    return InvalidArgument("标题不能为空且不超过 300 字节");
  MINYI_RETURN_IF_ERROR(ValidateText(draft.text));
  MINYI_ASSIGN_OR_RETURN(Channel channel, GetChannel(draft.channel_id));
  if (!channel.active) return FailedPrecondition("该阵地已停用，不能再提交稿件");
  MINYI_ASSIGN_OR_RETURN(std::vector<Finding> findings, RunChecks(draft.text));
  WorkflowState state = InitialState(channel.stages);
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO review_drafts(channel_id, title, author_id, status, stage,"
                                 " version_count, stage_entered_at, created_at, updated_at)"
                                 " VALUES (?,?,?,?,?,1,?,?,?) RETURNING id",
                                 {draft.channel_id, draft.title, author.id, DraftStatusName(state.status),
                                  StageColumn(state), now, now, now}));
    MINYI_ASSIGN_OR_RETURN(int64_t version,
                           InsertVersion(tx, id, 1, draft.text, findings, draft.source, author.id, now));
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE review_drafts SET current_version_id = ? WHERE id = ?", {version, id}).status());
    std::string after = nlohmann::json{
        {"title", draft.title},
        {"channel_id", draft.channel_id},
        {"version_id", version},
        {"sha256", Sha256Hex(draft.text)},
        {"findings",
         findings.size()}}.dump();
    return AppendAudit(tx, clock_, ActorOf(author), {"submit", "draft", std::to_string(id), "null", after});
  }));
  return id;
}

Result<int64_t> ReviewDesk::Edit(const User& user, int64_t draft_id, const std::string& text, const std::string& source,
                                 int64_t base_version_id) {
  MINYI_ASSIGN_OR_RETURN(Draft d, GetDraft(draft_id));
  if (user.id != d.author_id && user.role != Role::kAdmin) return PermissionDenied("只有稿件作者可以修改稿件");
  if (base_version_id != 0 && base_version_id != d.current_version_id) {
    return FailedPrecondition("稿件已有更新的版本（第 " + std::to_string(d.version_count) +
                              " 版），请在最新版本上修改");
  }
  MINYI_RETURN_IF_ERROR(ValidateText(text));
  MINYI_ASSIGN_OR_RETURN(WorkflowState next, ApplyEdit(d.required, d.state));
  MINYI_ASSIGN_OR_RETURN(std::vector<Finding> findings, RunChecks(text));
  int64_t version = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    int64_t number = d.version_count + 1;
    MINYI_ASSIGN_OR_RETURN(version, InsertVersion(tx, draft_id, number, text, findings, source, user.id, now));
    // Compare-and-set on the current version: a concurrent edit or decision
    // makes this one fail instead of silently overwriting it.
    MINYI_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Execute("UPDATE review_drafts SET current_version_id = ?, version_count = ?, status = ?, stage = ?,"
                   " stage_entered_at = ?, updated_at = ? WHERE id = ? AND current_version_id = ? AND status = ?",
                   {version, number, DraftStatusName(next.status), StageColumn(next), now, now, draft_id,
                    d.current_version_id, DraftStatusName(d.state.status)}));
    if (changed != 1) return FailedPrecondition("稿件刚被他人修改或审核，请刷新后重试");
    std::string after = nlohmann::json{{"version_id", version},
                                       {"number", number},
                                       {"sha256", Sha256Hex(text)},
                                       {"findings", findings.size()},
                                       {"state", nlohmann::json::parse(StateJson(next))}}
                            .dump();
    return AppendAudit(tx, clock_, ActorOf(user),
                       {"edit", "draft", std::to_string(draft_id), StateJson(d.state), after});
  }));
  return version;
}

Status ReviewDesk::Decide(const User& reviewer, int64_t draft_id, const DecisionInput& in) {
  if (in.decision == ReviewDecision::kWithdraw) return InvalidArgument("撤回稿件请使用“撤回”操作，它不是审核意见");
  MINYI_ASSIGN_OR_RETURN(Draft d, GetDraft(draft_id));
  if (!RoleMayDecide(reviewer.role, in.stage)) {
    return PermissionDenied(StageRoleHint(in.stage) + "，当前角色（" + std::string(RoleLabel(reviewer.role)) +
                            "）无权审核");
  }
  if (in.version_id != d.current_version_id) {
    return FailedPrecondition("所审核的版本不是稿件的最新版本（最新为第 " + std::to_string(d.version_count) +
                              " 版），请查看最新版本后再审核");
  }
  MINYI_ASSIGN_OR_RETURN(DraftVersion v, GetVersion(in.version_id));
  if (!in.version_sha256.empty() && in.version_sha256 != v.sha256) {
    return FailedPrecondition("所审核版本的内容摘要与存档不一致，请刷新后重试");
  }
  if (in.decision != ReviewDecision::kApprove && in.comment.empty()) {
    return InvalidArgument("退回修改或不予发布时须填写审核意见");
  }
  if (in.comment.size() > 4000) return InvalidArgument("审核意见过长（上限 4000 字节）");
  MINYI_ASSIGN_OR_RETURN(WorkflowState next, ApplyDecision(d.required, d.state, in.stage, in.decision));
  return RecordDecision(reviewer, d, v, in.stage, in.decision, in.comment, next);
}

Status ReviewDesk::Withdraw(const User& user, int64_t draft_id, const std::string& reason) {
  MINYI_ASSIGN_OR_RETURN(Draft d, GetDraft(draft_id));
  if (user.id != d.author_id && user.role != Role::kAdmin) return PermissionDenied("只有稿件作者可以撤回稿件");
  if (reason.size() > 4000) return InvalidArgument("撤回说明过长（上限 4000 字节）");
  MINYI_ASSIGN_OR_RETURN(WorkflowState next, ApplyWithdraw(d.state));
  MINYI_ASSIGN_OR_RETURN(DraftVersion v, GetVersion(d.current_version_id));
  return RecordDecision(user, d, v, *d.state.stage, ReviewDecision::kWithdraw, reason, next);
}

// One transaction: compare-and-set the draft's state (it must still be in
// review at `stage` on version `v`), the decision row pinned to the version,
// and the audit record.
Status ReviewDesk::RecordDecision(const User& user, const Draft& d, const DraftVersion& v, ReviewStage stage,
                                  ReviewDecision decision, const std::string& comment, const WorkflowState& next) {
  Actor actor = ActorOf(user);
  return db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Execute("UPDATE review_drafts SET status = ?, stage = ?, stage_entered_at = ?, updated_at = ?"
                   " WHERE id = ? AND current_version_id = ? AND status = 'in_review' AND stage = ?",
                   {DraftStatusName(next.status), StageColumn(next), now, now, d.id, v.id, StageName(stage)}));
    if (changed != 1) return FailedPrecondition("稿件刚被他人修改或审核，请刷新后重试");
    MINYI_ASSIGN_OR_RETURN(
        int64_t decision_id,
        tx.InsertReturningId("INSERT INTO review_decisions(draft_id, version_id, version_sha256, stage, decision,"
                             " reviewer_id, reviewer_name, comment, stage_seconds, at)"
                             " VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                             {d.id, v.id, v.sha256, StageName(stage), DecisionName(decision), user.id, actor.name,
                              comment, std::max<int64_t>(0, now - d.stage_entered_at), now}));
    std::string after = nlohmann::json{{"decision_id", decision_id},
                                       {"stage", StageName(stage)},
                                       {"decision", DecisionName(decision)},
                                       {"version_id", v.id},
                                       {"sha256", v.sha256},
                                       {"comment", comment},
                                       {"state", nlohmann::json::parse(StateJson(next))}}
                            .dump();
    return AppendAudit(tx, clock_, actor,
                       {std::string(DecisionName(decision)), "draft", std::to_string(d.id), StateJson(d.state), after});
  });
}

Result<int64_t> ReviewDesk::Dismiss(const User& reviewer, int64_t draft_id, const DismissInput& in) {
  MINYI_ASSIGN_OR_RETURN(Draft d, GetDraft(draft_id));
  if (!RoleMayAuthor(reviewer.role)) return PermissionDenied("当前角色不能处理检查结果");
  MINYI_ASSIGN_OR_RETURN(DraftVersion v, GetVersion(in.version_id));
  if (v.draft_id != draft_id) return NotFound("该版本不属于这篇稿件");
  auto it = std::find_if(v.findings.begin(), v.findings.end(), [&](const Finding& f) {
    return f.rule == in.rule && static_cast<int64_t>(f.start) == in.start && static_cast<int64_t>(f.end) == in.end;
  });
  if (it == v.findings.end()) return NotFound("在该版本中找不到这条检查结果");
  if (in.add_to_whitelist && it->category == CheckCategory::kPii) {
    return InvalidArgument("个人信息类问题不能加入白名单，请删除或遮盖相关信息");
  }
  if (in.reason.size() > 2000) return InvalidArgument("说明过长");
  MINYI_ASSIGN_OR_RETURN(int64_t already, db_.QueryInt("SELECT COUNT(*) FROM review_dismissals WHERE version_id = ?"
                                                       " AND rule = ? AND start_offset = ? AND end_offset = ?",
                                                       {in.version_id, in.rule, in.start, in.end}));
  if (already > 0) return AlreadyExists("这条检查结果已被标记为无需修改");
  Actor actor = ActorOf(reviewer);
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO review_dismissals(draft_id, version_id, rule, text, start_offset,"
                                 " end_offset, reason, whitelisted, user_id, user_name, at)"
                                 " VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                                 {draft_id, in.version_id, in.rule, it->text, in.start, in.end, in.reason,
                                  in.add_to_whitelist ? 1 : 0, reviewer.id, actor.name, now}));
    std::string after = nlohmann::json{{"version_id", in.version_id},
                                       {"rule", in.rule},
                                       {"text", it->text},
                                       {"reason", in.reason},
                                       {"whitelist", in.add_to_whitelist}}
                            .dump();
    MINYI_RETURN_IF_ERROR(
        AppendAudit(tx, clock_, actor, {"dismiss", "draft", std::to_string(draft_id), "null", after}));
    if (!in.add_to_whitelist) return Status::Ok();
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO review_whitelist(phrase, source, draft_id, created_by, created_at)"
                                     " VALUES (?, '驳回问题', ?, ?, ?) ON CONFLICT (phrase) DO NOTHING",
                                     {it->text, draft_id, actor.name, now})
                              .status());
    MINYI_ASSIGN_OR_RETURN(int64_t entry, tx.QueryInt("SELECT id FROM review_whitelist WHERE phrase = ?", {it->text}));
    return AppendAudit(tx, clock_, actor,
                       {"create", "review_whitelist", std::to_string(entry), "null",
                        nlohmann::json{{"phrase", it->text}, {"source", "驳回问题"}, {"draft_id", draft_id}}.dump()});
  }));
  (void)d;
  if (in.add_to_whitelist) MINYI_RETURN_IF_ERROR(ReloadChecker());
  return id;
}

Result<Draft> ReviewDesk::GetDraft(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne(std::string(kDraftSelect) + " WHERE d.id = ?", {id}, "找不到该稿件"));
  return DraftFromRow(rows, 0);
}

Result<std::vector<Draft>> ReviewDesk::ListDrafts(const DraftFilter& f) {
  std::string sql = std::string(kDraftSelect) + " WHERE 1 = 1";
  SqlParams params;
  if (f.status) {
    sql += " AND d.status = ?";
    params.emplace_back(DraftStatusName(*f.status));
  }
  if (f.stage) {
    sql += " AND d.status = 'in_review' AND d.stage = ?";
    params.emplace_back(StageName(*f.stage));
  }
  if (f.channel_id != 0) {
    sql += " AND d.channel_id = ?";
    params.emplace_back(f.channel_id);
  }
  if (f.author_id != 0) {
    sql += " AND d.author_id = ?";
    params.emplace_back(f.author_id);
  }
  if (f.todo_for) {
    std::string stages;
    for (ReviewStage s : {ReviewStage::kFirst, ReviewStage::kSecond, ReviewStage::kFinal}) {
      if (!RoleMayDecide(f.todo_for->role, s)) continue;
      stages += stages.empty() ? "?" : ",?";
      params.emplace_back(StageName(s));
    }
    sql += " AND (";
    if (!stages.empty()) sql += "(d.status = 'in_review' AND d.stage IN (" + stages + ")) OR ";
    sql += "(d.author_id = ? AND d.status IN ('returned', 'approved', 'withdrawn')))";
    params.emplace_back(f.todo_for->id);
  }
  sql += " ORDER BY d.updated_at DESC, d.id DESC LIMIT ? OFFSET ?";
  params.emplace_back(std::clamp<int64_t>(f.limit, 1, 1000));
  params.emplace_back(std::max<int64_t>(0, f.offset));
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query(sql, params));
  std::vector<Draft> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(DraftFromRow(rows, i));
  return out;
}

namespace {

constexpr const char* kVersionSelect =
    "SELECT v.id, v.draft_id, v.number, v.sha256, v.finding_count, v.source, v.author_id,"
    " COALESCE(NULLIF(u.display_name, ''), u.name) AS author_name, v.created_at";

DraftVersion VersionFromRow(const Rows& r, size_t i) {
  DraftVersion v;
  v.id = r.Int(i, "id");
  v.draft_id = r.Int(i, "draft_id");
  v.number = r.Int(i, "number");
  v.sha256 = r.Text(i, "sha256");
  v.finding_count = r.Int(i, "finding_count");
  v.source = r.Text(i, "source");
  v.author_id = r.Int(i, "author_id");
  v.author_name = r.Text(i, "author_name");
  v.created_at = r.Int(i, "created_at");
  return v;
}

}  // namespace

Result<std::vector<DraftVersion>> ReviewDesk::ListVersions(int64_t draft_id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.Query(std::string(kVersionSelect) + " FROM review_versions v JOIN users u ON u.id = v.author_id"
                                                         " WHERE v.draft_id = ? ORDER BY v.number DESC",
                           {draft_id}));
  std::vector<DraftVersion> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(VersionFromRow(rows, i));
  return out;
}

Result<DraftVersion> ReviewDesk::GetVersion(int64_t version_id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.QueryOne(std::string(kVersionSelect) + ", v.text, v.findings_json FROM review_versions v"
                                                            " JOIN users u ON u.id = v.author_id WHERE v.id = ?",
                              {version_id}, "找不到该版本"));
  DraftVersion v = VersionFromRow(rows, 0);
  v.text = rows.Text(0, "text");
  v.findings = review_internal::FindingsFromJsonText(rows.Text(0, "findings_json"));
  return v;
}

Result<std::vector<DecisionRecord>> ReviewDesk::ListDecisions(int64_t draft_id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id, draft_id, version_id, version_sha256, stage, decision,"
                                              " reviewer_id, reviewer_name, comment, stage_seconds, at"
                                              " FROM review_decisions WHERE draft_id = ? ORDER BY id",
                                              {draft_id}));
  std::vector<DecisionRecord> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    DecisionRecord r;
    r.id = rows.Int(i, "id");
    r.draft_id = rows.Int(i, "draft_id");
    r.version_id = rows.Int(i, "version_id");
    r.version_sha256 = rows.Text(i, "version_sha256");
    auto stage = ParseStage(rows.Text(i, "stage"));
    if (stage.ok()) r.stage = *stage;
    auto decision = ParseDecision(rows.Text(i, "decision"));
    if (decision.ok()) r.decision = *decision;
    r.reviewer_id = rows.Int(i, "reviewer_id");
    r.reviewer_name = rows.Text(i, "reviewer_name");
    r.comment = rows.Text(i, "comment");
    r.stage_seconds = rows.Int(i, "stage_seconds");
    r.at = rows.Int(i, "at");
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Dismissal>> ReviewDesk::ListDismissals(int64_t draft_id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id, draft_id, version_id, rule, text, start_offset,"
                                              " end_offset, reason, whitelisted, user_id, user_name, at"
                                              " FROM review_dismissals WHERE draft_id = ? ORDER BY id",
                                              {draft_id}));
  std::vector<Dismissal> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back(Dismissal{rows.Int(i, "id"), rows.Int(i, "draft_id"), rows.Int(i, "version_id"), rows.Text(i, "rule"),
                            rows.Text(i, "text"), rows.Int(i, "start_offset"), rows.Int(i, "end_offset"),
                            rows.Text(i, "reason"), rows.Int(i, "whitelisted") != 0, rows.Int(i, "user_id"),
                            rows.Text(i, "user_name"), rows.Int(i, "at")});
  }
  return out;
}

}  // namespace minyi
