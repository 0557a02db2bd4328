#include "monitor/pipeline.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace minyi {

struct Pipeline::State {
  explicit State(const EventOptions& events) : clusterer(events) {}
  SimHashIndex sims;
  std::vector<int64_t> sim_ids;                      // dense SimHashIndex id -> item id
  std::unordered_map<int64_t, int64_t> story_event;  // story item id -> event id (stories in events only)
  EventClusterer clusterer;
  int64_t next_offline_id = 1;
  int64_t next_offline_event = 1;
  std::vector<std::string> offline_ids;  // offline item id - 1 -> caller's id
};

namespace {

constexpr size_t kChunk = 250;  // items decided and inserted per step
constexpr size_t kKeyLookupChunk = 500;

SqlValue I64(int64_t v) { return SqlValue(static_cast<long long>(v)); }

int DefaultThreads(int configured) {
  if (configured > 0) return configured;
  return std::max(1u, std::thread::hardware_concurrency());
}

std::string JoinWords(const std::vector<WeightedWord>& words) {
  std::string out;
  for (const WeightedWord& w : words) {
    if (!out.empty()) out += ' ';
    out += w.word;
  }
  return out;
}

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ' ';
    out += std::to_string(id);
  }
  return out;
}

std::vector<WeightedWord> RankedWords(const std::string& text) {
  std::vector<WeightedWord> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) out.push_back({text.substr(i, j - i), 1.0 / static_cast<double>(out.size() + 1)});
    i = j + 1;
  }
  return out;
}

// A story read back from monitor_items into the near-duplicate index.
void AddStoredStory(Pipeline::State& s, const Rows& r, size_t i) {
  int64_t id = r.Int(i, "id");
  s.sim_ids.push_back(id);
  s.sims.Add(static_cast<uint64_t>(r.Int(i, "simhash")));
  if (!r.IsNull(i, "event_id")) s.story_event[id] = r.Int(i, "event_id");
}

// A stored story in no event, as the clusterer remembers it.
ClusterItem StoredCandidate(const Rows& r, size_t i) {
  return ClusterItem{r.Int(i, "id"), r.Int(i, "published_at"), static_cast<uint64_t>(r.Int(i, "simhash")),
                     RankedWords(r.Text(i, "keywords"))};
}

SqlParams IdParams(const std::vector<int64_t>& ids, size_t start, size_t end, std::string& placeholders) {
  SqlParams params;
  for (size_t i = start; i < end; ++i) {
    placeholders += i > start ? ",?" : "?";
    params.push_back(I64(ids[i]));
  }
  return params;
}

// Adds to `stored` the keys among `analyses` that the store already holds.
Status AddStoredKeys(Database& tx, std::span<const ItemAnalysis> analyses, std::unordered_set<std::string>& stored) {
  if (analyses.empty()) return Status::Ok();
  std::string sql = "SELECT dedup_key FROM monitor_items WHERE dedup_key IN (";
  SqlParams params;
  params.reserve(analyses.size());
  for (const ItemAnalysis& a : analyses) {
    sql += params.empty() ? "?" : ",?";
    params.emplace_back(a.dedup_key);
  }
  MINYI_ASSIGN_OR_RETURN(Rows r, tx.Query(sql + ")", params));
  for (size_t i = 0; i < r.size(); ++i) stored.insert(r.Text(i, "dedup_key"));
  return Status::Ok();
}

int64_t ItemTime(const RawItem& item, int64_t now) {
  if (item.published_at > 0) return item.published_at;
  if (item.fetched_at > 0) return item.fetched_at;
  return now;
}

// One item on its way into the store.
struct Pending {
  const RawItem* raw = nullptr;
  ItemAnalysis* a = nullptr;
  int64_t id = 0;
  int64_t time = 0;
  int64_t dup_of = 0;
  std::string dup_reason;
  int64_t copies = 0;
  int64_t event_id = 0;
  bool inserted = false;  // already written by an earlier chunk of the batch
};

struct Decisions {
  std::set<int64_t> touched_events;
  std::set<int64_t> created_events;
  std::map<int64_t, int64_t> stored_event_updates;  // stored item id -> event id
  std::map<int64_t, int64_t> stored_copy_counts;    // stored story id -> new copies
};

