// Several minyi processes on one PostgreSQL: a web server that only queues
// pushed items and two `minyi worker` processes that share the inbox. One
// worker is SIGKILLed after writing a batch and before deleting its inbox
// rows, in the same transaction (the worst moment: the write must roll back
// with the lock released); the other finishes. Every pushed item must be
// stored exactly once, copies linked to one story, a story's items in one
// event, the audit chain intact.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "common/env.h"
#include "integration/process_util.h"
#include "store/audit.h"
#include "store/pg_cluster.h"
#include "store/store.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

// `minyi worker` as a child process; SIGKILLed by Kill(), else SIGTERM.
class WorkerProcess {
 public:
  explicit WorkerProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {MINYI_BIN, "worker"});
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(MINYI_BIN, argv.data());
      _exit(127);
    }
  }
  ~WorkerProcess() { Stop(SIGTERM); }
  int Stop(int sig) {
    if (pid_ <= 0) return -1;
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
};

const char* kWords[] = {"供暖", "管网", "学校", "食堂", "道路", "塌陷", "医院", "挂号", "公交", "线路", "垃圾", "清运",
                        "停车", "规划", "水质", "检测", "噪音", "执法", "公园", "开放", "农业", "丰收", "市场", "价格",
                        "社区", "老人", "工地", "扬尘", "河道", "治理", "电梯", "维修", "物业", "收费", "路灯", "夜间"};

// A story of ~60 words, different enough from every other story that the
// near-duplicate layer never links two of them.
std::string StoryText(std::mt19937& rng) {
  std::string s;
  std::uniform_int_distribution<size_t> pick(0, std::size(kWords) - 1);
  for (int i = 0; i < 60; ++i) s += std::string(kWords[pick(rng)]) + (i % 7 == 6 ? "。" : "，");
  return s;
}

class WorkersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Starts its own cluster; the `pg.` pass of this binary would repeat it.
    if (TestingOnPostgres()) GTEST_SKIP() << "runs in the plain pass";
    std::string why;
    cluster_ = PgCluster::Start(&why);
    if (!cluster_) GTEST_SKIP() << why;
    db_uri_ = cluster_->CreateDatabase();
  }

  int64_t Count(Database& db, const std::string& sql) {
    auto n = db.QueryInt(sql);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  std::unique_ptr<PgCluster> cluster_;
  std::string db_uri_;
};

