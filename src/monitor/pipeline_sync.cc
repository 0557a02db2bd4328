// Pipeline::IngestShared: several processes ingesting into one PostgreSQL.
//
// Why the write step takes a cluster-wide lock: id allocation (MAX(id) + 1),
// the SimHash index and the event clusterer assume one writer. The batch's
// transaction first takes a transaction-level advisory lock, so writers in
// the cluster take turns; READ COMMITTED lets every later statement of that
// transaction see everything the previous holder committed. The analysis
// (~90 % of the CPU per item) runs before, with no lock, so K processes
// analyse in parallel and only decide-and-write in turn.
//
// Catch-up under the lock is incremental: the stories stored since the
// newest item id this process saw are added to its SimHash index and
// clusterer, stories of this process's memory that another one put into a
// new event stop being candidates, and the events they touched are re-read.
// A full rebuild (Restore) happens only at the first batch or after a failed
// one, when memory may hold what the store does not.
#include <string>

#include "monitor/pipeline.h"

namespace minyi {
namespace {

// "minyi" in ASCII, then 1: the ingest lock (migrations use their own key).
constexpr int64_t kIngestLockKey = 0x6d696e796901;

}  // namespace

Status Pipeline::SyncTopics(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows t, db.Query("SELECT COUNT(*) AS n, COALESCE(MAX(updated_at), 0) AS at"
                                          " FROM monitor_topics"));
  std::string topics = std::to_string(t.Int(0, "n")) + ":" + std::to_string(t.Int(0, "at"));
  std::lock_guard lock(topics_sync_mu_);
  if (topics == synced_topics_) return Status::Ok();
  MINYI_RETURN_IF_ERROR(ReloadTopics());
  synced_topics_ = topics;
  return Status::Ok();
}

Status Pipeline::CatchUp(Database& tx) {
  MINYI_ASSIGN_OR_RETURN(int64_t max_item, tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM monitor_items"));
  MINYI_ASSIGN_OR_RETURN(int64_t max_event, tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM monitor_events"));
  if (synced_max_item_ < 0 || synced_max_event_ < 0) {
    MINYI_RETURN_IF_ERROR(Restore(tx));
  } else if (max_item != synced_max_item_ || max_event != synced_max_event_) {
    std::vector<int64_t> touched;
    MINYI_RETURN_IF_ERROR(CatchUpStories(tx, touched));
    MINYI_RETURN_IF_ERROR(CatchUpEvents(tx, touched));
  }
  synced_max_item_ = max_item;
  synced_max_event_ = max_event;
  return Status::Ok();
}

Result<IngestResult> Pipeline::IngestShared(const std::vector<RawItem>& batch,
                                            const std::function<Status(Database&)>& in_lock) {
  if (!store_) return FailedPrecondition("离线分析模式不能写入数据库");
  Database& db = store_->db();
  SharedHooks hooks;
  hooks.after_write = in_lock;
  if (db.Dialect() != "postgresql") return IngestBatch(batch, &hooks);  // one writer: no lock, no catch-up
  // Before the analysis, so the batch is matched against current 方案.
  MINYI_RETURN_IF_ERROR(SyncTopics(db));
  std::lock_guard guard(shared_mu_);
  hooks.analyse_first = true;
  hooks.before_write = [&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))",
                                     {SqlValue(static_cast<long long>(kIngestLockKey))})
                              .status());
    return CatchUp(tx);
  };
  hooks.after_write = [&](Database& tx) -> Status {
    // What memory now reflects: only lock holders write items and events.
    MINYI_ASSIGN_OR_RETURN(synced_max_item_, tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM monitor_items"));
    MINYI_ASSIGN_OR_RETURN(synced_max_event_, tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM monitor_events"));
    return in_lock ? in_lock(tx) : Status::Ok();
  };
  auto result = IngestBatch(batch, &hooks);
  if (!result.ok()) {
    // IngestBatch rebuilt memory outside the lock: rebuild again under it.
    synced_max_item_ = -1;
    synced_max_event_ = -1;
  }
  return result;
}

}  // namespace minyi
