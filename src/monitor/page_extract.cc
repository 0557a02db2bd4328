// List-page links and article extraction by text density.
#include "monitor/page_extract.h"

#include <algorithm>
#include <regex>
#include <set>

#include "monitor/feed.h"
#include "monitor/fetch.h"
#include "monitor/html_text.h"

namespace minyi {
namespace {

using monitor_internal::CollapseWhitespace;
using monitor_internal::HtmlToken;
using monitor_internal::LowerAscii;
using monitor_internal::TruncateUtf8;

std::string SiteOf(std::string host) {
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

bool SameSite(const std::string& a, const std::string& b) { return SiteOf(a) == SiteOf(b); }

bool LooksLikeFile(std::string_view path) {
  std::string p = LowerAscii(path.substr(0, path.find('?')));
  for (std::string_view ext :
       {".jpg",  ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt",
        ".pptx", ".zip",  ".rar", ".7z",  ".mp4",  ".mp3", ".css", ".js",  ".exe",  ".apk", ".wps",  ".txt"}) {
    if (p.size() >= ext.size() && p.compare(p.size() - ext.size(), ext.size(), ext) == 0) return true;
  }
  return false;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Non-space characters, and Chinese/Western sentence punctuation, which
// marks prose rather than menus.
void CountText(std::string_view s, size_t* chars, size_t* punct) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80 || c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
    ++*chars;
    if (c == ',' || c == '.') ++*punct;
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) == 0x8C) {
      ++*punct;  // ，
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x82 || static_cast<unsigned char>(s[i + 2]) == 0x81)) {
      ++*punct;  // 。、
    }
  }
}

bool IsContainer(std::string_view tag) {
  return tag == "div" || tag == "article" || tag == "section" || tag == "main" || tag == "td" || tag == "body" ||
         tag == "center" || tag == "form";
}

struct Container {
  std::string tag;
  int parent = -1;
  size_t first_token = 0;
  size_t last_token = 0;
  double score = 0;
  size_t text_chars = 0;
  size_t link_chars = 0;
};

// The first "2026-11-20 10:30" / "2026年11月20日" in text, located by a scan
// for a plausible year so the regular expression only sees small windows.
UnixSeconds FindDateInText(std::string_view text) {
  static const std::regex kDate(
      R"(^(19|20)\d{2}\s*(?:-|/|\.|年)\s*\d{1,2}\s*(?:-|/|\.|月)\s*\d{1,2}\s*(?:日)?(\s*\d{1,2}\s*(?::|：|时)\s*\d{1,2}(\s*(?::|：|分)\s*\d{1,2})?)?)");
  for (size_t i = 0; i + 8 < text.size(); ++i) {
    if (!(text[i] == '1' || text[i] == '2') || (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1])))) {
      continue;
    }
    bool year = true;
    for (size_t k = 1; k < 4; ++k) year = year && std::isdigit(static_cast<unsigned char>(text[i + k]));
    if (!year) continue;
    std::string window(text.substr(i, 48));
    std::smatch m;
    if (!std::regex_search(window, m, kDate)) continue;
    std::string found = m.str();
    // Normalize full-width colon.
    for (size_t p = found.find("："); p != std::string::npos; p = found.find("：")) found.replace(p, 3, ":");
    auto t = ParseDateTime(found);
    if (t.ok()) return *t;
  }
  return 0;
}

}  // namespace

