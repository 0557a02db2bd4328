#include "monitor/inbox.h"

#include <algorithm>

#include "monitor/analysis.h"
#include "monitor/pipeline.h"

namespace minyi {
namespace {

constexpr size_t kInsertRows = 200;  // 12 parameters each: well under SQLite's limit

SqlValue I64(int64_t v) { return SqlValue(static_cast<long long>(v)); }

bool IsPostgres(Database& db) { return db.Dialect() == "postgresql"; }

std::string ModeName(IngestMode m) { return m == IngestMode::kWorkers ? "workers" : "server"; }

std::string IdList(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

class IngestRouter final : public ItemSink {
 public:
  IngestRouter(Store& store, const Clock& clock, std::shared_ptr<ItemSink> sink)
      : store_(store), clock_(clock), sink_(std::move(sink)), pipeline_(dynamic_cast<Pipeline*>(sink_.get())) {}

  Result<IngestResult> Ingest(const std::vector<RawItem>& batch) override {
    Database& db = store_.db();
    if (!IsPostgres(db) || pipeline_ == nullptr) return sink_->Ingest(batch);
    MINYI_ASSIGN_OR_RETURN(IngestMode mode, LoadIngestMode(db));
    if (mode == IngestMode::kWorkers) return Inbox(db, clock_).Enqueue(batch);
    return pipeline_->IngestShared(batch);
  }
  // One process on SQLite: the pipeline streams the chunks, analysing ahead.
  // On PostgreSQL every chunk goes wherever Ingest sends it.
  Status IngestChunks(const std::vector<RawItem>& items, size_t chunk, const ChunkDone& after_chunk) override {
    if (!IsPostgres(store_.db()) || pipeline_ == nullptr) return sink_->IngestChunks(items, chunk, after_chunk);
    return ItemSink::IngestChunks(items, chunk, after_chunk);
  }

 private:
  Store& store_;
  const Clock& clock_;
  std::shared_ptr<ItemSink> sink_;
  Pipeline* pipeline_;
};

}  // namespace

Result<IngestMode> LoadIngestMode(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT ingest_mode FROM monitor_cluster WHERE id = 1"));
  return !r.empty() && r.Text(0, "ingest_mode") == "workers" ? IngestMode::kWorkers : IngestMode::kServer;
}

Status SetIngestMode(Database& db, const Clock& clock, const Actor& actor, IngestMode mode) {
  if (mode == IngestMode::kWorkers && !IsPostgres(db)) {
    return FailedPrecondition("独立处理进程模式需要 PostgreSQL 数据库；SQLite 数据目录由 minyi serve 自行处理信息");
  }
  return db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(IngestMode before, LoadIngestMode(tx));
    if (before == mode) return Status::Ok();
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE monitor_cluster SET ingest_mode = ?, updated_at = ? WHERE id = 1",
                                     {ModeName(mode), I64(clock.Now())})
                              .status());
    return AppendAudit(tx, clock, actor,
                       {"update", "monitor_ingest_mode", "1", "{\"mode\":\"" + ModeName(before) + "\"}",
                        "{\"mode\":\"" + ModeName(mode) + "\"}"});
  });
}

Result<IngestResult> Inbox::Enqueue(const std::vector<RawItem>& items) {
  IngestResult result;
  int64_t now = clock_.Now();
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    result = IngestResult{};
    for (size_t start = 0; start < items.size(); start += kInsertRows) {
      size_t end = std::min(items.size(), start + kInsertRows);
      std::string sql =
          "INSERT INTO monitor_inbox(dedup_key, source_id, external_id, outlet, site, kind, url, title, body,"
          " published_at, fetched_at, queued_at) VALUES ";
      SqlParams params;
      params.reserve((end - start) * 12);
      for (size_t i = start; i < end; ++i) {
        const RawItem& r = items[i];
        sql += i > start ? ",(?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?)";
        params.insert(params.end(),
                      {SqlValue(DedupKey(r)), I64(r.source_id), SqlValue(r.external_id), SqlValue(r.outlet),
                       SqlValue(r.site), SqlValue(r.kind), SqlValue(r.url), SqlValue(r.title), SqlValue(r.text),
                       I64(r.published_at), I64(r.fetched_at), I64(now)});
      }
      MINYI_ASSIGN_OR_RETURN(int64_t added, tx.Execute(sql + " ON CONFLICT (dedup_key) DO NOTHING", params));
      result.accepted += added;
      result.skipped += static_cast<int64_t>(end - start) - added;
    }
    if (result.accepted == 0) return Status::Ok();
    return AppendAudit(tx, clock_, Actor{0, "系统"},
                       {"queue", "monitor_inbox", "", "null",
                        "{\"queued\":" + std::to_string(result.accepted) +
                            ",\"already_queued\":" + std::to_string(result.skipped) + "}"});
  });
  if (!st.ok()) return st.WithContext("信息未能放入待处理队列，请稍后重试");
  return result;
}