// Duplicate layer 2 and event clustering for one item. `by_id` finds
// pending items of this batch by id (for partners and story heads).
void Decide(Pipeline::State& s, int near_distance, Pending& p, std::unordered_map<int64_t, Pending*>& by_id,
            Decisions& d, const std::function<int64_t()>& new_event_id) {
  std::vector<uint32_t> near = s.sims.Find(p.a->simhash, near_distance);
  ClusterDecision cd;
  if (!near.empty()) {
    int64_t head = s.sim_ids[near[0]];
    p.dup_of = head;
    p.dup_reason = s.sims.fingerprint(near[0]) == p.a->simhash ? "exact" : "near";
    auto hp = by_id.find(head);
    if (hp != by_id.end() && !hp->second->inserted) {
      hp->second->copies++;
    } else {
      d.stored_copy_counts[head]++;
    }
    auto ev = s.story_event.find(head);
    cd = s.clusterer.AssignCopy(head, ev == s.story_event.end() ? 0 : ev->second, p.time, new_event_id);
  } else {
    s.sim_ids.push_back(p.id);
    s.sims.Add(p.a->simhash);
    ClusterItem ci{p.id, p.time, p.a->simhash, p.a->keywords};
    cd = s.clusterer.Assign(ci, new_event_id);
  }
  p.event_id = cd.event_id;
  if (cd.event_id == 0) return;
  d.touched_events.insert(cd.event_id);
  if (p.dup_of == 0) s.story_event[p.id] = cd.event_id;
  if (cd.created) {
    d.created_events.insert(cd.event_id);
    if (cd.partner_item_id > 0) {
      s.story_event[cd.partner_item_id] = cd.event_id;
      auto pp = by_id.find(cd.partner_item_id);
      if (pp != by_id.end() && !pp->second->inserted) {
        pp->second->event_id = cd.event_id;
      } else {
        d.stored_event_updates[cd.partner_item_id] = cd.event_id;
      }
    }
  }
}

// (a, b) rows as a derived table both SQLite and PostgreSQL accept (SQLite
// has no column names for VALUES): "SELECT ? AS id, ? AS n UNION ALL ...".
std::string PairRows(size_t count, const char* second_type) {
  const std::string row = "SELECT CAST(? AS BIGINT) AS id, CAST(? AS " + std::string(second_type) + ") AS n";
  std::string sql;
  for (size_t i = 0; i < count; ++i) sql += i == 0 ? row : " UNION ALL " + row;
  return sql;
}

// One UPDATE per 400 stored items (`set` reads the value as v.n): a round
// trip per item was most of a PostgreSQL worker's write step.
Status UpdateStoredItems(Database& tx, const std::string& set, const std::map<int64_t, int64_t>& values) {
  constexpr size_t kRows = 400;
  auto it = values.begin();
  while (it != values.end()) {
    SqlParams params;
    for (; it != values.end() && params.size() < 2 * kRows; ++it) {
      params.push_back(I64(it->first));
      params.push_back(I64(it->second));
    }
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE monitor_items SET " + set + " FROM (" +
                                         PairRows(params.size() / 2, "BIGINT") + ") AS v WHERE monitor_items.id = v.id",
                                     params)
                              .status());
  }
  return Status::Ok();
}

// Event figures recounted from the items, so copies, partners and
// corrections can never drift from what is stored; keywords from the
// clusterer's centroid ("" keeps the stored ones). Many events per statement.
Status RecountEvents(Database& tx, const std::vector<std::pair<int64_t, std::string>>& events, int64_t now) {
  constexpr size_t kEvents = 200;
  for (size_t start = 0; start < events.size(); start += kEvents) {
    size_t end = std::min(events.size(), start + kEvents);
    SqlParams params{I64(now)};
    std::string in;
    for (size_t i = start; i < end; ++i) {
      params.push_back(I64(events[i].first));
      params.emplace_back(events[i].second);
    }
    for (size_t i = start; i < end; ++i) {
      in += i > start ? ",?" : "?";
      params.push_back(I64(events[i].first));
    }
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE monitor_events SET item_count = s.items, story_count = s.stories,"
                   " outlet_count = s.outlets, negative_count = s.neg, neutral_count = s.neu, positive_count = s.pos,"
                   " first_seen = s.first_seen, last_seen = s.last_seen,"
                   " keywords = CASE WHEN v.n = '' THEN monitor_events.keywords ELSE v.n END, updated_at = ?"
                   " FROM (" +
                       PairRows(end - start, "TEXT") +
                       ") AS v, (SELECT event_id, COUNT(*) AS items,"
                       " SUM(CASE WHEN dup_of IS NULL THEN 1 ELSE 0 END) AS stories,"
                       " COUNT(DISTINCT outlet) AS outlets,"
                       " SUM(CASE WHEN sentiment = 'negative' THEN 1 ELSE 0 END) AS neg,"
                       " SUM(CASE WHEN sentiment = 'neutral' THEN 1 ELSE 0 END) AS neu,"
                       " SUM(CASE WHEN sentiment = 'positive' THEN 1 ELSE 0 END) AS pos,"
                       " MIN(published_at) AS first_seen, MAX(published_at) AS last_seen"
                       " FROM monitor_items WHERE event_id IN (" +
                       in + ") GROUP BY event_id) AS s WHERE monitor_events.id = v.id AND s.event_id = v.id",
                   params)
            .status());
  }
  return Status::Ok();
}

