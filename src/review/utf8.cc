// The review desk's UTF-8 helpers delegate to the text engine's decoder so
// both subsystems agree on code-point offsets, including for ill-formed input.
#include "review/utf8.h"

#include "text/utf8.h"

namespace minyi::review_utf8 {

char32_t Next(std::string_view s, size_t* pos) {
  size_t len = 1;
  char32_t cp = utf8::DecodeOne(s, *pos, &len);
  *pos += len;
  return cp;
}

void Append(std::string* out, char32_t cp) { utf8::Append(*out, cp); }

std::u32string ToU32(std::string_view text) { return utf8::ToU32(text); }

std::string FromU32(std::u32string_view text) { return utf8::FromU32(text); }

bool IsValid(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t before = pos;
    char32_t c = Next(text, &pos);
    if (c == utf8::kReplacement && text.substr(before, pos - before) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

size_t CountCodePoints(std::string_view text) { return utf8::CountCodePoints(text); }

}  // namespace minyi::review_utf8
