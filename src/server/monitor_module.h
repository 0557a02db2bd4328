// Internal to src/server: the monitor's long-lived state, shared by
// routes_monitor.cc (pipeline, search, events, topics) and
// routes_monitor_sources.cc (sources, imports, push API).
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "monitor/item.h"

namespace minyi {

class SourceRunner;  // monitor/sources.h: schedules and runs the sources
class AlertRunner;   // monitor/alert_policy.h: the shared alert policy
class Store;
class Clock;
struct PipelineNotice;  // monitor/pipeline.h

// The alert hook of the web server's pipeline (routes_monitor.cc), also for
// pipelines in `minyi worker` processes: decisions go to the notify outbox,
// which the web servers deliver.
std::function<void(const std::vector<PipelineNotice>&)> MonitorAlertHook(Store& store, const Clock& clock);

// Calls AlertRunner::Tick every interval on its own thread until destroyed.
class AlertTicker {
 public:
  AlertTicker(std::shared_ptr<AlertRunner> alerts, int interval_ms);
  ~AlertTicker();
  AlertTicker(const AlertTicker&) = delete;
  AlertTicker& operator=(const AlertTicker&) = delete;

 private:
  void Loop();
  std::shared_ptr<AlertRunner> alerts_;
  int interval_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the rest is built
};

struct MonitorModule {
  std::shared_ptr<ItemSink> pipeline;         // the monitor Pipeline (search, events, settings)
  std::shared_ptr<ItemSink> ingest;           // where sources deliver items: monitor/inbox.h MakeIngestRouter
  std::shared_ptr<SourceRunner> sources;      // null until started
  std::unique_ptr<AlertTicker> alert_ticker;  // null when MINYI_ALERT_TICK_MS=off
};

}  // namespace minyi
