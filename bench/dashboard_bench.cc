// Dashboard query latency at scale, on SQLite and PostgreSQL: the monitor
// dashboard (ItemStore::Dashboard — daily trend by sentiment, stories, kinds,
// top outlets, hot words of the newest 5,000 stories, events) over the last
// 7 and 30 days, and 7 days for one topic, with `items` stories spread over
// one year (10 million ≈ 27,000 a day).
//
// Rows are generated inside the database (generate_series on PostgreSQL, a
// recursive CTE on SQLite) in 1-million-row transactions, then ANALYZEd
// (VACUUM ANALYZE on PostgreSQL); a
// store already holding that many items is reused, so the slow part runs
// once per location.
//
// Usage: dashboard_bench LOCATION [items=10000000] [reps=5]
//   LOCATION: a directory (SQLite) or postgresql://...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "monitor/item_store.h"
#include "store/store.h"
#include "store/text_index.h"

namespace minyi {
namespace {

constexpr int64_t kNow = 1'795'000'000;  // 2026-11-18
constexpr int64_t kYear = 365 * 86400;
constexpr int64_t kChunk = 1'000'000;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// The SELECT list of one generated item numbered g (1..n): published evenly
// over the year before kNow (oldest first), 20% negative, 10% near-duplicates, 500 outlets.
std::string ItemColumns(int64_t n) {
  // Ids grow with time, as at ingest (newest item = highest id).
  std::string t = "(" + std::to_string(kNow) + " - ((" + std::to_string(n) + " - g) * " + std::to_string(kYear) +
                  ") / " + std::to_string(n) + ")";
  return "'bench-' || g, 'outlet' || (g % 500), 'example.cn',"
         " CASE g % 4 WHEN 0 THEN 'news' WHEN 1 THEN 'forum' WHEN 2 THEN 'weibo' ELSE 'wechat' END,"
         " '标题 ' || g, " +
         t + ", " + t +
         ", CASE g % 5 WHEN 0 THEN 'negative' WHEN 1 THEN 'positive' ELSE 'neutral' END,"
         " '词' || (g % 997) || ' 词' || (g % 101) || ' 供暖', CASE WHEN g % 10 = 0 THEN g - 1 ELSE NULL END";
}

Status Generate(Database& db, int64_t have, int64_t n) {
  const std::string cols =
      "INSERT INTO monitor_items (dedup_key, outlet, site, kind, title, published_at, ingested_at, sentiment,"
      " keywords, dup_of) ";
  bool pg = db.Dialect() == "postgresql";
  for (int64_t start = have + 1; start <= n; start += kChunk) {
    int64_t end = std::min(n, start + kChunk - 1);
    auto t0 = std::chrono::steady_clock::now();
    // BIGINT: g * seconds-per-year overflows PostgreSQL's 32-bit integer.
    std::string range = "CAST(" + std::to_string(start) + " AS BIGINT), " + std::to_string(end);
    std::string sql = pg ? cols + "SELECT " + ItemColumns(n) + " FROM generate_series(" + range + ") AS s(g)"
                         : "WITH RECURSIVE s(g) AS (SELECT " + std::to_string(start) +
                               " UNION ALL SELECT g + 1 FROM s"
                               " WHERE g < " +
                               std::to_string(end) + ") " + cols + "SELECT " + ItemColumns(n) + " FROM s";
    MINYI_RETURN_IF_ERROR(db.InTransaction([&](Database& tx) -> Status {
      MINYI_RETURN_IF_ERROR(tx.Execute(sql).status());
      // Topic 1 holds every 10th item (ids follow g on a fresh store).
      return tx
          .Execute(
              "INSERT INTO monitor_item_topics (topic_id, item_id, published_at) SELECT 1, id, published_at"
              " FROM monitor_items WHERE id BETWEEN ? AND ? AND id % 10 = 3",
              {SqlValue(static_cast<long long>(start)), SqlValue(static_cast<long long>(end))})
          .status();
    }));
    std::fprintf(stderr, "generated %lld/%lld items (%.1f s for this chunk)\n", static_cast<long long>(end),
                 static_cast<long long>(n), Seconds(t0));
  }
  // VACUUM on PostgreSQL sets the visibility map, without which the
  // dashboard's index-only scans visit the heap (autovacuum does the same in
  // production, later).
  return db.Execute(pg ? "VACUUM ANALYZE" : "ANALYZE").status();
}

struct Case {
  const char* name;
  int64_t days;
  int64_t topic;
};

int Run(const std::string& location, int64_t n, int reps) {
  ManualClock clock(kNow);
  StoreOptions o;
  o.location = location;
  o.clock = &clock;
  auto store = Store::Open(o);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  Database& db = (*store)->db();
  auto counted_rows = db.QueryInt("SELECT COUNT(*) FROM monitor_items");
  int64_t have = counted_rows.ok() ? *counted_rows : 0;
  if (have < n) {
    auto t0 = std::chrono::steady_clock::now();
    Status st = Generate(db, have, n);
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
    std::printf("generated %lld items in %.0f s\n", static_cast<long long>(n - have), Seconds(t0));
  }
  auto index = OpenTextIndex(db, "monitor_items");
  if (!index.ok()) return 1;
  ItemStore items(**store, clock, nullptr, std::shared_ptr<const TextIndex>(std::move(*index)));
  std::printf("%s, %lld items\n%-22s %10s %10s %10s\n", std::string(db.Dialect()).c_str(),
              static_cast<long long>(std::max(have, n)), "query", "median ms", "max ms", "items");
  for (const Case& c :
       {Case{"dashboard 7 days", 7, 0}, Case{"dashboard 30 days", 30, 0}, Case{"dashboard 7 days topic", 7, 1}}) {
    std::vector<double> ms;
    int64_t counted = 0;
    for (int r = 0; r < reps + 1; ++r) {  // the first run warms the cache and is not counted
      auto t0 = std::chrono::steady_clock::now();
      auto s = items.Dashboard(kNow - c.days * 86400, kNow, c.topic);
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.status().ToString().c_str());
        return 1;
      }
      counted = s->items;
      if (r > 0) ms.push_back(Seconds(t0) * 1000);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-22s %10.0f %10.0f %10lld\n", c.name, ms[ms.size() / 2], ms.back(), static_cast<long long>(counted));
  }
  return 0;
}

}  // namespace
}  // namespace minyi

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dashboard_bench LOCATION [items=10000000] [reps=5]\n");
    return 2;
  }
  int64_t n = argc > 2 ? std::atoll(argv[2]) : 10'000'000;
  int reps = argc > 3 ? std::atoi(argv[3]) : 5;
  return minyi::Run(argv[1], n, std::max(1, reps));
}