Status InsertEvents(Database& tx, const std::set<int64_t>& events, int64_t now) {
  std::string sql;
  SqlParams params;
  for (auto it = events.begin(); it != events.end();) {
    sql += params.empty() ? "(?, '', 0, 0, ?, ?)" : ",(?, '', 0, 0, ?, ?)";
    params.insert(params.end(), {I64(*it), I64(now), I64(now)});
    if (++it == events.end() || params.size() >= 900) {
      MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_events(id, title, first_seen, last_seen, created_at,"
                                       " updated_at) VALUES " +
                                           sql,
                                       params)
                                .status());
      sql.clear();
      params.clear();
    }
  }
  return Status::Ok();
}

// Event title = the title of its first item (earliest published): the
// items of the new events read in one query, the titles set in one
// statement per 200 events (a correlated subquery per event was slower on
// PostgreSQL than the round trips it saved).
Status TitleNewEvents(Database& tx, const std::set<int64_t>& events) {
  const std::vector<int64_t> ids(events.begin(), events.end());
  for (size_t start = 0; start < ids.size(); start += 200) {
    std::string in;
    SqlParams params = IdParams(ids, start, std::min(ids.size(), start + 200), in);
    MINYI_ASSIGN_OR_RETURN(Rows r,
                           tx.Query("SELECT event_id, id, title, outlet FROM monitor_items WHERE event_id IN (" + in +
                                        ") ORDER BY event_id, published_at, id",
                                    params));
    std::string rows;
    SqlParams set;
    for (size_t i = 0; i < r.size(); ++i) {
      if (i > 0 && r.Int(i, "event_id") == r.Int(i - 1, "event_id")) continue;  // not the first
      rows += set.empty() ? "SELECT CAST(? AS BIGINT) AS id, CAST(? AS TEXT) AS title, CAST(? AS BIGINT) AS first,"
                            " CAST(? AS TEXT) AS outlet"
                          : " UNION ALL SELECT CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT)";
      set.insert(set.end(), {I64(r.Int(i, "event_id")), r.Text(i, "title"), I64(r.Int(i, "id")), r.Text(i, "outlet")});
    }
    if (set.empty()) continue;
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE monitor_events SET title = v.title, first_item_id = v.first,"
                                     " first_outlet = v.outlet FROM (" +
                                         rows + ") AS v WHERE monitor_events.id = v.id",
                                     set)
                              .status());
  }
  return Status::Ok();
}

Status InsertItems(Database& tx, const std::vector<Pending*>& rows, int64_t now) {
  constexpr size_t kRows = 300;
  for (size_t start = 0; start < rows.size(); start += kRows) {
    size_t end = std::min(rows.size(), start + kRows);
    std::string sql =
        "INSERT INTO monitor_items(id, dedup_key, source_id, external_id, outlet, site, kind, url, title, body,"
        " search_text, published_at, fetched_at, ingested_at, simhash, exact_hash, dup_of, dup_reason, copies,"
        " sentiment, sentiment_score, keywords, topics, event_id) VALUES ";
    SqlParams params;
    params.reserve((end - start) * 24);
    for (size_t i = start; i < end; ++i) {
      const Pending& p = *rows[i];
      const RawItem& r = *p.raw;
      const ItemAnalysis& a = *p.a;
      if (i > start) sql += ',';
      sql += "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
      params.push_back(I64(p.id));
      params.emplace_back(a.dedup_key);
      params.push_back(I64(r.source_id));
      params.emplace_back(r.external_id);
      params.emplace_back(r.outlet);
      params.emplace_back(r.site);
      params.emplace_back(r.kind.empty() ? std::string("other") : r.kind);
      params.emplace_back(r.url);
      params.emplace_back(r.title);
      params.emplace_back(r.text);
      params.emplace_back(a.search_text);
      params.push_back(I64(p.time));
      params.push_back(I64(r.fetched_at));
      params.push_back(I64(now));
      params.push_back(I64(static_cast<int64_t>(a.simhash)));
      params.push_back(I64(static_cast<int64_t>(a.exact_hash)));
      params.push_back(p.dup_of > 0 ? I64(p.dup_of) : SqlValue());
      params.emplace_back(p.dup_reason);
      params.push_back(I64(p.copies));
      params.emplace_back(std::string(SentimentLabelName(a.sentiment.label)));
      params.emplace_back(a.sentiment.score);
      params.emplace_back(JoinWords(a.keywords));
      params.emplace_back(JoinIds(a.topic_ids));
      params.push_back(p.event_id > 0 ? I64(p.event_id) : SqlValue());
    }
    MINYI_RETURN_IF_ERROR(tx.Execute(sql, params).status());
  }
  return Status::Ok();
}

Status InsertTopicLinks(Database& tx, const std::vector<Pending*>& rows) {
  std::string sql;
  SqlParams params;
  auto flush = [&]() -> Status {
    if (params.empty()) return Status::Ok();
    Status st = tx.Execute("INSERT INTO monitor_item_topics(topic_id, item_id, published_at) VALUES " + sql +
                               " ON CONFLICT DO NOTHING",
                           params)
                    .status();
    sql.clear();
    params.clear();
    return st;
  };
  for (const Pending* p : rows) {
    for (int64_t t : p->a->topic_ids) {
      sql += params.empty() ? "(?,?,?)" : ",(?,?,?)";
      params.push_back(I64(t));
      params.push_back(I64(p->id));
      params.push_back(I64(p->time));
      if (params.size() >= 900) MINYI_RETURN_IF_ERROR(flush());
    }
  }
  return flush();
}

}  // namespace

