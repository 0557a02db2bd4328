// Small UTF-8 helpers shared by the text engine.
//
// Contract: decoding never fails. Every ill-formed byte sequence (overlong
// forms, surrogates, truncated sequences, bytes > 0xF4) decodes to one U+FFFD
// per maximal invalid subpart, so each decoded code point still owns a
// definite byte range of the caller's text and offsets stay exact. Encoding
// writes U+FFFD for values that are not Unicode scalar values.
//
// Thread safety: pure functions and value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minyi::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point starting at text[pos]; stores its byte length in
// *len (always >= 1 when pos < text.size()).
char32_t DecodeOne(std::string_view text, size_t pos, size_t* len);

// Decoded text plus, for each code point i, the byte offset where it starts.
// byte_offsets has size() + 1 entries; the last one is text.size().
struct Decoded {
  std::u32string cps;
  std::vector<uint32_t> byte_offsets;
};
Decoded Decode(std::string_view text);

// Code points only (no offsets) — cheaper when offsets are not needed.
std::u32string ToU32(std::string_view text);

void Append(std::string& out, char32_t cp);
std::string FromU32(std::u32string_view cps);

// Number of code points in text (ill-formed bytes count as above).
size_t CountCodePoints(std::string_view text);

// Byte offset of the code point with index cp_index; text.size() if cp_index
// is at or past the end.
size_t ByteOffsetOfCodePoint(std::string_view text, size_t cp_index);

// Index of the code point containing byte offset byte_pos (a byte in the
// middle of a sequence belongs to that sequence's code point).
size_t CodePointIndexOfByte(std::string_view text, size_t byte_pos);

}  // namespace minyi::utf8
