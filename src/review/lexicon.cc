// The organization's lexicon (terms and whitelist) and the checker built
// from it on top of the shipped lexicons.
#include <nlohmann/json.hpp>

#include "review/desk.h"
#include "review/desk_internal.h"
#include "review/findings_json.h"

namespace minyi {
namespace {

using review_internal::ActorOf;

Result<std::vector<ReviewTerm>> LoadTerms(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows rows,
                         db.Query("SELECT term, category, severity, suggestion, note FROM review_terms ORDER BY id"));
  std::vector<ReviewTerm> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto cat = ParseCategory(rows.Text(i, "category"));
    auto sev = ParseSeverity(rows.Text(i, "severity"));
    if (!cat.ok() || !sev.ok()) continue;  // validated on insert; skip rather than block every check
    ReviewTerm t;
    t.term = rows.Text(i, "term");
    t.category = *cat;
    t.severity = *sev;
    t.rule = std::string(CategoryName(*cat)) + ".org";
    t.suggestion = rows.Text(i, "suggestion");
    t.note = rows.Text(i, "note");
    out.push_back(std::move(t));
  }
  return out;
}

std::string TermJson(const OrgTerm& t) {
  return nlohmann::json{{"term", t.term},
                        {"category", CategoryName(t.category)},
                        {"severity", SeverityName(t.severity)},
                        {"suggestion", t.suggestion},
                        {"note", t.note}}
      .dump();
}

}  // namespace

namespace review_internal {

std::string FindingsToJsonText(const std::vector<Finding>& findings) {
  nlohmann::json arr = nlohmann::json::array();
  for (const Finding& f : findings) arr.push_back(FindingToJson(f));
  return arr.dump();
}

std::vector<Finding> FindingsFromJsonText(const std::string& text) {
  std::vector<Finding> out;
  nlohmann::json arr = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!arr.is_array()) return out;
  for (const auto& j : arr) {
    if (!j.is_object()) continue;
    Finding f;
    f.rule = j.value("rule", "");
    auto cat = ParseCategory(j.value("category", ""));
    if (cat.ok()) f.category = *cat;
    auto sev = ParseSeverity(j.value("severity", ""));
    if (sev.ok()) f.severity = *sev;
    f.start = j.value("start", size_t{0});
    f.end = j.value("end", size_t{0});
    f.line = j.value("line", 0);
    f.column = j.value("column", 0);
    f.text = j.value("text", "");
    f.suggestion = j.value("suggestion", "");
    f.message = j.value("message", "");
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace review_internal

Status OrgChecker::Reload(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Checker checker, Checker::Create(base_));
  MINYI_ASSIGN_OR_RETURN(std::vector<ReviewTerm> terms, LoadTerms(db));
  if (!terms.empty()) MINYI_RETURN_IF_ERROR(checker.AddTerms(terms));
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT phrase FROM review_whitelist ORDER BY id"));
  for (size_t i = 0; i < rows.size(); ++i) checker.AddWhitelist(rows.Text(i, "phrase"));
  auto built = std::make_shared<const Checker>(std::move(checker));
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(built);
  return Status::Ok();
}

std::shared_ptr<const Checker> OrgChecker::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

Status ReviewDesk::ReloadChecker() {
  Status st = checker_.Reload(db_);
  return st.ok() ? st : st.WithContext("词库已保存，但重新加载检查器失败");
}

Result<std::vector<Finding>> ReviewDesk::RunChecks(const std::string& text) {
  std::shared_ptr<const Checker> checker = checker_.Get();
  if (!checker) {
    MINYI_RETURN_IF_ERROR(checker_.Reload(db_));
    checker = checker_.Get();
  }
  return checker->Check(text);
}

Result<std::vector<OrgTerm>> ReviewDesk::ListTerms() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id, term, category, severity, suggestion, note, created_by,"
                                              " created_at FROM review_terms ORDER BY id"));
  std::vector<OrgTerm> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    OrgTerm t;
    t.id = rows.Int(i, "id");
    t.term = rows.Text(i, "term");
    auto cat = ParseCategory(rows.Text(i, "category"));
    if (cat.ok()) t.category = *cat;
    auto sev = ParseSeverity(rows.Text(i, "severity"));
    if (sev.ok()) t.severity = *sev;
    t.suggestion = rows.Text(i, "suggestion");
    t.note = rows.Text(i, "note");
    t.created_by = rows.Text(i, "created_by");
    t.created_at = rows.Int(i, "created_at");
    out.push_back(std::move(t));
  }
  return out;
}