// Runs AnalyzeItem over items on worker threads; the writer waits for a
// prefix with WaitFor() and may start writing while later items are still
// being analyzed. Workers stay at most `window` items ahead of what the
// writer has released, so a long stream holds a bounded number of analyses.
class Pipeline::AnalysisRun {
 public:
  AnalysisRun(const TextTools& tools, std::shared_ptr<const CompiledTopics> topics,
              const std::vector<const RawItem*>& items, int threads, size_t window)
      : tools_(tools),
        topics_(std::move(topics)),
        items_(items),
        out_(items.size()),
        done_(items.size()),
        window_(std::max<size_t>(window, kBlock)),
        limit_(window_) {
    for (auto& d : done_) d.store(0);
    int n = std::max(1, std::min<int>(threads, static_cast<int>((items.size() + kBlock - 1) / kBlock)));
    for (int i = 0; i < n; ++i) workers_.emplace_back([this] { Work(); });
  }
  // Stops the workers at their next block: a failed stream does not analyse
  // what it will not write.
  ~AnalysisRun() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }
  void WaitFor(size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] {
      while (ready_ < n && done_[ready_].load(std::memory_order_acquire)) ++ready_;
      return ready_ >= n;
    });
  }
  // Items before `n` are written: their analyses are dropped and the
  // workers may move on.
  void Release(size_t n) {
    for (size_t i = released_; i < n; ++i) out_[i] = ItemAnalysis{};
    released_ = std::max(released_, n);
    {
      std::lock_guard lock(mu_);
      limit_ = released_ + window_;
    }
    cv_.notify_all();
  }
  const std::vector<const RawItem*>& items() const { return items_; }
  std::vector<ItemAnalysis>& results() { return out_; }

 private:
  static constexpr size_t kBlock = 16;
  void Work() {
    for (;;) {
      size_t start = next_.fetch_add(kBlock);
      if (start >= items_.size()) return;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_ || start < limit_; });
        if (stop_) return;
      }
      size_t end = std::min(items_.size(), start + kBlock);
      for (size_t i = start; i < end; ++i) {
        out_[i] = AnalyzeItem(tools_, topics_.get(), *items_[i]);
        done_[i].store(1, std::memory_order_release);
      }
      std::lock_guard lock(mu_);
      cv_.notify_all();
    }
  }
  const TextTools& tools_;
  std::shared_ptr<const CompiledTopics> topics_;
  const std::vector<const RawItem*>& items_;
  std::vector<ItemAnalysis> out_;
  std::vector<std::atomic<uint8_t>> done_;
  const size_t window_;
  std::atomic<size_t> next_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  size_t ready_ = 0;     // guarded by mu_
  size_t limit_;         // guarded by mu_: workers start blocks below it
  bool stop_ = false;    // guarded by mu_
  size_t released_ = 0;  // writer thread only
  std::vector<std::thread> workers_;
};

Pipeline::Pipeline(Store* store, const Clock& clock, PipelineOptions options, std::shared_ptr<const TextTools> tools)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      tools_(std::move(tools)),
      state_(std::make_unique<State>(options_.events)) {}

Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(Store& store, const Clock& clock, PipelineOptions options) {
  MINYI_ASSIGN_OR_RETURN(auto tools, LoadTextTools(options.resource_dir));
  if (!options.analyse_sentiment) {
    auto without = std::make_shared<TextTools>(*tools);
    without->sentiment = nullptr;
    tools = std::move(without);
  }
  std::unique_ptr<Pipeline> p(new Pipeline(&store, clock, std::move(options), std::move(tools)));
  MINYI_ASSIGN_OR_RETURN(std::unique_ptr<TextIndex> index, OpenTextIndex(store.db(), "monitor_items"));
  p->index_ = std::move(index);
  p->items_ = std::make_unique<ItemStore>(store, clock, p->tools_, p->index_);
  MINYI_RETURN_IF_ERROR(p->ReloadTopics());
  MINYI_RETURN_IF_ERROR(p->Restore(store.db()));
  return p;
}

Result<std::unique_ptr<Pipeline>> Pipeline::CreateOffline(const Clock& clock, PipelineOptions options,
                                                          std::vector<Topic> topics) {
  MINYI_ASSIGN_OR_RETURN(auto tools, LoadTextTools(options.resource_dir));
  std::unique_ptr<Pipeline> p(new Pipeline(nullptr, clock, std::move(options), std::move(tools)));
  for (size_t i = 0; i < topics.size(); ++i) topics[i].id = static_cast<int64_t>(i + 1);
  MINYI_ASSIGN_OR_RETURN(CompiledTopics compiled, CompileTopics(topics));
  p->topics_ = std::make_shared<const CompiledTopics>(std::move(compiled));
  p->topic_list_ = std::move(topics);
  return p;
}

