#include "monitor/html_text.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace minyi::monitor_internal {
namespace {

struct NamedEntity {
  const char* name;
  char32_t cp;
};

// The entities that matter in practice for Chinese and Western feeds; an
// unknown name is kept literally, as browsers do.
constexpr std::array<NamedEntity, 58> kEntities = {{
    {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},    {"nbsp", 0xA0},
    {"copy", 0xA9},     {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013},
    {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},  {"middot", 0xB7},  {"times", 0xD7},
    {"divide", 0xF7},   {"laquo", 0xAB},   {"raquo", 0xBB},   {"bull", 0x2022},   {"deg", 0xB0},     {"plusmn", 0xB1},
    {"sect", 0xA7},     {"para", 0xB6},    {"yen", 0xA5},     {"euro", 0x20AC},   {"pound", 0xA3},   {"cent", 0xA2},
    {"iexcl", 0xA1},    {"iquest", 0xBF},  {"shy", 0xAD},     {"ensp", 0x2002},   {"emsp", 0x2003},  {"thinsp", 0x2009},
    {"zwj", 0x200D},    {"zwnj", 0x200C},  {"larr", 0x2190},  {"rarr", 0x2192},   {"uarr", 0x2191},  {"darr", 0x2193},
    {"hearts", 0x2665}, {"auml", 0xE4},    {"ouml", 0xF6},    {"uuml", 0xFC},     {"Auml", 0xC4},    {"Ouml", 0xD6},
    {"Uuml", 0xDC},     {"szlig", 0xDF},   {"eacute", 0xE9},  {"egrave", 0xE8},   {"aacute", 0xE1},  {"agrave", 0xE0},
    {"ccedil", 0xE7},   {"ntilde", 0xF1},  {"acirc", 0xE2},   {"ecirc", 0xEA},
}};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsRawText(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "noscript" || tag == "template" || tag == "textarea" ||
         tag == "iframe" || tag == "svg" || tag == "xmp";
}

// Finds "</tag" (case-insensitive) from `from`; npos when absent.
size_t FindClosing(std::string_view html, size_t from, std::string_view tag) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (html.size() - i - 2 < tag.size()) return std::string_view::npos;
    if (LowerAscii(html.substr(i + 2, tag.size())) == tag) return i;
  }
  return std::string_view::npos;
}

