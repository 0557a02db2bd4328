// Internal to src/server: the monitor's long-lived state, shared by
// routes_monitor.cc (pipeline, search, events, topics) and
// routes_monitor_sources.cc (sources, imports, push API).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "monitor/item.h"
#include "server/periodic.h"

namespace minyi {

class SourceRunner;  // monitor/sources.h: schedules and runs the sources
class Store;
class Clock;
struct PipelineNotice;  // monitor/pipeline.h

// The alert hook of the web server's pipeline (routes_monitor.cc), also for
// pipelines in `minyi worker` processes: decisions go to the notify outbox,
// which the web servers deliver.
std::function<void(const std::vector<PipelineNotice>&)> MonitorAlertHook(Store& store, const Clock& clock);

struct MonitorModule {
  std::shared_ptr<ItemSink> pipeline;          // the monitor Pipeline (search, events, settings)
  std::shared_ptr<ItemSink> ingest;            // where sources deliver items: monitor/inbox.h MakeIngestRouter
  std::shared_ptr<SourceRunner> sources;       // null until started
  std::unique_ptr<PeriodicTask> alert_ticker;  // AlertRunner::Tick; null when MINYI_ALERT_TICK_MS=off
};

}  // namespace minyi
