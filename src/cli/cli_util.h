// Helpers shared by the subcommands: opening the store for a data
// directory, and the single-writer lock on a SQLite data directory.
#pragma once

#include <memory>
#include <string>

#include "common/env.h"
#include "store/store.h"

namespace minyi {

// Opens (creating and migrating when needed) the store at a --data value.
Result<std::unique_ptr<Store>> OpenStoreForCli(const std::string& data, const Clock& clock);

// An exclusive advisory lock on DIR/minyi.lock, held while a server runs so
// a restore cannot replace the database under it.
class DataDirLock {
 public:
  static Result<std::unique_ptr<DataDirLock>> Acquire(const std::string& dir);
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace minyi
