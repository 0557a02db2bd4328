// ItemStore::Dashboard against a plain recount of the same items in C++:
// trend by China day and sentiment, stories, kinds, top outlets, hot words,
// one topic, and ranges lying in the past. Both backends, so the index-served
// query shapes of migration 0024 give the same figures on each.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "monitor/item_store.h"
#include "store/backend_fixture.h"

namespace minyi {
namespace {

constexpr int64_t kNow = 1'795'399'200;  // 2026-11-23 10:00 北京时间
constexpr int64_t kTz = 8 * 3600;

struct TestItem {
  int64_t id = 0;
  int64_t published_at = 0;
  std::string sentiment, kind, outlet, keywords;
  bool dup = false;
  bool on_topic = false;
};

class DashboardTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    clock_.Set(kNow);
    const char* sentiments[] = {"negative", "neutral", "positive"};
    const char* kinds[] = {"news", "forum", "weibo", "wechat", "video"};
    const char* outlets[] = {"清河日报", "河东论坛", "县融媒体", "晚报", "city-news", "民生网", "教育在线"};
    const char* words[] = {"供暖", "道路", "学校", "医院", "停水", "拆迁", "物价", "交通", "环境"};
    // Ids deliberately out of time order, as with a late-arriving feed.
    ASSERT_TRUE(db().InTransaction([&](Database& tx) -> Status {
                      for (int64_t g = 1; g <= 700; ++g) {
                        TestItem it;
                        it.published_at = kNow - ((g * 7919) % (45 * 86400));
                        it.sentiment = sentiments[(g * 7) % 3];
                        it.kind = kinds[(g * 3) % 5];
                        it.outlet = outlets[(g * g) % 7];
                        it.keywords = std::string(words[g % 9]) + " " + words[(g / 9) % 9];
                        it.dup = g % 6 == 0 && !items_.empty();
                        it.on_topic = g % 4 == 1;
                        SqlValue dup_of = it.dup ? SqlValue(static_cast<long long>(items_.back().id)) : SqlValue();
                        MINYI_ASSIGN_OR_RETURN(
                            Rows r, tx.Query("INSERT INTO monitor_items (dedup_key, outlet, kind, title, published_at,"
                                             " ingested_at, sentiment, keywords, dup_of)"
                                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                             {"k" + std::to_string(g), it.outlet, it.kind, "标题", it.published_at,
                                              kNow, it.sentiment, it.keywords, dup_of}));
                        it.id = r.Int(0, "id");
                        if (it.on_topic) {
                          MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_item_topics (topic_id, item_id,"
                                                           " published_at) VALUES (5, ?, ?)",
                                                           {it.id, it.published_at})
                                                    .status());
                        }
                        items_.push_back(it);
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  // The dashboard recounted from items_ the obvious way.
  DashboardStats Expected(int64_t from, int64_t to, int64_t topic) const {
    DashboardStats s;
    int64_t origin = from - ((from + kTz) % 86400 + 86400) % 86400;
    std::map<int64_t, DayCount> days;
    for (int64_t d = origin; d < to; d += 86400) days[d].day = d;
    std::map<std::string, int64_t> senti, kinds, outlets, words;
    for (const TestItem& it : items_) {
      if (it.published_at < from || it.published_at >= to || (topic > 0 && !it.on_topic)) continue;
      DayCount& c = days[origin + (it.published_at - origin) / 86400 * 86400];
      c.total++;
      (it.sentiment == "negative" ? c.negative : it.sentiment == "positive" ? c.positive : c.neutral)++;
      senti[it.sentiment]++;
      kinds[it.kind]++;
      outlets[it.outlet]++;
      s.items++;
      if (!it.dup) {
        s.stories++;
        words[it.keywords.substr(0, it.keywords.find(' '))]++;
        words[it.keywords.substr(it.keywords.find(' ') + 1)]++;
      }
    }
    for (auto& [d, c] : days) s.trend.push_back(c);
    for (const char* l : {"negative", "neutral", "positive"}) s.sentiment.push_back({l, senti[l]});
    s.negative = senti["negative"];
    auto ranked = [](const std::map<std::string, int64_t>& m, size_t limit) {
      std::vector<CountBy> v;
      for (auto& [k, n] : m) v.push_back({k, n});
      std::stable_sort(v.begin(), v.end(), [](const CountBy& a, const CountBy& b) { return a.count > b.count; });
      if (v.size() > limit) v.resize(limit);
      return v;
    };
    s.kinds = ranked(kinds, 100);
    s.outlets = ranked(outlets, 10);
    s.hot_words = ranked(words, 40);
    return s;
  }

  void ExpectSame(int64_t from, int64_t to, int64_t topic) {
    SCOPED_TRACE("from " + std::to_string(from) + " to " + std::to_string(to) + " topic " + std::to_string(topic));
    ItemStore store(*store_, clock_, nullptr, nullptr);
    auto got = store.Dashboard(from, to, topic);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    DashboardStats want = Expected(from, to, topic);
    EXPECT_GT(want.items, 0);
    EXPECT_EQ(got->items, want.items);
    EXPECT_EQ(got->stories, want.stories);
    EXPECT_EQ(got->negative, want.negative);
    ASSERT_EQ(got->trend.size(), want.trend.size());
    for (size_t i = 0; i < want.trend.size(); ++i) {
      EXPECT_EQ(got->trend[i].day, want.trend[i].day);
      EXPECT_EQ(got->trend[i].total, want.trend[i].total);
      EXPECT_EQ(got->trend[i].negative, want.trend[i].negative);
      EXPECT_EQ(got->trend[i].neutral, want.trend[i].neutral);
      EXPECT_EQ(got->trend[i].positive, want.trend[i].positive);
    }
    auto same = [](const std::vector<CountBy>& a, const std::vector<CountBy>& b) {
      ASSERT_EQ(a.size(), b.size());
      for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].key, b[i].key) << i;
        EXPECT_EQ(a[i].count, b[i].count) << i;
      }
    };
    same(got->sentiment, want.sentiment);
    same(got->kinds, want.kinds);
    same(got->outlets, want.outlets);
    same(got->hot_words, want.hot_words);
  }

  std::vector<TestItem> items_;
};

TEST_P(DashboardTest, MatchesARecountOfTheItems) {
  ExpectSame(kNow - 7 * 86400, kNow, 0);
  ExpectSame(kNow - 30 * 86400, kNow, 0);
  ExpectSame(kNow - 7 * 86400, kNow, 5);
  ExpectSame(kNow - 30 * 86400, kNow, 5);
  // A range in the past, not ending now.
  ExpectSame(kNow - 40 * 86400, kNow - 20 * 86400, 0);
  ExpectSame(kNow - 40 * 86400, kNow - 20 * 86400, 5);
}

TEST_P(DashboardTest, EmptyRangeAndUnknownTopicGiveZeroes) {
  ItemStore store(*store_, clock_, nullptr, nullptr);
  auto none = store.Dashboard(kNow - 7 * 86400, kNow, 99);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->items, 0);
  EXPECT_EQ(none->trend.size(), 8u);  // days touched by the range, all zero
  EXPECT_TRUE(none->kinds.empty());
  EXPECT_TRUE(none->outlets.empty());
  EXPECT_TRUE(none->hot_words.empty());
  auto future = store.Dashboard(kNow + 86400, kNow + 2 * 86400, 0);
  ASSERT_TRUE(future.ok());
  EXPECT_EQ(future->items, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minyi
