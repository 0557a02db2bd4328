#include "monitor/pipeline.h"

#include <gtest/gtest.h>

#include "monitor/pipeline_fixture.h"

namespace minyi::testing {
namespace {

const char* kHeating =
    "清河县城东新区多个小区居民反映，入冬以来室内温度一直达不到十八度，部分楼栋暖气片几乎不热。"
    "居民多次拨打供热公司电话，得到的答复是管网正在调试。县住建局表示已约谈供热企业，要求三日内排查整改。";

TEST_F(PipelineFixture, StoresAnalyzedItemsWithSentimentKeywordsAndSearchText) {
  auto r =
      MustIngest({Item("清河新闻网", "城东新区供暖不热 居民盼尽快解决", kHeating, kT0, "https://news.example.cn/a/1")});
  EXPECT_EQ(r.accepted, 1);
  auto rows = store_->db().Query("SELECT * FROM monitor_items");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->Text(0, "outlet"), "清河新闻网");
  EXPECT_EQ(rows->Text(0, "sentiment"), "negative");
  EXPECT_NE(rows->Text(0, "keywords").find("供热"), std::string::npos) << rows->Text(0, "keywords");
  EXPECT_TRUE(rows->IsNull(0, "dup_of"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'ingest'"), 1);
}

TEST_F(PipelineFixture, RedeliveryIsSkippedAndCopiesAreKeptAsOneStory) {
  MustIngest({Item("清河新闻网", "城东新区供暖不热", kHeating, kT0, "https://news.example.cn/a/1?utm_source=x")});
  // Same canonical URL again: re-delivery.
  auto again = MustIngest({Item("清河新闻网", "城东新区供暖不热", kHeating, kT0, "https://news.example.cn/a/1")});
  EXPECT_EQ(again.skipped, 1);
  // Another outlet reposts the same text with a prefix: a copy of the story.
  auto copy = MustIngest({Item("县论坛", "转：城东供暖不热", std::string("转自清河新闻网。") + kHeating, kT0 + 600,
                               "https://bbs.example.cn/t/9", "forum")});
  EXPECT_EQ(copy.duplicates, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 2);
  EXPECT_EQ(Count("SELECT dup_of FROM monitor_items WHERE outlet = '县论坛'"), 1);
  EXPECT_EQ(Count("SELECT copies FROM monitor_items WHERE id = 1"), 1);
  // The story spreading to a second outlet makes it an event.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_events"), 1);
  EXPECT_EQ(Count("SELECT outlet_count FROM monitor_events"), 2);
  EXPECT_EQ(Count("SELECT story_count FROM monitor_events"), 1);
}

TEST_F(PipelineFixture, BadItemsAreReportedAndTheRestStored) {
  std::vector<RawItem> batch = {Item("a", "", "", kT0),
                                Item("b", "学校门口道路积水", "清河县第二中学门口道路积水严重。", kT0)};
  auto r = MustIngest(batch);
  EXPECT_EQ(r.accepted, 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("第 1 条"), std::string::npos);
}

TEST_F(PipelineFixture, TooLargeBatchIsRefusedWithoutStoringAnything) {
  std::vector<RawItem> batch(20'001, Item("a", "t", "x", kT0));
  auto r = pipeline_->Ingest(batch);
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 0);
}

TEST_F(PipelineFixture, StateSurvivesRestart) {
  MustIngest({Item("清河新闻网", "城东新区供暖不热", kHeating, kT0, "https://news.example.cn/a/1")});
  pipeline_.reset();
  auto p = Pipeline::Create(*store_, clock_, PipelineOptions{});
  ASSERT_TRUE(p.ok());
  pipeline_ = std::move(*p);
  EXPECT_EQ(pipeline_->stats().index_stories, 1u);
  auto copy = MustIngest({Item("县论坛", "转帖", kHeating, kT0 + 60, "https://bbs.example.cn/t/1", "forum")});
  EXPECT_EQ(copy.duplicates, 1);
}

TEST(PipelineOffline, AnalyzeMarksCopiesTopicsAndEvents) {
  ManualClock clock(kT0);
  Topic t;
  t.name = "清河供暖";
  t.scheme.regions = {"清河县"};
  t.scheme.events = {"供暖", "暖气"};
  auto p = Pipeline::CreateOffline(clock, PipelineOptions{}, {t});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::vector<AnalyzeInput> in;
  in.push_back({"a1", MakeItem("清河新闻网", "城东供暖不热", kHeating, kT0)});
  in.push_back({"a2", MakeItem("县论坛", "转", std::string("转：") + kHeating, kT0 + 60)});
  in.push_back({"a3", MakeItem("体育报", "篮球联赛开幕", "市篮球联赛今晚开幕，八支球队参赛。", kT0)});
  auto out = (*p)->Analyze(in);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 3u);
  EXPECT_FALSE((*out)[0].dup_of.has_value());
  ASSERT_TRUE((*out)[1].dup_of.has_value());
  EXPECT_EQ(*(*out)[1].dup_of, "a1");
  EXPECT_EQ((*out)[0].topics, std::vector<std::string>{"清河供暖"});
  EXPECT_TRUE((*out)[2].topics.empty());
  EXPECT_TRUE((*out)[0].event.has_value());
  EXPECT_EQ((*out)[0].event, (*out)[1].event);
  EXPECT_FALSE((*out)[2].event.has_value());
  EXPECT_EQ(SentimentLabelName((*out)[0].sentiment.label), "negative");
}

}  // namespace
}  // namespace minyi::testing
