#include "monitor/worker.h"

#include <unistd.h>

#include <chrono>
#include <thread>

namespace minyi {
namespace {

SqlValue I64(int64_t v) { return SqlValue(static_cast<long long>(v)); }

}  // namespace

std::string DefaultWorkerName() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "localhost") + ":" + std::to_string(getpid());
}

Worker::Worker(Store& store, const Clock& clock, Pipeline& pipeline, WorkerOptions options)
    : store_(store), clock_(clock), pipeline_(pipeline), options_(std::move(options)) {
  if (options_.name.empty()) options_.name = DefaultWorkerName();
  if (options_.batch_items == 0) options_.batch_items = 1;
}

Status Worker::Heartbeat() {
  int64_t now = clock_.Now();
  if (!registered_) {
    MINYI_RETURN_IF_ERROR(store_.db()
                              .Execute("INSERT INTO monitor_workers(name, started_at, heartbeat_at) VALUES (?, ?, ?)"
                                       " ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at,"
                                       " heartbeat_at = excluded.heartbeat_at",
                                       {SqlValue(options_.name), I64(now), I64(now)})
                              .status());
    registered_ = true;
    return Status::Ok();
  }
  return store_.db()
      .Execute("UPDATE monitor_workers SET heartbeat_at = ? WHERE name = ?", {I64(now), SqlValue(options_.name)})
      .status();
}

Result<WorkerStep> Worker::RunOnce() {
  Inbox inbox(store_.db(), clock_);
  MINYI_ASSIGN_OR_RETURN(std::vector<InboxEntry> claimed, inbox.Claim(options_.name, options_.batch_items,
                                                                      options_.lease_seconds, options_.max_attempts));
  WorkerStep step;
  step.claimed = claimed.size();
  if (claimed.empty()) return step;
  std::vector<RawItem> items;
  std::vector<int64_t> ids;
  items.reserve(claimed.size());
  ids.reserve(claimed.size());
  for (InboxEntry& e : claimed) {
    ids.push_back(e.id);
    items.push_back(std::move(e.item));
  }
  auto done = pipeline_.IngestShared(items, [&](Database& tx) -> Status {
    if (options_.hold_before_complete_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(options_.hold_before_complete_ms));
    }
    MINYI_RETURN_IF_ERROR(Inbox::Complete(tx, options_.name, ids).status());
    return tx
        .Execute(
            "UPDATE monitor_workers SET batches = batches + 1, items = items + ?, heartbeat_at = ?"
            " WHERE name = ?",
            {I64(static_cast<int64_t>(ids.size())), I64(clock_.Now()), SqlValue(options_.name)})
        .status();
  });
  if (!done.ok()) {
    (void)inbox.Release(options_.name, ids, done.status().message());
    return done.status().WithContext("处理进程 " + options_.name + " 处理一批信息失败，已退回队列");
  }
  step.result = std::move(*done);
  return step;
}

}  // namespace minyi
