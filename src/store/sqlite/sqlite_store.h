// SQLite adapter of the store (internal to src/store).
//
// Contract: the database lives at DIR/minyi.db in WAL mode with foreign keys
// on and a busy timeout; a small pool of connections serves concurrent
// callers; writes inside InTransaction use BEGIN IMMEDIATE so writers queue
// instead of failing with SQLITE_BUSY mid-transaction.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace minyi {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& dir, const StoreOptions& options);
Status RestoreSqliteBackup(const std::string& dir, const std::string& backup_file);

// Expands the portable migration macros for SQLite.
std::string ExpandSqliteMacros(std::string sql);

}  // namespace minyi
