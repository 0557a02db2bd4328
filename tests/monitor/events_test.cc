#include "monitor/events.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "monitor/pipeline_fixture.h"

namespace minyi::testing {
namespace {

ClusterItem CI(int64_t id, int64_t t, std::vector<std::pair<std::string, double>> kw, uint64_t simhash = 0) {
  ClusterItem c;
  c.item_id = id;
  c.time = t;
  c.simhash = simhash ? simhash : 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(id);
  for (auto& [w, x] : kw) c.keywords.push_back({w, x});
  return c;
}

// New event ids 1, 2, 3, … as the pipeline hands them out.
std::function<int64_t()> EventIds() {
  auto next = std::make_shared<int64_t>(1);
  return [next] { return (*next)++; };
}

EventOptions WithWindow(int64_t seconds) {
  EventOptions o;
  o.window_seconds = seconds;
  return o;
}

TEST(EventClustererTest, SimilarItemsFormOneEventUnrelatedStayApart) {
  EventClusterer c;
  auto id = EventIds();
  auto a = c.Assign(CI(1, 0, {{"暖气", 1}, {"城东", 0.8}, {"供热", 0.7}}), id);
  EXPECT_EQ(a.event_id, 0);  // remembered as a candidate
  auto b = c.Assign(CI(2, 600, {{"暖气", 1}, {"供热", 0.9}, {"小区", 0.5}}), id);
  EXPECT_TRUE(b.created);
  EXPECT_EQ(b.partner_item_id, 1);
  auto d = c.Assign(CI(3, 900, {{"篮球", 1}, {"联赛", 0.9}}), id);
  EXPECT_EQ(d.event_id, 0);
  auto e = c.Assign(CI(4, 1200, {{"供热", 1}, {"暖气", 0.6}, {"回应", 0.5}}), id);
  EXPECT_EQ(e.event_id, b.event_id);
  EXPECT_FALSE(e.created);
  EXPECT_EQ(c.open_events(), 1u);
}

TEST(EventClustererTest, WindowClosesEvents) {
  EventClusterer c(WithWindow(3600));
  auto id = EventIds();
  c.Assign(CI(1, 0, {{"暖气", 1}, {"供热", 1}}), id);
  auto late = c.Assign(CI(2, 7200, {{"暖气", 1}, {"供热", 1}}), id);
  EXPECT_EQ(late.event_id, 0);
}

TEST(EventClustererTest, BackgroundWordsDoNotGlueItems) {
  EventClusterer c;
  auto id = EventIds();
  // Every item mentions the county; only the county is shared.
  const char* topics[][2] = {{"篮球", "联赛"}, {"食堂", "学生"}, {"道路", "积水"},   {"招聘", "教师"},
                             {"菜价", "市场"}, {"公交", "线路"}, {"图书馆", "开放"}, {"医院", "挂号"}};
  int events = 0;
  for (int i = 0; i < 8; ++i) {
    auto d = c.Assign(CI(i + 1, i * 60, {{"清河县", 1.0}, {topics[i][0], 0.9}, {topics[i][1], 0.8}}), id);
    if (d.event_id) ++events;
  }
  EXPECT_EQ(events, 0);
}

// A long-running process sees words without end: words of closed entries
// are dropped from the interned table at a sweep, and what is still open
// keeps its words (the events still join and name the right words).
TEST(EventClustererTest, LongRunDropsWordsOfClosedEntriesAndKeepsOpenOnes) {
  EventClusterer c(WithWindow(3600));
  auto id = EventIds();
  int64_t t = 0;
  int64_t item = 1;
  // 40,000 one-off items of 3 unique words each, one a second: well past
  // the table's slack, every one expired an hour later.
  for (int i = 0; i < 40000; ++i, ++t) {
    std::string w = "词" + std::to_string(i);
    c.Assign(CI(item++, t, {{w + "甲", 1}, {w + "乙", 0.9}, {w + "丙", 0.8}}), id);
  }
  // An event open across the sweeps.
  auto first = c.Assign(CI(item++, t, {{"暖气", 1}, {"供热", 0.9}, {"小区", 0.5}}), id);
  EXPECT_EQ(first.event_id, 0);
  auto made = c.Assign(CI(item++, t + 1, {{"暖气", 1}, {"供热", 0.8}, {"回应", 0.4}}), id);
  ASSERT_TRUE(made.created);
  // 30,000 more one-off items, with the event refreshed now and then: the
  // sweeps drop the old words while it is open.
  for (int i = 0; i < 30000; ++i, ++t) {
    std::string w = "新" + std::to_string(i);
    c.Assign(CI(item++, t + 2, {{w + "甲", 1}, {w + "乙", 0.9}}), id);
    if (i % 500 == 0) {
      auto refresh = c.Assign(CI(item++, t + 2, {{"暖气", 1}, {"供热", 0.9}}), id);
      ASSERT_EQ(refresh.event_id, made.event_id) << i;
    }
  }
  auto joined = c.Assign(CI(item++, t + 2, {{"供热", 1}, {"暖气", 0.7}, {"停暖", 0.5}}), id);
  EXPECT_EQ(joined.event_id, made.event_id);
  EXPECT_LT(c.candidates(), 4000u);
  EXPECT_LT(c.interned_words(), 100000u);  // 180,000 words were seen
  std::vector<WeightedWord> top = c.Centroid(made.event_id, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].word, "暖气");
  EXPECT_EQ(top[1].word, "供热");
}

// An event keeps centroid_terms words; at a tie the cut goes by the word,
// whatever order the words arrived in.
TEST(EventClustererTest, TrimAtATieKeepsTheSameWordsWhateverTheOrder) {
  auto kept = [](bool reversed) {
    EventOptions o;
    o.centroid_terms = 3;
    EventClusterer c(o);
    auto id = EventIds();
    std::vector<std::pair<std::string, double>> a{{"暖气", 2}, {"供热", 2}, {"甲", 1}, {"乙", 1}, {"丙", 1}};
    std::vector<std::pair<std::string, double>> b{{"暖气", 2}, {"供热", 2}, {"丁", 1}, {"戊", 1}};
    if (reversed) {
      std::reverse(a.begin(), a.end());
      std::reverse(b.begin(), b.end());
    }
    c.Assign(CI(1, 0, a), id);
    auto d = c.Assign(CI(2, 60, b), id);
    EXPECT_TRUE(d.created);
    return c.Centroid(d.event_id, 10);
  };
  std::vector<WeightedWord> one = kept(false), two = kept(true);
  ASSERT_EQ(one.size(), 3u);
  ASSERT_EQ(two.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(one[i].word, two[i].word);
  EXPECT_EQ(one[0].word, "供热");  // 4 = 4: by the word
  EXPECT_EQ(one[1].word, "暖气");
}

TEST(EventHeatTest, GrowsWithVolumeOutletsNegativityAndFadesWithTime) {
  double small = EventHeat(2, 0, 1, 0, 1000, 1000);
  double big = EventHeat(20, 10, 6, 0, 1000, 1000);
  double negative = EventHeat(20, 10, 6, 1.0, 1000, 1000);
  double old = EventHeat(20, 10, 6, 0, 1000, 1000 + 24 * 3600);
  EXPECT_LT(small, big);
  EXPECT_LT(big, negative);
  EXPECT_NEAR(old, big / 2, 0.2);
  EXPECT_LE(EventHeat(100000, 100000, 1000, 1, 0, 0), 100.0);
}

class EventStoreTest : public PipelineFixture {};

TEST_F(EventStoreTest, EventHasTitleOutletsTimelineAndSentimentMix) {
  const std::string base = "清河县城东新区锦绣花园小区暖气不热，室内温度只有十二度，居民多次投诉供热公司未果。";
  MustIngest({MakeItem("县论坛", "锦绣花园暖气不热", base, kT0, "", "forum")});
  MustIngest({MakeItem("清河新闻网", "锦绣花园供暖问题调查",
                       "记者走访清河县锦绣花园小区，居民反映暖气不热，供热公司称管网压力不足正在抢修。", kT0 + 3600),
              MakeItem("12345 热线", "锦绣花园暖气投诉", "锦绣花园小区暖气不热，供热公司迟迟不解决，请相关部门督促。",
                       kT0 + 7200, "", "complaint")});
  auto page = ListEvents(store_->db(), EventQuery{}, clock_.Now());
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->total, 1);
  const EventRow& e = page->events[0];
  EXPECT_EQ(e.title, "锦绣花园暖气不热");  // the first item's title
  EXPECT_EQ(e.first_outlet, "县论坛");
  EXPECT_EQ(e.item_count, 3);
  EXPECT_EQ(e.outlet_count, 3);
  EXPECT_EQ(e.negative + e.neutral + e.positive, 3);
  EXPECT_GT(e.heat, 0);
  auto d = GetEventDetail(store_->db(), e.id, clock_.Now());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->bucket_seconds, 3600);
  EXPECT_EQ(d->timeline.size(), 3u);
  EXPECT_EQ(d->outlets.size(), 3u);
  EXPECT_EQ(GetEventDetail(store_->db(), 999, 0).status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace minyi::testing
