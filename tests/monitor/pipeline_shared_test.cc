// Pipeline::IngestShared with two pipelines (what two `minyi worker`
// processes hold) on one PostgreSQL database: each analyses outside the
// ingest lock and catches its in-memory indexes up incrementally with what
// the other stored. Copies stored by one must be recognised by the other,
// a story's copies must land in one event whoever stores them, and stories
// and copies must match one pipeline ingesting the same batches alone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "pipeline_fixture.h"
#include "store/audit.h"
#include "store/pg_cluster.h"

namespace minyi::testing {
namespace {

const char* kWords[] = {"供暖", "管网", "学校", "食堂", "道路", "塌陷", "医院", "挂号", "公交", "线路", "垃圾", "清运",
                        "停车", "规划", "水质", "检测", "噪音", "执法", "公园", "开放", "农业", "丰收", "市场", "价格",
                        "社区", "老人", "工地", "扬尘", "河道", "治理", "电梯", "维修", "物业", "收费", "路灯", "夜间"};

// The same text published again by another outlet.
RawItem RepostOf(const RawItem& story, std::string outlet, std::string url, int64_t at) {
  RawItem r = story;
  r.outlet = std::move(outlet);
  r.url = std::move(url);
  r.published_at = at;
  return r;
}

std::string StoryText(std::mt19937& rng) {
  std::uniform_int_distribution<size_t> pick(0, std::size(kWords) - 1);
  std::string t = "清河县";
  for (int k = 0; k < 40; ++k) t += std::string(kWords[pick(rng)]) + (k % 6 == 5 ? "。" : "");
  return t;
}

// Batches of new stories, each after the first also carrying copies of
// stories of earlier batches (which, alternating, the other pipeline stored).
std::vector<std::vector<RawItem>> Batches(int batches, int stories_per_batch) {
  std::mt19937 rng(11);
  std::vector<std::vector<RawItem>> out(static_cast<size_t>(batches));
  std::vector<RawItem> all;
  int64_t at = kT0;
  for (int b = 0; b < batches; ++b) {
    for (int i = 0; i < stories_per_batch; ++i) {
      std::string n = std::to_string(b) + "-" + std::to_string(i);
      RawItem r = MakeItem("清河新闻网", "清河县通报" + n, StoryText(rng), at++, "https://news.example.cn/" + n);
      all.push_back(r);
      out[static_cast<size_t>(b)].push_back(std::move(r));
    }
    for (int c = 0; c < 4 && b > 0; ++c) {
      RawItem r = all[static_cast<size_t>((b * 7 + c * 5) % (b * stories_per_batch))];
      r.outlet = "转载网" + std::to_string(c);
      r.url = "https://copy" + std::to_string(c) + ".example.cn/" + std::to_string(b);
      r.published_at = at++;
      out[static_cast<size_t>(b)].push_back(std::move(r));
    }
  }
  return out;
}

class PipelineSharedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    PgCluster* cluster = SharedPgCluster(&why);
    if (!cluster) GTEST_SKIP() << why;
    std::string location = cluster->CreateDatabase();
    for (int i = 0; i < 2; ++i) {
      StoreOptions so;
      so.location = location;
      so.clock = &clock_;
      auto store = Store::Open(so);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      stores_.push_back(std::move(*store));
      PipelineOptions po;
      po.analysis_threads = 1;
      auto p = Pipeline::Create(*stores_.back(), clock_, po);
      ASSERT_TRUE(p.ok()) << p.status().ToString();
      pipelines_.push_back(std::move(*p));
    }
  }
  int64_t Count(const std::string& sql) {
    auto n = stores_[0]->db().QueryInt(sql);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }
  // A story and its copies in one event; no story stored twice.
  void ExpectConsistent() {
    EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items c JOIN monitor_items s ON s.id = c.dup_of"
                    " WHERE COALESCE(c.event_id, 0) <> COALESCE(s.event_id, 0)"),
              0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM (SELECT simhash FROM monitor_items WHERE dup_of IS NULL"
                    " GROUP BY simhash HAVING COUNT(*) > 1) t"),
              0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items s WHERE s.dup_of IS NULL AND s.copies <>"
                    " (SELECT COUNT(*) FROM monitor_items c WHERE c.dup_of = s.id)"),
              0);
  }

  ManualClock clock_{kT0 + 86400};
  std::vector<std::unique_ptr<Store>> stores_;
  std::vector<std::unique_ptr<Pipeline>> pipelines_;
};

