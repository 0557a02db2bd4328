// Pipeline::IngestShared: several processes ingesting into one PostgreSQL.
//
// Why a second connection holds the lock: Ingest() writes in its own
// transaction, and its id allocation (MAX(id) + 1), SimHash index and event
// clusterer assume one writer. A transaction-level advisory lock taken on
// another connection *before* Ingest() starts makes every writer in the
// cluster take turns; PostgreSQL's READ COMMITTED lets the Ingest
// transaction, started after the lock was granted, see everything the
// previous holder committed. The in-memory state is then rebuilt when the
// store moved since this process last wrote (another process stored items),
// so near-duplicates and events are decided against the whole cluster.
#include <string>

#include "monitor/pipeline.h"

namespace minyi {
namespace {

// "minyi" in ASCII, then 1: the ingest lock (migrations use their own key).
constexpr int64_t kIngestLockKey = 0x6d696e796901;

}  // namespace

Status Pipeline::CatchUp(Database& tx) {
  MINYI_ASSIGN_OR_RETURN(int64_t max_item, tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM monitor_items"));
  MINYI_ASSIGN_OR_RETURN(Rows t, tx.Query("SELECT COUNT(*) AS n, COALESCE(MAX(updated_at), 0) AS at"
                                          " FROM monitor_topics"));
  std::string topics = std::to_string(t.Int(0, "n")) + ":" + std::to_string(t.Int(0, "at"));
  if (topics != synced_topics_) {
    MINYI_RETURN_IF_ERROR(ReloadTopics());
    synced_topics_ = topics;
  }
  if (max_item == synced_max_item_) return Status::Ok();
  std::lock_guard lock(mu_);
  MINYI_RETURN_IF_ERROR(Restore());
  synced_max_item_ = max_item;
  return Status::Ok();
}

Result<IngestResult> Pipeline::IngestShared(const std::vector<RawItem>& batch,
                                            const std::function<Status(Database&)>& in_lock) {
  if (!store_) return FailedPrecondition("离线分析模式不能写入数据库");
  Database& db = store_->db();
  if (db.Dialect() != "postgresql") {
    MINYI_ASSIGN_OR_RETURN(IngestResult r, Ingest(batch));
    if (in_lock) MINYI_RETURN_IF_ERROR(db.InTransaction(in_lock));
    return r;
  }
  // Two connections per call (lock + Ingest): one call at a time per
  // process keeps a busy server from exhausting its pool while waiting.
  std::lock_guard guard(shared_mu_);
  IngestResult result;
  Status st = db.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))",
                                     {SqlValue(static_cast<long long>(kIngestLockKey))})
                              .status());
    MINYI_RETURN_IF_ERROR(CatchUp(tx));
    MINYI_ASSIGN_OR_RETURN(result, Ingest(batch));
    // What memory now reflects: only lock holders write items.
    MINYI_ASSIGN_OR_RETURN(synced_max_item_, tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM monitor_items"));
    return in_lock ? in_lock(tx) : Status::Ok();
  });
  if (!st.ok()) {
    synced_max_item_ = -1;  // unsure what memory holds: rebuild next time
    return st;
  }
  return result;
}

}  // namespace minyi