Result<std::vector<InboxEntry>> Inbox::Claim(const std::string& worker, size_t max, int64_t lease_seconds,
                                             int64_t max_attempts) {
  int64_t now = clock_.Now();
  // Rows that keep failing (or keep killing their worker) stop being retried
  // but stay visible with their error.
  MINYI_RETURN_IF_ERROR(db_.Execute("UPDATE monitor_inbox SET status = 'failed' WHERE status = 'queued'"
                                    " AND attempts >= CAST(? AS BIGINT) AND lease_until < CAST(? AS BIGINT)",
                                    {I64(max_attempts), I64(now)})
                            .status());
  std::string pick =
      "SELECT id FROM monitor_inbox WHERE status = 'queued' AND lease_until < CAST(? AS BIGINT)"
      " ORDER BY id LIMIT CAST(? AS BIGINT)";
  if (IsPostgres(db_)) pick += " FOR UPDATE SKIP LOCKED";  // SQLite has one writer anyway
  MINYI_ASSIGN_OR_RETURN(
      Rows r, db_.Query("UPDATE monitor_inbox SET claimed_by = ?, lease_until = CAST(? AS BIGINT),"
                        " attempts = attempts + 1 WHERE id IN (" +
                            pick +
                            ") RETURNING id, attempts, source_id, external_id, outlet, site, kind, url, title,"
                            " body, published_at, fetched_at",
                        {SqlValue(worker), I64(now + lease_seconds), I64(now), I64(static_cast<int64_t>(max))}));
  std::vector<InboxEntry> out(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    InboxEntry& e = out[i];
    e.id = r.Int(i, "id");
    e.attempts = r.Int(i, "attempts");
    e.item.source_id = r.Int(i, "source_id");
    e.item.external_id = r.Text(i, "external_id");
    e.item.outlet = r.Text(i, "outlet");
    e.item.site = r.Text(i, "site");
    e.item.kind = r.Text(i, "kind");
    e.item.url = r.Text(i, "url");
    e.item.title = r.Text(i, "title");
    e.item.text = r.Text(i, "body");
    e.item.published_at = r.Int(i, "published_at");
    e.item.fetched_at = r.Int(i, "fetched_at");
  }
  // Queue order, so stories come before their copies as they were pushed.
  std::sort(out.begin(), out.end(), [](const InboxEntry& a, const InboxEntry& b) { return a.id < b.id; });
  return out;
}

Result<int64_t> Inbox::Complete(Database& tx, const std::string& worker, const std::vector<int64_t>& ids) {
  if (ids.empty()) return int64_t{0};
  // Only rows this worker still holds: if its lease ran out and another
  // worker re-claimed them, that worker completes them (its replay is a no-op).
  return tx.Execute("DELETE FROM monitor_inbox WHERE claimed_by = ? AND id IN (" + IdList(ids) + ")",
                    {SqlValue(worker)});
}

Status Inbox::Release(const std::string& worker, const std::vector<int64_t>& ids, const std::string& error) {
  if (ids.empty()) return Status::Ok();
  return db_
      .Execute("UPDATE monitor_inbox SET lease_until = 0, last_error = ? WHERE claimed_by = ? AND id IN (" +
                   IdList(ids) + ")",
               {SqlValue(error.substr(0, 1000)), SqlValue(worker)})
      .status();
}

Result<InboxStats> Inbox::Stats() {
  MINYI_ASSIGN_OR_RETURN(
      Rows r, db_.Query("SELECT"
                        " CAST(COALESCE(SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END), 0) AS BIGINT) AS queued,"
                        " CAST(COALESCE(SUM(CASE WHEN status = 'queued' AND lease_until >= CAST(? AS BIGINT)"
                        " THEN 1 ELSE 0 END), 0) AS BIGINT) AS leased,"
                        " CAST(COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS BIGINT) AS failed"
                        " FROM monitor_inbox",
                        {I64(clock_.Now())}));
  InboxStats s;
  s.queued = r.Int(0, "queued");
  s.leased = r.Int(0, "leased");
  s.failed = r.Int(0, "failed");
  return s;
}

std::shared_ptr<ItemSink> MakeIngestRouter(Store& store, const Clock& clock, std::shared_ptr<ItemSink> pipeline) {
  return std::make_shared<IngestRouter>(store, clock, std::move(pipeline));
}

}  // namespace minyi
