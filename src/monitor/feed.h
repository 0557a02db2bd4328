// Feed parsing: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom 0.3/1.0 into plain
// entries, plus the date and charset helpers other sources share.
//
// Contract:
//  - Never crashes or hangs on any input: size, depth, item and text limits
//    are checked before and while parsing; the XML parser (pugixml) expands
//    no DTD entities, so "billion laughs" input stays small.
//  - Input bytes are converted to UTF-8 first: BOM, then the HTTP charset,
//    then the XML declaration decide the encoding (GBK/GB2312 are read as
//    GB18030, their superset); undecodable bytes become U+FFFD.
//  - A document that is not well-formed XML but still yields a feed root is
//    returned with `malformed` set and a warning (like a browser would read
//    it); otherwise a clear Chinese kInvalidArgument error.
//  - HTML in titles and descriptions is reduced to plain text; author names
//    are never read (privacy by design).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"

namespace minyi {

struct FeedLimits {
  size_t max_bytes = 8u << 20;
  size_t max_items = 2000;
  int max_depth = 64;
  size_t max_text_bytes = 64u << 10;  // per entry text
};

struct FeedEntry {
  std::string id;    // guid / atom:id ("" when absent)
  std::string link;  // absolute when base_url allowed resolving it
  std::string title;
  std::string text;              // plain text of content, else description/summary
  UnixSeconds published_at = 0;  // 0 when missing or unparseable
};

struct Feed {
  std::string format;  // "rss090", "rss091", "rss092", "rss20", "rss10", "atom03", "atom10"
  std::string title;
  std::string link;
  std::string encoding;  // the encoding the bytes were read as
  std::vector<FeedEntry> entries;
  bool malformed = false;             // read despite XML errors
  std::vector<std::string> warnings;  // Chinese
};

// `http_charset` is the charset parameter of the HTTP Content-Type ("" when
// none); `base_url` resolves relative links ("" to leave them).
Result<Feed> ParseFeed(std::string_view bytes, std::string_view http_charset, std::string_view base_url,
                       const FeedLimits& limits = {});

// Dates found in feeds, pages and imports: RFC 822/1123 ("Fri, 20 Nov 2026
// 10:30:00 +0800"), RFC 3339 / ISO 8601, Java's Date.toString, and Chinese
// sites' "2026-11-20 10:30", "2026/11/20", "2026.11.20", "2026年11月20日
// 10时30分". Times without a zone are read as China Standard Time (UTC+8),
// because the sites this product watches publish in it.
Result<UnixSeconds> ParseDateTime(std::string_view text);

// Converts bytes in `charset` (any name ICU knows) to UTF-8, replacing
// undecodable bytes with U+FFFD. kInvalidArgument for an unknown charset.
Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset);

// True when bytes are valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

}  // namespace minyi
