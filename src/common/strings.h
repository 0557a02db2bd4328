// Small text helpers shared by the line-based parsers (calendar, robots.txt,
// topic files, complaint CSV, sentiment files, HTTP headers), and a string
// set/map hash that looks up by view without building a std::string.
//
// Contract: pure functions over views; nothing allocates. Only ASCII blanks
// are trimmed — full-width and other Unicode spaces are content here, and
// normalization (text/normalize.h) decides about them.
//
// Thread safety: stateless.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

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

// Hash for unordered containers keyed by std::string that accept
// std::string_view lookups (with std::equal_to<>): the hot paths look words
// up by view, and a temporary string per lookup was measurable.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using StringSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

}  // namespace minyi
