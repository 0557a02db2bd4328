// Punctuation checks after GB/T 15834-2011 (标点符号用法).
//
// Why these heuristics: a check is only raised where the surrounding text is
// Chinese (a Han character on the relevant side), so English phrases, URLs,
// numbers and code inside a Chinese document stay quiet.
#include <string>

#include "review/checks_internal.h"
#include "review/utf8.h"

namespace minyi::review_internal {
namespace {

using review_utf8::IsHan;

bool IsCjkPunct(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || c == U'“' ||
         c == U'”' || c == U'‘' || c == U'’' || c == U'…' || c == U'—';
}
bool IsCjk(char32_t c) { return IsHan(c) || IsCjkPunct(c); }
bool IsSpace(char32_t c) { return c == ' ' || c == 0x3000 || c == 0xA0; }

void Add(std::vector<Finding>* out, const char* rule, Severity sev, size_t start, size_t end, std::string suggestion,
         std::string message) {
  Finding f;
  f.rule = rule;
  f.category = CheckCategory::kTypography;
  f.severity = sev;
  f.start = start;
  f.end = end;
  f.suggestion = std::move(suggestion);
  f.message = std::move(message);
  out->push_back(std::move(f));
}

std::string FullWidthOf(char32_t c) {
  switch (c) {
    case ',':
      return "，";
    case ';':
      return "；";
    case ':':
      return "：";
    case '?':
      return "？";
    case '!':
      return "！";
    case '.':
      return "。";
    case '(':
      return "（";
    case ')':
      return "）";
  }
  return "";
}

struct Pair {
  char32_t open;
  char32_t close;
};
constexpr Pair kPairs[] = {{U'“', U'”'},   {U'‘', U'’'},   {U'（', U'）'}, {U'《', U'》'},
                           {U'【', U'】'}, {U'〔', U'〕'}, {U'「', U'」'}, {U'『', U'』'}};

int OpenIndex(char32_t c) {
  for (int i = 0; i < 8; ++i)
    if (kPairs[i].open == c) return i;
  return -1;
}
int CloseIndex(char32_t c) {
  for (int i = 0; i < 8; ++i)
    if (kPairs[i].close == c) return i;
  return -1;
}

bool IsListMarkerChar(char32_t c) {
  return review_utf8::IsAsciiAlnum(c) ||
         std::u32string_view(U"一二三四五六七八九十０１２３４５６７８９").find(c) != std::u32string_view::npos;
}

std::string Str(char32_t c) {
  std::string s;
  review_utf8::Append(&s, c);
  return s;
}

// Unmatched paired marks, one paragraph (line) at a time.
void CheckPairsInLine(std::u32string_view t, size_t begin, size_t end, std::vector<Finding>* out) {
  struct Open {
    int kind;
    size_t pos;
  };
  std::vector<Open> stack;
  for (size_t i = begin; i < end; ++i) {
    char32_t c = t[i];
    // ‘’ between Latin letters are apostrophes (don’t), not quotes.
    if ((c == U'’' || c == U'‘') && i > begin && i + 1 < end && review_utf8::IsAsciiAlpha(t[i - 1]) &&
        review_utf8::IsAsciiAlpha(t[i + 1]))
      continue;
    int o = OpenIndex(c);
    if (o >= 0) {
      stack.push_back({o, i});
      continue;
    }
    int k = CloseIndex(c);
    if (k < 0) continue;
    size_t depth = stack.size();
    while (depth > 0 && stack[depth - 1].kind != k) --depth;
    if (depth > 0) {
      for (size_t j = depth; j < stack.size(); ++j)
        Add(out, "typography.unmatched", Severity::kWarning, stack[j].pos, stack[j].pos + 1,
            "补全对应的“" + Str(kPairs[stack[j].kind].close) + "”",
            "标点“" + Str(kPairs[stack[j].kind].open) + "”没有配对");
      stack.resize(depth - 1);
      continue;
    }
    // "1）" / "一）" list markers at the start of a paragraph are accepted.
    bool list_marker = c == U'）' && i - begin <= 3 && i > begin;
    for (size_t j = begin; list_marker && j < i; ++j) list_marker = IsListMarkerChar(t[j]);
    if (!list_marker)
      Add(out, "typography.unmatched", Severity::kWarning, i, i + 1, "补全对应的“" + Str(kPairs[k].open) + "”",
          "标点“" + Str(c) + "”没有配对");
  }
  for (const Open& o : stack) {
    // A quotation over several paragraphs opens every paragraph with “ and
    // closes only at the end (GB/T 15834 4.1.3.4).
    if (kPairs[o.kind].open == U'“' && end + 1 < t.size() && t[end + 1] == U'“') continue;
    if (kPairs[o.kind].open == U'“') {
      size_t k = end + 1;
      while (k < t.size() && IsSpace(t[k])) ++k;
      if (k < t.size() && t[k] == U'“') continue;
    }
    Add(out, "typography.unmatched", Severity::kWarning, o.pos, o.pos + 1,
        "补全对应的“" + Str(kPairs[o.kind].close) + "”", "标点“" + Str(kPairs[o.kind].open) + "”没有配对");
  }
}

bool IsSentencePunct(char32_t c) { return c == U'，' || c == U'、' || c == U'。' || c == U'；' || c == U'：'; }

}  // namespace

void CheckTypography(std::u32string_view t, std::vector<Finding>* out) {
  const size_t n = t.size();
  size_t line_start = 0;
  int quote_parity = 0;
  auto find_line_end = [&](size_t from) {
    size_t e = t.find(U'\n', from);
    return e == std::u32string_view::npos ? n : e;
  };
  size_t line_end = find_line_end(0);
  for (size_t i = 0; i <= n; ++i) {
    if (i == n || t[i] == '\n') {
      CheckPairsInLine(t, line_start, i, out);
      line_start = i + 1;
      line_end = line_start <= n ? find_line_end(line_start) : n;
      quote_parity = 0;
      continue;
    }
    char32_t c = t[i];
    char32_t prev = i > line_start ? t[i - 1] : 0;
    char32_t next = i + 1 < n ? t[i + 1] : 0;
    bool next_end = i + 1 >= n || next == '\n';
    switch (c) {
      case ',':
      case ';':
      case ':':
      case '?':
      case '!': {
        bool hit = IsHan(prev) || (IsHan(next) && (prev == U'”' || prev == U'）' || prev == U'》'));
        // "?!" and "!!" runs are reported once, at their first mark.
        if (hit && (prev == '?' || prev == '!')) hit = false;
        if (hit)
          Add(out, "typography.halfwidth_punct", Severity::kWarning, i, i + 1, FullWidthOf(c),
              "中文句子中使用了半角标点“" + Str(c) + "”，应使用全角“" + FullWidthOf(c) + "”");
        break;
      }
      case '.': {
        if (next == '.' || prev == '.') break;  // handled as an ellipsis
        if (IsHan(prev) && (IsHan(next) || next_end))
          Add(out, "typography.halfwidth_punct", Severity::kWarning, i, i + 1, "。",
              "中文句子中使用了半角句点“.”，句末应使用句号“。”");
        break;
      }
      case '(':
        if (IsHan(prev) || IsHan(next))
          Add(out, "typography.halfwidth_paren", Severity::kInfo, i, i + 1, "（", "中文中的括号宜用全角“（）”");
        break;
      case ')':
        if (IsHan(prev))
          Add(out, "typography.halfwidth_paren", Severity::kInfo, i, i + 1, "）", "中文中的括号宜用全角“（）”");
        break;
      case '"': {
        bool opening = quote_parity % 2 == 0;
        ++quote_parity;
        if (IsCjk(prev) || IsCjk(next))
          Add(out, "typography.straight_quote", Severity::kWarning, i, i + 1, opening ? "“" : "”",
              "中文中使用了直引号“\"”，应使用弯引号“”");
        break;
      }
      case '\'':
        if (IsHan(prev) || IsHan(next))
          Add(out, "typography.straight_quote", Severity::kWarning, i, i + 1, "‘ 或 ’",
              "中文中使用了直引号“'”，应使用弯引号‘’");
        break;
      default:
        break;
    }
    // Doubled sentence punctuation: ，， 。。 ，。 、、 ...
    if (IsSentencePunct(c) && IsSentencePunct(next) && !IsSentencePunct(prev)) {
      size_t k = i;
      while (k < n && IsSentencePunct(t[k])) ++k;
      bool ellipsis = true;
      for (size_t j = i; j < k; ++j) ellipsis = ellipsis && t[j] == U'。';
      if (ellipsis && k - i >= 3) {
        Add(out, "typography.ellipsis", Severity::kWarning, i, k, "……", "省略号应为“……”（两个三连点），不能用句号代替");
      } else {
        Add(out, "typography.doubled_punct", Severity::kWarning, i, k, Str(c), "标点符号重复");
      }
      i = k - 1;
      continue;
    }
    // Ellipsis forms: "..." or "···" in Chinese text, a single "…".
    if ((c == '.' || c == U'·' || c == U'・') && next == c && prev != c) {
      size_t k = i;
      while (k < n && t[k] == c) ++k;
      char32_t after = k < n ? t[k] : 0;
      if (k - i >= 3 && (IsCjk(prev) || IsCjk(after)))
        Add(out, "typography.ellipsis", Severity::kWarning, i, k, "……", "中文省略号应为“……”");
      i = k - 1;
      continue;
    }
    if (c == U'…' && prev != U'…' && next != U'…')
      Add(out, "typography.ellipsis", Severity::kWarning, i, i + 1, "……", "中文省略号应为两个“…”连用：“……”");
    // Dashes: "--" in Chinese text. A lone "—" is not flagged: GB/T
    // 15834-2011 4.13 makes the 一字线 "—" a connector (北京—上海,
    // 2020—2025), indistinguishable from a mistyped 破折号.
    if (c == '-' && next == '-' && prev != '-') {
      size_t k = i;
      while (k < n && t[k] == '-') ++k;
      char32_t after = k < n ? t[k] : 0;
      if (IsHan(prev) || IsHan(after))
        Add(out, "typography.dash", Severity::kWarning, i, k, "——", "中文破折号应为“——”（占两个字的位置）");
      i = k - 1;
      continue;
    }
    // Spaces between Chinese characters, outside short lines where
    // letter-spaced titles ("通  知") and padded names are conventional.
    if (IsSpace(c) && IsHan(prev)) {
      size_t k = i;
      while (k < n && IsSpace(t[k])) ++k;
      if (k < n && IsHan(t[k])) {
        if (line_end - line_start > 16)
          Add(out, "typography.space_between_han", Severity::kInfo, i, k, "删除空格", "汉字之间有多余的空格");
      }
      i = k - 1;
    }
  }
}

}  // namespace minyi::review_internal
