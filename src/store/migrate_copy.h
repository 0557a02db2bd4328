// Moving an installation from SQLite to PostgreSQL (`minyi migrate`).
//
// Contract: CopyStore copies every table the two schemas share, parents
// before children (foreign keys as PostgreSQL enforces them), in batches of
// multi-row INSERTs — all inside ONE transaction on the target, so a failure
// leaves the target as it was and the copy can simply be retried. Inside that
// transaction it then resets every identity sequence past the copied ids,
// compares the row count of each table with the source and verifies the
// audit hash chain on the target; any difference rolls everything back. On
// success it appends one "migrate" audit record (after the verified chain).
// The source is only read. Preconditions, each refused with a Chinese
// message: the source is SQLite, the target PostgreSQL, both at the same
// schema version, and the target holds no records (only what migrations
// seed). SQLite's own full-text tables are not copied; the target's text
// index is rebuilt by the caller (it needs the monitor's segmenter).
//
// Thread safety: none needed — one call at a time, no server may be running
// on the source (the caller holds its data-directory lock).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/env.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

struct TableCopy {
  std::string table;
  int64_t rows = 0;
};

struct CopyReport {
  std::vector<TableCopy> tables;  // in copy order
  int64_t total_rows = 0;
  int64_t audit_rows_verified = 0;
};

// Called after each batch: table, rows of that table copied so far, total.
using CopyProgress = std::function<void(const std::string&, int64_t, int64_t)>;

Result<CopyReport> CopyStore(Store& from, Store& to, const Clock& clock, const Actor& actor,
                             const CopyProgress& progress = nullptr);

}  // namespace minyi
