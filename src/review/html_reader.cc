// Tolerant HTML reader. pugixml is not an HTML parser, so this is a small
// tokenizer: tags, comments, CDATA and text with entity decoding; script,
// style and similar raw-text elements are skipped; block elements become
// paragraph breaks. It never fails on bad markup — only on limits.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "review/reader_internal.h"
#include "review/utf8.h"

namespace minyi::review_internal {
namespace {

struct Entity {
  std::string_view name;
  char32_t cp;
};
// The entities that occur in Chinese web prose; others stay literal.
constexpr Entity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},      {"apos", '\''},    {"nbsp", 0xA0},
    {"ensp", 0x2002},  {"emsp", 0x2003},   {"thinsp", 0x2009}, {"copy", 0xA9},     {"reg", 0xAE},     {"trade", 0x2122},
    {"middot", 0xB7},  {"mdash", 0x2014},  {"ndash", 0x2013},  {"hellip", 0x2026}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"times", 0xD7},    {"divide", 0xF7},   {"laquo", 0xAB},   {"raquo", 0xBB},
    {"bull", 0x2022},  {"yen", 0xA5},      {"deg", 0xB0},      {"plusmn", 0xB1},   {"sect", 0xA7},    {"para", 0xB6},
    {"shy", 0xAD},     {"zwj", 0x200D},    {"zwnj", 0x200C},   {"rarr", 0x2192},   {"larr", 0x2190},  {"uarr", 0x2191},
    {"darr", 0x2193},  {"permil", 0x2030}, {"prime", 0x2032},  {"le", 0x2264},     {"ge", 0x2265},    {"ne", 0x2260},
    {"infin", 0x221E}, {"cent", 0xA2},     {"pound", 0xA3},    {"euro", 0x20AC},   {"frac12", 0xBD},  {"sup2", 0xB2},
    {"sup3", 0xB3},    {"micro", 0xB5},
};

bool IsBlock(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "address", "article",  "aside",      "blockquote", "br",     "caption", "dd",      "div",    "dl",
      "dt",      "fieldset", "figcaption", "figure",     "footer", "form",    "h1",      "h2",     "h3",
      "h4",      "h5",       "h6",         "header",     "hr",     "li",      "main",    "nav",    "ol",
      "p",       "pre",      "section",    "table",      "tbody",  "td",      "tfoot",   "th",     "thead",
      "title",   "tr",       "ul",         "body",       "html",   "option",  "summary", "details"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), tag) != std::end(kBlocks);
}

bool IsVoid(std::string_view tag) {
  static constexpr std::string_view kVoid[] = {"area", "base", "br",    "col",    "embed", "hr",  "img",     "input",
                                               "link", "meta", "param", "source", "track", "wbr", "!doctype"};
  return std::find(std::begin(kVoid), std::end(kVoid), tag) != std::end(kVoid);
}

bool IsRawText(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "noscript" || tag == "template" || tag == "textarea" ||
         tag == "iframe" || tag == "object" || tag == "svg" || tag == "math" || tag == "xmp";
}

// Decodes one entity starting at s[i] == '&'; appends to out and returns the
// index after it, or appends '&' and returns i + 1 if it is not one.
size_t DecodeEntity(std::string_view s, size_t i, std::string* out) {
  size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 12) {
    out->push_back('&');
    return i + 1;
  }
  std::string_view body = s.substr(i + 1, semi - i - 1);
  if (!body.empty() && body[0] == '#') {
    char32_t cp = 0;
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) {
      out->push_back('&');
      return i + 1;
    }
    for (char c : digits) {
      int v;
      if (c >= '0' && c <= '9')
        v = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
      else {
        out->push_back('&');
        return i + 1;
      }
      cp = cp * (hex ? 16 : 10) + v;
      if (cp > 0x10FFFF) break;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    review_utf8::Append(out, cp);
    return semi + 1;
  }
  for (const Entity& e : kEntities) {
    if (e.name == body) {
      review_utf8::Append(out, e.cp);
      return semi + 1;
    }
  }
  out->push_back('&');
  return i + 1;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

