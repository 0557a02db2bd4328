// Lexicon matching: tens of thousands of terms found in one pass over a text.
//
// Contract
// - A Lexicon is a list of terms; each term carries a category, a severity, a
//   suggestion and allowed contexts (whitelist phrases). LexiconMatcher
//   compiles it once and then finds every occurrence in one scan, with offsets
//   in bytes and in code points (code points counted as utf8::DecodeOne does,
//   so offsets stay exact on ill-formed input).
// - Backends: vectorscan literal mode (hs_compile_lit_multi, block mode) when
//   built with it and the CPU is supported; otherwise the pure C++
//   AhoCorasick. Both report exactly the same hits (tests cross-check them on
//   random lexicons and texts). Literals have a fixed length, so the start of
//   a hit is end - length and no SOM flag is needed.
// - Matching is byte-exact on the UTF-8 the caller passes (normalize first
//   with text/normalize.h if full-width/traditional forms should match);
//   MatcherOptions::ascii_caseless folds A–Z only.
// - Whitelists: a hit of term T is suppressed when an occurrence of one of
//   T's allowed contexts covers it (context.begin <= hit.begin and
//   hit.end <= context.end). When several contexts cover a hit, the longest
//   one is reported as the reason (suppressed_by) — the longest whitelist
//   match wins. Suppression is applied before leftmost-longest selection, so a
//   whitelisted long term never hides a shorter independent one.
// - Modes: kOverlapping returns every hit; kLeftmostLongest keeps, scanning
//   left to right, the longest hit starting at the leftmost free position and
//   skips hits overlapping it (terms with identical text all keep their hit).
//   Hits are sorted by (byte_begin, longer first, term index).
// - Limits: TSV input <= 64 MB, lines <= 4 KB, <= 1,000,000 terms, terms <= 256
//   bytes, <= 16 contexts per term; texts longer than 4 GB are refused.
//
// TSV format (UTF-8, one term per line, fields separated by TAB):
//   term<TAB>category<TAB>severity<TAB>suggestion<TAB>contexts
// - Terms and contexts are valid UTF-8 without control characters (< U+0020, U+007F).
// - Only `term` is required; missing trailing fields take defaults (category
//   "", severity 1, suggestion "", no contexts).
// - severity: an integer 0..9, or one of 提示 (=1), 警告 (=2), 严重 (=3).
// - contexts: whitelist phrases separated by `|`; each must contain the term.
// - Escapes inside fields: \t \n \r \\ \| \# (so a literal `|` in a context is `\|`;
//   any other escaped character stands for itself).
// - Blank lines and lines starting with `#` are ignored; a leading UTF-8 BOM
//   is skipped; CRLF line ends are accepted.
// Example:
//   # 过时机构名称
//   国家卫生和计划生育委员会	过时机构	2	国家卫生健康委员会
//   小姐	低俗	1		小姐姐|大小姐
//
// Thread safety: Lexicon is a value type. LexiconMatcher is immutable after
// Compile(); Match() may be called from any number of threads (vectorscan
// scratch spaces come from an internal pool guarded by a mutex).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"

namespace minyi {

struct LexiconTerm {
  std::string text;
  std::string category;
  int severity = 1;
  std::string suggestion;
  std::vector<std::string> allowed_contexts;
};

struct LexiconLimits {
  size_t max_input_bytes = 64u << 20;
  size_t max_line_bytes = 4096;
  size_t max_terms = 1'000'000;
  size_t max_term_bytes = 256;
  size_t max_contexts_per_term = 16;
};

class Lexicon {
 public:
  // Validates (non-empty, valid UTF-8, within limits, each context contains
  // the term) and appends.
  Status Add(LexiconTerm term, const LexiconLimits& limits = {});

  // Parses the TSV format above. Errors name the line: "第 3 行：……".
  static Result<Lexicon> ParseTsv(std::string_view tsv, const LexiconLimits& limits = {});
  // Reads a TSV file through the injected filesystem (size-capped by
  // limits.max_input_bytes); errors are prefixed with the path.
  static Result<Lexicon> LoadTsvFile(const FileSystem& fs, const std::string& path, const LexiconLimits& limits = {});
  // Serializes to the same format (round-trips through ParseTsv).
  std::string ToTsv() const;

  const std::vector<LexiconTerm>& terms() const { return terms_; }
  size_t size() const { return terms_.size(); }

 private:
  std::vector<LexiconTerm> terms_;
};

enum class MatchMode { kOverlapping, kLeftmostLongest };
enum class MatcherBackend { kAuto, kVectorscan, kAhoCorasick };

struct MatcherOptions {
  MatcherBackend backend = MatcherBackend::kAuto;
  bool ascii_caseless = false;
};

struct LexiconHit {
  uint32_t term = 0;  // index into Lexicon::terms()
  uint32_t byte_begin = 0, byte_end = 0;
  uint32_t cp_begin = 0, cp_end = 0;
  // Only with MatchOptions::keep_suppressed: index into the term's
  // allowed_contexts of the longest covering whitelist phrase, else -1.
  int32_t suppressed_by = -1;

  friend bool operator==(const LexiconHit&, const LexiconHit&) = default;
};

struct MatchOptions {
  MatchMode mode = MatchMode::kOverlapping;
  // Return whitelisted hits too (marked with suppressed_by) — for "why was
  // this not flagged" explanations.
  bool keep_suppressed = false;
  // Skip code point offsets (cp_begin/cp_end stay 0) when only bytes matter.
  bool code_points = true;
};

class LexiconMatcher {
 public:
  ~LexiconMatcher();
  LexiconMatcher(const LexiconMatcher&) = delete;
  LexiconMatcher& operator=(const LexiconMatcher&) = delete;

  static Result<std::unique_ptr<LexiconMatcher>> Compile(Lexicon lexicon, const MatcherOptions& options = {});

  Status Match(std::string_view text, const MatchOptions& options, std::vector<LexiconHit>* hits) const;
  Result<std::vector<LexiconHit>> Match(std::string_view text, const MatchOptions& options = {}) const;

  // Raw occurrences of the distinct patterns (term texts, after case folding,
  // plus whitelist phrases) as (pattern, end byte), in end order — the
  // building block rules.cc uses. Pattern ids index patterns().
  struct RawHit {
    uint32_t pattern;
    uint32_t end;
  };
  Status ScanRaw(std::string_view text, std::vector<RawHit>* out) const;
  size_t pattern_count() const;
  uint32_t pattern_length(uint32_t pattern) const;
  // Terms whose text is this pattern (empty for pure whitelist phrases).
  const std::vector<uint32_t>& pattern_terms(uint32_t pattern) const;

  const Lexicon& lexicon() const;
  MatcherBackend backend() const;  // never kAuto
  size_t MemoryBytes() const;

  struct Impl;

 private:
  explicit LexiconMatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True when this build links vectorscan and the CPU supports it.
bool VectorscanAvailable();

}  // namespace minyi