size_t TagEnd(std::string_view text, size_t from) {
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

void ParseAttrs(std::string_view body, HtmlToken* tok) {
  size_t i = 0;
  while (i < body.size() && tok->attrs.size() < 64) {
    while (i < body.size() && (IsSpace(body[i]) || body[i] == '/')) ++i;
    size_t start = i;
    while (i < body.size() && !IsSpace(body[i]) && body[i] != '=' && body[i] != '/') ++i;
    if (i == start) {
      ++i;
      continue;
    }
    std::string name = LowerAscii(body.substr(start, i - start));
    while (i < body.size() && IsSpace(body[i])) ++i;
    std::string value;
    if (i < body.size() && body[i] == '=') {
      ++i;
      while (i < body.size() && IsSpace(body[i])) ++i;
      if (i < body.size() && (body[i] == '"' || body[i] == '\'')) {
        char q = body[i++];
        size_t end = body.find(q, i);
        if (end == std::string_view::npos) end = body.size();
        value = DecodeEntities(body.substr(i, end - i));
        i = end + 1;
      } else {
        size_t vs = i;
        while (i < body.size() && !IsSpace(body[i])) ++i;
        value = DecodeEntities(body.substr(vs, i - vs));
      }
    }
    tok->attrs.emplace_back(std::move(name), std::move(value));
  }
}

}  // namespace

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void AppendUtf8(std::string* out, char32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string HtmlToken::Attr(std::string_view key) const {
  for (const auto& [k, v] : attrs) {
    if (k == key) return v;
  }
  return "";
}

std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out.push_back(s[i++]);
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out.push_back(s[i++]);
      continue;
    }
    std::string_view ref = s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (!ref.empty() && ref[0] == '#') {
      char32_t cp = 0;
      bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      std::string_view digits = ref.substr(hex ? 2 : 1);
      bool valid = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = (c >= '0' && c <= '9')          ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (d < 0) {
          valid = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
      }
      if (valid) {
        AppendUtf8(&out, cp);
        done = true;
      }
    } else {
      for (const NamedEntity& e : kEntities) {
        if (ref == e.name) {
          AppendUtf8(&out, e.cp);
          done = true;
          break;
        }
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

bool IsBlockTag(std::string_view tag) {
  static constexpr std::array<std::string_view, 34> kBlocks = {
      "p",  "div", "br",   "li",    "ul",      "ol",      "h1",     "h2",         "h3",         "h4",    "h5", "h6",
      "tr", "td",  "th",   "table", "section", "article", "header", "footer",     "blockquote", "pre",   "hr", "dd",
      "dt", "dl",  "form", "nav",   "aside",   "main",    "figure", "figcaption", "title",      "option"};
  return std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end();
}

bool TokenizeHtml(std::string_view html, size_t max_tokens, const std::function<bool(const HtmlToken&)>& visit) {
  size_t count = 0;
  size_t i = 0;
  size_t text_start = 0;
  auto emit_text = [&](size_t end) -> bool {
    if (end <= text_start) return true;
    HtmlToken t;
    t.kind = HtmlToken::Kind::kText;
    t.text = DecodeEntities(html.substr(text_start, end - text_start));
    ++count;
    return visit(t);
  };
  while (i < html.size()) {
    if (count >= max_tokens) return false;
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= html.size()) break;
    char next = html[lt + 1];
    if (html.compare(lt, 4, "<!--") == 0) {
      if (!emit_text(lt)) return true;
      size_t end = html.find("-->", lt + 4);
      i = text_start = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    if (next == '!' || next == '?') {
      if (!emit_text(lt)) return true;
      if (html.compare(lt, 9, "<![CDATA[") == 0) {
        size_t end = html.find("]]>", lt + 9);
        size_t stop = end == std::string_view::npos ? html.size() : end;
        HtmlToken t;
        t.text = std::string(html.substr(lt + 9, stop - lt - 9));
        ++count;
        if (!visit(t)) return true;
        i = text_start = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      size_t end = html.find('>', lt);
      i = text_start = end == std::string_view::npos ? html.size() : end + 1;
      continue;
    }
    bool closing = next == '/';
    size_t name_start = lt + (closing ? 2 : 1);
    if (name_start >= html.size() || !IsAlpha(html[name_start])) {
      i = lt + 1;  // a stray '<' is text
      continue;
    }
    if (!emit_text(lt)) return true;
    size_t end = TagEnd(html, name_start);
    size_t name_end = name_start;
    while (name_end < end && !IsSpace(html[name_end]) && html[name_end] != '/' && html[name_end] != '>') ++name_end;
    HtmlToken t;
    t.kind = closing ? HtmlToken::Kind::kEndTag : HtmlToken::Kind::kStartTag;
    t.name = LowerAscii(html.substr(name_start, name_end - name_start));
    std::string_view body = html.substr(name_end, end - name_end);
    if (!closing) {
      t.self_closing = !body.empty() && body.back() == '/';
      ParseAttrs(body, &t);
    }
    ++count;
    if (!visit(t)) return true;
    i = text_start = end >= html.size() ? html.size() : end + 1;
    if (!closing && !t.self_closing && IsRawText(t.name)) {
      size_t close = FindClosing(html, i, t.name);
      if (close == std::string_view::npos) return true;
      size_t close_end = html.find('>', close);
      i = text_start = close_end == std::string_view::npos ? html.size() : close_end + 1;
    }
  }
  if (count >= max_tokens) return false;
  emit_text(html.size());
  return true;
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  bool pending_newline = false;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    size_t skip = 0;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;
      skip = 1;
    } else if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) == 0x80) {
      space = true;
      skip = 2;
    }
    if (c == '\n') {
      pending_newline = true;
      pending_space = false;
      continue;
    }
    if (space) {
      pending_space = true;
      i += skip;
      continue;
    }
    if (!out.empty()) {
      if (pending_newline) {
        out.push_back('\n');
      } else if (pending_space) {
        out.push_back(' ');
      }
    }
    pending_newline = pending_space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

std::string HtmlToText(std::string_view html, size_t max_bytes) {
  std::string raw;
  size_t budget = max_bytes * 2 + 1024;
  TokenizeHtml(html, 200000, [&](const HtmlToken& t) {
    if (t.kind == HtmlToken::Kind::kText) {
      raw += t.text;
    } else if (IsBlockTag(t.name)) {
      raw.push_back('\n');
    }  // inline tags add nothing: a space inside Chinese text would be wrong
    return raw.size() < budget;
  });
  return TruncateUtf8(CollapseWhitespace(raw), max_bytes);
}

}  // namespace minyi::monitor_internal
