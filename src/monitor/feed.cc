// Feed parser on pugixml. Elements are matched by local name so that odd or
// missing namespace prefixes (common in hand-made Chinese feeds) still work.
#include "monitor/feed.h"

#include <unicode/ucnv.h>

#include <pugixml.hpp>

#include "monitor/fetch.h"
#include "monitor/html_text.h"

namespace minyi {
namespace {

using monitor_internal::CollapseWhitespace;
using monitor_internal::HtmlToText;
using monitor_internal::LowerAscii;
using monitor_internal::TruncateUtf8;

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

// Concatenated text of a node (text, CDATA and, for xhtml content, nested
// elements), bounded in depth and size.
void CollectText(pugi::xml_node node, int depth, size_t max_bytes, std::string* out) {
  if (depth > 64 || out->size() > max_bytes) return;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out->append(c.value());
    } else if (c.type() == pugi::node_element) {
      bool block = monitor_internal::IsBlockTag(LowerAscii(LocalName(c.name())));
      if (block) out->push_back('\n');
      CollectText(c, depth + 1, max_bytes, out);
      if (block) out->push_back('\n');
    }
  }
}

std::string RawText(pugi::xml_node node, size_t max_bytes) {
  std::string out;
  if (node) CollectText(node, 0, max_bytes, &out);
  return out;
}

// Atom text constructs say what they hold; RSS fields are HTML by custom.
std::string PlainText(pugi::xml_node node, bool atom, size_t max_bytes) {
  if (!node) return "";
  std::string raw = RawText(node, max_bytes * 2);
  if (atom) {
    std::string type = LowerAscii(node.attribute("type").value());
    if (type == "xhtml") return TruncateUtf8(CollapseWhitespace(raw), max_bytes);
    if (type.empty() || type == "text" || type == "text/plain") {
      // Atom 0.3 "escaped" mode still carries HTML.
      if (std::string_view(node.attribute("mode").value()) != "escaped") {
        return TruncateUtf8(CollapseWhitespace(monitor_internal::DecodeEntities(raw)), max_bytes);
      }
    }
  }
  return HtmlToText(raw, max_bytes);
}

std::string AtomLink(pugi::xml_node entry) {
  std::string fallback;
  for (pugi::xml_node c = entry.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || LocalName(c.name()) != "link") continue;
    std::string rel = c.attribute("rel").value();
    std::string href = c.attribute("href").value();
    if (href.empty()) href = RawText(c, 4096);
    if (rel.empty() || rel == "alternate") return href;
    if (fallback.empty()) fallback = href;
  }
  return fallback;
}

UnixSeconds FirstDate(pugi::xml_node item, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    pugi::xml_node d = Child(item, n);
    if (!d) continue;
    auto t = ParseDateTime(RawText(d, 200));
    if (t.ok()) return *t;
  }
  return 0;
}

std::string Resolve(std::string_view base, const std::string& link) {
  std::string trimmed = CollapseWhitespace(link);
  if (base.empty() || trimmed.empty()) return trimmed;
  return ResolveUrl(base, trimmed);
}

FeedEntry ReadEntry(pugi::xml_node item, bool atom, std::string_view base, const FeedLimits& limits) {
  FeedEntry e;
  e.title = TruncateUtf8(PlainText(Child(item, "title"), atom, 2000), 1000);
  if (atom) {
    e.id = CollapseWhitespace(RawText(Child(item, "id"), 2000));
    e.link = Resolve(base, AtomLink(item));
    pugi::xml_node body = Child(item, "content");
    if (!body || RawText(body, 16).empty()) body = Child(item, "summary");
    e.text = PlainText(body, true, limits.max_text_bytes);
    e.published_at = FirstDate(item, {"published", "issued", "updated", "modified", "created", "date"});
  } else {
    e.id = CollapseWhitespace(RawText(Child(item, "guid"), 2000));
    e.link = Resolve(base, RawText(Child(item, "link"), 4096));
    if (e.link.empty()) {
      std::string about = item.attribute("rdf:about").value();
      if (!about.empty()) e.link = Resolve(base, about);
    }
    pugi::xml_node body = Child(item, "encoded");
    if (!body || RawText(body, 16).empty()) body = Child(item, "description");
    e.text = PlainText(body, false, limits.max_text_bytes);
    e.published_at = FirstDate(item, {"pubDate", "date", "published", "issued", "created", "modified"});
  }
  if (e.id.size() > 1000) e.id = TruncateUtf8(e.id, 1000);
  return e;
}

