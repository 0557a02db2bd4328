// Internal to src/server: a background job run on its own thread every
// interval — case reminders, the duty schedule, rota paging, held alerts —
// until the object is destroyed, which wakes the thread and joins it, so a
// stopping server never waits out an interval.
//
// Thread safety: `run` is only ever called from the task's thread, one call
// at a time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace minyi {

class PeriodicTask {
 public:
  enum class First { kAtOnce, kAfterInterval };

  PeriodicTask(std::chrono::milliseconds interval, First first, std::function<void()> run)
      : interval_(interval), run_(std::move(run)), thread_([this, first] { Loop(first); }) {}

  ~PeriodicTask() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void Loop(First first) {
    std::unique_lock lock(mu_);
    if (first == First::kAfterInterval && Wait(lock)) return;
    while (!stopping_) {
      lock.unlock();
      run_();
      lock.lock();
      if (Wait(lock)) return;
    }
  }
  // True when stopping.
  bool Wait(std::unique_lock<std::mutex>& lock) {
    return cv_.wait_for(lock, interval_, [this] { return stopping_; });
  }

  std::chrono::milliseconds interval_;
  std::function<void()> run_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the rest is built
};

}  // namespace minyi
