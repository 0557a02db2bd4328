// Internal to src/server: what each subsystem's demo seeder gets.
//
// SeedDemo() creates the organization, units and accounts, then calls every
// Seed<Name>Demo() below in data-flow order, each defined in demo_<name>.cc,
// so a newcomer finds sample records on every page. Seeders run once, on an
// empty store, inside no transaction of their own caller.
#pragma once

#include <map>
#include <string>

#include "common/env.h"
#include "common/status.h"
#include "store/store.h"

namespace minyi {

struct DemoContext {
  Store* store = nullptr;
  const Clock* clock = nullptr;
  std::map<std::string, int64_t> unit_ids;  // by unit name, e.g. "宣传科", "东关村"
  std::map<std::string, int64_t> user_ids;  // by account name, e.g. "editor", "leader"
};

Status SeedNotifyDemo(DemoContext& demo);
Status SeedMonitorDemo(DemoContext& demo);
Status SeedCasesDemo(DemoContext& demo);
Status SeedDutyDemo(DemoContext& demo);
Status SeedRotaDemo(DemoContext& demo);
Status SeedAssessDemo(DemoContext& demo);
Status SeedReviewDemo(DemoContext& demo);

}  // namespace minyi
