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

}  // namespace minyi::monitor_internal