std::string DetectFormat(pugi::xml_node root) {
  std::string_view name = LocalName(root.name());
  if (name == "rss") {
    std::string v = root.attribute("version").value();
    if (v == "0.90") return "rss090";
    if (v == "0.91") return "rss091";
    if (v == "0.92" || v == "0.93" || v == "0.94") return "rss092";
    return "rss20";
  }
  if (name == "RDF") {
    for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
      if (std::string_view(a.value()).find("my.netscape.com/rdf/simple/0.9") != std::string_view::npos) {
        return "rss090";
      }
    }
    return "rss10";
  }
  if (name == "feed") {
    for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
      if (std::string_view(a.value()) == "http://purl.org/atom/ns#") return "atom03";
    }
    return "atom10";
  }
  return "";
}

// A cheap pass that finds the deepest element nesting without building a
// DOM, so a hostile document is refused before pugixml sees it.
int ScanDepth(std::string_view xml, int max_depth) {
  int depth = 0, deepest = 0;
  for (size_t i = 0; i + 1 < xml.size(); ++i) {
    if (xml[i] != '<') continue;
    char n = xml[i + 1];
    if (n == '/') {
      if (depth > 0) --depth;
    } else if (n == '!' || n == '?') {
      continue;
    } else {
      size_t end = xml.find('>', i);
      if (end == std::string_view::npos) break;
      if (xml[end - 1] != '/') deepest = std::max(deepest, ++depth);
      if (deepest > max_depth) return deepest;
      i = end;
    }
  }
  return deepest;
}

std::string DeclaredEncoding(std::string_view head) {
  if (head.substr(0, 5) != "<?xml") return "";
  size_t end = head.find("?>");
  std::string_view decl = head.substr(0, end == std::string_view::npos ? std::min<size_t>(head.size(), 200) : end);
  size_t p = decl.find("encoding");
  if (p == std::string_view::npos) return "";
  p = decl.find_first_of("\"'", p);
  if (p == std::string_view::npos) return "";
  size_t q = decl.find(decl[p], p + 1);
  if (q == std::string_view::npos) return "";
  return LowerAscii(decl.substr(p + 1, q - p - 1));
}