Result<Document> ReadHtml(std::string_view bytes, const ReadLimits& limits) {
  std::string encoding;
  std::string html;
  // Invalid UTF-8 falls back to GB18030, which also covers GB2312/GBK
  // declarations; a UTF-8 page declaring GBK is taken as UTF-8.
  MINYI_ASSIGN_OR_RETURN(html, DecodeText(bytes, &encoding));
  Deadline deadline(limits);
  TextBuilder out(limits.max_text_chars);
  std::vector<std::string> open;  // element stack, for the source path
  int block = 0;
  int ordinal = 0;
  std::string path;
  auto rebuild_path = [&] {
    path.clear();
    for (const std::string& t : open) path += (path.empty() ? "" : "/") + t;
  };
  std::string text;
  // Whitespace is held back until the next visible character: a run that
  // holds a line break between two wide (CJK) characters disappears, as in
  // CSS segment-break rules, so source line wrapping adds no spaces.
  int pending_ws = 0;  // 0 none, 1 space, 2 space with a line break
  char32_t last_visible = 0;
  auto flush = [&] {
    if (!text.empty()) {
      out.Append(text, SourceLocation{path, block, ordinal});
      text.clear();
    }
  };
  const size_t n = html.size();
  size_t i = 0;
  while (i < n) {
    MINYI_RETURN_IF_ERROR(deadline.Check());
    if (out.overflow()) return TooManyChars();
    char c = html[i];
    if (c == '&') {
      if (pending_ws != 0) text.push_back(' ');
      pending_ws = 0;
      size_t before = text.size();
      i = DecodeEntity(html, i, &text);
      size_t p = before;
      while (p < text.size()) last_visible = review_utf8::Next(text, &p);
      continue;
    }
    if (c != '<') {
      // Whitespace runs collapse to one space, as a browser renders them.
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        if (last_visible != 0) pending_ws = std::max(pending_ws, (c == '\n' || c == '\r') ? 2 : 1);
        ++i;
        continue;
      }
      size_t start = i;
      char32_t cp = review_utf8::Next(html, &i);
      if (pending_ws != 0) {
        bool wide = last_visible >= 0x2E80 && cp >= 0x2E80;
        if (!(pending_ws == 2 && wide)) text.push_back(' ');
        pending_ws = 0;
      }
      text.append(html, start, i - start);
      last_visible = cp;
      continue;
    }
    std::string_view rest = std::string_view(html).substr(i);
    if (rest.starts_with("<!--")) {
      size_t end = html.find("-->", i + 4);
      i = end == std::string::npos ? n : end + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      size_t end = html.find("]]>", i + 9);
      size_t stop = end == std::string::npos ? n : end;
      text.append(html, i + 9, stop - (i + 9));
      i = end == std::string::npos ? n : end + 3;
      continue;
    }
    if (rest.size() < 2 ||
        !(std::isalpha(static_cast<unsigned char>(rest[1])) || rest[1] == '/' || rest[1] == '!' || rest[1] == '?')) {
      if (pending_ws != 0) text.push_back(' ');
      pending_ws = 0;
      text.push_back('<');
      last_visible = '<';
      ++i;
      continue;
    }
    // A tag: find its end, honouring quoted attribute values.
    size_t j = review_internal::FindTagEnd(html, i + 1);
    if (j >= n) break;  // unterminated tag at the end: drop it
    std::string_view tag_text = std::string_view(html).substr(i + 1, j - i - 1);
    i = j + 1;
    bool closing = !tag_text.empty() && tag_text[0] == '/';
    if (closing) tag_text.remove_prefix(1);
    size_t name_end = 0;
    while (name_end < tag_text.size() && !std::isspace(static_cast<unsigned char>(tag_text[name_end])) &&
           tag_text[name_end] != '/')
      ++name_end;
    std::string name = LowerAscii(tag_text.substr(0, name_end));
    if (name.empty() || name[0] == '?') continue;
    bool self_closing = !tag_text.empty() && tag_text.back() == '/';
    if (name == "!doctype" || name[0] == '!') continue;
    if (!closing && IsRawText(name) && !self_closing) {
      // Skip to the matching close tag, case-insensitively.
      std::string close = "</" + name;
      size_t k = i;
      for (;;) {
        size_t lt = html.find("</", k);
        if (lt == std::string::npos) {
          i = n;
          break;
        }
        if (LowerAscii(std::string_view(html).substr(lt, close.size())) == close) {
          size_t gt = html.find('>', lt);
          i = gt == std::string::npos ? n : gt + 1;
          break;
        }
        k = lt + 2;
      }
      continue;
    }
    bool block_tag = IsBlock(name);
    if (block_tag || name == "head") {
      flush();
      out.ParagraphBreak();
      pending_ws = 0;
      last_visible = 0;
      ++block;
    } else if (name == "img" || name == "input") {
      continue;
    }
    if (closing) {
      auto it = std::find(open.rbegin(), open.rend(), name);
      if (it != open.rend()) {
        open.erase(std::next(it).base(), open.end());
        flush();
        rebuild_path();
      }
      if (name == "td" || name == "th") pending_ws = 1;
      continue;
    }
    ++ordinal;
    if (IsVoid(name) || self_closing) continue;
    // <p> and <li> close an open sibling of the same kind, as browsers do;
    // this keeps sloppy markup from nesting without bound.
    if ((name == "p" || name == "li" || name == "td" || name == "tr" || name == "option") && !open.empty() &&
        open.back() == name)
      open.pop_back();
    flush();
    open.push_back(name);
    if (static_cast<int>(open.size()) > limits.max_depth)
      return ResourceExhausted("网页结构嵌套过深（超过 " + std::to_string(limits.max_depth) +
                               " 层），疑似恶意构造的文件");
    rebuild_path();
  }
  flush();
  if (out.overflow()) return TooManyChars();
  return out.Finish(DocumentFormat::kHtml, encoding);
}

}  // namespace minyi::review_internal
