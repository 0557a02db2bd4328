// Helpers for the report tests: a temporary store, record inserts for the
// subsystems' tables, and reading entries out of a generated zip (DOCX).
#pragma once

#include <memory>
#include <string>

#include "common/env.h"
#include "store/store.h"

namespace minyi::testing {

class TempStore {
 public:
  explicit TempStore(UnixSeconds now);
  ~TempStore();
  Database& db() { return store_->db(); }
  Store& store() { return *store_; }
  ManualClock& clock() { return clock_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
};

// Unix seconds of a China-time wall clock instant.
UnixSeconds ChinaTime(int y, int m, int d, int hh = 10, int mm = 0);

// The bytes of one entry of a zip archive, or "" when absent.
std::string ZipEntry(const std::string& zip, const std::string& name);

// Runs a program and returns its stdout ("" on failure).
std::string RunCapture(const std::string& command);

}  // namespace minyi::testing
