// libFuzzer target for watched-page extraction: list-page links, article
// title/time/text and charset decoding on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "monitor/page_extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  minyi::PageLimits limits;
  limits.max_bytes = 1u << 20;
  std::string html = minyi::DecodeHtml(bytes, "");
  auto links = minyi::ExtractLinks(html, "http://www.example.cn/list/index.html", limits);
  if (links.ok() && links->size() > limits.max_links) __builtin_trap();
  auto article = minyi::ExtractArticle(html, limits);
  if (article.ok() && article->text.size() > limits.max_text_bytes) __builtin_trap();
  return 0;
}
