#include <gtest/gtest.h>

#include "monitor/pipeline_fixture.h"

namespace minyi::testing {
namespace {

class SearchTest : public PipelineFixture {
 protected:
  void SetUp() override {
    PipelineFixture::SetUp();
    MustIngest({
        MakeItem("清河新闻网", "清河县第二中学食堂获评示范食堂",
                 "近日，清河县第二中学食堂被评为全市学校食堂示范单位，学生和家长普遍点赞。", kT0, "", "news"),
        MakeItem("县论坛", "城东新区暖气不热谁来管",
                 "清河县城东新区好几个小区暖气不热，供热公司一直推脱，太让人失望了。", kT0 + 3600, "", "forum"),
        MakeItem("12345 热线", "反映清河縣人民路道路破损",
                 "人民路与建设街交叉口路面破损严重，雨天积水，行人车辆通行困难。", kT0 + 7200, "", "complaint"),
        MakeItem("晚报", "篮球联赛开幕", "市篮球联赛今晚在体育中心开幕，八支球队参赛。", kT0 - 20 * 86400, "", "news"),
    });
  }
  ItemPage Search(ItemQuery q) {
    auto r = pipeline_->items()->Search(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ItemPage{};
  }
  static ItemQuery Q(std::string text) {
    ItemQuery q;
    q.text = std::move(text);
    return q;
  }
};

TEST_F(SearchTest, FindsWordsPhrasesAndPartsOfWords) {
  EXPECT_EQ(Search(Q("食堂")).total, 1);
  EXPECT_EQ(Search(Q("第二中学")).total, 1);
  // Part of a longer word, and a substring cutting across word boundaries.
  EXPECT_EQ(Search(Q("清河")).total, 3);
  EXPECT_EQ(Search(Q("区好几")).total, 1);
  EXPECT_EQ(Search(Q("暖")).total, 1);  // one character
  // Several terms must all occur.
  EXPECT_EQ(Search(Q("清河县 暖气")).total, 1);
  EXPECT_EQ(Search(Q("清河县 篮球")).total, 0);
}

TEST_F(SearchTest, TraditionalAndFullWidthQueriesFindNormalizedText) {
  // The complaint was written with 縣; both spellings find it.
  EXPECT_EQ(Search(Q("清河縣人民路")).total, 1);
  EXPECT_EQ(Search(Q("清河县人民路")).total, 1);
}

TEST_F(SearchTest, FiltersBySentimentKindTimeAndTopic) {
  ItemQuery q = Q("清河");
  q.kind = "forum";
  EXPECT_EQ(Search(q).total, 1);
  q = Q("");
  q.from = kT0 - 86400;
  EXPECT_EQ(Search(q).total, 3);
  q.to = kT0 + 1;
  EXPECT_EQ(Search(q).total, 1);
  q = Q("");
  q.sentiment = "negative";
  auto page = Search(q);
  EXPECT_GE(page.total, 1);
  for (const ItemRow& r : page.items) EXPECT_EQ(r.sentiment, "negative");
  q.sentiment = "bad";
  EXPECT_EQ(pipeline_->items()->Search(q).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(SearchTest, TopicFilterUsesLinksStoredAtIngest) {
  Topic t;
  t.name = "供暖";
  t.scheme.regions = {"清河县"};
  t.scheme.events = {"暖气", "供热"};
  TopicRepo repo(store_->db(), clock_);
  auto id = repo.Create(Actor{1, "管理员"}, t);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(pipeline_->ReloadTopics().ok());
  MustIngest({MakeItem("县论坛", "供热公司回应", "清河县供热公司回应暖气不热问题，称管网已完成调试。", kT0 + 9000)});
  ItemQuery q;
  q.topic_id = *id;
  auto page = Search(q);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].title, "供热公司回应");
}

TEST_F(SearchTest, RetentionKeepsEventItemsAndDeletesOldOnes) {
  ASSERT_TRUE(pipeline_->items()->SetRetentionDays(Actor{1, "管理员"}, 7).ok());
  auto deleted = pipeline_->items()->ApplyRetention(Actor{0, "系统"});
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(*deleted, 1);  // the basketball item, 21 days old
  EXPECT_EQ(Search(Q("篮球")).total, 0);
  EXPECT_EQ(Search(Q("食堂")).total, 1);
  EXPECT_EQ(pipeline_->items()->SetRetentionDays(Actor{1, "管理员"}, 1).code(), ErrorCode::kInvalidArgument);
}

TEST_F(SearchTest, SentimentCorrectionIsStoredAndExported) {
  auto page = Search(Q("篮球"));
  ASSERT_EQ(page.items.size(), 1u);
  int64_t id = page.items[0].id;
  ASSERT_TRUE(pipeline_->items()->CorrectSentiment(Actor{1, "管理员"}, id, SentimentLabel::kPositive).ok());
  auto d = pipeline_->items()->Get(id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item.sentiment, "positive");
  EXPECT_TRUE(d->item.sentiment_corrected);
  auto tsv = pipeline_->items()->ExportCorrectionsTsv();
  ASSERT_TRUE(tsv.ok());
  EXPECT_NE(tsv->find("positive\t篮球联赛开幕"), std::string::npos) << *tsv;
  auto examples = ParseLabelledTsv(*tsv);
  ASSERT_TRUE(examples.ok());
  EXPECT_EQ(examples->size(), 1u);
  EXPECT_EQ(pipeline_->items()->CorrectSentiment(Actor{1, "管理员"}, 9999, SentimentLabel::kPositive).code(),
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace minyi::testing
