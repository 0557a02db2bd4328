// The monitor's ingest pipeline: the ItemSink every source delivers to.
//
// Per item: normalize → duplicate layers → topic rules (方案) → sentiment →
// keywords → incremental event clustering → stored with its search terms.
//
// Duplicate layers, cheapest first:
//   1. re-delivery: the same (source, external id), else the same canonical
//      URL, else the same outlet+title+text (DedupKey) is skipped — the store
//      keeps it once (unique index), so a source may re-deliver safely;
//   2. copies of one story: the SimHash of the normalized body within
//      Hamming distance 3 of a stored story (distance 0 = "exact", else
//      "near"). A copy is stored (its outlet counts for reach) with dup_of =
//      the story's first item, belongs to the story's event, and is never a
//      reason for a second alert.
// The near-duplicate index (text/dedup.h SimHashIndex + the item id per
// entry) costs 32 bytes per story: ~320 MB for 10 million items.
//
// Storage: one transaction per Ingest() call or IngestChunks() chunk
// (multi-row INSERTs; items, search terms, topic links, events), with one
// audit row each. Analysis runs on analysis_threads worker threads while the
// calling thread writes, so both cores are busy; IngestChunks lets them run
// ahead into the next chunk while one is being written and committed. When a transaction fails, the in-memory
// indexes are rebuilt from the store so memory never claims what the store
// does not hold.
//
// Analyze() runs the same steps without a store (CLI `minyi analyze`), with
// the caller's ids.
//
// Thread safety: Ingest, Analyze and ReloadTopics may be called from many
// threads; batches are serialized for the write step.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/env.h"
#include "monitor/analysis.h"
#include "monitor/events.h"
#include "monitor/item.h"
#include "monitor/item_store.h"
#include "monitor/topics.h"
#include "store/store.h"
#include "store/text_index.h"
#include "text/dedup.h"

namespace minyi {

// One stored item of a committed batch, as alerting (notify, alert_policy)
// needs it: every item counts for volume; `duplicate` items never alert by
// themselves; `new_event` is set on one item of each event created by the
// batch.
struct PipelineNotice {
  int64_t item_id = 0;
  std::vector<int64_t> topic_ids;
  std::string sentiment;
  std::string title;
  bool duplicate = false;
  int64_t event_id = 0;
  bool new_event = false;
  std::string event_title;
  double event_heat = 0;
};

struct PipelineOptions {
  std::string resource_dir;  // "" = ResourceDir()
  int analysis_threads = 0;  // 0 = one per core
  size_t max_batch_items = 20'000;
  size_t max_item_bytes = 1u << 20;  // title + text; larger items are refused (error per item)
  int near_duplicate_distance = kSimHashNearDistance;
  size_t max_index_items = 10'000'000;         // stories loaded into the near-duplicate index at start
  int64_t retention_check_seconds = 6 * 3600;  // 0 = Ingest never applies retention
  EventOptions events;
  // false: no sentiment model, every item neutral. For benchmarks only: the
  // cost of the rest of the pipeline, to predict the figure for a cheaper
  // model.
  bool analyse_sentiment = true;
  // Called after a batch is committed, outside the pipeline's lock.
  std::function<void(const std::vector<PipelineNotice>&)> on_notices;
};

struct AnalyzeInput {
  std::string id;
  RawItem item;
};

struct AnalyzedItem {
  std::string id;
  std::optional<std::string> dup_of;
  uint64_t simhash = 0;
  SentimentResult sentiment;
  std::vector<WeightedWord> keywords;
  std::vector<std::string> topics;  // topic names
  std::optional<int64_t> event;
};

class Pipeline final : public ItemSink {
 public:
  static Result<std::unique_ptr<Pipeline>> Create(Store& store, const Clock& clock, PipelineOptions options);
  // No store: for Analyze() only (Ingest fails with kFailedPrecondition).
  static Result<std::unique_ptr<Pipeline>> CreateOffline(const Clock& clock, PipelineOptions options,
                                                         std::vector<Topic> topics);
  ~Pipeline() override;