Result<int64_t> ReviewDesk::AddTerm(const User& actor, const OrgTerm& term) {
  if (term.term.empty() || term.term.size() > 200) return InvalidArgument("词条不能为空且不超过 200 字节");
  if (term.term.find_first_of("\t\n\r") != std::string::npos) return InvalidArgument("词条不能包含制表符或换行");
  if (term.suggestion.size() > 500 || term.note.size() > 1000) return InvalidArgument("建议或说明过长");
  MINYI_ASSIGN_OR_RETURN(int64_t same, db_.QueryInt("SELECT COUNT(*) FROM review_terms WHERE term = ?", {term.term}));
  if (same > 0) return AlreadyExists("词库中已有该词条：" + term.term);
  int64_t id = 0;
  Actor a = ActorOf(actor);
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO review_terms(term, category, severity, suggestion,"
                                 " note, created_by, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                                 {term.term, CategoryName(term.category), SeverityName(term.severity), term.suggestion,
                                  term.note, a.name, clock_.Now()}));
    return AppendAudit(tx, clock_, a, {"create", "review_term", std::to_string(id), "null", TermJson(term)});
  }));
  MINYI_RETURN_IF_ERROR(ReloadChecker());
  return id;
}

Status ReviewDesk::DeleteTerm(const User& actor, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne("SELECT term FROM review_terms WHERE id = ?", {id}, "找不到该词条"));
  std::string before = nlohmann::json{{"term", rows.Text(0, "term")}}.dump();
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM review_terms WHERE id = ?", {id}).status());
    return AppendAudit(tx, clock_, ActorOf(actor), {"delete", "review_term", std::to_string(id), before, "null"});
  }));
  return ReloadChecker();
}

Result<std::vector<WhitelistEntry>> ReviewDesk::ListWhitelist() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id, phrase, source, draft_id, created_by, created_at"
                                              " FROM review_whitelist ORDER BY id"));
  std::vector<WhitelistEntry> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back(WhitelistEntry{rows.Int(i, "id"), rows.Text(i, "phrase"), rows.Text(i, "source"),
                                 rows.Int(i, "draft_id"), rows.Text(i, "created_by"), rows.Int(i, "created_at")});
  }
  return out;
}

Result<int64_t> ReviewDesk::AddWhitelist(const User& actor, const std::string& phrase) {
  if (phrase.empty() || phrase.size() > 200) return InvalidArgument("白名单短语不能为空且不超过 200 字节");
  if (phrase.find_first_of("\t\n\r") != std::string::npos) return InvalidArgument("白名单短语不能包含制表符或换行");
  MINYI_ASSIGN_OR_RETURN(int64_t same,
                         db_.QueryInt("SELECT COUNT(*) FROM review_whitelist WHERE phrase = ?", {phrase}));
  if (same > 0) return AlreadyExists("白名单中已有该短语：" + phrase);
  int64_t id = 0;
  Actor a = ActorOf(actor);
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(id, tx.InsertReturningId("INSERT INTO review_whitelist(phrase, source, draft_id, created_by,"
                                                    " created_at) VALUES (?, '手工添加', NULL, ?, ?) RETURNING id",
                                                    {phrase, a.name, clock_.Now()}));
    return AppendAudit(tx, clock_, a,
                       {"create", "review_whitelist", std::to_string(id), "null",
                        nlohmann::json{{"phrase", phrase}, {"source", "手工添加"}}.dump()});
  }));
  MINYI_RETURN_IF_ERROR(ReloadChecker());
  return id;
}

Status ReviewDesk::DeleteWhitelist(const User& actor, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows,
                         db_.QueryOne("SELECT phrase FROM review_whitelist WHERE id = ?", {id}, "找不到该白名单条目"));
  std::string before = nlohmann::json{{"phrase", rows.Text(0, "phrase")}}.dump();
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM review_whitelist WHERE id = ?", {id}).status());
    return AppendAudit(tx, clock_, ActorOf(actor), {"delete", "review_whitelist", std::to_string(id), before, "null"});
  }));
  return ReloadChecker();
}

}  // namespace minyi