TEST_F(PipelineSharedTest, CopiesStoredByTheOtherPipelineAreRecognisedAndJoinTheStorysEvent) {
  std::mt19937 rng(3);
  std::string text = StoryText(rng);
  RawItem story = MakeItem("清河新闻网", "清河县供暖管网改造", text, kT0, "https://news.example.cn/a");
  auto a = pipelines_[0]->IngestShared({story});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->accepted, 1);
  RawItem copy1 = RepostOf(story, "转载网甲", "https://copy1.example.cn/a", kT0 + 60);
  auto b = pipelines_[1]->IngestShared({copy1});  // B never saw the story
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->duplicates, 1);
  RawItem copy2 = RepostOf(story, "转载网乙", "https://copy2.example.cn/a", kT0 + 120);
  // A knew the story as a single candidate; B's copy made it an event.
  auto c = pipelines_[0]->IngestShared({copy2});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->duplicates, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_events"), 1);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT event_id) FROM monitor_items WHERE event_id IS NOT NULL"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items WHERE event_id IS NULL"), 0);
  EXPECT_EQ(Count("SELECT copies FROM monitor_items WHERE dup_of IS NULL"), 2);
  EXPECT_EQ(Count("SELECT item_count FROM monitor_events"), 3);
  EXPECT_EQ(pipelines_[0]->stats().index_stories, 1u);
  EXPECT_EQ(pipelines_[1]->stats().index_stories, 1u);
  ExpectConsistent();
}

TEST_F(PipelineSharedTest, AlternatingPipelinesStoreWhatOnePipelineStoresAlone) {
  auto batches = Batches(8, 12);
  IngestResult shared;
  for (size_t b = 0; b < batches.size(); ++b) {
    auto r = pipelines_[b % 2]->IngestShared(batches[b]);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    shared.accepted += r->accepted;
    shared.duplicates += r->duplicates;
  }
  ExpectConsistent();
  int64_t events = Count("SELECT COUNT(*) FROM monitor_events");
  int64_t in_events = Count("SELECT COUNT(*) FROM monitor_items WHERE event_id IS NOT NULL");

  // The same batches through one pipeline on SQLite.
  std::string dir = ::testing::TempDir() + "/minyi-shared-peer-" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  StoreOptions so;
  so.location = dir;
  so.clock = &clock_;
  auto store = Store::Open(so);
  ASSERT_TRUE(store.ok());
  PipelineOptions po;
  po.analysis_threads = 1;
  auto alone = Pipeline::Create(**store, clock_, po);
  ASSERT_TRUE(alone.ok());
  IngestResult single;
  for (const auto& batch : batches) {
    auto r = (*alone)->Ingest(batch);
    ASSERT_TRUE(r.ok());
    single.accepted += r->accepted;
    single.duplicates += r->duplicates;
  }
  EXPECT_EQ(shared.accepted, single.accepted);
  EXPECT_EQ(shared.duplicates, single.duplicates);
  EXPECT_EQ(shared.duplicates, 4 * 7);
  // Events: the other pipeline's candidates and centroids come back from
  // their stored keywords (ranks, not TF-IDF weights), as after a restart,
  // so clustering may differ by an item at the margin, never by a story.
  EXPECT_NEAR(events, *(*store)->db().QueryInt("SELECT COUNT(*) FROM monitor_events"), 2);
  EXPECT_NEAR(in_events, *(*store)->db().QueryInt("SELECT COUNT(*) FROM monitor_items WHERE event_id IS NOT NULL"), 3);
  alone->reset();
  store->reset();
  std::filesystem::remove_all(dir);
}

TEST_F(PipelineSharedTest, ConcurrentPipelinesStoreEveryItemOnceAndStayConsistent) {
  auto batches = Batches(10, 10);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (size_t w = 0; w < 2; ++w) {
    threads.emplace_back([&, w] {
      for (size_t b = w; b < batches.size(); b += 2) {
        if (!pipelines_[w]->IngestShared(batches[b]).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  // Copies of a story the other pipeline has not stored yet may be stored
  // as stories themselves, never twice: the count of items is exact.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 10 * 10 + 9 * 4);
  ExpectConsistent();
  auto audit = VerifyAuditChain(stores_[0]->db());
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_TRUE(audit->problems.empty());
}

}  // namespace
}  // namespace minyi::testing
