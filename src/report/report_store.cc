// Stored report drafts (migration 0050): create, edit text, regenerate,
// finalize. Each change runs in one transaction with its audit record and a
// snapshot in report_versions; finalizing keeps the generated DOCX in the
// attachments store and freezes the row.
#include <nlohmann/json.hpp>

#include "report/report_internal.h"
#include "store/attachments.h"

namespace minyi {
namespace {

constexpr const char* kColumns =
    "id, kind, period, title, status, version, created_by_name, created_at, updated_at, finalized_at, "
    "finalized_by_name";

std::string Summary(const StoredReport& r) {
  return nlohmann::json{{"kind", std::string(ReportKindName(r.kind))},
                        {"period", r.period},
                        {"title", r.title},
                        {"status", std::string(ReportStatusName(r.status))},
                        {"version", r.version}}
      .dump();
}

StoredReport FromRow(const Rows& rows, size_t i) {
  StoredReport r;
  r.id = rows.Int(i, "id");
  auto kind = ParseReportKind(rows.Text(i, "kind"));
  if (kind.ok()) r.kind = *kind;
  r.period = rows.Text(i, "period");
  r.title = rows.Text(i, "title");
  r.status = rows.Text(i, "status") == "final" ? ReportStatus::kFinal : ReportStatus::kDraft;
  r.version = rows.Int(i, "version");
  r.created_by = rows.Text(i, "created_by_name");
  r.created_at = rows.Int(i, "created_at");
  r.updated_at = rows.Int(i, "updated_at");
  r.finalized_at = rows.Int(i, "finalized_at");
  r.finalized_by = rows.Text(i, "finalized_by_name");
  return r;
}

Status RequireDraft(const StoredReport& r) {
  if (r.status == ReportStatus::kFinal) return FailedPrecondition("报告已定稿，不能再修改；如需调整请新建报告");
  return Status::Ok();
}

}  // namespace

Status ReportRepo::SaveVersion(Database& tx, const Actor& actor, int64_t id, int64_t version, const std::string& json,
                               const std::string& note) {
  auto r = tx.Execute(
      "INSERT INTO report_versions(report_id, version, content_json, note, saved_by_name, saved_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {id, version, json, note, actor.name, clock_.Now()});
  return r.ok() ? Status::Ok() : r.status();
}

Result<int64_t> ReportRepo::Create(const Actor& actor, const ReportDraft& draft) {
  std::string json = ReportDraftToJson(draft);
  int64_t id = 0;
  UnixSeconds now = clock_.Now();
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        id,
        tx.InsertReturningId(
            "INSERT INTO report_drafts(kind, period, period_begin, period_end, title, status, version, content_json, "
            "created_by, created_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', 1, ?, ?, ?, ?, ?) "
            "RETURNING id",
            {std::string(ReportKindName(draft.kind)), draft.period.text, draft.period.begin, draft.period.end,
             draft.title, json, actor.id == 0 ? SqlValue() : SqlValue(actor.id), actor.name, now, now}));
    MINYI_RETURN_IF_ERROR(SaveVersion(tx, actor, id, 1, json, "自动起草"));
    StoredReport r;
    r.id = id;
    r.kind = draft.kind;
    r.period = draft.period.text;
    r.title = draft.title;
    return AppendAudit(tx, clock_, actor, {"create", "report", std::to_string(id), "null", Summary(r)});
  }));
  return id;
}

Result<StoredReport> ReportRepo::Get(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.QueryOne(std::string("SELECT ") + kColumns + ", content_json FROM report_drafts WHERE id = ?",
                              {id}, "找不到该报告"));
  StoredReport r = FromRow(rows, 0);
  auto content = ReportDraftFromJson(rows.Text(0, "content_json"));
  if (!content.ok()) return Corruption("报告 " + std::to_string(id) + " 的内容已损坏：" + content.status().message());
  r.content = std::move(content).value();
  return r;
}

Result<std::vector<StoredReport>> ReportRepo::List(int64_t limit, int64_t offset) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.Query(std::string("SELECT ") + kColumns + " FROM report_drafts ORDER BY id DESC LIMIT ? OFFSET ?",
                           {limit, offset}));
  std::vector<StoredReport> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(FromRow(rows, i));
  return out;
}

Result<std::vector<ReportVersionInfo>> ReportRepo::Versions(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT version, note, saved_by_name, saved_at FROM report_versions "
                                              "WHERE report_id = ? ORDER BY version DESC",
                                              {id}));
  std::vector<ReportVersionInfo> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back(
        {rows.Int(i, "version"), rows.Text(i, "note"), rows.Text(i, "saved_by_name"), rows.Int(i, "saved_at")});
  }
  return out;
}