  Result<IngestResult> Ingest(const std::vector<RawItem>& batch) override;
  // One analysis run over all of `items` (at most two chunks ahead of the
  // writing, so memory stays bounded); each chunk is its own transaction,
  // with per-item errors numbered from the start of `items`.
  Status IngestChunks(const std::vector<RawItem>& items, size_t chunk, const ChunkDone& after_chunk) override;
  Result<std::vector<AnalyzedItem>> Analyze(const std::vector<AnalyzeInput>& batch);

  // Recompiles the active topics from the store (after a 方案 changed).
  Status ReloadTopics();

  // Several processes on one PostgreSQL (pipeline_sync.cc, monitor/inbox.h):
  // the batch is analysed first, with no lock (analysis is pure); then one
  // transaction takes the cluster-wide ingest lock, catches the in-memory
  // indexes up with the stories and events other processes stored since
  // this one last saw the store (incrementally, by id), decides duplicates
  // and events, writes, and runs `in_lock` (a worker deletes its inbox rows
  // there) — so stored items and the inbox change together or not at all.
  // On SQLite (one process): Ingest with `in_lock` in its transaction.
  Result<IngestResult> IngestShared(const std::vector<RawItem>& batch,
                                    const std::function<Status(Database&)>& in_lock = nullptr);

  // Search, detail, corrections, retention, dashboard. Null offline.
  const ItemStore* items() const { return items_.get(); }
  const TextTools& tools() const { return *tools_; }

  struct Stats {
    size_t index_stories = 0;
    size_t index_bytes = 0;
    size_t open_events = 0;
    size_t event_candidates = 0;
  };
  Stats stats() const;

  struct State;  // the in-memory indexes (pipeline.cc)

 private:
  Pipeline(Store* store, const Clock& clock, PipelineOptions options, std::shared_ptr<const TextTools> tools);
  Status Restore(Database& db);
  // The steps IngestShared adds around the write (pipeline_sync.cc), run in
  // the write's transaction.
  struct SharedHooks {
    bool analyse_first = false;  // analysis completes before the transaction
    std::function<Status(Database&)> before_write;
    std::function<Status(Database&)> after_write;
  };
  class AnalysisRun;  // analysis threads of one Ingest/IngestChunks (pipeline.cc)
  // Ingest's body.
  Result<IngestResult> IngestBatch(const std::vector<RawItem>& batch, const SharedHooks* shared);
  // IngestChunks' body; IngestBatch is one chunk of it.
  Status Stream(const std::vector<RawItem>& items, size_t chunk, const SharedHooks* shared,
                const ChunkDone& after_chunk);
  // One chunk's transaction: valid items [from, to) of the analysis run.
  Status WriteChunk(AnalysisRun& run, size_t from, size_t to, const SharedHooks* shared, IngestResult& result);
  // wait_for(n) returns once analyses[0, n) are ready.
  Status WriteBatch(Database& tx, std::span<const RawItem* const> items, std::span<ItemAnalysis> analyses,
                    const std::function<void(size_t)>& wait_for, IngestResult& result,
                    std::vector<PipelineNotice>& notices);

  Store* store_;
  const Clock& clock_;
  PipelineOptions options_;
  std::shared_ptr<const TextTools> tools_;
  std::shared_ptr<const TextIndex> index_;
  std::unique_ptr<ItemStore> items_;

  mutable std::mutex topics_mu_;
  std::shared_ptr<const CompiledTopics> topics_;
  std::vector<Topic> topic_list_;  // offline: names for Analyze output

  mutable std::mutex mu_;  // serializes the write step and guards state_
  std::unique_ptr<State> state_;
  int64_t last_retention_ = 0;

  // pipeline_sync.cc; CatchUp* run with mu_ held, in the lock's transaction.
  Status SyncTopics(Database& db);
  Status CatchUp(Database& tx);
  Status CatchUpStories(Database& tx, std::vector<int64_t>& touched_events);
  Status CatchUpEvents(Database& tx, const std::vector<int64_t>& touched_events);
  std::mutex shared_mu_;           // one IngestShared per process at a time
  int64_t synced_max_item_ = -1;   // guarded by shared_mu_; -1 = rebuild memory
  int64_t synced_max_event_ = -1;  // guarded by shared_mu_
  std::mutex topics_sync_mu_;
  std::string synced_topics_;  // guarded by topics_sync_mu_
};

}  // namespace minyi
