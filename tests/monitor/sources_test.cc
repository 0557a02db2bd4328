// SourceRunner with a fake sink, a fake fetcher and a manual clock: new items
// only, checkpoints that survive a restart, health, push tokens.
#include "monitor/sources.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <mutex>

#include "monitor/fetch.h"
#include "store/store.h"

namespace minyi {
namespace {

class FakeSink : public ItemSink {
 public:
  Result<IngestResult> Ingest(const std::vector<RawItem>& batch) override {
    std::lock_guard lock(mu);
    if (fail) return Unavailable("数据库暂时不可用");
    IngestResult r;
    for (const RawItem& it : batch) {
      items.push_back(it);
      ++r.accepted;
    }
    return r;
  }
  std::mutex mu;
  std::vector<RawItem> items;
  bool fail = false;
};

class FakeFetcher : public Fetcher {
 public:
  Result<FetchResponse> Fetch(const FetchRequest& req) override {
    std::lock_guard lock(mu);
    requests.push_back(req);
    auto it = pages.find(req.url);
    FetchResponse r;
    r.final_url = req.url;
    if (it == pages.end()) {
      r.status = 404;
      return r;
    }
    if (!etag.empty() && req.etag == etag) {
      r.status = 304;
      return r;
    }
    r.status = 200;
    r.body = it->second;
    r.etag = etag;
    return r;
  }
  std::mutex mu;
  std::map<std::string, std::string> pages;
  std::vector<FetchRequest> requests;
  std::string etag;
};

std::string Rss(int first, int last) {
  std::string out = "<rss version=\"2.0\"><channel><title>清河新闻</title>";
  for (int i = first; i <= last; ++i) {
    out += "<item><guid>g" + std::to_string(i) + "</guid><title>新闻" + std::to_string(i) +
           "</title><link>http://news.example.cn/" + std::to_string(i) +
           ".html</link><author>someone@example.cn</author><description>内容" + std::to_string(i) +
           "</description></item>";
  }
  return out + "</channel></rss>";
}

class SourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/minyi-sources-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    OpenStore();
    fetcher_ = std::make_shared<FakeFetcher>();
    fetcher_->pages["http://news.example.cn/robots.txt"] = "User-agent: *\nDisallow: /private/\n";
  }
  void TearDown() override {
    runner_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void OpenStore() {
    StoreOptions so;
    so.location = dir_;
    so.clock = &clock_;
    auto store = Store::Open(so);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }
  void StartRunner() {
    SourceRunnerOptions o;
    o.background = false;
    o.host_min_interval_seconds = 0;
    o.fetcher = fetcher_;
    auto r = StartSourceRunner(*store_, clock_, sink_, o);
    ASSERT_TRUE(r.ok());
    runner_ = *r;
  }
  int64_t AddFeed(const std::string& url = "http://news.example.cn/rss.xml") {
    Source s;
    s.name = "清河新闻网";
    s.kind = "rss";
    s.url = url;
    s.interval_minutes = 30;
    auto id = SourceRepo(store_->db(), clock_).Create(Actor{1, "管理员"}, s);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  std::string dir_;
  ManualClock clock_{1'795'000'000};
  std::unique_ptr<Store> store_;
  FakeSink sink_;
  std::shared_ptr<FakeFetcher> fetcher_;
  std::shared_ptr<SourceRunner> runner_;
};

TEST_F(SourcesTest, DeliversOnlyNewItemsAndResumesAfterRestart) {
  StartRunner();
  int64_t id = AddFeed();
  fetcher_->pages["http://news.example.cn/rss.xml"] = Rss(1, 3);
  auto r = runner_->RunOnce(id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->ingest.accepted, 3);
  ASSERT_EQ(sink_.items.size(), 3u);
  EXPECT_EQ(sink_.items[0].outlet, "清河新闻网");
  EXPECT_EQ(sink_.items[0].site, "news.example.cn");
  EXPECT_EQ(sink_.items[0].source_id, id);
  EXPECT_EQ(sink_.items[0].text.find("someone"), std::string::npos);

  // Restart: a new store handle and runner see the same checkpoint.
  runner_.reset();
  store_.reset();
  OpenStore();
  StartRunner();
  fetcher_->pages["http://news.example.cn/rss.xml"] = Rss(2, 5);
  r = runner_->RunOnce(id);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->new_items, 2);
  EXPECT_EQ(sink_.items.size(), 5u);

  auto health = SourceRepo(store_->db(), clock_).Get(id);
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->health.items_today, 5);
  EXPECT_EQ(health->health.last_success_at, clock_.Now());
  EXPECT_EQ(health->health.last_error, "");
}

TEST_F(SourcesTest, SinkFailureKeepsCheckpointSoNothingIsLost) {
  StartRunner();
  int64_t id = AddFeed();
  fetcher_->pages["http://news.example.cn/rss.xml"] = Rss(1, 2);
  sink_.fail = true;
  EXPECT_FALSE(runner_->RunOnce(id).ok());
  auto health = SourceRepo(store_->db(), clock_).Get(id);
  EXPECT_NE(health->health.last_error, "");
  sink_.fail = false;
  auto r = runner_->RunOnce(id);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ingest.accepted, 2);
  health = SourceRepo(store_->db(), clock_).Get(id);
  EXPECT_EQ(health->health.last_error, "");
}

