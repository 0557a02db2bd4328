// Internal to src/monitor: checkpoint and health storage used by the runner
// (not a public API). Health and checkpoint updates are operational state
// written on every run, so they are not audited; registry changes are.
//
// Thread safety: as Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "monitor/sources.h"
#include "store/store.h"

namespace minyi::monitor_internal {

// Day number in China Standard Time (UTC+8), used for "items today".
int64_t ChinaDay(UnixSeconds t);

// The key that identifies an item inside its source: external id, else URL,
// else a hash of title and text; long keys are hashed.
std::string ItemKey(const RawItem& item);

struct Checkpoint {
  std::string etag;
  std::string last_modified;
};
Result<Checkpoint> LoadCheckpoint(Database& db, int64_t source_id);

// For each key, whether the source has already delivered it.
Result<std::vector<bool>> SeenKeys(Database& db, int64_t source_id, const std::vector<std::string>& keys);

struct RunOutcome {
  std::vector<std::string> delivered_keys;  // accepted by the sink
  std::optional<Checkpoint> validators;     // new ETag/Last-Modified
  int64_t accepted = 0;
  UnixSeconds next_run_at = 0;
  std::string warning;  // kept as last_error when set
};
// Advances the checkpoint and health after the sink returned OK, in one
// transaction.
Status CommitRun(Database& db, const Clock& clock, int64_t source_id, const RunOutcome& outcome);
Status RecordFailure(Database& db, const Clock& clock, int64_t source_id, const std::string& message,
                     UnixSeconds next_run_at);

// Enabled rss/page sources whose next run is due at `now`.
Result<std::vector<int64_t>> DueSources(Database& db, UnixSeconds now);

// The fetch lease that lets several processes share one store without
// fetching a source twice: `owner` (one random id per runner) takes the
// lease until `until` when it is free, expired or already its own. With
// `only_if_due`, only while the source is still due at `now`, so a process
// that lost the race to another one that has since finished does not run it
// again. One conditional UPDATE, atomic on both backends; returns whether
// `owner` now holds the lease.
Result<bool> TakeLease(Database& db, int64_t source_id, const std::string& owner, UnixSeconds now, UnixSeconds until,
                       bool only_if_due);
// Frees the lease if `owner` still holds it.
Status ReleaseLease(Database& db, int64_t source_id, const std::string& owner);

}  // namespace minyi::monitor_internal
