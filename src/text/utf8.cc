#include "text/utf8.h"

namespace minyi::utf8 {

char32_t DecodeOne(std::string_view text, size_t pos, size_t* len) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const unsigned char b0 = s[pos];
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  // Valid second-byte ranges follow Unicode Table 3-7, so overlongs and
  // surrogates are rejected at the earliest byte (maximal subpart rule).
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    *len = 1;
    return kReplacement;
  }
  size_t i = pos + 1;
  for (int k = 0; k < need; ++k, ++i) {
    if (i >= n) {
      *len = i - pos;
      return kReplacement;
    }
    const unsigned char b = s[i];
    if (b < lo || b > hi) {
      *len = i - pos;
      return kReplacement;
    }
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
  }
  *len = i - pos;
  return cp;
}

Decoded Decode(std::string_view text) {
  Decoded d;
  d.cps.reserve(text.size());
  d.byte_offsets.reserve(text.size() + 1);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t len;
    char32_t cp = DecodeOne(text, pos, &len);
    d.cps.push_back(cp);
    d.byte_offsets.push_back(static_cast<uint32_t>(pos));
    pos += len;
  }
  d.byte_offsets.push_back(static_cast<uint32_t>(text.size()));
  return d;
}

std::u32string ToU32(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t len;
    out.push_back(DecodeOne(text, pos, &len));
    pos += len;
  }
  return out;
}

void Append(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string FromU32(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t c : cps) Append(out, c);
  return out;
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0, pos = 0;
  while (pos < text.size()) {
    size_t len;
    DecodeOne(text, pos, &len);
    pos += len;
    ++count;
  }
  return count;
}

size_t ByteOffsetOfCodePoint(std::string_view text, size_t cp_index) {
  size_t pos = 0;
  for (size_t i = 0; i < cp_index && pos < text.size(); ++i) {
    size_t len;
    DecodeOne(text, pos, &len);
    pos += len;
  }
  return pos;
}

size_t CodePointIndexOfByte(std::string_view text, size_t byte_pos) {
  size_t pos = 0, index = 0;
  while (pos < text.size()) {
    size_t len;
    DecodeOne(text, pos, &len);
    if (byte_pos < pos + len) return index;
    pos += len;
    ++index;
  }
  return index;
}

}  // namespace minyi::utf8
