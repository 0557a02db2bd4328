// The inbox and worker on SQLite (one process): idempotent queueing, leases,
// a worker that dies mid-batch, replays stored once, failing rows kept.
// The same code on PostgreSQL with several processes: tests/integration/workers_test.cc.
#include "monitor/inbox.h"

#include <gtest/gtest.h>

#include "monitor/worker.h"
#include "pipeline_fixture.h"
#include "store/audit.h"

namespace minyi::testing {
namespace {

class InboxTest : public PipelineFixture {
 protected:
  std::vector<RawItem> Items(int n, int first = 0) {
    std::vector<RawItem> out;
    for (int i = first; i < first + n; ++i) {
      RawItem r = Item("清河新闻网", "清河县第" + std::to_string(i) + "条消息",
                       "城东新区第" + std::to_string(i) + "号小区居民反映供暖问题，热力公司正在调试管网。", kT0 + i,
                       "https://example.cn/news/" + std::to_string(i));
      r.external_id = "n" + std::to_string(i);
      r.source_id = 0;
      out.push_back(std::move(r));
    }
    return out;
  }
  Inbox inbox() { return Inbox(store_->db(), clock_); }
};

TEST_F(InboxTest, EnqueueIsIdempotent) {
  auto first = inbox().Enqueue(Items(10));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->accepted, 10);
  auto again = inbox().Enqueue(Items(12));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->accepted, 2);
  EXPECT_EQ(again->skipped, 10);
  auto s = inbox().Stats();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->queued, 12);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'monitor_inbox'"), 2);
}

TEST_F(InboxTest, LeaseKeepsRowsFromOtherWorkersUntilItRunsOut) {
  ASSERT_TRUE(inbox().Enqueue(Items(5)).ok());
  auto a = inbox().Claim("a", 3, 60);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), 3u);
  EXPECT_LT((*a)[0].id, (*a)[1].id);
  EXPECT_EQ((*a)[0].item.title, "清河县第0条消息");
  auto b = inbox().Claim("b", 10, 60);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->size(), 2u);  // only what "a" does not hold
  EXPECT_EQ(inbox().Claim("c", 10, 60)->size(), 0u);
  clock_.Advance(61);  // "a" and "b" died without completing
  auto c = inbox().Claim("c", 10, 60);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->size(), 5u);
  EXPECT_EQ((*c)[0].attempts, 2);
  // A late "a" may not delete rows "c" now holds.
  std::vector<int64_t> ids;
  for (const InboxEntry& e : *a) ids.push_back(e.id);
  auto deleted = store_->db().InTransaction([&](Database& tx) { return Inbox::Complete(tx, "a", ids).status(); });
  EXPECT_TRUE(deleted.ok());
  EXPECT_EQ(inbox().Stats()->queued, 5);
}

TEST_F(InboxTest, RowsThatKeepFailingAreKeptAsFailed) {
  ASSERT_TRUE(inbox().Enqueue(Items(1)).ok());
  for (int i = 0; i < 3; ++i) {
    auto c = inbox().Claim("w", 10, 60, 3);
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c->size(), 1u) << "attempt " << i;
    ASSERT_TRUE(inbox().Release("w", {(*c)[0].id}, "数据库暂时不可用").ok());
  }
  EXPECT_EQ(inbox().Claim("w", 10, 60, 3)->size(), 0u);
  auto s = inbox().Stats();
  EXPECT_EQ(s->failed, 1);
  EXPECT_EQ(s->queued, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_inbox WHERE last_error = '数据库暂时不可用'"), 1);
}

TEST_F(InboxTest, WorkerStoresEachItemOnceAndEmptiesTheInbox) {
  std::vector<RawItem> items = Items(30);
  // Copies of one story from other outlets: duplicates of the same story.
  for (int i = 0; i < 3; ++i) {
    RawItem copy = items[0];
    copy.outlet = "转载网" + std::to_string(i);
    copy.external_id = "copy" + std::to_string(i);
    copy.url = "https://copy.example.cn/" + std::to_string(i);
    items.push_back(copy);
  }
  ASSERT_TRUE(inbox().Enqueue(items).ok());
  WorkerOptions wo;
  wo.name = "w1";
  wo.batch_items = 7;
  Worker w(*store_, clock_, *pipeline_, wo);
  ASSERT_TRUE(w.Heartbeat().ok());
  int64_t stored = 0;
  for (;;) {
    auto step = w.RunOnce();
    ASSERT_TRUE(step.ok()) << step.status().ToString();
    if (step->claimed == 0) break;
    stored += step->result.accepted + step->result.duplicates;
  }
  EXPECT_EQ(stored, 33);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 33);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_inbox"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items c JOIN monitor_items s ON s.id = c.dup_of"
                  " WHERE c.outlet LIKE '转载网%' AND s.external_id = 'n0'"),
            3);
  EXPECT_EQ(Count("SELECT items FROM monitor_workers WHERE name = 'w1'"), 33);
}

TEST_F(InboxTest, ReplayAfterACrashStoresNothingTwice) {
  // The worker stored the batch but died before deleting its inbox rows.
  ASSERT_TRUE(inbox().Enqueue(Items(8)).ok());
  auto claimed = inbox().Claim("dead", 100, 60);
  ASSERT_TRUE(claimed.ok());
  std::vector<RawItem> batch;
  for (const InboxEntry& e : *claimed) batch.push_back(e.item);
  ASSERT_TRUE(pipeline_->IngestShared(batch).ok());
  clock_.Advance(120);
  Worker w(*store_, clock_, *pipeline_, WorkerOptions{});
  auto step = w.RunOnce();
  ASSERT_TRUE(step.ok()) << step.status().ToString();
  EXPECT_EQ(step->claimed, 8u);
  EXPECT_EQ(step->result.skipped, 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_inbox"), 0);
  auto audit = VerifyAuditChain(store_->db());
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->problems.empty());
}

TEST_F(InboxTest, SqliteStaysInServerMode) {
  EXPECT_EQ(*LoadIngestMode(store_->db()), IngestMode::kServer);
  Status st = SetIngestMode(store_->db(), clock_, Actor{0, "测试"}, IngestMode::kWorkers);
  EXPECT_EQ(st.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(st.message().find("PostgreSQL"), std::string::npos);
  // The server's router hands items straight to the pipeline, as before.
  auto router = MakeIngestRouter(*store_, clock_, std::shared_ptr<ItemSink>(pipeline_.get(), [](ItemSink*) {}));
  auto r = router->Ingest(Items(3));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->accepted, 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_inbox"), 0);
  // A long delivery streams through the pipeline in chunks, each committed
  // before the caller's step.
  std::vector<std::pair<size_t, size_t>> chunks;
  Status streamed = router->IngestChunks(Items(7, 3), 3, [&](size_t start, size_t end, const IngestResult& got) {
    chunks.emplace_back(start, end);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), static_cast<int64_t>(3 + end));
    EXPECT_EQ(got.accepted + got.duplicates, static_cast<int64_t>(end - start));
    return Status::Ok();
  });
  ASSERT_TRUE(streamed.ok()) << streamed.ToString();
  EXPECT_EQ(chunks, (std::vector<std::pair<size_t, size_t>>{{0, 3}, {3, 6}, {6, 7}}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_inbox"), 0);
}

}  // namespace
}  // namespace minyi::testing
