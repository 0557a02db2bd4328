// Automated review checks (审校): personal data, classification marks,
// outdated institution names, prohibited/vulgar words, typos and punctuation
// (GB/T 15834) over the plain text a document reader produced.
//
// Contract:
// - Every finding names a rule with a stable id ("pii.id_card",
//   "term.institution"...), a category, a severity and, where one exists, a
//   suggestion. Offsets are Unicode code points into the checked text; line
//   and column are 1-based (column in code points).
// - Precision comes first: the lexicons are curated (data/review/*.tsv), the
//   pattern checks validate check digits and dates, and each lexicon term
//   may carry exempt contexts (e.g. 第一书记 for 第一).
// - Organisations extend the lexicons at run time (AddTerms) and whitelist
//   phrases (AddWhitelist): a finding whose range lies inside an occurrence
//   of a whitelisted phrase is suppressed.
// - Findings come sorted by start offset, then rule id.
//
// Thread safety: Check() is const and may run concurrently from many
// threads; AddTerms/AddWhitelist/SetEnabled must not run concurrently with
// anything else on the same Checker.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace minyi {

enum class Severity { kError, kWarning, kInfo };
enum class CheckCategory { kPii, kSecrecy, kTerm, kProhibited, kTypo, kTypography };
inline constexpr int kCheckCategoryCount = 6;

std::string_view SeverityName(Severity s);        // "error", "warning", "info"
std::string_view SeverityLabel(Severity s);       // "错误", "警告", "提示"
std::string_view CategoryName(CheckCategory c);   // "pii", "secrecy", ...
std::string_view CategoryLabel(CheckCategory c);  // "个人信息", "涉密标识", ...
Result<Severity> ParseSeverity(std::string_view name);
Result<CheckCategory> ParseCategory(std::string_view name);

struct Finding {
  std::string rule;  // stable id, e.g. "typo.word"
  CheckCategory category = CheckCategory::kTypo;
  Severity severity = Severity::kWarning;
  size_t start = 0;        // code points, inclusive
  size_t end = 0;          // code points, exclusive
  int line = 0;            // 1-based
  int column = 0;          // 1-based, code points
  std::string text;        // the offending text
  std::string suggestion;  // replacement or advice; may be empty
  std::string message;     // one Chinese sentence explaining the finding
};

// One lexicon term. `exempt` lists longer phrases containing the term in
// which it is fine (第一书记 for 第一); `skip_after` lists characters that,
// right before the term (or before a 国家 prefix of it), mark it as fine
// (原 in 原工商局 — a historical reference). Sentence conditions (a
// sentence ends at 。！？；or a line break): with `require_context` set the
// term counts only in a sentence containing one of those words (an
// advertising superlative only where something is being sold); any word of
// `exempt_context` in the sentence makes it fine (不再保留 for an old
// institution name). A term of category term is also fine in a sentence
// that already names its suggestion (the reform being described).
struct ReviewTerm {
  std::string term;
  CheckCategory category = CheckCategory::kTypo;
  Severity severity = Severity::kWarning;
  std::string rule;  // defaults to "<category>.lexicon" when empty
  std::string suggestion;
  std::string note;  // shown as the message; a default is used when empty
  std::vector<std::string> exempt;
  std::string skip_after;
  std::vector<std::string> require_context;
  std::vector<std::string> exempt_context;
};

// Description of a rule for --help, SARIF and the UI.
struct RuleInfo {
  std::string id;
  CheckCategory category;
  Severity severity;
  std::string description;
};

struct CheckerOptions {
  // Directory holding the lexicon TSV files; empty means
  // ResourceDir() + "/data/review".
  std::string data_dir;
  // Categories to run (all by default).
  std::array<bool, kCheckCategoryCount> enabled{true, true, true, true, true, true};
};

class Checker {
 public:
  // Loads every *.tsv lexicon in options.data_dir (see data/review/README.md
  // for the format). kNotFound if the directory is missing; kInvalidArgument
  // with file and line if a row is malformed.
  static Result<Checker> Create(const CheckerOptions& options = {});
  // A checker with only the built-in pattern rules plus `terms`; for tests
  // and for callers that hold their lexicons elsewhere.
  static Checker FromTerms(std::vector<ReviewTerm> terms, const CheckerOptions& options = {});

  Checker(Checker&&) noexcept;
  Checker& operator=(Checker&&) noexcept;
  ~Checker();

  // Adds organisation terms; rebuilds the matcher once per call.
  Status AddTerms(const std::vector<ReviewTerm>& terms);
  // Parses TSV rows in the lexicon format and adds them.
  Status AddTermsTsv(std::string_view tsv, std::string_view source_name);
  // Suppresses findings covered by `phrase` (e.g. a dismissed finding's text
  // with some context). Empty phrases are ignored.
  void AddWhitelist(std::string_view phrase);
  void SetEnabled(CheckCategory category, bool enabled);

  std::vector<Finding> Check(std::string_view utf8_text) const;
  std::vector<RuleInfo> Rules() const;
  size_t term_count() const;

 private:
  struct Impl;
  explicit Checker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Parses lexicon TSV rows (shared with the loader):
// term <TAB> rule <TAB> severity <TAB> suggestion [<TAB> note [<TAB> exempt|exempt... [<TAB> skip_after
//   [<TAB> require_context|... [<TAB> exempt_context|...]]]]]
// where rule is "<category>.<name>" (e.g. "term.institution") and the
// category is its prefix. Blank lines and lines starting with '#' are skipped.
// A context item "@name" stands for every line of the cue set `name`
// (data/review/cues_<name>.txt); `cue_sets` maps names to their words and an
// unknown name is kInvalidArgument.
using CueSets = std::vector<std::pair<std::string, std::vector<std::string>>>;
Result<std::vector<ReviewTerm>> ParseLexiconTsv(std::string_view tsv, std::string_view source_name,
                                                const CueSets& cue_sets = {});

}  // namespace minyi