Status Pipeline::ReloadTopics() {
  if (!store_) return Status::Ok();
  TopicRepo repo(store_->db(), clock_);
  MINYI_ASSIGN_OR_RETURN(std::vector<Topic> list, repo.List(true));
  MINYI_ASSIGN_OR_RETURN(CompiledTopics compiled, CompileTopics(list));
  std::lock_guard lock(topics_mu_);
  topics_ = std::make_shared<const CompiledTopics>(std::move(compiled));
  topic_list_ = std::move(list);
  return Status::Ok();
}

Status Pipeline::Restore(Database& db) {
  auto s = std::make_unique<State>(options_.events);
  MINYI_ASSIGN_OR_RETURN(int64_t stories, db.QueryInt("SELECT COUNT(*) FROM monitor_items WHERE dup_of IS NULL"));
  int64_t skip = std::max<int64_t>(0, stories - static_cast<int64_t>(options_.max_index_items));
  s->sims.Reserve(static_cast<size_t>(stories - skip));
  int64_t after = 0;
  // Oldest stories beyond the capacity are left out; paging by id keeps
  // each query small.
  if (skip > 0) {
    MINYI_ASSIGN_OR_RETURN(after, db.QueryInt("SELECT id FROM monitor_items WHERE dup_of IS NULL ORDER BY id"
                                              " LIMIT 1 OFFSET ?",
                                              {I64(skip - 1)}));
  }
  for (;;) {
    MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT id, simhash, event_id FROM monitor_items WHERE dup_of IS NULL"
                                            " AND id > ? ORDER BY id LIMIT 50000",
                                            {I64(after)}));
    if (r.empty()) break;
    for (size_t i = 0; i < r.size(); ++i) AddStoredStory(*s, r, i);
    after = r.Int(r.size() - 1, "id");
  }
  MINYI_ASSIGN_OR_RETURN(int64_t newest, db.QueryInt("SELECT COALESCE(MAX(published_at), 0) FROM monitor_items"));
  int64_t since = newest - options_.events.window_seconds;
  MINYI_ASSIGN_OR_RETURN(
      Rows ev, db.Query("SELECT id, last_seen, keywords FROM monitor_events WHERE last_seen >= ?", {I64(since)}));
  for (size_t i = 0; i < ev.size(); ++i) {
    s->clusterer.RestoreEvent(ev.Int(i, "id"), ev.Int(i, "last_seen"), RankedWords(ev.Text(i, "keywords")));
  }
  MINYI_ASSIGN_OR_RETURN(Rows cand, db.Query("SELECT id, published_at, simhash, keywords FROM monitor_items"
                                             " WHERE dup_of IS NULL AND event_id IS NULL AND published_at >= ?"
                                             " ORDER BY id DESC LIMIT ?",
                                             {I64(since), I64(static_cast<int64_t>(options_.events.max_candidates))}));
  for (size_t i = cand.size(); i-- > 0;) s->clusterer.RestoreCandidate(StoredCandidate(cand, i));
  state_ = std::move(s);
  return Status::Ok();
}

Status Pipeline::CatchUpStories(Database& tx, std::vector<int64_t>& touched_events) {
  State& s = *state_;
  int64_t after = synced_max_item_;
  std::set<int64_t> touched;
  for (;;) {
    MINYI_ASSIGN_OR_RETURN(Rows r, tx.Query("SELECT id, simhash, event_id, dup_of, published_at, keywords"
                                            " FROM monitor_items WHERE id > ? ORDER BY id LIMIT 20000",
                                            {I64(after)}));
    if (r.empty()) break;
    for (size_t i = 0; i < r.size(); ++i) {
      if (!r.IsNull(i, "event_id")) touched.insert(r.Int(i, "event_id"));
      if (!r.IsNull(i, "dup_of")) continue;
      AddStoredStory(s, r, i);
      // Too old a candidate is dropped by the clusterer's own expiry.
      if (r.IsNull(i, "event_id")) s.clusterer.RestoreCandidate(StoredCandidate(r, i));
    }
    after = r.Int(r.size() - 1, "id");
  }
  // Stories this process already knew that another one put into a new
  // event (as the partner that created it): no longer candidates here.
  MINYI_ASSIGN_OR_RETURN(Rows moved, tx.Query("SELECT id, event_id FROM monitor_items WHERE event_id > ?"
                                              " AND id <= ? AND dup_of IS NULL",
                                              {I64(synced_max_event_), I64(synced_max_item_)}));
  for (size_t i = 0; i < moved.size(); ++i) {
    s.story_event[moved.Int(i, "id")] = moved.Int(i, "event_id");
    s.clusterer.DropCandidate(moved.Int(i, "id"));
    touched.insert(moved.Int(i, "event_id"));
  }
  touched_events.assign(touched.begin(), touched.end());
  return Status::Ok();
}

