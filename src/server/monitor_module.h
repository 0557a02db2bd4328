// Internal to src/server: the monitor's long-lived state, shared by
// routes_monitor.cc (pipeline, search, events, topics) and
// routes_monitor_sources.cc (sources, imports, push API).
#pragma once

#include <memory>

#include "monitor/item.h"

namespace minyi {

class SourceRunner;  // monitor/sources.h: schedules and runs the sources

struct MonitorModule {
  std::shared_ptr<ItemSink> pipeline;     // where sources deliver items
  std::shared_ptr<SourceRunner> sources;  // null until started
};

}  // namespace minyi
