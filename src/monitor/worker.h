// `minyi worker`: one ingest/analysis process among several on one
// PostgreSQL database (see monitor/inbox.h for the inbox and the modes).
//
// Contract: RunOnce claims one batch from the inbox under a lease, analyses
// it with no lock, then stores it through Pipeline::IngestShared (cluster-wide
// ingest lock, in-memory indexes caught up with the other workers first) and
// deletes the inbox rows in that same transaction, so items and inbox change
// together. A worker killed at any point loses nothing: unfinished
// rows are claimed again when the lease runs out, and a replay of items that
// were already stored is skipped by the pipeline's unique keys. A failed
// batch is given back with its error and retried (at most max_attempts).
//
// Thread safety: a Worker is used by one thread; run several processes (or
// several Workers with their own Store and Pipeline) for more.
#pragma once

#include <cstdint>
#include <string>

#include "common/env.h"
#include "monitor/inbox.h"
#include "monitor/pipeline.h"
#include "store/store.h"

namespace minyi {

struct WorkerOptions {
  std::string name;  // "" = host:pid; shown in monitor_workers and claims
  size_t batch_items = 500;
  int64_t lease_seconds = 120;  // longer than a batch takes; a dead worker's rows wait this long
  int64_t max_attempts = 5;
  // Tests only: sleep this long after the batch is stored and before its
  // inbox rows are deleted, so a test can kill the worker in that window.
  int hold_before_complete_ms = 0;
};

struct WorkerStep {
  size_t claimed = 0;  // 0: nothing claimable
  IngestResult result;
};

std::string DefaultWorkerName();

class Worker {
 public:
  Worker(Store& store, const Clock& clock, Pipeline& pipeline, WorkerOptions options);
  const std::string& name() const { return options_.name; }
  // Records that this worker is alive (monitor_workers.heartbeat_at).
  Status Heartbeat();
  Result<WorkerStep> RunOnce();

 private:
  Store& store_;
  const Clock& clock_;
  Pipeline& pipeline_;
  WorkerOptions options_;
  bool registered_ = false;
};

}  // namespace minyi