Status Pipeline::CatchUpEvents(Database& tx, const std::vector<int64_t>& touched_events) {
  for (size_t start = 0; start < touched_events.size(); start += kKeyLookupChunk) {
    size_t end = std::min(touched_events.size(), start + kKeyLookupChunk);
    std::string in;
    SqlParams params = IdParams(touched_events, start, end, in);
    MINYI_ASSIGN_OR_RETURN(
        Rows ev, tx.Query("SELECT id, last_seen, keywords FROM monitor_events WHERE id IN (" + in + ")", params));
    for (size_t i = 0; i < ev.size(); ++i) {
      state_->clusterer.RestoreEvent(ev.Int(i, "id"), ev.Int(i, "last_seen"), RankedWords(ev.Text(i, "keywords")));
    }
  }
  return Status::Ok();
}

Result<IngestResult> Pipeline::Ingest(const std::vector<RawItem>& batch) { return IngestBatch(batch, nullptr); }

Result<IngestResult> Pipeline::IngestBatch(const std::vector<RawItem>& batch, const SharedHooks* shared) {
  if (!store_) return FailedPrecondition("离线分析模式不能写入数据库");
  if (batch.size() > options_.max_batch_items) {
    return ResourceExhausted("一批信息过多（" + std::to_string(batch.size()) + " 条，最多 " +
                             std::to_string(options_.max_batch_items) + " 条）");
  }
  IngestResult total;
  MINYI_RETURN_IF_ERROR(
      Stream(batch, std::max<size_t>(1, batch.size()), shared, [&](size_t, size_t, const IngestResult& r) {
        total = r;
        return Status::Ok();
      }));
  return total;
}

Status Pipeline::IngestChunks(const std::vector<RawItem>& items, size_t chunk, const ChunkDone& after_chunk) {
  if (!store_) return FailedPrecondition("离线分析模式不能写入数据库");
  return Stream(items, std::clamp<size_t>(chunk, 1, options_.max_batch_items), nullptr, after_chunk);
}

Status Pipeline::Stream(const std::vector<RawItem>& items, size_t chunk, const SharedHooks* shared,
                        const ChunkDone& after_chunk) {
  std::vector<const RawItem*> valid;
  std::vector<size_t> valid_at;                         // index in `items` of valid[k]
  std::vector<std::pair<size_t, std::string>> refused;  // index in `items`, reason
  for (size_t i = 0; i < items.size(); ++i) {
    const RawItem& r = items[i];
    auto no = [i] { return "第 " + std::to_string(i + 1) + " 条："; };
    if (r.title.empty() && r.text.empty()) {
      refused.emplace_back(i, no() + "标题和正文都为空");
    } else if (r.title.size() + r.text.size() > options_.max_item_bytes) {
      refused.emplace_back(i, no() + "内容过长（超过 " + std::to_string(options_.max_item_bytes >> 10) + " KB）");
    } else {
      valid.push_back(&r);
      valid_at.push_back(i);
    }
  }
  std::shared_ptr<const CompiledTopics> topics;
  {
    std::lock_guard lock(topics_mu_);
    topics = topics_;
  }
  AnalysisRun run(*tools_, topics, valid, DefaultThreads(options_.analysis_threads), 2 * chunk);
  // Other processes write while this one analyses; only the decide-and-write
  // step holds the cluster-wide lock.
  if (shared && shared->analyse_first) run.WaitFor(valid.size());
  size_t next_valid = 0, next_refused = 0, start = 0;
  do {
    size_t end = std::min(items.size(), start + chunk);
    IngestResult result;
    for (; next_refused < refused.size() && refused[next_refused].first < end; ++next_refused) {
      result.errors.push_back(std::move(refused[next_refused].second));
    }
    size_t from = next_valid;
    while (next_valid < valid.size() && valid_at[next_valid] < end) ++next_valid;
    // A chunk of only refused items still runs the caller's step (a worker
    // completes its inbox rows).
    if (next_valid > from || (shared && shared->after_write)) {
      MINYI_RETURN_IF_ERROR(WriteChunk(run, from, next_valid, shared, result));
    }
    run.Release(next_valid);
    MINYI_RETURN_IF_ERROR(after_chunk(start, end, result));
    start = end;
  } while (start < items.size());
  return Status::Ok();
}

