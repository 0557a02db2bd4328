#include "monitor/feed.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "monitor/fetch.h"

namespace minyi {
namespace {

TEST(FeedTest, ParsesRss20) {
  const char* xml = R"(<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>清河新闻网</title>
<link>http://www.qinghe.gov.cn/</link>
<item><title>县城&lt;b&gt;供水&lt;/b&gt;恢复</title><link>/news/1.html</link><guid>n-1</guid>
<description><![CDATA[<p>今日上午，<b>城区</b>供水全面恢复。</p><p>第二段</p>]]></description>
<dc:creator>张三</dc:creator><pubDate>Fri, 20 Nov 2026 10:30:00 +0800</pubDate></item>
</channel></rss>)";
  auto feed = ParseFeed(xml, "", "http://www.qinghe.gov.cn/rss.xml");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "rss20");
  EXPECT_EQ(feed->title, "清河新闻网");
  ASSERT_EQ(feed->entries.size(), 1u);
  const FeedEntry& e = feed->entries[0];
  EXPECT_EQ(e.title, "县城供水恢复");
  EXPECT_EQ(e.link, "http://www.qinghe.gov.cn/news/1.html");
  EXPECT_EQ(e.id, "n-1");
  EXPECT_EQ(e.text, "今日上午，城区供水全面恢复。\n第二段");
  EXPECT_EQ(e.published_at, 1795141800);  // 2026-11-20T02:30:00Z
  EXPECT_FALSE(feed->malformed);
}

TEST(FeedTest, ParsesAtomAndRdf) {
  const char* atom = R"(<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &amp;lt;b&amp;gt;</title>
<entry><id>tag:x,2026:1</id><title>标题</title><link rel="alternate" href="http://x.cn/a"/>
<author><name>某人</name></author><updated>2026-11-20T10:30:00+08:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>正文</p></div></content></entry></feed>)";
  auto feed = ParseFeed(atom, "", "");
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->format, "atom10");
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_EQ(feed->entries[0].link, "http://x.cn/a");
  EXPECT_EQ(feed->entries[0].text, "正文");
  EXPECT_EQ(feed->entries[0].published_at, 1795141800);

  const char* rdf =
      R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://x.cn/"><title>T</title></channel>
<item rdf:about="http://x.cn/1"><title>一</title><link>http://x.cn/1</link></item>
<item rdf:about="http://x.cn/2"><title>二</title><link>http://x.cn/2</link></item></rdf:RDF>)";
  feed = ParseFeed(rdf, "", "");
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->format, "rss10");
  EXPECT_EQ(feed->entries.size(), 2u);
}

TEST(FeedTest, ConvertsGbkDeclaredFeed) {
  // "新闻" in GBK is D0 C2 CE C5.
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"gb2312\"?><rss version=\"2.0\"><channel><title>\xD0\xC2\xCE\xC5"
      "</title></channel></rss>";
  auto feed = ParseFeed(xml, "", "");
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->title, "新闻");
  EXPECT_EQ(feed->encoding, "gb18030");
}

TEST(FeedTest, RejectsCleanly) {
  EXPECT_EQ(ParseFeed("", "", "").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseFeed("<html><body>x</body></html>", "", "").status().code(), ErrorCode::kInvalidArgument);
  std::string deep = "<rss><channel>";
  for (int i = 0; i < 1000; ++i) deep += "<a>";
  EXPECT_EQ(ParseFeed(deep, "", "").status().code(), ErrorCode::kResourceExhausted);
  FeedLimits small;
  small.max_bytes = 10;
  EXPECT_EQ(ParseFeed("<rss version='2.0'><channel/></rss>", "", "", small).status().code(),
            ErrorCode::kResourceExhausted);
  // Entity expansion is not performed: the document stays small.
  const char* laughs = R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;&c;&c;</title></channel></rss>)";
  auto feed = ParseFeed(laughs, "", "");
  ASSERT_TRUE(feed.ok());
  EXPECT_LT(feed->title.size(), 100u);
}

TEST(FeedTest, MalformedFeedIsReadWithWarning) {
  auto feed = ParseFeed("<rss version=\"2.0\"><channel><title>T</title><item><title>a</title></item><item><b>", "", "");
  ASSERT_TRUE(feed.ok());
  EXPECT_TRUE(feed->malformed);
  EXPECT_FALSE(feed->warnings.empty());
  EXPECT_GE(feed->entries.size(), 1u);
}

TEST(FeedTest, ParsesDates) {
  const UnixSeconds t = 1795141800;  // 2026-11-20 10:30 China time
  for (const char* s : {"Fri, 20 Nov 2026 10:30:00 +0800", "Fri, 20 Nov 2026 02:30:00 GMT", "2026-11-20T02:30:00Z",
                        "2026-11-20T10:30:00+08:00", "2026-11-20 10:30", "2026/11/20 10:30:00", "2026年11月20日 10:30",
                        "2026年11月20日10时30分", "Fri Nov 20 10:30:00 CST 2026", "20 Nov 2026 10:30 +0800"}) {
    auto r = ParseDateTime(s);
    ASSERT_TRUE(r.ok()) << s;
    EXPECT_EQ(*r, t) << s;
  }
  EXPECT_EQ(*ParseDateTime("2026年11月20日"), t - 10 * 3600 - 30 * 60);
  EXPECT_FALSE(ParseDateTime("昨天").ok());
  EXPECT_FALSE(ParseDateTime("2026-13-45").ok());
  EXPECT_FALSE(ParseDateTime("").ok());
}

TEST(FeedTest, ResolvesUrls) {
  EXPECT_EQ(ResolveUrl("http://a.cn/x/y.html", "z.html"), "http://a.cn/x/z.html");
  EXPECT_EQ(ResolveUrl("http://a.cn/x/y.html", "../z.html"), "http://a.cn/z.html");
  EXPECT_EQ(ResolveUrl("http://a.cn/x/y.html", "/z?q=1"), "http://a.cn/z?q=1");
  EXPECT_EQ(ResolveUrl("https://a.cn/x/", "//b.cn/c"), "https://b.cn/c");
  EXPECT_EQ(ResolveUrl("http://a.cn/x/", "http://c.cn/"), "http://c.cn/");
}

// Every file of the public feedparser test suite must parse or fail with a
// clear error — never crash or hang. Reports the share read successfully.
TEST(FeedTest, EvalSuiteNeverCrashes) {
  std::filesystem::path root = std::filesystem::path(MINYI_SOURCE_DIR) / ".." / "shared" / "eval" / "feeds";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no eval feeds at " << root;
  size_t files = 0, ok = 0, wellformed = 0, wellformed_ok = 0, with_entries = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto feed = ParseFeed(buf.str(), "", "http://127.0.0.1:8097/tests/x.xml");
    ++files;
    bool is_wellformed = entry.path().string().find("/wellformed/") != std::string::npos;
    wellformed += is_wellformed;
    if (feed.ok()) {
      ++ok;
      wellformed_ok += is_wellformed;
      with_entries += !feed->entries.empty();
    } else {
      EXPECT_FALSE(feed.status().message().empty()) << entry.path();
    }
  }
  EXPECT_GT(files, 2000u);
  std::printf("eval feeds: %zu files, %zu parsed (%zu with entries), wellformed %zu/%zu\n", files, ok, with_entries,
              wellformed_ok, wellformed);
  EXPECT_GT(wellformed_ok * 100, wellformed * 95);
}

}  // namespace
}  // namespace minyi
