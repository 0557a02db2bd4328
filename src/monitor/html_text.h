// Internal to src/monitor: a tolerant HTML tokenizer and HTML-to-text for
// feed descriptions and watched pages (not a public API).
//
// Contract: never fails on malformed markup — unclosed tags, stray '<',
// broken entities are read as text or skipped; work is bounded by the input
// size and by `max_tokens` (the visitor is not called beyond it). Script,
// style and similar raw-text elements are skipped whole. Entities (named,
// decimal, hex) are decoded to UTF-8; invalid code points become U+FFFD.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minyi::monitor_internal {

struct HtmlToken {
  enum class Kind { kText, kStartTag, kEndTag };
  Kind kind = Kind::kText;
  std::string name;                                        // lower-case tag name
  std::vector<std::pair<std::string, std::string>> attrs;  // lower-case names, decoded values
  std::string text;                                        // decoded text for kText
  bool self_closing = false;

  // The attribute's value, or "" when absent.
  std::string Attr(std::string_view key) const;
};

// Calls visit for each token until it returns false or max_tokens is reached.
// Returns false when the token limit cut the input short.
bool TokenizeHtml(std::string_view html, size_t max_tokens, const std::function<bool(const HtmlToken&)>& visit);

// Decodes character references in text or attribute values.
std::string DecodeEntities(std::string_view s);

// Block-level elements start a new line in the text.
bool IsBlockTag(std::string_view tag);

// Plain text of an HTML fragment: tags removed, block elements as line
// breaks, runs of spaces collapsed, at most max_bytes (cut at a character
// boundary).
std::string HtmlToText(std::string_view html, size_t max_bytes);

// Collapses whitespace runs (ASCII and U+3000/U+00A0) to one space per line,
// drops blank lines and trims.
std::string CollapseWhitespace(std::string_view text);

// Cuts UTF-8 text to at most max_bytes without splitting a character.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

// Appends the UTF-8 encoding of cp (U+FFFD for invalid code points).
void AppendUtf8(std::string* out, char32_t cp);

std::string LowerAscii(std::string_view s);

}  // namespace minyi::monitor_internal
