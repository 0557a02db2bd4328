// Publication and the publication ledger (发布台账).
#include <map>
#include <nlohmann/json.hpp>

#include "review/desk.h"
#include "review/desk_internal.h"

namespace minyi {
namespace {

using review_internal::ActorOf;

// First-version findings no longer present in the final version, matched by
// rule and text as a multiset (offsets move when text is edited).
int64_t CountFixed(const std::vector<Finding>& first, const std::vector<Finding>& final_findings) {
  std::map<std::pair<std::string, std::string>, int64_t> remaining;
  for (const Finding& f : final_findings) ++remaining[{f.rule, f.text}];
  int64_t fixed = 0;
  for (const Finding& f : first) {
    auto it = remaining.find({f.rule, f.text});
    if (it != remaining.end() && it->second > 0) {
      --it->second;
    } else {
      ++fixed;
    }
  }
  return fixed;
}

}  // namespace

Status ReviewDesk::Publish(const User& user, int64_t draft_id, UnixSeconds published_at, const std::string& url) {
  MINYI_ASSIGN_OR_RETURN(Draft d, GetDraft(draft_id));
  if (user.id != d.author_id && user.role != Role::kAdmin) return PermissionDenied("只有稿件作者可以登记发布");
  MINYI_ASSIGN_OR_RETURN(WorkflowState next, ApplyPublish(d.state));
  if (published_at <= 0) return InvalidArgument("请填写发布日期");
  if (url.size() > 1000) return InvalidArgument("发布网址过长");
  MINYI_ASSIGN_OR_RETURN(Rows first_row,
                         db_.QueryOne("SELECT id FROM review_versions WHERE draft_id = ? AND number = 1", {draft_id},
                                      "找不到稿件的第一版"));
  MINYI_ASSIGN_OR_RETURN(DraftVersion first, GetVersion(first_row.Int(0, "id")));
  MINYI_ASSIGN_OR_RETURN(DraftVersion final_version, GetVersion(d.current_version_id));
  MINYI_ASSIGN_OR_RETURN(std::vector<DecisionRecord> decisions, ListDecisions(draft_id));
  LedgerEntry e;
  e.version_count = d.version_count;
  e.findings_first = static_cast<int64_t>(first.findings.size());
  e.findings_final = static_cast<int64_t>(final_version.findings.size());
  e.findings_fixed = CountFixed(first.findings, final_version.findings);
  for (const DecisionRecord& r : decisions) {
    e.stage_seconds[static_cast<int>(r.stage)] += r.stage_seconds;
    if (r.decision == ReviewDecision::kReturn) ++e.return_count;
  }
  Actor actor = ActorOf(user);
  return db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(int64_t changed,
                           tx.Execute("UPDATE review_drafts SET status = ?, stage = '',"
                                      " published_at = ?, published_url = ?, updated_at = ?"
                                      " WHERE id = ? AND status = 'approved'",
                                      {DraftStatusName(next.status), published_at, url, now, draft_id}));
    if (changed != 1) return FailedPrecondition("稿件状态刚发生变化，请刷新后重试");
    MINYI_RETURN_IF_ERROR(
        tx.Execute("INSERT INTO review_ledger(draft_id, channel_id, title, author_name, published_at, url,"
                   " version_count, return_count, findings_first, findings_final, findings_fixed, first_seconds,"
                   " second_seconds, final_seconds, submitted_at, recorded_at)"
                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   {draft_id, d.channel_id, d.title, d.author_name, published_at, url, e.version_count, e.return_count,
                    e.findings_first, e.findings_final, e.findings_fixed, e.stage_seconds[0], e.stage_seconds[1],
                    e.stage_seconds[2], d.created_at, now})
            .status());
    std::string after = nlohmann::json{
        {"published_at", FormatIsoUtc(published_at)},
        {"url", url},
        {"findings_first", e.findings_first},
        {"findings_fixed", e.findings_fixed},
        {"findings_final",
         e.findings_final}}.dump();
    return AppendAudit(tx, clock_, actor, {"publish", "draft", std::to_string(draft_id), "null", after});
  });
}

Result<Ledger> ReviewDesk::GetLedger(const LedgerQuery& q) {
  std::string where = " WHERE 1 = 1";
  SqlParams params;
  if (q.from > 0) {
    where += " AND l.published_at >= ?";
    params.emplace_back(q.from);
  }
  if (q.to > 0) {
    where += " AND l.published_at < ?";
    params.emplace_back(q.to);
  }
  if (q.channel_id != 0) {
    where += " AND l.channel_id = ?";
    params.emplace_back(q.channel_id);
  }
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT l.*, c.name AS channel_name FROM review_ledger l"
                                              " JOIN review_channels c ON c.id = l.channel_id" +
                                                  where + " ORDER BY l.published_at DESC, l.id DESC LIMIT 5000",
                                              params));
  Ledger out;
  for (size_t i = 0; i < rows.size(); ++i) {
    LedgerEntry e;
    e.draft_id = rows.Int(i, "draft_id");
    e.channel_id = rows.Int(i, "channel_id");
    e.channel_name = rows.Text(i, "channel_name");
    e.title = rows.Text(i, "title");
    e.author_name = rows.Text(i, "author_name");
    e.published_at = rows.Int(i, "published_at");
    e.url = rows.Text(i, "url");
    e.version_count = rows.Int(i, "version_count");
    e.return_count = rows.Int(i, "return_count");
    e.findings_first = rows.Int(i, "findings_first");
    e.findings_final = rows.Int(i, "findings_final");
    e.findings_fixed = rows.Int(i, "findings_fixed");
    e.stage_seconds[0] = rows.Int(i, "first_seconds");
    e.stage_seconds[1] = rows.Int(i, "second_seconds");
    e.stage_seconds[2] = rows.Int(i, "final_seconds");
    e.submitted_at = rows.Int(i, "submitted_at");
    out.entries.push_back(std::move(e));
  }
  MINYI_ASSIGN_OR_RETURN(std::vector<Channel> channels, ListChannels(true));
  for (const Channel& c : channels) {
    if (q.channel_id != 0 && c.id != q.channel_id) continue;
    LedgerChannelSummary s;
    s.channel_id = c.id;
    s.channel_name = c.name;
    s.kind = c.kind;
    for (const LedgerEntry& e : out.entries) {
      if (e.channel_id != c.id) continue;
      ++s.published;
      s.findings_first += e.findings_first;
      s.findings_fixed += e.findings_fixed;
      s.findings_final += e.findings_final;
      s.returns += e.return_count;
      for (int k = 0; k < 3; ++k) s.stage_seconds[k] += e.stage_seconds[k];
    }
    if (c.active || s.published > 0) out.channels.push_back(std::move(s));
  }
  std::string state_sql = "SELECT status, COUNT(*) AS n FROM review_drafts";
  SqlParams state_params;
  if (q.channel_id != 0) {
    state_sql += " WHERE channel_id = ?";
    state_params.emplace_back(q.channel_id);
  }
  state_sql += " GROUP BY status";
  MINYI_ASSIGN_OR_RETURN(Rows states, db_.Query(state_sql, state_params));
  for (size_t i = 0; i < states.size(); ++i) {
    std::string s = states.Text(i, "status");
    int64_t n = states.Int(i, "n");
    if (s == "in_review") out.in_review = n;
    if (s == "returned") out.returned = n;
    if (s == "approved") out.approved = n;
    if (s == "rejected") out.rejected = n;
  }
  return out;
}

}  // namespace minyi
