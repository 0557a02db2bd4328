// Watched web pages: new article links on a list page, and title, publish
// time and main text of an article page.
//
// Contract:
//  - Tolerant of any markup (see monitor/html_text.h); work is bounded by
//    PageLimits (bytes, tokens, links, text). Never throws.
//  - Links: only http(s) links to the same site as the list page (same host,
//    ignoring "www."), without fragments, not to files (images, documents,
//    scripts) and with a link text of at least 5 characters (navigation such
//    as "首页" or "更多" is skipped); de-duplicated in page order.
//  - Article: title from og:title / ArticleTitle meta, else the first <h1>,
//    else <title>; publish time from meta tags (article:published_time,
//    PubDate, publishdate …), <time datetime>, else the first date pattern
//    in the page text (2026-11-20 10:30, 2026年11月20日); main text by text
//    density: each paragraph of prose scores its container (and half its
//    grandparent), the best container's text is taken.
//  - Author bylines are not extracted.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"

namespace minyi {

struct PageLimits {
  size_t max_bytes = 4u << 20;
  size_t max_tokens = 400000;
  size_t max_links = 500;
  size_t max_text_bytes = 200u << 10;
};

struct PageLink {
  std::string url;
  std::string text;
};

struct Article {
  std::string title;
  UnixSeconds published_at = 0;  // 0 when not found
  std::string text;
};

// Page bytes as UTF-8: HTTP charset, then <meta charset>, then UTF-8 when
// valid, else GB18030.
std::string DecodeHtml(std::string_view bytes, std::string_view http_charset);

Result<std::vector<PageLink>> ExtractLinks(std::string_view html, std::string_view page_url,
                                           const PageLimits& limits = {});
Result<Article> ExtractArticle(std::string_view html, const PageLimits& limits = {});

}  // namespace minyi