// Decides the encoding and returns the document as UTF-8 without a BOM.
Result<std::string> DecodeDocument(std::string_view bytes, std::string_view http_charset, Feed* feed) {
  auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  std::string charset;
  size_t bom = 0;
  using namespace std::string_view_literals;
  if (starts("\xEF\xBB\xBF"sv)) {
    charset = "utf-8", bom = 3;
  } else if (starts("\xFF\xFE\x00\x00"sv)) {
    charset = "utf-32le", bom = 4;
  } else if (starts("\x00\x00\xFE\xFF"sv)) {
    charset = "utf-32be", bom = 4;
  } else if (starts("\xFF\xFE"sv)) {
    charset = "utf-16le", bom = 2;
  } else if (starts("\xFE\xFF"sv)) {
    charset = "utf-16be", bom = 2;
  } else if (starts("\x3C\x00\x00\x00"sv)) {
    charset = "utf-32le";
  } else if (starts("\x00\x00\x00\x3C"sv)) {
    charset = "utf-32be";
  } else if (starts("\x3C\x00\x3F\x00"sv) || starts("\x3C\x00\x21\x00"sv)) {
    charset = "utf-16le";
  } else if (starts("\x00\x3C\x00\x3F"sv) || starts("\x00\x3C\x00\x21"sv)) {
    charset = "utf-16be";
  } else if (!http_charset.empty()) {
    charset = LowerAscii(http_charset);
  } else {
    charset = DeclaredEncoding(bytes.substr(0, 300));
  }
  if (charset.empty()) charset = "utf-8";
  if (charset == "gb2312" || charset == "gbk" || charset == "x-gbk" || charset == "cp936") charset = "gb18030";
  std::string_view body = bytes.substr(bom);
  feed->encoding = charset;
  if (charset == "utf-8" || charset == "utf8" || charset == "us-ascii" || charset == "ascii") {
    if (IsValidUtf8(body)) return std::string(body);
    feed->warnings.push_back("订阅源含有不是 UTF-8 的字节，已替换为 �");
    feed->malformed = true;
    return ConvertToUtf8(body, "utf-8");
  }
  auto converted = ConvertToUtf8(body, charset);
  if (!converted.ok()) {
    feed->warnings.push_back("不认识的字符编码 " + charset + "，按 UTF-8 读取");
    feed->malformed = true;
    feed->encoding = "utf-8";
    return ConvertToUtf8(body, "utf-8");
  }
  return converted;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (n < 0 || i + n >= s.size() + (n == 0 ? 1 : 0)) return false;
    char32_t cp = n == 0 ? c : (c & (0x3F >> n));
    for (int k = 1; k <= n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset) {
  std::string name(charset);
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(name.c_str(), &err);
  if (U_FAILURE(err) || conv == nullptr) return InvalidArgument("不认识的字符编码：" + name);
  ucnv_close(conv);
  std::string out(bytes.size() * 3 + 16, '\0');
  err = U_ZERO_ERROR;
  int32_t n = ucnv_convert("UTF-8", name.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                           static_cast<int32_t>(bytes.size()), &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    out.assign(static_cast<size_t>(n) + 1, '\0');
    err = U_ZERO_ERROR;
    n = ucnv_convert("UTF-8", name.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                     static_cast<int32_t>(bytes.size()), &err);
  }
  if (U_FAILURE(err)) return InvalidArgument("无法按 " + name + " 解码");
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<Feed> ParseFeed(std::string_view bytes, std::string_view http_charset, std::string_view base_url,
                       const FeedLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return ResourceExhausted("订阅源超过 " + std::to_string(limits.max_bytes >> 20) + " MB，未读取");
  }
  Feed feed;
  MINYI_ASSIGN_OR_RETURN(std::string utf8, DecodeDocument(bytes, http_charset, &feed));
  if (ScanDepth(utf8, limits.max_depth) > limits.max_depth) {
    return ResourceExhausted("订阅源的标签嵌套超过 " + std::to_string(limits.max_depth) + " 层，未读取");
  }
  pugi::xml_document doc;
  unsigned options = pugi::parse_default & ~pugi::parse_doctype;
  pugi::xml_parse_result parsed = doc.load_buffer(utf8.data(), utf8.size(), options, pugi::encoding_utf8);
  pugi::xml_node root = doc.document_element();
  if (!root) {
    return InvalidArgument(std::string("订阅源不是有效的 XML：") + parsed.description());
  }
  feed.format = DetectFormat(root);
  if (feed.format.empty())
    return InvalidArgument("不是 RSS 或 Atom 订阅源（根元素为 " + std::string(root.name()) + "）");
  if (!parsed) {
    feed.malformed = true;
    feed.warnings.push_back(std::string("订阅源的 XML 有错误，已尽量读取：") + parsed.description() + "（位置 " +
                            std::to_string(parsed.offset) + "）");
  }
  bool atom = feed.format.rfind("atom", 0) == 0;
  pugi::xml_node channel = atom ? root : Child(root, "channel");
  feed.title = TruncateUtf8(PlainText(Child(channel, "title"), atom, 2000), 1000);
  feed.link = atom ? AtomLink(channel) : CollapseWhitespace(RawText(Child(channel, "link"), 4096));
  std::string base(base_url);
  if (base.empty() && feed.link.find("://") != std::string::npos) base = feed.link;
  std::string_view item_name = atom ? "entry" : "item";
  // RSS 2.0 puts items in channel, RSS 0.90/1.0 beside it; accept both.
  std::vector<pugi::xml_node> parents{channel ? channel : root};
  if (channel && channel != root) parents.push_back(root);
  for (pugi::xml_node parent : parents) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || LocalName(c.name()) != item_name) continue;
      if (feed.entries.size() >= limits.max_items) {
        feed.warnings.push_back("条目超过 " + std::to_string(limits.max_items) + " 条，其余未读取");
        return feed;
      }
      feed.entries.push_back(ReadEntry(c, atom, base, limits));
    }
  }
  return feed;
}

}  // namespace minyi
