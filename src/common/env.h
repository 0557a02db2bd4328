// Clock and FileSystem: the two pieces of the outside world that tests swap.
//
// Contract: production code takes time and file access only through these
// interfaces (passed in a context/options struct, never a global), so a test
// can freeze time or inject a failing filesystem. SystemClock and
// LocalFileSystem are thread-safe; ManualClock is thread-safe too.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace minyi {

// Seconds since the Unix epoch, UTC. All stored times use this unit.
using UnixSeconds = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
  // Monotonic nanoseconds for measuring durations (latency metrics).
  virtual int64_t MonotonicNanos() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
  int64_t MonotonicNanos() const override;
};

// A clock that moves only when told to; for tests of deadlines and expiry.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UnixSeconds start) : now_(start) {}
  UnixSeconds Now() const override { return now_.load(); }
  int64_t MonotonicNanos() const override { return now_.load() * 1'000'000'000LL; }
  void Set(UnixSeconds t) { now_.store(t); }
  void Advance(int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<UnixSeconds> now_;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Reads a whole file; refuses files larger than max_bytes with
  // kResourceExhausted so an oversized upload never reaches memory.
  virtual Result<std::string> ReadFile(const std::string& path, size_t max_bytes) const = 0;
  // Writes atomically: to a temporary file beside the target, fsync, rename.
  virtual Status WriteFileAtomic(const std::string& path, std::string_view data) = 0;
  virtual bool Exists(const std::string& path) const = 0;
  virtual Status CreateDirectories(const std::string& path) = 0;
  virtual Status Remove(const std::string& path) = 0;
  virtual Result<std::vector<std::string>> ListDirectory(const std::string& path) const = 0;
};

class LocalFileSystem final : public FileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path, size_t max_bytes) const override;
  Status WriteFileAtomic(const std::string& path, std::string_view data) override;
  bool Exists(const std::string& path) const override;
  Status CreateDirectories(const std::string& path) override;
  Status Remove(const std::string& path) override;
  Result<std::vector<std::string>> ListDirectory(const std::string& path) const override;
};

// Formats UTC seconds as "2026-11-23T09:25:18Z".
std::string FormatIsoUtc(UnixSeconds t);
// Parses "2026-11-23T09:25:18Z", "2026-11-23 09:25:18" (taken as UTC) or
// "2026-11-23" (midnight UTC).
Result<UnixSeconds> ParseIsoUtc(std::string_view text);

}  // namespace minyi
