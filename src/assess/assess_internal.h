// Internal to src/assess: helpers shared by its files.
#pragma once

#include <string>
#include <vector>

#include "assess/assess.h"

namespace minyi {

inline constexpr size_t kMaxRuleWords = 20;

// Checks the keyword lists of an evidence rule (Chinese errors).
Status ValidateRule(const EvidenceRule& rule);

// JSON string literal (for audit records).
std::string JsonQuote(const std::string& s);

// "2026年11月18日" (China time); "" for 0.
std::string ChineseDate(UnixSeconds t);

}  // namespace minyi
