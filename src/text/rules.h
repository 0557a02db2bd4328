// Topic rules: the query language monitoring users write, and a RuleSet that
// evaluates many named rules over a document with one lexicon scan per field.
//
// Language (precedence high to low: NOT, NEAR, AND, OR):
//   环保 污染          AND (a space, 　 U+3000, `AND` or `&`)
//   环保 | 生态        OR  (`OR`, `|`, `｜`)
//   -广告 / NOT 广告   NOT (`-` or `－` directly before a word or `(`)
//   ( … ) （ … ）      grouping
//   "垃圾 焚烧"        quoted phrase, matched literally (also “…”)
//   化工 NEAR/10 爆炸  both within 10 characters (gap between the two hits,
//                      in code points; NEAR/0 = adjacent), either order
//   化工 ONEAR/10 爆炸 the same, left operand first
//   title:环保         field scope: title: text: source: site: (also 标题:
//                      正文: 来源: 站点:, full-width ：). Unscoped words look in
//                      title and text. A scope on ( … ) applies inside.
//   环保*              trailing wildcard = prefix. Chinese has no word
//                      boundaries, so 环保* finds 环保局, 环保部门 … and
//                      highlights the prefix; for Latin words the hit extends
//                      to the end of the word.
// Keywords are upper case (AND OR NOT NEAR/n ONEAR/n); quote them to search
// for the word itself. Latin words match whole words (PX does not match
// "PXE"), case-insensitively; Chinese matches as substrings. NEAR operands
// must be words, phrases, OR-groups of those, or NEAR expressions, and both
// hits must lie in the same field.
//
// 方案 form (Scheme): (any 地域词) AND (any 主体词) AND (any 事件词) AND NOT
// (any 排除词); empty lists are skipped; every entry is itself parsed as a rule
// expression, so the result is exactly the tree the text form would build.
//
// Limits (RuleLimits): rule length, nesting depth, terms per rule, NEAR span,
// wildcard prefix length, NEAR expansion (|left terms| x |right terms|), and
// rules per set. Rules whose truth needs no positive hit (`NOT 广告`,
// `a | -b`) are refused: every accepted rule needs at least one hit, which is
// what lets Match() evaluate only rules that some hit touches.
//
// Errors: InvalidArgument / ResourceExhausted with a Chinese message naming
// the column (1-based, in characters): "第 7 列：缺少右括号“)”".
//
// Thread safety: Add*/Compile are not thread-safe; after Compile(), Match()
// is const and may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "text/lexicon.h"

namespace minyi {

enum class DocField : uint8_t { kTitle = 0, kText = 1, kSource = 2, kSite = 3 };

struct RuleDocument {
  std::string_view title;
  std::string_view text;
  std::string_view source;
  std::string_view site;
};

struct RuleLimits {
  size_t max_rule_bytes = 8192;
  size_t max_depth = 32;
  size_t max_terms = 256;
  uint32_t max_near_distance = 500;
  size_t max_term_chars = 64;
  size_t min_wildcard_prefix_chars = 2;
  size_t max_wildcards = 32;
  size_t max_near_expansion = 4096;
  size_t max_rules = 100'000;
  // Evaluation: justifying spans kept per node (bounds work on documents
  // that repeat a term thousands of times).
  size_t max_spans_per_node = 256;
};

// 方案: lists of words; see the header comment for the semantics.
struct RuleScheme {
  std::vector<std::string> subjects;  // 主体词
  std::vector<std::string> regions;   // 地域词
  std::vector<std::string> events;    // 事件词
  std::vector<std::string> excludes;  // 排除词
};

// Parses the text form of a 方案: lines "主体词：甲、乙 丙" (also 地域词,
// 事件词, 排除词; separators 、,，;； and spaces; `=`/`:`/`：` after the
// name). Unknown names are an error naming the line.
Result<RuleScheme> ParseRuleScheme(std::string_view text);

struct RuleSpan {
  DocField field = DocField::kText;
  uint32_t byte_begin = 0, byte_end = 0;
  uint32_t cp_begin = 0, cp_end = 0;
  friend bool operator==(const RuleSpan&, const RuleSpan&) = default;
};

struct RuleMatch {
  std::string id;
  std::vector<RuleSpan> spans;  // sorted, distinct; the hits that make the rule true
};

// Canonical form of the tree a rule compiles to, e.g.
// AND(OR("北京","上海"),"环保"*,NOT("广告")) — for tests and the rule editor.
Result<std::string> DescribeRule(std::string_view expression, const RuleLimits& limits = {});
Result<std::string> DescribeScheme(const RuleScheme& scheme, const RuleLimits& limits = {});

class RuleSet {
 public:
  explicit RuleSet(RuleLimits limits = {});
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // Parses and checks limits; errors are prefixed with the rule id.
  Status Add(std::string id, std::string_view expression);
  Status AddScheme(std::string id, const RuleScheme& scheme);
  // Builds the shared matcher over every term of every rule. Must run after
  // the last Add and before Match.
  Status Compile(const MatcherOptions& options = {});

  Result<std::vector<RuleMatch>> Match(const RuleDocument& doc) const;

  size_t size() const;
  size_t term_count() const;  // distinct terms across all rules

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace minyi
