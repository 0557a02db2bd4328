#include "monitor/page_extract.h"

#include <gtest/gtest.h>

namespace minyi {
namespace {

TEST(PageExtractTest, ListPageLinksAreSameSiteAndArticleLike) {
  const char* html = R"html(<html><body><div class="nav"><a href="/">首页</a><a href="/list">更多</a></div>
<ul><li><a href="/art/2026/11/20/1.html">关于城区供水管网改造的通知</a></li>
<li><a href="http://www.qinghe.gov.cn/art/2/2.html" title="县政府召开常务会议">县政府召开常务会议研究工作</a></li>
<li><a href="/art/2026/11/20/1.html#top">关于城区供水管网改造的通知</a></li>
<li><a href="http://other.cn/x.html">其他网站的一篇文章标题</a></li>
<li><a href="/files/report.pdf">二〇二六年工作报告全文</a></li>
<li><a href="javascript:void(0)">点击这里查看更多内容</a></li></ul></body></html>)html";
  auto links = ExtractLinks(html, "http://qinghe.gov.cn/news/index.html");
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 2u);
  EXPECT_EQ((*links)[0].url, "http://qinghe.gov.cn/art/2026/11/20/1.html");
  EXPECT_EQ((*links)[0].text, "关于城区供水管网改造的通知");
  EXPECT_EQ((*links)[1].url, "http://www.qinghe.gov.cn/art/2/2.html");
}

TEST(PageExtractTest, ArticleTitleTimeAndMainText) {
  const char* html = R"html(<html><head><title>关于供水的通知 - 清河县人民政府</title>
<meta name="PubDate" content="2026-11-20 10:30"></head><body>
<div class="header"><a href="/">首页</a> | <a href="/a">机构</a> | <a href="/b">政务公开</a></div>
<div class="main"><h1>关于城区供水管网改造的通知</h1>
<div class="info">来源：县水务局 作者：某某</div>
<div class="content"><p>为提升城区供水保障能力，县水务局将于11月25日起对城东片区供水管网进行改造。</p>
<p>施工期间，部分小区将出现水压偏低、短时停水等情况，请居民提前做好储水准备。</p>
<p>如有疑问，请拨打12345热线咨询，给您带来的不便，敬请谅解。</p></div></div>
<div class="side"><a href="/x">相关新闻一条标题</a><a href="/y">相关新闻二条标题</a></div>
<div class="footer">版权所有：清河县人民政府 地址：某路1号</div></body></html>)html";
  auto a = ExtractArticle(html);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "关于城区供水管网改造的通知");
  EXPECT_EQ(a->published_at, 1795141800);
  EXPECT_NE(a->text.find("为提升城区供水保障能力"), std::string::npos);
  EXPECT_NE(a->text.find("敬请谅解"), std::string::npos);
  EXPECT_EQ(a->text.find("版权所有"), std::string::npos);
  EXPECT_EQ(a->text.find("相关新闻"), std::string::npos);
}

TEST(PageExtractTest, DateInTextAndGbkPage) {
  const char* html =
      "<html><body><h1>标题</h1><p>发布时间：2026年11月20日 10:30</p><div><p>正文内容，很长的一段文字。"
      "</p></div></body></html>";
  auto a = ExtractArticle(html);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->published_at, 1795141800);
  // <meta charset=gbk> and "标题" in GBK.
  std::string gbk = "<html><head><meta charset=\"gbk\"></head><body><h1>\xB1\xEA\xCC\xE2</h1></body></html>";
  std::string utf8 = DecodeHtml(gbk, "");
  EXPECT_NE(utf8.find("标题"), std::string::npos);
}

TEST(PageExtractTest, HostileMarkupIsBounded) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div><a href='/x'>";
  html += "<<<>>>&#99999999;&bogus;<script>never closed";
  auto a = ExtractArticle(html);
  EXPECT_TRUE(a.ok() || a.status().code() == ErrorCode::kInvalidArgument);
  auto l = ExtractLinks(html, "http://a.cn/");
  EXPECT_TRUE(l.ok());
  PageLimits small;
  small.max_bytes = 10;
  EXPECT_EQ(ExtractArticle(html, small).status().code(), ErrorCode::kResourceExhausted);
}

}  // namespace
}  // namespace minyi