Status Pipeline::WriteChunk(AnalysisRun& run, size_t from, size_t to, const SharedHooks* shared, IngestResult& result) {
  std::span<const RawItem* const> items(run.items().data() + from, to - from);
  std::span<ItemAnalysis> analyses(run.results().data() + from, to - from);
  std::vector<PipelineNotice> notices;
  std::unique_lock lock(mu_);
  Status st = store_->db().InTransaction([&](Database& tx) -> Status {
    if (shared && shared->before_write) MINYI_RETURN_IF_ERROR(shared->before_write(tx));
    IngestResult r = result;
    std::vector<PipelineNotice> n;
    if (!items.empty()) {
      MINYI_RETURN_IF_ERROR(WriteBatch(
          tx, items, analyses, [&](size_t k) { run.WaitFor(from + k); }, r, n));
    }
    if (shared && shared->after_write) MINYI_RETURN_IF_ERROR(shared->after_write(tx));
    result = std::move(r);
    notices = std::move(n);
    return Status::Ok();
  });
  if (!st.ok()) {
    // Memory may now claim stories the rollback removed: rebuild from the store.
    Status rs = Restore(store_->db());
    (void)rs;
    return st;
  }
  bool retention_due =
      options_.retention_check_seconds > 0 && clock_.Now() - last_retention_ >= options_.retention_check_seconds;
  if (retention_due) last_retention_ = clock_.Now();
  lock.unlock();
  if (retention_due) {
    auto deleted = items_->ApplyRetention(Actor{0, "系统"});
    (void)deleted;  // retention failing must not fail the ingest that triggered it
  }
  if (options_.on_notices && !notices.empty()) options_.on_notices(notices);
  return Status::Ok();
}

Status Pipeline::WriteBatch(Database& tx, std::span<const RawItem* const> items, std::span<ItemAnalysis> analyses,
                            const std::function<void(size_t)>& wait_for, IngestResult& result,
                            std::vector<PipelineNotice>& notices) {
  State& s = *state_;
  int64_t now = clock_.Now();
  // Layer 1, re-delivery: keys already stored or repeated in this batch,
  // looked up chunk by chunk with the key the analysis computed.
  std::unordered_set<std::string> stored;
  MINYI_ASSIGN_OR_RETURN(int64_t next_id, tx.QueryInt("SELECT COALESCE(MAX(id), 0) + 1 FROM monitor_items"));
  MINYI_ASSIGN_OR_RETURN(int64_t next_event, tx.QueryInt("SELECT COALESCE(MAX(id), 0) + 1 FROM monitor_events"));
  auto new_event_id = [&] { return next_event++; };

  std::vector<Pending> pending;
  pending.reserve(items.size());
  std::unordered_map<int64_t, Pending*> by_id;
  Decisions d;
  std::vector<Pending*> rows;
  rows.reserve(items.size());
  std::vector<TextIndexDoc> docs;
  docs.reserve(items.size());
  // Decided and written chunk by chunk, so the writes of one chunk overlap
  // the analysis of the next on the worker threads.
  for (size_t start = 0; start < items.size(); start += kChunk) {
    size_t end = std::min(items.size(), start + kChunk);
    wait_for(end);
    MINYI_RETURN_IF_ERROR(AddStoredKeys(tx, analyses.subspan(start, end - start), stored));
    size_t first_new = pending.size();
    for (size_t i = start; i < end; ++i) {
      if (!stored.insert(analyses[i].dedup_key).second) {
        result.skipped++;
        continue;
      }
      Pending p;
      p.raw = items[i];
      p.a = &analyses[i];
      p.id = next_id++;
      p.time = ItemTime(*items[i], now);
      pending.push_back(std::move(p));
      by_id[pending.back().id] = &pending.back();  // reserve() keeps addresses stable
      Decide(s, options_.near_duplicate_distance, pending.back(), by_id, d, new_event_id);
      if (pending.back().dup_of > 0) {
        result.duplicates++;
      } else {
        result.accepted++;
      }
    }
    std::vector<Pending*> chunk;
    for (size_t k = first_new; k < pending.size(); ++k) chunk.push_back(&pending[k]);
    MINYI_RETURN_IF_ERROR(InsertItems(tx, chunk, now));
    for (Pending* p : chunk) docs.push_back({p->id, std::move(p->a->index_terms)});
    MINYI_RETURN_IF_ERROR(InsertTopicLinks(tx, chunk));
    for (Pending* p : chunk) {
      p->inserted = true;
      rows.push_back(p);
    }
  }

  // One index write per batch: SQLite's FTS5 flushes its pending terms into
  // a new segment at every statement of a transaction, so fewer, larger
  // statements mean fewer segments to merge later.
  MINYI_RETURN_IF_ERROR(index_->Add(tx, docs));
  MINYI_RETURN_IF_ERROR(UpdateStoredItems(tx, "event_id = v.n", d.stored_event_updates));
  MINYI_RETURN_IF_ERROR(UpdateStoredItems(tx, "copies = monitor_items.copies + v.n", d.stored_copy_counts));
  MINYI_RETURN_IF_ERROR(InsertEvents(tx, d.created_events, now));
  std::vector<std::pair<int64_t, std::string>> touched;
  for (int64_t e : d.touched_events) touched.emplace_back(e, JoinWords(s.clusterer.Centroid(e, 12)));
  MINYI_RETURN_IF_ERROR(RecountEvents(tx, touched, now));
  MINYI_RETURN_IF_ERROR(TitleNewEvents(tx, d.created_events));
  if (options_.on_notices) {
    std::map<int64_t, std::pair<std::string, double>> event_info;  // id -> (title, heat)
    std::string ids;
    for (int64_t e : d.touched_events) ids += (ids.empty() ? "" : ",") + std::to_string(e);
    if (!ids.empty()) {
      MINYI_ASSIGN_OR_RETURN(Rows ev, tx.Query("SELECT id, title, item_count, story_count, outlet_count,"
                                               " negative_count, last_seen FROM monitor_events WHERE id IN (" +
                                               ids + ")"));
      for (size_t i = 0; i < ev.size(); ++i) {
        int64_t items = ev.Int(i, "item_count");
        double neg = items > 0 ? static_cast<double>(ev.Int(i, "negative_count")) / static_cast<double>(items) : 0;
        event_info[ev.Int(i, "id")] = {ev.Text(i, "title"),
                                       EventHeat(ev.Int(i, "story_count"), items - ev.Int(i, "story_count"),
                                                 ev.Int(i, "outlet_count"), neg, ev.Int(i, "last_seen"), now)};
      }
    }
    std::set<int64_t> announced;
    for (const Pending* p : rows) {
      PipelineNotice n;
      n.item_id = p->id;
      n.topic_ids = p->a->topic_ids;
      n.sentiment = std::string(SentimentLabelName(p->a->sentiment.label));
      n.title = p->raw->title;
      n.duplicate = p->dup_of > 0;  // a copy is never a reason for a second alert
      n.event_id = p->event_id;
      if (p->event_id > 0) {
        auto info = event_info.find(p->event_id);
        if (info != event_info.end()) std::tie(n.event_title, n.event_heat) = info->second;
        n.new_event = d.created_events.count(p->event_id) && announced.insert(p->event_id).second;
      }
      notices.push_back(std::move(n));
    }
  }
  return AppendAudit(tx, clock_, Actor{0, "系统"},
                     {"ingest", "monitor_batch", rows.empty() ? "" : std::to_string(rows.front()->id), "null",
                      "{\"accepted\":" + std::to_string(result.accepted) + ",\"duplicates\":" +
                          std::to_string(result.duplicates) + ",\"skipped\":" + std::to_string(result.skipped) + "}"});
}

