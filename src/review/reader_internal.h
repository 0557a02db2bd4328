// Internals shared by the document readers (not a public API).
//
// TextBuilder accumulates the plain text and its source map while collapsing
// paragraph breaks; Deadline enforces the time budget. Not thread-safe: one
// instance per read.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "review/document.h"

namespace minyi::review_internal {

class Deadline {
 public:
  explicit Deadline(const ReadLimits& limits);
  // kResourceExhausted once the budget is spent; cheap enough to call often
  // because it only reads the clock every 256 calls.
  Status Check();

 private:
  const Clock* clock_;
  SystemClock system_;
  int64_t deadline_ns_;
  unsigned calls_ = 0;
  bool expired_ = false;
};

class TextBuilder {
 public:
  explicit TextBuilder(size_t max_chars) : max_chars_(max_chars) {}

  // Appends UTF-8 text attributed to `loc`. Control characters other than
  // tab/newline are dropped. Returns false once the text limit is exceeded.
  bool Append(std::string_view utf8, const SourceLocation& loc);
  // Ends the current paragraph (idempotent: never produces blank runs of
  // more than one empty line).
  void ParagraphBreak();
  // A blank line between document parts.
  void SectionBreak();
  bool overflow() const { return overflow_; }
  Document Finish(DocumentFormat format, std::string encoding);

 private:
  void Push(char32_t c);
  std::string text_;
  size_t length_ = 0;
  size_t max_chars_;
  bool overflow_ = false;
  int pending_breaks_ = 0;
  std::vector<TextSpan> spans_;
};

Status TooManyChars();

Result<Document> ReadDocx(std::string_view bytes, const ReadLimits& limits);
Result<Document> ReadHtml(std::string_view bytes, const ReadLimits& limits);

// Returns the XML nesting depth and element count of `xml` by a tolerant
// byte scan, stopping early once `max_depth` is exceeded; used to refuse
// hostile parts before building a DOM.
struct XmlShape {
  int depth = 0;
  size_t elements = 0;
};
XmlShape ScanXmlShape(std::string_view xml, int max_depth);

// Index of the '>' that closes a tag whose body starts at `from`, skipping
// '>' inside quoted attribute values; text.size() when unterminated. Shared
// by the XML and HTML scanners so both treat attributes the same way.
inline size_t FindTagEnd(std::string_view text, size_t from) {
  char quote = 0;
  size_t j = from;
  for (; j < text.size(); ++j) {
    char d = text[j];
    if (quote) {
      if (d == quote) quote = 0;
    } else if (d == '"' || d == '\'') {
      quote = d;
    } else if (d == '>') {
      break;
    }
  }
  return j;
}

}  // namespace minyi::review_internal