TEST_F(WorkersTest, TwoWorkersOneKilledMidBatchLoseAndRepeatNothing) {
  ServerProcess server({"demo", "--data", db_uri_, "--listen", "127.0.0.1:0"});
  ASSERT_TRUE(server.running());
  httplib::Client http("127.0.0.1", server.port());
  http.set_read_timeout(120, 0);
  auto login =
      http.Post("/api/v1/session", json{{"name", "admin"}, {"password", "minyi2026"}}.dump(), "application/json");
  ASSERT_TRUE(login && login->status == 200);
  std::string cookie = login->get_header_value("Set-Cookie");
  httplib::Headers session{{"Cookie", cookie.substr(0, cookie.find(';'))},
                           {"X-CSRF-Token", json::parse(login->body)["csrf_token"].get<std::string>()}};
  auto tok = http.Post("/api/v1/monitor/push-tokens", session, json{{"name", "压测系统"}}.dump(), "application/json");
  ASSERT_TRUE(tok && tok->status == 201);
  httplib::Headers bearer{{"Authorization", "Bearer " + json::parse(tok->body)["token"].get<std::string>()}};

  // From now on the web server only queues.
  CommandResult mode = RunMinyi({"worker", "--data", db_uri_, "--set-mode", "workers"});
  ASSERT_EQ(mode.exit_code, 0) << mode.err;

  // 2,000 stories, 100 of them with 4 copies each from other outlets, and
  // 600 re-deliveries of items already pushed: 3,000 pushed items.
  constexpr int kStories = 2000, kCopied = 100, kCopies = 4, kRepeats = 600;
  std::mt19937 rng(8);
  json all = json::array();
  std::vector<std::string> texts;
  for (int i = 0; i < kStories; ++i) {
    texts.push_back(StoryText(rng));
    all.push_back({{"id", "s" + std::to_string(i)},
                   {"outlet", "压测新闻网"},
                   {"title", "清河县第" + std::to_string(i) + "号通报"},
                   {"text", texts.back()},
                   {"url", "https://news.example.cn/" + std::to_string(i)},
                   {"published_at", 1795000000 + i}});
  }
  for (int i = 0; i < kCopied; ++i) {
    for (int c = 0; c < kCopies; ++c) {
      all.push_back({{"id", "c" + std::to_string(i) + "-" + std::to_string(c)},
                     {"outlet", "压测转载" + std::to_string(c)},
                     {"title", "清河县第" + std::to_string(i) + "号通报"},
                     {"text", texts[static_cast<size_t>(i)]},
                     {"url", "https://copy" + std::to_string(c) + ".example.cn/" + std::to_string(i)},
                     {"published_at", 1795000000 + kStories + i * kCopies + c}});
    }
  }
  for (int i = 0; i < kRepeats; ++i) all.push_back(all[static_cast<size_t>(i * 3)]);
  ASSERT_EQ(all.size(), 3000u);
  int64_t queued = 0, already = 0;
  for (size_t start = 0; start < all.size(); start += 1000) {
    json part = json::array();
    for (size_t i = start; i < start + 1000; ++i) part.push_back(all[i]);
    auto res = http.Post("/api/v1/push/items", bearer, json{{"items", part}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    json r = json::parse(res->body);
    queued += r["accepted"].get<int64_t>();
    // Re-deliveries are dropped by the push source's checkpoint or the inbox.
    already += r["fetched"].get<int64_t>() - r["accepted"].get<int64_t>();
  }
  EXPECT_EQ(queued, kStories + kCopied * kCopies);
  EXPECT_EQ(already, kRepeats);

  StoreOptions so;
  so.location = db_uri_;
  SystemClock clock;
  so.clock = &clock;
  auto store = Store::Open(so);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Database& db = (*store)->db();
  int64_t seeded = Count(db, "SELECT COUNT(*) FROM monitor_items");  // the demo's own items
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM monitor_inbox"), queued);

  {
    // A holds its written, uncommitted batch (and the ingest lock) for 8 s
    // before deleting the inbox rows; B is an ordinary worker. Both use
    // short leases so the test is quick.
    WorkerProcess a({"--data", db_uri_, "--name", "A", "--batch", "300", "--lease-seconds", "4", "--threads", "1",
                     "--idle-ms", "100", "--test-hold-ms", "8000"});
    WorkerProcess b({"--data", db_uri_, "--name", "B", "--batch", "300", "--lease-seconds", "4", "--threads", "1",
                     "--idle-ms", "100"});
    // Wait until A has claimed a batch and items are being stored.
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (Count(db, "SELECT COUNT(*) FROM monitor_workers WHERE name = 'A'") == 0 ||
           Count(db, "SELECT COUNT(*) FROM monitor_inbox WHERE claimed_by = 'A'") == 0 ||
           Count(db, "SELECT COUNT(*) FROM monitor_items") == seeded) {
      ASSERT_LT(std::chrono::steady_clock::now(), until) << "worker A never claimed a batch";
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::seconds(4));
    EXPECT_EQ(a.Stop(SIGKILL), -SIGKILL);
    // B finishes everything, including A's batch once its lease ran out.
    until = std::chrono::steady_clock::now() + std::chrono::seconds(240);
    while (Count(db, "SELECT COUNT(*) FROM monitor_inbox") > 0) {
      ASSERT_LT(std::chrono::steady_clock::now(), until) << "the inbox was not drained";
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    EXPECT_EQ(b.Stop(SIGTERM), 0);
  }
  EXPECT_GT(Count(db, "SELECT batches FROM monitor_workers WHERE name = 'B'"), 0);

  // Every pushed item stored exactly once.
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM monitor_items WHERE outlet LIKE '压测%'"), queued);
  EXPECT_EQ(Count(db, "SELECT COUNT(DISTINCT external_id) FROM monitor_items WHERE outlet LIKE '压测%'"), queued);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM monitor_items") - seeded, queued);
  // Stories are stories; each copy points at its story.
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM monitor_items WHERE outlet = '压测新闻网' AND dup_of IS NOT NULL"), 0);
  EXPECT_EQ(Count(db,
                  "SELECT COUNT(*) FROM monitor_items c JOIN monitor_items s ON s.id = c.dup_of"
                  " WHERE c.outlet LIKE '压测转载%' AND s.outlet = '压测新闻网' AND s.title = c.title"),
            kCopied * kCopies);
  EXPECT_EQ(Count(db, "SELECT COALESCE(SUM(copies), 0) FROM monitor_items WHERE outlet = '压测新闻网'"),
            kCopied * kCopies);
  // A story and its copies are in one event.
  EXPECT_EQ(Count(db,
                  "SELECT COUNT(*) FROM monitor_items c JOIN monitor_items s ON s.id = c.dup_of"
                  " WHERE c.outlet LIKE '压测转载%' AND COALESCE(c.event_id, 0) <> COALESCE(s.event_id, 0)"),
            0);
  EXPECT_EQ(Count(db,
                  "SELECT COUNT(*) FROM (SELECT title FROM monitor_items WHERE outlet LIKE '压测%'"
                  " GROUP BY title HAVING COUNT(DISTINCT COALESCE(event_id, 0)) > 1) t"),
            0);
  auto audit = VerifyAuditChain(db);
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_TRUE(audit->problems.empty()) << audit->problems.front();

  // The web server still answers from what the workers stored.
  auto listed = http.Get("/api/v1/monitor/items?limit=5", session);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200) << listed->body;
}

TEST(WorkerCliTest, RefusesSqlite) {
  TempDir dir(TempBackend::kSqlite);
  CommandResult r = RunMinyi({"worker", "--data", dir.path(), "--drain"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("PostgreSQL"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace minyi::testing
