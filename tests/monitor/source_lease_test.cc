// Source fetching shared by several processes on one store: two runners (two
// `minyi serve` processes) with their own lease owner ids see the same due
// feed; exactly one fetches it per schedule, and when the one holding it dies
// mid-fetch its lease expires and the other takes over. Both backends.
#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "monitor/fetch.h"
#include "monitor/source_internal.h"
#include "monitor/sources.h"
#include "store/backend_fixture.h"

namespace minyi {
namespace {

constexpr const char* kFeedUrl = "http://feeds.example.cn/rss.xml";

class CountingSink : public ItemSink {
 public:
  Result<IngestResult> Ingest(const std::vector<RawItem>& batch) override {
    std::lock_guard lock(mu);
    IngestResult r;
    for (const RawItem& it : batch) {
      keys.push_back(it.external_id);
      ++r.accepted;
    }
    return r;
  }
  std::mutex mu;
  std::vector<std::string> keys;
};

// The outlet's side: counts feed requests; can hold a request until released
// so that two runners overlap deterministically.
class FeedServer : public Fetcher {
 public:
  Result<FetchResponse> Fetch(const FetchRequest& req) override {
    std::unique_lock lock(mu);
    FetchResponse r;
    r.final_url = req.url;
    if (req.url != kFeedUrl) {
      r.status = 404;  // robots.txt: none
      return r;
    }
    ++feed_requests;
    waiting = true;
    cv.notify_all();
    cv.wait(lock, [&] { return !hold; });
    waiting = false;
    r.status = 200;
    r.body = "<rss version=\"2.0\"><channel><title>县新闻</title>";
    for (int i = first; i <= first + 2; ++i) {
      r.body += "<item><guid>g" + std::to_string(i) + "</guid><title>新闻" + std::to_string(i) + "</title></item>";
    }
    r.body += "</channel></rss>";
    return r;
  }
  void WaitUntilFetching() {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return waiting; });
  }
  void Release() {
    std::lock_guard lock(mu);
    hold = false;
    cv.notify_all();
  }
  std::mutex mu;
  std::condition_variable cv;
  bool hold = false;
  bool waiting = false;
  int feed_requests = 0;
  int first = 1;
};

class SourceLeaseTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    clock_.Set(1'795'000'000);
    feed_ = std::make_shared<FeedServer>();
    a_ = Runner("进程A");
    b_ = Runner("进程B");
    Source s;
    s.name = "县新闻网";
    s.kind = "rss";
    s.url = kFeedUrl;
    s.interval_minutes = 30;
    auto id = SourceRepo(db(), clock_).Create(actor_, s);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    source_ = *id;
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    BackendTest::TearDown();
  }
  std::shared_ptr<SourceRunner> Runner(const std::string& id) {
    SourceRunnerOptions o;
    o.background = false;
    o.host_min_interval_seconds = 0;
    o.fetcher = feed_;
    o.instance_id = id;
    o.lease_seconds = 600;
    auto r = StartSourceRunner(*store_, clock_, sink_, o);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : nullptr;
  }
  size_t Reports(SourceRunner& r) {
    auto got = r.RunDue();
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? got->size() : 0;
  }
  int64_t SeenKeys() {
    return *db().QueryInt("SELECT COUNT(*) FROM monitor_source_seen WHERE source_id = ?", {source_});
  }

  std::shared_ptr<FeedServer> feed_;
  CountingSink sink_;
  std::shared_ptr<SourceRunner> a_, b_;
  int64_t source_ = 0;
};

TEST_P(SourceLeaseTest, EachDueSourceIsFetchedOncePerSchedule) {
  // Both processes tick while A's fetch is still running: B leaves it to A.
  feed_->hold = true;
  size_t a_reports = 0;
  std::thread a([&] { a_reports = Reports(*a_); });
  feed_->WaitUntilFetching();
  EXPECT_EQ(Reports(*b_), 0u);
  auto manual = b_->RunOnce(source_);
  EXPECT_EQ(manual.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(manual.status().message().find("另一个"), std::string::npos);
  feed_->Release();
  a.join();
  EXPECT_EQ(a_reports, 1u);
  // After A finished, B's next tick sees the source is no longer due.
  EXPECT_EQ(Reports(*b_), 0u);
  EXPECT_EQ(Reports(*a_), 0u);
  EXPECT_EQ(feed_->feed_requests, 1);
  EXPECT_EQ(sink_.keys.size(), 3u);
  EXPECT_EQ(SeenKeys(), 3);

  // Next schedule: whoever ticks first fetches it, once, and the checkpoint
  // holds each item once.
  clock_.Advance(31 * 60);
  feed_->first = 3;
  EXPECT_EQ(Reports(*b_), 1u);
  EXPECT_EQ(Reports(*a_), 0u);
  EXPECT_EQ(feed_->feed_requests, 2);
  EXPECT_EQ(sink_.keys.size(), 5u);  // g4, g5 new
  EXPECT_EQ(SeenKeys(), 5);
  EXPECT_EQ(*db().QueryInt("SELECT lease_until FROM monitor_sources WHERE id = ?", {source_}), 0);
}

TEST_P(SourceLeaseTest, LeaseOfADeadProcessExpiresAndAnotherTakesOver) {
  // A process took the source and died before finishing: nothing committed.
  UnixSeconds now = clock_.Now();
  auto took = monitor_internal::TakeLease(db(), source_, "已退出的进程", now, now + 600, true);
  ASSERT_TRUE(took.ok()) << took.status().ToString();
  ASSERT_TRUE(*took);
  EXPECT_EQ(Reports(*a_), 0u);
  clock_.Advance(300);
  EXPECT_EQ(Reports(*b_), 0u);
  EXPECT_EQ(feed_->feed_requests, 0);
  clock_.Advance(301);  // lease expired; the source is still due
  EXPECT_EQ(Reports(*a_), 1u);
  EXPECT_EQ(Reports(*b_), 0u);
  EXPECT_EQ(feed_->feed_requests, 1);
  EXPECT_EQ(sink_.keys.size(), 3u);
  EXPECT_EQ(SeenKeys(), 3);
}

TEST_P(SourceLeaseTest, FailedRunFreesTheLeaseAndKeepsTheSchedule) {
  ASSERT_TRUE(
      db().Execute("UPDATE monitor_sources SET url = ? WHERE id = ?", {"http://feeds.example.cn/missing.xml", source_})
          .ok());
  auto r = a_->RunDue();
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_FALSE(r->front().errors.empty());
  EXPECT_EQ(Reports(*b_), 0u);  // recorded failure moved next_run_at on
  EXPECT_EQ(*db().QueryInt("SELECT lease_until FROM monitor_sources WHERE id = ?", {source_}), 0);
  auto health = SourceRepo(db(), clock_).Get(source_);
  ASSERT_TRUE(health.ok());
  EXPECT_NE(health->health.last_error.find("404"), std::string::npos);
  EXPECT_EQ(health->health.next_run_at, clock_.Now() + 30 * 60);
}

INSTANTIATE_TEST_SUITE_P(Backends, SourceLeaseTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minyi