Result<std::vector<AnalyzedItem>> Pipeline::Analyze(const std::vector<AnalyzeInput>& batch) {
  std::vector<const RawItem*> items;
  items.reserve(batch.size());
  for (const AnalyzeInput& in : batch) items.push_back(&in.item);
  std::shared_ptr<const CompiledTopics> topics;
  std::vector<std::string> names;
  {
    std::lock_guard lock(topics_mu_);
    topics = topics_;
    for (const Topic& t : topic_list_) names.push_back(t.name);
  }
  AnalysisRun run(*tools_, topics, items, DefaultThreads(options_.analysis_threads), items.size());
  run.WaitFor(items.size());
  std::vector<ItemAnalysis>& analyses = run.results();
  std::lock_guard lock(mu_);
  State& s = *state_;
  std::vector<Pending> pending(items.size());
  std::unordered_map<int64_t, Pending*> by_id;
  Decisions d;
  std::vector<AnalyzedItem> out(items.size());
  auto new_event_id = [&] { return s.next_offline_event++; };
  for (size_t i = 0; i < items.size(); ++i) {
    Pending& p = pending[i];
    p.raw = items[i];
    p.a = &analyses[i];
    p.id = s.next_offline_id++;
    p.time = ItemTime(*items[i], clock_.Now());
    s.offline_ids.push_back(batch[i].id);
    by_id[p.id] = &p;
    Decide(s, options_.near_duplicate_distance, p, by_id, d, new_event_id);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const Pending& p = pending[i];
    AnalyzedItem& o = out[i];
    o.id = batch[i].id;
    if (p.dup_of > 0) o.dup_of = s.offline_ids[static_cast<size_t>(p.dup_of - 1)];
    o.simhash = p.a->simhash;
    o.sentiment = p.a->sentiment;
    o.keywords = p.a->keywords;
    for (int64_t t : p.a->topic_ids) {
      if (t >= 1 && static_cast<size_t>(t) <= names.size()) o.topics.push_back(names[static_cast<size_t>(t - 1)]);
    }
    if (p.event_id > 0) o.event = p.event_id;
  }
  // Partners pulled into an event by a later item of an earlier call keep
  // the event they were printed without; within one call they get it.
  return out;
}

Pipeline::Stats Pipeline::stats() const {
  std::lock_guard lock(mu_);
  Stats st;
  st.index_stories = state_->sims.size();
  st.index_bytes = state_->sims.MemoryBytes() + state_->sim_ids.capacity() * sizeof(int64_t);
  st.open_events = state_->clusterer.open_events();
  st.event_candidates = state_->clusterer.candidates();
  return st;
}

}  // namespace minyi
