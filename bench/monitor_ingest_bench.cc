// Monitor ingest benchmark: items/s end to end (normalize, dedup, topics,
// sentiment, keywords, events, SQLite with the search index) for
// ~200-character Chinese items, against the peer measured side by side: the
// same items inserted into a plain SQLite table through the same store API
// (multi-row INSERTs, 2,000 rows per transaction). Also the near-duplicate
// index memory per story, and a 10-million-story index actually built.
//
// Usage: monitor_ingest_bench [items=100000] [batch=2000] [threads=0]
// Needs MINYI_RESOURCES pointing at build/share/minyi (or run from build/).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "common/resources.h"
#include "monitor/analysis.h"
#include "monitor/pipeline.h"
#include "store/store.h"
#include "text/dedup.h"
#include "text/utf8.h"

namespace minyi {
namespace {

const char* kWords[] = {
    "清河县", "城东新区", "居民", "反映", "小区",   "供暖", "暖气", "温度", "热力公司", "管网", "调试", "维修",
    "学校",   "学生",     "家长", "食堂", "老师",   "道路", "路面", "塌陷", "交通",     "拥堵", "交警", "疏导",
    "医院",   "挂号",     "患者", "服务", "政府",   "部门", "工作", "会议", "部署",     "安全", "检查", "隐患",
    "整改",   "群众",     "满意", "投诉", "问题",   "解决", "希望", "尽快", "相关",     "单位", "处理", "情况",
    "记者",   "了解",     "表示", "目前", "已经",   "正在", "今年", "农业", "丰收",     "种植", "收入", "增加",
    "文化",   "活动",     "举办", "开幕", "市场",   "价格", "上涨", "超市", "供应",     "环境", "卫生", "垃圾",
    "清运",   "环卫",     "工人", "社区", "志愿者", "老人", "孩子", "公园", "开放",     "健身", "设施", "公交",
    "线路",   "开通",     "方便", "停车", "车位",   "规划", "建设", "项目", "施工",     "进度", "完成", "验收",
    "质量",   "自来水",   "水质", "检测", "标准",   "符合", "异味", "噪音", "扰民",     "夜间", "营业", "执法",
    "查处",   "违规",     "通报",
};
const char* kPunct[] = {"，", "，", "，", "。", "、", "；"};

// Vocabulary: the built-in local words plus, when Debian's python3-jieba is
// installed, every 10th common dictionary word of 2-4 characters, so item
// keywords are as varied as real text.
std::vector<std::string> LoadVocabulary() {
  std::vector<std::string> v(std::begin(kWords), std::end(kWords));
  FILE* f = std::fopen("/usr/lib/python3/dist-packages/jieba/dict.txt", "r");
  if (!f) return v;
  char word[256];
  long freq;
  char tag[64];
  size_t k = 0;
  while (std::fscanf(f, "%255s %ld %63s", word, &freq, tag) == 3) {
    size_t len = std::strlen(word);
    if (freq >= 200 && len >= 6 && len <= 12 && static_cast<unsigned char>(word[0]) >= 0xE4 && ++k % 10 == 0) {
      v.emplace_back(word);
    }
  }
  std::fclose(f);
  return v;
}

std::string MakeText(std::mt19937_64& rng, size_t chars) {
  static const std::vector<std::string> vocab = LoadVocabulary();
  std::string s;
  size_t n = 0;
  std::uniform_int_distribution<size_t> w(0, vocab.size() - 1);
  std::uniform_int_distribution<int> p(0, 5), every(3, 6);
  int until = every(rng);
  while (n < chars) {
    const std::string& word = vocab[w(rng)];
    s += word;
    n += word.size() / 3;
    if (--until == 0) {
      s += kPunct[p(rng)];
      ++n;
      until = every(rng);
    }
  }
  return s;
}

std::vector<RawItem> MakeItems(size_t count, int64_t t0) {
  std::mt19937_64 rng(20261123);
  std::vector<RawItem> items;
  items.reserve(count);
  const char* outlets[] = {"清河新闻网", "清河论坛", "12345 热线", "清河头条", "清河生活圈"};
  for (size_t i = 0; i < count; ++i) {
    RawItem r;
    r.outlet = outlets[i % 5];
    r.site = "site" + std::to_string(i % 5) + ".example.cn";
    r.kind = i % 3 == 0 ? "forum" : "news";
    r.url = "https://" + r.site + "/a/" + std::to_string(i);
    r.published_at = t0 + static_cast<int64_t>(i);  // ~one item a second
    r.fetched_at = r.published_at;
    if (i % 10 == 9 && i >= 10) {
      // Every tenth item re-posts an earlier one with a prefix: a copy.
      r.title = "转：" + items[i - 7].title;
      r.text = "转自" + items[i - 7].outlet + "。" + items[i - 7].text;
    } else {
      r.title = MakeText(rng, 14);
      r.text = MakeText(rng, 200);
    }
    items.push_back(std::move(r));
  }
  return items;
}

double Seconds(std::chrono::steady_clock::time_point a) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
}

// Process CPU seconds (all threads): on a shared, overloaded machine the
// steadier measure; wall time is printed too.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// CPU seconds of the calling thread: in IngestAll that is the serial write
// step (decide, cluster, SQLite) without the analysis threads.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long MaxRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

Result<std::unique_ptr<Store>> OpenFresh(const std::string& dir, const Clock& clock) {
  std::filesystem::remove_all(dir);
  StoreOptions o;
  o.location = dir;
  o.clock = &clock;
  return Store::Open(o);
}

struct Rate {
  double wall = 0;       // items per wall second
  double cpu = 0;        // items per CPU second (all threads)
  double writer_us = 0;  // µs CPU per item on the writing thread
};

Result<Rate> PeerPlainTable(const std::vector<RawItem>& items, size_t batch, const Clock& clock,
                            const std::string& dir) {
  MINYI_ASSIGN_OR_RETURN(auto store, OpenFresh(dir, clock));
  Database& db = store->db();
  MINYI_RETURN_IF_ERROR(db.Execute("CREATE TABLE plain_items (id INTEGER PRIMARY KEY, outlet TEXT, url TEXT,"
                                   " title TEXT, body TEXT, published_at INTEGER)")
                            .status());
  auto start = std::chrono::steady_clock::now();
  double cpu0 = CpuSeconds();
  for (size_t b = 0; b < items.size(); b += batch) {
    size_t end = std::min(items.size(), b + batch);
    MINYI_RETURN_IF_ERROR(db.InTransaction([&](Database& tx) -> Status {
      for (size_t s = b; s < end; s += 300) {
        std::string sql = "INSERT INTO plain_items(outlet, url, title, body, published_at) VALUES ";
        SqlParams p;
        for (size_t i = s; i < std::min(end, s + 300); ++i) {
          sql += i > s ? ",(?,?,?,?,?)" : "(?,?,?,?,?)";
          p.emplace_back(items[i].outlet);
          p.emplace_back(items[i].url);
          p.emplace_back(items[i].title);
          p.emplace_back(items[i].text);
          p.emplace_back(static_cast<long long>(items[i].published_at));
        }
        MINYI_RETURN_IF_ERROR(tx.Execute(sql, p).status());
      }
      return Status::Ok();
    }));
  }
  double n = static_cast<double>(items.size());
  return Rate{n / Seconds(start), n / (CpuSeconds() - cpu0)};
}

// FNV-1a over every stored decision (duplicates, copies, events, their
// keywords and figures): two builds that print the same digest stored the
// same rows, so a speed-up can be checked to change no decision.
Result<uint64_t> DecisionDigest(Database& db) {
  uint64_t h = 1469598103934665603ull;
  auto add = [&](const Rows& r) {
    for (size_t i = 0; i < r.size(); ++i) {
      for (const SqlValue& v : r.row(i)) {
        std::string t = v.is_null() ? std::string("\x01") : v.AsText();
        t += '\x02';
        for (unsigned char c : t) h = (h ^ c) * 1099511628211ull;
      }
    }
  };
  MINYI_ASSIGN_OR_RETURN(Rows items, db.Query("SELECT id, dup_of, dup_reason, copies, event_id, keywords, topics,"
                                              " sentiment, search_text FROM monitor_items ORDER BY id"));
  add(items);
  MINYI_ASSIGN_OR_RETURN(Rows events, db.Query("SELECT id, title, first_item_id, first_outlet, first_seen, last_seen,"
                                               " item_count, story_count, outlet_count, negative_count, neutral_count,"
                                               " positive_count, keywords FROM monitor_events ORDER BY id"));
  add(events);
  return h;
}

// The whole pipeline into a fresh SQLite store, batch by batch.
Result<Rate> IngestAll(const std::vector<RawItem>& items, size_t batch, const Clock& clock, const PipelineOptions& po,
                       const std::string& dir, IngestResult& total, Pipeline::Stats& stats, uint64_t& digest) {
  MINYI_ASSIGN_OR_RETURN(auto store, OpenFresh(dir, clock));
  MINYI_ASSIGN_OR_RETURN(auto pipeline, Pipeline::Create(*store, clock, po));
  auto start = std::chrono::steady_clock::now();
  double cpu0 = CpuSeconds();
  double writer0 = ThreadCpuSeconds();
  // As a source delivers a long import: one transaction per `batch` items,
  // the analysis running ahead into the next batch while one is written.
  MINYI_RETURN_IF_ERROR(pipeline->IngestChunks(items, batch, [&](size_t, size_t, const IngestResult& r) {
    total.accepted += r.accepted;
    total.duplicates += r.duplicates;
    total.skipped += r.skipped;
    return Status::Ok();
  }));
  double n = static_cast<double>(items.size());
  Rate rate{n / Seconds(start), n / (CpuSeconds() - cpu0), (ThreadCpuSeconds() - writer0) * 1e6 / n};
  stats = pipeline->stats();
  MINYI_ASSIGN_OR_RETURN(digest, DecisionDigest(store->db()));
  return rate;
}

// Per-stage CPU time of the analysis on one thread (µs per item): each stage
// runs over all items in its own loop (the clock is read per loop, not per
// item: reading the process CPU clock costs microseconds in this VM), with
// the same calls AnalyzeItem makes, so the breakdown adds up to its cost.
void PrintStageBreakdown(const std::vector<RawItem>& items) {
  auto loaded = LoadTextTools("");
  if (!loaded.ok()) return;
  const TextTools& t = **loaded;
  const size_t n = std::min<size_t>(items.size(), 3000);
  std::vector<std::string> search(n), text(n);
  std::vector<std::vector<Token>> tokens(n);
  auto timed = [&](const char* name, const std::function<void(size_t)>& stage) {
    for (size_t i = 0; i < n; ++i) stage(i);  // warm caches and mapped dictionaries
    double start = CpuSeconds();
    for (size_t i = 0; i < n; ++i) stage(i);
    std::printf(" %s %.1f", name, (CpuSeconds() - start) * 1e6 / static_cast<double>(n));
  };
  auto load_start = std::chrono::steady_clock::now();
  auto idf = IdfTable::Load(ResourceDir() + "/dict/jieba_idf.bin");
  if (idf.ok()) std::printf("IDF table load (%zu words): %.1f ms wall\n", (*idf)->size(), Seconds(load_start) * 1e3);
  std::printf("analysis per item, one thread (µs CPU):");
  timed("normalize", [&](size_t i) {
    text[i] = NormalizeFast(t, items[i].text)->text;
    search[i] = NormalizeFast(t, items[i].title)->text + "\n" + text[i];
  });
  volatile uint64_t sink = 0;
  timed("dedup-hashes", [&](size_t i) { sink = sink ^ ExactTextHash(text[i]) ^ SimHash64(text[i]); });
  timed("segment", [&](size_t i) { tokens[i] = *t.segmenter->Cut(search[i], true); });
  timed("keywords", [&](size_t i) { sink = sink ^ TfIdfKeywords(t, search[i], tokens[i], kItemKeywords).size(); });
  timed("index-terms",
        [&](size_t i) { sink = sink ^ IndexTermsOfTokens(utf8::ToU32(search[i]), tokens[i], true).size(); });
  timed("sentiment",
        [&](size_t i) { sink = sink ^ static_cast<uint64_t>(t.sentiment->Predict(search[i], tokens[i]).label); });
  timed("| AnalyzeItem", [&](size_t i) { sink = sink ^ AnalyzeItem(t, nullptr, items[i]).simhash; });
  std::printf("\n");
}

int Run(int argc, char** argv) {
  size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  size_t batch = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 2000;
  int threads = argc > 3 ? std::atoi(argv[3]) : 0;
  ManualClock clock(1'795'000'000);
  std::vector<RawItem> items = MakeItems(count, 1'795'000'000 - static_cast<int64_t>(count));
  size_t chars = 0;
  for (const RawItem& r : items) chars += r.text.size() / 3;
  std::printf("vocabulary: %zu words\n", LoadVocabulary().size());
  std::printf("items: %zu, average text %.0f characters, batch %zu\n", count,
              static_cast<double>(chars) / static_cast<double>(count), batch);
  std::string base = "/tmp/minyi-monitor-bench";
  // MINYI_BENCH_PIPELINE_ONLY=1: only the end-to-end run, for profilers.
  const bool pipeline_only = std::getenv("MINYI_BENCH_PIPELINE_ONLY") != nullptr;
  if (!pipeline_only) PrintStageBreakdown(items);

  auto peer = pipeline_only ? Result<Rate>(Rate{}) : PeerPlainTable(items, batch, clock, base + "-peer");
  if (!peer.ok()) {
    std::fprintf(stderr, "peer: %s\n", peer.status().ToString().c_str());
    return 1;
  }

  PipelineOptions po;
  po.analysis_threads = threads;
  po.retention_check_seconds = 0;
  IngestResult total;
  Pipeline::Stats st;
  uint64_t digest = 0, digest2 = 0;
  auto full = IngestAll(items, batch, clock, po, base, total, st, digest);
  if (pipeline_only && full.ok()) {
    std::printf("pipeline end to end: %.0f items/s wall, %.0f per CPU-second, writer %.1f µs/item; digest %016llx\n",
                full->wall, full->cpu, full->writer_us, static_cast<unsigned long long>(digest));
    return 0;
  }
  PipelineOptions no_senti = po;
  no_senti.analyse_sentiment = false;
  IngestResult total2;
  Pipeline::Stats st2;
  auto without = IngestAll(items, batch, clock, no_senti, base, total2, st2, digest2);
  if (!full.ok() || !without.ok()) {
    std::fprintf(stderr, "ingest: %s\n", (full.ok() ? without.status() : full.status()).ToString().c_str());
    return 1;
  }

  // Analysis alone (no store), for where the time goes.
  auto offline = Pipeline::CreateOffline(clock, po, {});
  std::vector<AnalyzeInput> in;
  for (size_t i = 0; i < std::min<size_t>(items.size(), 20000); ++i) in.push_back({std::to_string(i), items[i]});
  auto start = std::chrono::steady_clock::now();
  double cpu0 = CpuSeconds();
  auto analyzed = (*offline)->Analyze(in);
  double analyze_rate = static_cast<double>(in.size()) / Seconds(start);
  double analyze_cpu = static_cast<double>(in.size()) / (CpuSeconds() - cpu0);

  std::printf("                             wall items/s   items per CPU-second\n");
  std::printf("plain-table peer:            %9.0f      %9.0f\n", peer->wall, peer->cpu);
  std::printf(
      "pipeline end to end:         %9.0f      %9.0f   (wall %.3f x peer; %lld stories, %lld copies, %lld "
      "events open)\n",
      full->wall, full->cpu, full->wall / peer->wall, static_cast<long long>(total.accepted),
      static_cast<long long>(total.duplicates), static_cast<long long>(st.open_events));
  std::printf("same, without sentiment:     %9.0f      %9.0f   (wall %.3f x peer)\n", without->wall, without->cpu,
              without->wall / peer->wall);
  std::printf("serial write step (writer thread), µs CPU per item: %.1f (without sentiment %.1f)\n", full->writer_us,
              without->writer_us);
  std::printf("analysis only (no store):    %9.0f      %9.0f\n", analyze_rate, analyze_cpu);
  std::printf("stored decisions digest: %016llx (without sentiment %016llx)\n", static_cast<unsigned long long>(digest),
              static_cast<unsigned long long>(digest2));
  double per_story = static_cast<double>(st.index_bytes) / static_cast<double>(std::max<size_t>(1, st.index_stories));
  std::printf("near-dup index: %zu stories, %zu bytes (%.1f bytes/story incl. 1 MB heads)\n", st.index_stories,
              st.index_bytes, per_story);

  // Build the 10-million-story index for real (fingerprints + item ids).
  SimHashIndex big;
  big.Reserve(10'000'000);
  std::vector<int64_t> ids;
  ids.reserve(10'000'000);
  std::mt19937_64 rng(7);
  for (int64_t i = 0; i < 10'000'000; ++i) {
    big.Add(rng());
    ids.push_back(i + 1);
  }
  size_t big_bytes = big.MemoryBytes() + ids.capacity() * sizeof(int64_t);
  std::printf("near-dup index for 10,000,000 stories: %.0f MB (target < 1024 MB); process max RSS %ld MB\n",
              static_cast<double>(big_bytes) / (1 << 20), MaxRssKb() / 1024);
  std::filesystem::remove_all(base);
  std::filesystem::remove_all(base + "-peer");
  return 0;
}

}  // namespace
}  // namespace minyi

int main(int argc, char** argv) { return minyi::Run(argc, argv); }
