// Text normalization for matching: NFKC (ICU), traditional -> simplified
// (OpenCC t2s.json), removal of invisible characters, full-width ASCII folding
// — with a map from every normalized code point back to the caller's text.
//
// Contract:
// - Normalize never loses the way back: for each normalized code point i,
//   source_begin[i]..source_end[i] is the range of original code points it
//   came from (a many-to-one or one-to-many change maps to the whole original
//   group), and ToOriginal() turns any normalized span into original code
//   point and byte offsets. Findings computed on the normalized text can so
//   always be shown on the user's own characters.
// - "Invisible" means control characters (Cc) other than \t \n \r, format
//   characters (Cf: zero-width space/joiners, BOM, bidi controls, soft hyphen)
//   and other default-ignorable code points (variation selectors, fillers).
//   Removing them defeats "习\u200b近平"-style evasion.
// - Full-width ASCII (U+FF01..U+FF5E) and the ideographic space fold to ASCII
//   even when NFKC is disabled.
// - Ill-formed UTF-8 decodes to U+FFFD owning its bytes (text/utf8.h).
// - Inputs larger than options.max_input_bytes are refused with
//   kResourceExhausted.
//
// Thread safety: a Normalizer is immutable after Create(); Normalize may be
// called concurrently (ICU normalizers and OpenCC converters are read-only).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace opencc {
class Converter;
}

namespace minyi {

struct NormalizeOptions {
  bool nfkc = true;
  bool traditional_to_simplified = true;
  bool remove_invisible = true;
  bool fold_fullwidth = true;
  size_t max_input_bytes = 16u << 20;
  // OpenCC configuration; Debian's opencc-data ships it here.
  std::string opencc_config = "/usr/share/opencc/t2s.json";
};

struct OriginalSpan {
  uint32_t begin = 0;  // code points of the original text
  uint32_t end = 0;
  uint32_t byte_begin = 0;
  uint32_t byte_end = 0;
};

struct NormalizedText {
  std::string text;                             // UTF-8
  std::u32string cps;                           // the same, decoded
  std::vector<uint32_t> byte_offsets;           // cps index -> byte offset in text; size cps.size() + 1
  std::vector<uint32_t> source_begin;           // cps index -> first original code point
  std::vector<uint32_t> source_end;             // cps index -> one past the last original code point
  std::vector<uint32_t> original_byte_offsets;  // original cp -> byte; size original cps + 1

  // Maps normalized code points [begin, end) to the original text. An empty
  // span maps to an empty span at the matching original position.
  OriginalSpan ToOriginal(uint32_t begin, uint32_t end) const;
  // Same, from byte offsets into `text` (offsets inside a character count as
  // that character).
  OriginalSpan ToOriginalFromBytes(uint32_t byte_begin, uint32_t byte_end) const;
};

class Normalizer {
 public:
  static Result<std::shared_ptr<const Normalizer>> Create(const NormalizeOptions& options = {});
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  Result<NormalizedText> Normalize(std::string_view text) const;

  const NormalizeOptions& options() const { return options_; }

 private:
  explicit Normalizer(NormalizeOptions options) : options_(std::move(options)) {}

  NormalizeOptions options_;
  std::shared_ptr<opencc::Converter> t2s_;
};

// The single-code-point rules, exposed for other text modules and tests.
bool IsInvisible(char32_t c);
char32_t FoldFullwidth(char32_t c);

}  // namespace minyi
