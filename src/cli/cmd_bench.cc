// `minyi bench` commands (placeholder until the subsystem lands).
#include "cli/commands.h"

namespace minyi {

void RegisterBenchCommands(CLI::App&, CliContext&) {}

}  // namespace minyi
