#include "monitor/topics.h"

#include <gtest/gtest.h>

#include "monitor/pipeline_fixture.h"

namespace minyi::testing {
namespace {

TEST(TopicsTest, ValidatesSchemesAndExpressions) {
  Topic t;
  t.name = "学校";
  EXPECT_EQ(ValidateTopic(t).status().code(), ErrorCode::kInvalidArgument);  // no words
  t.scheme.regions = {"清河县"};
  t.scheme.subjects = {"学校", "中学|小学"};
  auto reads = ValidateTopic(t);
  ASSERT_TRUE(reads.ok()) << reads.status().ToString();
  EXPECT_NE(reads->find("清河县"), std::string::npos);
  Topic e;
  e.name = "表达式";
  e.mode = "expression";
  e.expression = "清河县 (暖气";
  auto bad = ValidateTopic(e);
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("列"), std::string::npos) << bad.status().message();
  e.expression = "清河县 (暖气 | 供热) -广告";
  EXPECT_TRUE(ValidateTopic(e).ok());
}

TEST(TopicsTest, ParsesTopicFile) {
  auto topics = ParseTopicFile(
      "# 本县方案\n[清河供暖]\n地域词：清河县\n事件词：供暖、暖气\n\n[道路]\n表达式：清河县 (道路 | 路面) -广告\n");
  ASSERT_TRUE(topics.ok()) << topics.status().ToString();
  ASSERT_EQ(topics->size(), 2u);
  EXPECT_EQ((*topics)[0].name, "清河供暖");
  EXPECT_EQ((*topics)[0].scheme.events.size(), 2u);
  EXPECT_EQ((*topics)[1].mode, "expression");
  auto bad = ParseTopicFile("地域词：清河县\n");
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("第 1 行"), std::string::npos);
  EXPECT_EQ(ParseTopicFile(std::string(2u << 20, 'x')).status().code(), ErrorCode::kResourceExhausted);
}

class TopicRepoTest : public PipelineFixture {};

TEST_F(TopicRepoTest, CrudIsAuditedAndNamesAreUnique) {
  TopicRepo repo(store_->db(), clock_);
  Topic t;
  t.name = "清河道路";
  t.scheme.regions = {"清河县"};
  t.scheme.events = {"道路", "路面"};
  auto id = repo.Create(Actor{1, "管理员"}, t);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(repo.Create(Actor{1, "管理员"}, t).status().code(), ErrorCode::kAlreadyExists);
  t.id = *id;
  t.scheme.excludes = {"广告"};
  ASSERT_TRUE(repo.Update(Actor{1, "管理员"}, t).ok());
  auto got = repo.Get(*id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->scheme.excludes, std::vector<std::string>{"广告"});
  t.scheme = {};
  EXPECT_EQ(repo.Update(Actor{1, "管理员"}, t).code(), ErrorCode::kInvalidArgument);  // nothing stored
  EXPECT_EQ(repo.Get(*id)->scheme.events.size(), 2u);
  ASSERT_TRUE(repo.Delete(Actor{1, "管理员"}, *id).ok());
  EXPECT_EQ(repo.Get(*id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'monitor_topic'"), 3);
}

TEST_F(TopicRepoTest, PreviewShowsMatchesAmongStoredItems) {
  MustIngest({MakeItem("县论坛", "人民路路面破损", "清河县人民路路面破损，雨天积水严重。", kT0),
              MakeItem("晚报", "篮球联赛", "市篮球联赛开幕。", kT0),
              MakeItem("县论坛", "道路广告", "清河县道路两旁广告牌招租。", kT0)});
  Topic t;
  t.name = "预览";
  t.scheme.regions = {"清河县"};
  t.scheme.events = {"道路", "路面"};
  t.scheme.excludes = {"广告"};
  auto p = PreviewTopic(store_->db(), t);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->scanned, 3);
  EXPECT_EQ(p->matched, 1);
  ASSERT_EQ(p->hits.size(), 1u);
  EXPECT_EQ(p->hits[0].title, "人民路路面破损");
  EXPECT_NE(p->hits[0].snippet.find("【"), std::string::npos) << p->hits[0].snippet;
}

}  // namespace
}  // namespace minyi::testing