std::string DecodeHtml(std::string_view bytes, std::string_view http_charset) {
  std::string charset = LowerAscii(http_charset);
  if (charset.empty()) {
    std::string head = LowerAscii(bytes.substr(0, 4096));
    size_t p = head.find("charset=");
    if (p != std::string::npos) {
      size_t s = p + 8;
      while (s < head.size() && (head[s] == '"' || head[s] == '\'' || head[s] == ' ')) ++s;
      size_t e = s;
      while (e < head.size() &&
             (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_')) {
        ++e;
      }
      charset = head.substr(s, e - s);
    }
  }
  if (charset == "gb2312" || charset == "gbk" || charset == "x-gbk") charset = "gb18030";
  if (charset.empty() || charset == "utf-8" || charset == "utf8") {
    if (bytes.substr(0, 3) == std::string_view("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (IsValidUtf8(bytes)) return std::string(bytes);
    charset = charset.empty() ? "gb18030" : "utf-8";
  }
  auto converted = ConvertToUtf8(bytes, charset);
  if (converted.ok()) return *converted;
  auto fallback = ConvertToUtf8(bytes, "utf-8");
  return fallback.ok() ? *fallback : std::string();
}

Result<std::vector<PageLink>> ExtractLinks(std::string_view html, std::string_view page_url, const PageLimits& limits) {
  if (html.size() > limits.max_bytes) return ResourceExhausted("网页超过大小上限，未读取");
  MINYI_ASSIGN_OR_RETURN(UrlParts page, ParseHttpUrl(page_url));
  std::vector<PageLink> out;
  std::set<std::string> seen{std::string(page_url)};
  std::string href, text;
  int in_link = 0;
  auto flush = [&] {
    std::string label = CollapseWhitespace(text);
    std::string url = ResolveUrl(page_url, href);
    size_t hash = url.find('#');
    if (hash != std::string::npos) url = url.substr(0, hash);
    auto parts = ParseHttpUrl(url);
    if (parts.ok() && SameSite(parts->host, page.host) && parts->path != "/" && !LooksLikeFile(parts->path) &&
        CodePoints(label) >= 5 && url.size() <= 2000 && seen.insert(url).second) {
      out.push_back({url, TruncateUtf8(label, 500)});
    }
  };
  monitor_internal::TokenizeHtml(html, limits.max_tokens, [&](const HtmlToken& t) {
    if (t.kind == HtmlToken::Kind::kStartTag && t.name == "a") {
      if (in_link) flush();
      href = t.Attr("href");
      text.clear();
      in_link = 1;
      if (text.empty() && !t.Attr("title").empty()) text = t.Attr("title");
    } else if (t.kind == HtmlToken::Kind::kEndTag && t.name == "a" && in_link) {
      flush();
      in_link = 0;
    } else if (t.kind == HtmlToken::Kind::kText && in_link && text.size() < 2000) {
      if (!text.empty() && text == href) text.clear();
      text += t.text;
    }
    return out.size() < limits.max_links;
  });
  return out;
}

Result<Article> ExtractArticle(std::string_view html, const PageLimits& limits) {
  if (html.size() > limits.max_bytes) return ResourceExhausted("网页超过大小上限，未读取");
  std::vector<HtmlToken> tokens;
  tokens.reserve(std::min<size_t>(limits.max_tokens, html.size() / 8 + 16));
  monitor_internal::TokenizeHtml(html, limits.max_tokens, [&](const HtmlToken& t) {
    tokens.push_back(t);
    return true;
  });
  Article a;
  std::string meta_title, h1, title_tag;
  std::vector<Container> boxes{{"root", -1, 0, tokens.size()}};
  std::vector<int> stack{0};
  std::string block;  // text since the last block boundary
  size_t block_links = 0;
  int in_link = 0, in_title = 0, in_h1 = 0;
  auto flush_block = [&] {
    size_t chars = 0, punct = 0;
    CountText(block, &chars, &punct);
    int c = stack.back();
    boxes[c].text_chars += chars;
    boxes[c].link_chars += block_links;
    if (chars >= 10 && chars > block_links * 2) {
      double s = 1.0 + static_cast<double>(chars - block_links) / 10.0 + static_cast<double>(punct);
      boxes[c].score += s;
      if (boxes[c].parent >= 0) boxes[boxes[c].parent].score += s / 2;
    }
    block.clear();
    block_links = 0;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const HtmlToken& t = tokens[i];
    if (t.kind == HtmlToken::Kind::kText) {
      if (in_title) title_tag += t.text;
      if (in_h1) h1 += t.text;
      block += t.text;
      if (in_link) {
        size_t chars = 0, punct = 0;
        CountText(t.text, &chars, &punct);
        block_links += chars;
      }
      continue;
    }
    bool start = t.kind == HtmlToken::Kind::kStartTag;
    if (t.name == "meta" && start) {
      std::string key = LowerAscii(t.Attr("property").empty() ? t.Attr("name") : t.Attr("property"));
      if (key.empty()) key = LowerAscii(t.Attr("itemprop"));
      std::string content = t.Attr("content");
      if ((key == "og:title" || key == "articletitle") && meta_title.empty()) meta_title = content;
      if (a.published_at == 0 &&
          (key == "article:published_time" || key == "og:published_time" || key == "pubdate" || key == "publishdate" ||
           key == "publish_time" || key == "publishtime" || key == "datepublished" || key == "firstpublishedtime" ||
           key == "weibo:article:create_at" || key == "dc.date.issued")) {
        auto d = ParseDateTime(content);
        if (d.ok()) a.published_at = *d;
      }
    }
    if (t.name == "time" && start && a.published_at == 0) {
      auto d = ParseDateTime(t.Attr("datetime"));
      if (d.ok()) a.published_at = *d;
    }
    if (t.name == "a") in_link = start && !t.self_closing;
    if (t.name == "title") in_title = start;
    if (t.name == "h1") in_h1 = start && h1.empty();
    if (monitor_internal::IsBlockTag(t.name) || IsContainer(t.name)) flush_block();
    if (!IsContainer(t.name) || t.self_closing) continue;
    if (start) {
      boxes.push_back({t.name, stack.back(), i, tokens.size()});
      stack.push_back(static_cast<int>(boxes.size() - 1));
      continue;
    }
    // Tolerant close: pop to the nearest open element of that name.
    auto it = std::find_if(stack.rbegin(), stack.rend(), [&](int b) { return boxes[b].tag == t.name; });
    if (it == stack.rend() || *it == 0) continue;
    while (stack.back() != *it) {
      boxes[stack.back()].last_token = i;
      stack.pop_back();
    }
    boxes[stack.back()].last_token = i;
    stack.pop_back();
  }
  flush_block();
  size_t best = 0;
  for (size_t b = 1; b < boxes.size(); ++b) {
    // Link-heavy containers (menus, "related news") lose.
    double density = boxes[b].text_chars == 0
                         ? 0
                         : 1.0 - static_cast<double>(boxes[b].link_chars) / static_cast<double>(boxes[b].text_chars);
    double s = boxes[b].score * density;
    double best_density = boxes[best].text_chars == 0 ? 0
                                                      : 1.0 - static_cast<double>(boxes[best].link_chars) /
                                                                  static_cast<double>(boxes[best].text_chars);
    if (s > boxes[best].score * best_density) best = b;
  }
  std::string text;
  size_t from = boxes[best].first_token, to = std::min(boxes[best].last_token, tokens.size());
  int skip = 0;
  for (size_t i = from; i < to && text.size() < limits.max_text_bytes * 2; ++i) {
    const HtmlToken& t = tokens[i];
    if (t.kind == HtmlToken::Kind::kText) {
      if (!skip) text += t.text;
    } else if (t.name == "title" || t.name == "h1") {
      skip = t.kind == HtmlToken::Kind::kStartTag;
      text.push_back('\n');
    } else if (monitor_internal::IsBlockTag(t.name) || IsContainer(t.name)) {
      text.push_back('\n');
    }
  }
  a.text = TruncateUtf8(CollapseWhitespace(text), limits.max_text_bytes);
  a.title = CollapseWhitespace(!meta_title.empty() ? meta_title : !h1.empty() ? h1 : title_tag);
  a.title = TruncateUtf8(a.title, 1000);
  if (a.published_at == 0) {
    std::string all;
    for (const HtmlToken& t : tokens) {
      if (t.kind == HtmlToken::Kind::kText) all += t.text + " ";
      if (all.size() > 200000) break;
    }
    a.published_at = FindDateInText(all);
  }
  if (a.title.empty() && a.text.empty()) return InvalidArgument("网页中没有找到正文");
  return a;
}

}  // namespace minyi