TEST_F(SourcesTest, ConditionalGetAndRobots) {
  StartRunner();
  int64_t id = AddFeed();
  fetcher_->pages["http://news.example.cn/rss.xml"] = Rss(1, 1);
  fetcher_->etag = "\"v1\"";
  ASSERT_TRUE(runner_->RunOnce(id).ok());
  auto r = runner_->RunOnce(id);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->not_modified);
  EXPECT_EQ(fetcher_->requests.back().etag, "\"v1\"");

  int64_t blocked = 0;
  Source s;
  s.name = "内部";
  s.kind = "rss";
  s.url = "http://news.example.cn/private/rss.xml";
  blocked = *SourceRepo(store_->db(), clock_).Create(Actor{1, "管理员"}, s);
  auto denied = runner_->RunOnce(blocked);
  EXPECT_EQ(denied.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(denied.status().message().find("robots.txt"), std::string::npos);
}

TEST_F(SourcesTest, DueSourcesFollowTheSchedule) {
  StartRunner();
  int64_t id = AddFeed();
  fetcher_->pages["http://news.example.cn/rss.xml"] = Rss(1, 1);
  auto due = runner_->RunDue();
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->size(), 1u);
  due = runner_->RunDue();
  EXPECT_EQ(due->size(), 0u);
  clock_.Advance(31 * 60);
  due = runner_->RunDue();
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].source_id, id);
}

TEST_F(SourcesTest, ImportReportsBadLinesAndImportsTheRest) {
  StartRunner();
  Source s;
  s.name = "12345 热线";
  s.kind = "import";
  s.item_kind = "complaint";
  int64_t id = *SourceRepo(store_->db(), clock_).Create(Actor{1, "管理员"}, s);
  std::string csv =
      "工单编号,标题,诉求内容,来电人,受理时间\n"
      "A1,路灯不亮,某路段路灯不亮,王某,2026-11-20 10:30\n"
      "A2,,,李某,2026-11-20\n"
      "A3,噪音扰民,夜间施工,赵某,昨天下午\n";
  auto r = runner_->Import(id, csv, ImportFormat::kCsv);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->ingest.accepted, 1);
  ASSERT_GE(r->errors.size(), 2u);
  EXPECT_NE(r->errors[0].find("第 3 行"), std::string::npos);
  EXPECT_EQ(sink_.items[0].kind, "complaint");
  EXPECT_EQ(sink_.items[0].outlet, "12345 热线");
  // Importing the same file again adds nothing.
  r = runner_->Import(id, csv, ImportFormat::kCsv);
  EXPECT_EQ(r->ingest.accepted, 0);
  EXPECT_EQ(sink_.items.size(), 1u);
}

TEST_F(SourcesTest, PushTokensAreHashedAndRevocable) {
  StartRunner();
  PushTokenRepo tokens(store_->db(), clock_);
  auto created = tokens.Create(Actor{1, "管理员"}, "市长信箱", 0);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->secret.rfind("mpt_", 0), 0u);
  auto rows = store_->db().Query("SELECT token_hash FROM monitor_push_tokens");
  ASSERT_TRUE(rows.ok());
  EXPECT_NE(rows->Text(0, "token_hash"), created->secret);
  auto verified = tokens.Verify(created->secret);
  ASSERT_TRUE(verified.ok());
  RawItem it;
  it.title = "来信";
  it.text = "反映小区供暖不足";
  it.external_id = "m-1";
  auto r = runner_->Push(*verified, {it, it});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ingest.accepted, 1);
  EXPECT_EQ(sink_.items[0].outlet, "市长信箱");
  EXPECT_EQ(tokens.Verify("mpt_wrong-token-value").status().code(), ErrorCode::kUnauthenticated);
  ASSERT_TRUE(tokens.Revoke(Actor{1, "管理员"}, created->token.id).ok());
  EXPECT_EQ(tokens.Verify(created->secret).status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(SourcesTest, ValidatesSources) {
  SourceRepo repo(store_->db(), clock_);
  Source s;
  s.name = "x";
  s.kind = "rss";
  s.url = "ftp://a.cn/";
  EXPECT_EQ(repo.Create(Actor{1, "a"}, s).status().code(), ErrorCode::kInvalidArgument);
  s.url = "http://a.cn/feed";
  s.interval_minutes = 1;
  EXPECT_EQ(repo.Create(Actor{1, "a"}, s).status().code(), ErrorCode::kInvalidArgument);
  s.interval_minutes = 60;
  ASSERT_TRUE(repo.Create(Actor{1, "a"}, s).ok());
  EXPECT_EQ(repo.Create(Actor{1, "a"}, s).status().code(), ErrorCode::kAlreadyExists);
}

}  // namespace
}  // namespace minyi
