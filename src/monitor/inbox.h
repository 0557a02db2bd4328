// Several minyi processes on one PostgreSQL database: the inbox between the
// web servers (sources, push API, imports) and `minyi worker` processes.
//
// Contract:
//  - The cluster-wide ingest mode lives in the database (monitor_cluster), so
//    every web server agrees on it: "server" (default; each web server
//    ingests itself, serialized across processes by Pipeline::IngestShared)
//    or "workers" (web servers only queue into the inbox; workers ingest).
//    On SQLite the mode is always "server" and nothing here changes how the
//    single process ingests.
//  - Queueing is idempotent: an inbox row is unique by the pipeline's
//    re-delivery key (DedupKey), so a source re-delivering after a crash is
//    queued once; items already stored are skipped again by the pipeline.
//  - A worker claims rows under a lease (claimed_by, lease_until) with
//    SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, so two workers never
//    hold the same row; a killed worker's rows become claimable when the
//    lease runs out. Rows are deleted in the transaction that holds the
//    ingest lock, after the items are stored; a crash in between only
//    replays the batch, which the pipeline's unique keys make a no-op.
//  - A row that failed max_attempts claims is kept with status "failed" and
//    its error, never silently dropped.
//
// Thread safety: Inbox holds references only and is as thread-safe as
// Database. The router returned by MakeIngestRouter is thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/env.h"
#include "monitor/item.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

enum class IngestMode { kServer, kWorkers };

Result<IngestMode> LoadIngestMode(Database& db);
// Switches the mode (audited). Refused on SQLite, which has one process.
Status SetIngestMode(Database& db, const Clock& clock, const Actor& actor, IngestMode mode);

struct InboxEntry {
  int64_t id = 0;
  int64_t attempts = 0;  // including this claim
  RawItem item;
};

struct InboxStats {
  int64_t queued = 0;  // waiting or leased
  int64_t leased = 0;  // claimed by a worker whose lease has not run out
  int64_t failed = 0;
};

class Inbox {
 public:
  Inbox(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Queues items in one transaction with one audit row: accepted = newly
  // queued, skipped = already waiting in the inbox.
  Result<IngestResult> Enqueue(const std::vector<RawItem>& items);
  // Claims up to `max` queued rows whose lease ran out, for lease_seconds,
  // oldest first. Rows claimed max_attempts times before are marked failed.
  Result<std::vector<InboxEntry>> Claim(const std::string& worker, size_t max, int64_t lease_seconds,
                                        int64_t max_attempts = 5);
  // Deletes processed rows still leased by `worker`; runs inside `tx`, the
  // transaction that holds the ingest lock. Returns the rows deleted.
  static Result<int64_t> Complete(Database& tx, const std::string& worker, const std::vector<int64_t>& ids);
  // Gives rows back after a failed batch, keeping the error for staff.
  Status Release(const std::string& worker, const std::vector<int64_t>& ids, const std::string& error);
  Result<InboxStats> Stats();

 private:
  Database& db_;
  const Clock& clock_;
};

// The sink a web server's sources deliver to: on SQLite the pipeline itself;
// on PostgreSQL the inbox in "workers" mode, else the pipeline under the
// cluster-wide ingest lock. `pipeline` must be a monitor Pipeline.
std::shared_ptr<ItemSink> MakeIngestRouter(Store& store, const Clock& clock, std::shared_ptr<ItemSink> pipeline);

}  // namespace minyi
