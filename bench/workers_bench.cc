// Ingest throughput with one and two workers on one PostgreSQL database
// (monitor/worker.h), and the single-process SQLite figure for comparison.
//
// Items (~200 Chinese characters, 10% copies of earlier stories) are queued
// into the inbox first; then K workers, each with its own Store connection
// pool and Pipeline exactly as K `minyi worker` processes would have, drain
// it. Timed: from the workers' start to an empty inbox (pipeline creation
// excluded). On SQLite the same items go straight through Pipeline::Ingest.
//
// Usage: workers_bench LOCATION [items=20000] [workers=1] [batch=500] [threads=1]
//   LOCATION: a fresh postgresql://... database, or a new SQLite directory.
// Needs MINYI_RESOURCES pointing at build/share/minyi.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "monitor/inbox.h"
#include "monitor/worker.h"
#include "store/store.h"

namespace minyi {
namespace {

// Two-character pieces are cut from this passage at random places.
const std::string kPassage =
    "清河县城东新区居民反映小区供暖温度不达标热力公司表示正在调试管网预计本周内恢复正常县住建局已督促整改"
    "学校食堂食品安全检查发现个别问题责令限期整改家长希望加强监督县教育局回应将开展专项检查"
    "道路施工造成交通拥堵交警部门增派警力疏导市民建议优化施工时段减少对出行的影响";

std::vector<RawItem> MakeItems(size_t n) {
  std::mt19937 rng(2026);
  std::vector<std::u32string> pieces;
  std::u32string cps;
  for (size_t i = 0; i < kPassage.size(); i += 3) {  // the passage is all 3-byte UTF-8
    cps += static_cast<char32_t>(((kPassage[i] & 0x0f) << 12) | ((kPassage[i + 1] & 0x3f) << 6) |
                                 (kPassage[i + 2] & 0x3f));
  }
  auto utf8 = [](char32_t c) {
    return std::string{static_cast<char>(0xe0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3f)),
                       static_cast<char>(0x80 | (c & 0x3f))};
  };
  std::uniform_int_distribution<size_t> at(0, cps.size() - 2);
  std::vector<RawItem> out(n);
  for (size_t i = 0; i < n; ++i) {
    RawItem& r = out[i];
    r.external_id = "b" + std::to_string(i);
    r.outlet = "测试网" + std::to_string(i % 50);
    r.site = "bench.example.cn";
    r.kind = "news";
    r.url = "https://bench.example.cn/" + std::to_string(i);
    r.published_at = 1795000000 + static_cast<int64_t>(i);
    r.fetched_at = r.published_at;
    if (i % 10 == 9) {  // a copy of an earlier story
      const RawItem& s = out[rng() % i];
      r.title = s.title;
      r.text = s.text;
      continue;
    }
    for (int k = 0; k < 100; ++k) {
      size_t p = at(rng);
      r.text += utf8(cps[p]) + utf8(cps[p + 1]);
      if (k % 12 == 11) r.text += "，";
    }
    r.title = r.text.substr(0, 30);
  }
  return out;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int RunSqlite(Store& store, const Clock& clock, const std::vector<RawItem>& items, size_t batch, int threads) {
  PipelineOptions po;
  po.analysis_threads = threads;
  auto p = Pipeline::Create(store, clock, po);
  if (!p.ok()) return std::fprintf(stderr, "%s\n", p.status().ToString().c_str()), 1;
  auto t0 = std::chrono::steady_clock::now();
  for (size_t s = 0; s < items.size(); s += batch) {
    std::vector<RawItem> b(items.begin() + s, items.begin() + std::min(items.size(), s + batch));
    auto r = (*p)->Ingest(b);
    if (!r.ok()) return std::fprintf(stderr, "%s\n", r.status().ToString().c_str()), 1;
  }
  double sec = Seconds(t0);
  std::printf("sqlite single process: %zu items in %.2f s = %.0f items/s\n", items.size(), sec, items.size() / sec);
  return 0;
}

int RunWorkers(const std::string& location, Store& store, const Clock& clock, const std::vector<RawItem>& items,
               int workers, size_t batch, int threads) {
  auto t_queue = std::chrono::steady_clock::now();
  for (size_t s = 0; s < items.size(); s += 1000) {
    std::vector<RawItem> b(items.begin() + s, items.begin() + std::min(items.size(), s + 1000));
    auto r = Inbox(store.db(), clock).Enqueue(b);
    if (!r.ok()) return std::fprintf(stderr, "%s\n", r.status().ToString().c_str()), 1;
  }
  std::printf("queued %zu items in %.2f s\n", items.size(), Seconds(t_queue));
  (void)SetIngestMode(store.db(), clock, Actor{0, "bench"}, IngestMode::kWorkers);
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<int64_t> failures{0};
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      StoreOptions so;
      so.location = location;
      so.clock = &clock;
      so.pool_size = 3;
      auto own = Store::Open(so);
      PipelineOptions po;
      po.analysis_threads = threads;
      auto p = own.ok() ? Pipeline::Create(**own, clock, po) : Result<std::unique_ptr<Pipeline>>(own.status());
      ++ready;
      if (!p.ok()) return (void)++failures;
      WorkerOptions wo;
      wo.name = "bench-" + std::to_string(w);
      wo.batch_items = batch;
      Worker worker(**own, clock, **p, wo);
      while (!go.load()) std::this_thread::yield();
      for (;;) {
        auto step = worker.RunOnce();
        if (!step.ok()) ++failures;
        if (step.ok() && step->claimed == 0) break;
      }
    });
  }
  while (ready.load() < workers) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto t0 = std::chrono::steady_clock::now();
  go = true;
  for (std::thread& t : pool) t.join();
  double sec = Seconds(t0);
  auto left = store.db().QueryInt("SELECT COUNT(*) FROM monitor_inbox");
  auto stored = store.db().QueryInt("SELECT COUNT(*) FROM monitor_items");
  std::printf(
      "postgresql, %d worker(s), batch %zu, %d analysis thread(s) each: %zu items in %.2f s = %.0f items/s"
      " (stored %lld, left in inbox %lld, failed batches %lld)\n",
      workers, batch, threads, items.size(), sec, items.size() / sec,
      static_cast<long long>(stored.ok() ? *stored : -1), static_cast<long long>(left.ok() ? *left : -1),
      static_cast<long long>(failures.load()));
  // Consistency across workers: a story's copies in its event, and no story
  // stored twice (two stories with one fingerprint).
  auto split = store.db().QueryInt(
      "SELECT COUNT(*) FROM monitor_items c JOIN monitor_items s ON s.id = c.dup_of"
      " WHERE COALESCE(c.event_id, 0) <> COALESCE(s.event_id, 0)");
  auto twice = store.db().QueryInt(
      "SELECT COUNT(*) FROM (SELECT simhash FROM monitor_items WHERE dup_of IS NULL"
      " GROUP BY simhash HAVING COUNT(*) > 1) t");
  std::printf("copies outside their story's event: %lld; fingerprints stored as two stories: %lld\n",
              static_cast<long long>(split.ok() ? *split : -1), static_cast<long long>(twice.ok() ? *twice : -1));
  return failures.load() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace minyi

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: workers_bench LOCATION [items] [workers] [batch] [threads]\n");
    return 2;
  }
  std::string location = argv[1];
  size_t n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 20000;
  int workers = argc > 3 ? std::atoi(argv[3]) : 1;
  size_t batch = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 500;
  int threads = argc > 5 ? std::atoi(argv[5]) : 1;
  minyi::SystemClock clock;
  minyi::StoreOptions so;
  so.location = location;
  so.clock = &clock;
  auto store = minyi::Store::Open(so);
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 1;
  std::vector<minyi::RawItem> items = minyi::MakeItems(n);
  if ((*store)->db().Dialect() != "postgresql") return minyi::RunSqlite(**store, clock, items, batch, threads);
  return minyi::RunWorkers(location, **store, clock, items, workers, batch, threads);
}
