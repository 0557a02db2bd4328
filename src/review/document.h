// Document readers for the review desk: .txt, .md, .html and .docx become one
// plain UTF-8 text plus a map from text ranges back into the source document.
//
// Contract:
// - Input is untrusted. Every reader enforces ReadLimits (file size, total and
//   per-part uncompressed size, compression ratio, zip entry count, XML/HTML
//   nesting depth, time budget). A malformed, encrypted (OLE2/CFB container),
//   oversized, deeply nested or zip-bomb document yields a non-OK Status with
//   a Chinese message; the readers never throw, crash or hang.
// - External XML entities are never resolved (pugixml has no DTD support and
//   the readers never ask for one).
// - Offsets in TextSpan are Unicode code-point offsets into Document::text,
//   the same unit the checks report findings in.
// - .docx: body paragraphs, tables, headers, footers, footnotes, endnotes and
//   text boxes are read; deleted tracked changes and comments are left out;
//   w:tab and w:br become whitespace. The main part is found through
//   _rels/.rels and [Content_Types].xml.
//
// Thread safety: free functions without shared state; safe to call
// concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"

namespace minyi {

enum class DocumentFormat { kAuto, kText, kMarkdown, kHtml, kDocx };

// "txt", "md", "html", "docx" ("auto" for kAuto).
std::string_view DocumentFormatName(DocumentFormat format);
// Accepts the names above plus "text", "markdown", "htm"; kInvalidArgument otherwise.
Result<DocumentFormat> ParseDocumentFormat(std::string_view name);

struct ReadLimits {
  size_t max_file_bytes = 50u << 20;           // the file as uploaded
  size_t max_part_bytes = 64u << 20;           // one uncompressed zip entry
  size_t max_total_uncompressed = 256u << 20;  // all entries read from one zip
  double max_compression_ratio = 200.0;        // only for entries above 1 MB
  size_t max_zip_entries = 10000;
  int max_depth = 256;                 // XML / HTML element nesting
  size_t max_xml_elements = 4u << 20;  // elements in one XML part
  size_t max_text_chars = 20u << 20;   // code points of extracted text
  int64_t time_budget_ms = 10000;
  // Source of the monotonic time for the budget; nullptr uses a SystemClock.
  const Clock* clock = nullptr;
};

// Where a range of the plain text came from.
struct SourceLocation {
  // docx: part name ("word/document.xml", "word/header1.xml"...);
  // html: element path ("html/body/div/p"); txt/md: empty.
  std::string part;
  // docx: paragraph index within the part; html: block index; txt/md: line
  // index (0-based).
  int paragraph = -1;
  // docx: run index within the paragraph; html: element ordinal in the file.
  int run = -1;
};

struct TextSpan {
  size_t start = 0;  // code points, inclusive
  size_t end = 0;    // code points, exclusive
  SourceLocation location;
};

struct Document {
  DocumentFormat format = DocumentFormat::kText;
  std::string text;             // UTF-8, paragraphs separated by '\n'
  size_t length = 0;            // code points in text
  std::vector<TextSpan> spans;  // sorted by start, non-overlapping
  std::string source_encoding;  // "UTF-8", "UTF-16LE", "GB18030"...

  // The span containing code-point offset `offset`, or nullptr.
  const TextSpan* Locate(size_t offset) const;
};

// Reads bytes already in memory. `filename` (may be empty) helps guess the
// format when `hint` is kAuto.
Result<Document> ReadDocumentBytes(std::string_view bytes, DocumentFormat hint, std::string_view filename,
                                   const ReadLimits& limits = {});

// Reads a file through `fs` (size checked before it reaches memory).
Result<Document> ReadDocumentFile(const FileSystem& fs, const std::string& path,
                                  DocumentFormat hint = DocumentFormat::kAuto, const ReadLimits& limits = {});

// Decodes a plain-text byte string: UTF-8 (with or without BOM), UTF-16 with
// BOM, else GB18030. Sets *encoding to the name of what was detected.
Result<std::string> DecodeText(std::string_view bytes, std::string* encoding);

}  // namespace minyi