Status ReportRepo::EditText(const Actor& actor, int64_t id, const ReportDraft& edited) {
  return db_.InTransaction([&](Database& tx) -> Status {
    ReportRepo in_tx(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(StoredReport r, in_tx.Get(id));
    MINYI_RETURN_IF_ERROR(RequireDraft(r));
    if (edited.sections.size() != r.content.sections.size()) {
      return InvalidArgument("章节数量与原稿不一致：报告应保持“基本情况、主要做法、存在问题、下一步打算”四部分");
    }
    std::string before = Summary(r);
    ReportDraft next = r.content;
    if (!edited.title.empty()) next.title = edited.title;
    if (!edited.date_line.empty()) next.date_line = edited.date_line;
    for (size_t i = 0; i < next.sections.size(); ++i) {
      if (edited.sections[i].paragraphs.size() > 200) return InvalidArgument("每一部分最多 200 段");
      next.sections[i].paragraphs = edited.sections[i].paragraphs;
    }
    std::string json = ReportDraftToJson(next);
    r.version += 1;
    r.title = next.title;
    MINYI_ASSIGN_OR_RETURN(int64_t n, tx.Execute("UPDATE report_drafts SET title = ?, content_json = ?, version = ?, "
                                                 "updated_at = ? WHERE id = ? AND status = 'draft'",
                                                 {next.title, json, r.version, clock_.Now(), id}));
    if (n != 1) return FailedPrecondition("报告已定稿，不能再修改");
    MINYI_RETURN_IF_ERROR(SaveVersion(tx, actor, id, r.version, json, "修改文字"));
    return AppendAudit(tx, clock_, actor, {"update", "report", std::to_string(id), before, Summary(r)});
  });
}

Status ReportRepo::Regenerate(const Actor& actor, int64_t id, const std::string& org_name) {
  return db_.InTransaction([&](Database& tx) -> Status {
    ReportRepo in_tx(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(StoredReport r, in_tx.Get(id));
    MINYI_RETURN_IF_ERROR(RequireDraft(r));
    std::string before = Summary(r);
    MINYI_ASSIGN_OR_RETURN(ReportDraft fresh, DraftReport(tx, clock_, r.kind, r.content.period, org_name));
    std::string json = ReportDraftToJson(fresh);
    r.version += 1;
    r.title = fresh.title;
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE report_drafts SET title = ?, content_json = ?, version = ?, updated_at = ? "
                   "WHERE id = ?",
                   {fresh.title, json, r.version, clock_.Now(), id})
            .status());
    MINYI_RETURN_IF_ERROR(SaveVersion(tx, actor, id, r.version, json, "重新生成数据"));
    return AppendAudit(tx, clock_, actor, {"regenerate", "report", std::to_string(id), before, Summary(r)});
  });
}

Status ReportRepo::Finalize(const Actor& actor, int64_t id) {
  return db_.InTransaction([&](Database& tx) -> Status {
    ReportRepo in_tx(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(StoredReport r, in_tx.Get(id));
    MINYI_RETURN_IF_ERROR(RequireDraft(r));
    std::string before = Summary(r);
    MINYI_ASSIGN_OR_RETURN(std::string docx, WriteDocx(r.content));
    AttachmentInput file{r.title.substr(0, 200) + ".docx", "", std::move(docx), "report", id};
    MINYI_ASSIGN_OR_RETURN(int64_t attachment, SaveAttachment(tx, clock_, actor, file));
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(int64_t n, tx.Execute("UPDATE report_drafts SET status = 'final', finalized_at = ?, "
                                                 "finalized_by_name = ?, final_attachment_id = ?, updated_at = ? "
                                                 "WHERE id = ? AND status = 'draft'",
                                                 {now, actor.name, attachment, now, id}));
    if (n != 1) return FailedPrecondition("报告已定稿");
    r.status = ReportStatus::kFinal;
    return AppendAudit(tx, clock_, actor, {"finalize", "report", std::to_string(id), before, Summary(r)});
  });
}

Result<std::string> ReportRepo::FinalDocx(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne("SELECT status, final_attachment_id FROM report_drafts WHERE id = ?",
                                                 {id}, "找不到该报告"));
  if (rows.Text(0, "status") != "final" || rows.IsNull(0, "final_attachment_id")) {
    return FailedPrecondition("报告尚未定稿");
  }
  MINYI_ASSIGN_OR_RETURN(Attachment a, LoadAttachment(db_, rows.Int(0, "final_attachment_id")));
  return std::move(a.content);
}

}  // namespace minyi
