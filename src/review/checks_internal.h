// Pattern checks behind Checker (not a public API). Each appends findings
// with rule, category, severity, start, end, suggestion and message set; the
// Checker fills in line, column and text.
// Thread safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "review/checks.h"

namespace minyi::review_internal {

void CheckPii(std::u32string_view text, std::vector<Finding>* out);
void CheckClassificationMarks(std::u32string_view text, std::vector<Finding>* out);
void CheckTypography(std::u32string_view text, std::vector<Finding>* out);

// Exposed for tests.
bool ValidResidentId18(std::u32string_view id);
bool ValidResidentId15(std::u32string_view id);
bool LuhnValid(std::u32string_view digits);
bool ValidSocialCreditCode(std::u32string_view code);

}  // namespace minyi::review_internal
