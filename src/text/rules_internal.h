// Rule syntax tree shared by the parser (rules_parse.cc) and the evaluator
// (rules.cc). Internal to src/text; the public surface is rules.h.
//
// Thread safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "text/rules.h"

namespace minyi::rules_internal {

enum class Kind : uint8_t { kTerm, kAnd, kOr, kNot, kNear };

inline constexpr uint8_t kFieldTitle = 1u << static_cast<int>(DocField::kTitle);
inline constexpr uint8_t kFieldText = 1u << static_cast<int>(DocField::kText);
inline constexpr uint8_t kFieldSource = 1u << static_cast<int>(DocField::kSource);
inline constexpr uint8_t kFieldSite = 1u << static_cast<int>(DocField::kSite);
inline constexpr uint8_t kDefaultFields = kFieldTitle | kFieldText;

struct Node {
  Kind kind = Kind::kTerm;
  // kTerm: ASCII-folded UTF-8 text, trailing-* flag and field mask.
  std::string text;
  bool wildcard = false;
  uint8_t fields = kDefaultFields;
  // kNear: maximum gap in characters; ordered = ONEAR.
  uint32_t distance = 0;
  bool ordered = false;
  uint32_t column = 1;  // 1-based character column in the source rule
  uint32_t atom = 0;    // kTerm: index into the RuleSet's atoms (set by Compile)
  std::vector<Node> children;
};

// Parses and checks every limit; the result satisfies NeedsHit().
Result<Node> ParseRule(std::string_view expression, const RuleLimits& limits);
Result<Node> BuildScheme(const RuleScheme& scheme, const RuleLimits& limits);
std::string Describe(const Node& node);
bool IsSpaceChar(char32_t c);  // ASCII blanks and U+3000

}  // namespace minyi::rules_internal
