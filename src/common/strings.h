// Small text helpers shared by the line-based parsers (calendar, robots.txt,
// topic files, complaint CSV, sentiment files, HTTP headers).
//
// Contract: pure functions over views; nothing allocates. Only ASCII blanks
// are trimmed — full-width and other Unicode spaces are content here, and
// normalization (text/normalize.h) decides about them.
//
// Thread safety: stateless.
#pragma once

#include <string_view>

namespace minyi {

// Without leading and trailing spaces, tabs, CRs and LFs.
inline std::string_view TrimBlank(std::string_view s) {
  constexpr std::string_view kBlank = " \t\r\n";
  size_t b = s.find_first_not_of(kBlank);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kBlank) - b + 1);
}

// The first line of *text (without its '\n'); *text is advanced past it.
inline std::string_view TakeLine(std::string_view* text) {
  size_t nl = text->find('\n');
  std::string_view line = text->substr(0, nl);
  text->remove_prefix(nl == std::string_view::npos ? text->size() : nl + 1);
  return line;
}

}  // namespace minyi
