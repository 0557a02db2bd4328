// libFuzzer target for the feed parser (RSS/Atom/RDF, charsets, dates) and
// the date parser on its own: any bytes parse or fail cleanly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "monitor/feed.h"
#include "monitor/fetch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  minyi::FeedLimits limits;
  limits.max_bytes = 1u << 20;
  // The first byte picks the HTTP charset, so charset handling is covered.
  static constexpr std::string_view kCharsets[] = {"", "gbk", "utf-8", "utf-16", "big5", "bogus"};
  std::string_view charset = size > 0 ? kCharsets[data[0] % 6] : "";
  auto feed = minyi::ParseFeed(bytes, charset, "http://example.cn/feed.xml", limits);
  if (feed.ok()) {
    if (feed->entries.size() > limits.max_items) __builtin_trap();
    for (const minyi::FeedEntry& e : feed->entries) {
      if (e.text.size() > limits.max_text_bytes) __builtin_trap();
    }
  }
  (void)minyi::ParseDateTime(bytes.substr(0, 200));
  (void)minyi::RobotsRules::Parse(bytes, "minyi").Allowed("/a/b.html");
  (void)minyi::ResolveUrl("http://example.cn/a/b", bytes.substr(0, 500));
  return 0;
}
