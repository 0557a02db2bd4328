// Small UTF-8 helpers shared by the readers and the checks.
//
// Contract: decoding is total — an invalid byte decodes to U+FFFD and the
// cursor advances by one byte, so untrusted input can never stall a loop.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace minyi::review_utf8 {

// Decodes the code point at text[*pos] and advances *pos.
char32_t Next(std::string_view text, size_t* pos);
void Append(std::string* out, char32_t cp);
std::u32string ToU32(std::string_view text);
std::string FromU32(std::u32string_view text);
bool IsValid(std::string_view text);
size_t CountCodePoints(std::string_view text);

// CJK unified ideographs (basic, extension A, compatibility).
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FA1F);
}
inline bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiAlnum(char32_t c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }

}  // namespace minyi::review_utf8
