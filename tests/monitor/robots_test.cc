#include <gtest/gtest.h>

#include "monitor/fetch.h"

namespace minyi {
namespace {

TEST(RobotsTest, GroupsAndLongestMatch) {
  auto r = RobotsRules::Parse(
      "# comment\nUser-agent: *\nDisallow: /private/\nAllow: /private/open/\nDisallow: /*.pdf$\n\n"
      "User-agent: Googlebot\nDisallow: /\n",
      "minyi");
  EXPECT_TRUE(r.Allowed("/news/1.html"));
  EXPECT_FALSE(r.Allowed("/private/x.html"));
  EXPECT_TRUE(r.Allowed("/private/open/x.html"));
  EXPECT_FALSE(r.Allowed("/files/a.pdf"));
  EXPECT_TRUE(r.Allowed("/files/a.pdf?x=1"));
  EXPECT_TRUE(r.Allowed("/robots.txt"));
}

TEST(RobotsTest, OwnGroupWinsAndCrawlDelay) {
  auto r = RobotsRules::Parse(
      "User-agent: *\nDisallow: /\n\nUser-agent: Minyi\nUser-agent: other\nDisallow: /admin\n"
      "Crawl-delay: 7\n",
      "minyi");
  EXPECT_TRUE(r.Allowed("/news"));
  EXPECT_FALSE(r.Allowed("/admin/login"));
  EXPECT_EQ(r.crawl_delay_seconds(), 7);
}

TEST(RobotsTest, EmptyAndOddFiles) {
  EXPECT_TRUE(RobotsRules::Parse("", "minyi").Allowed("/x"));
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow:\n", "minyi").Allowed("/x"));
  EXPECT_TRUE(RobotsRules::Parse("garbage\n\0\xff\xfe:::\n", "minyi").Allowed("/x"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/x"));
  std::string stars = "User-agent: *\nDisallow: /" + std::string(2000, '*') + "x$\n";
  EXPECT_TRUE(RobotsRules::Parse(stars, "minyi").Allowed("/" + std::string(3000, 'a')));
}

TEST(RobotsTest, ParsesUrls) {
  auto u = ParseHttpUrl("https://WWW.Example.cn:8443/a/b?c=1#frag");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "www.example.cn");
  EXPECT_EQ(u->port, "8443");
  EXPECT_EQ(u->path, "/a/b?c=1");
  EXPECT_FALSE(ParseHttpUrl("file:///etc/passwd").ok());
  EXPECT_FALSE(ParseHttpUrl("http://user:pw@a.cn/").ok());
}

}  // namespace
}  // namespace minyi
