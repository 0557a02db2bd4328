// `minyi monitor` commands (placeholder until the subsystem lands).
#include "cli/commands.h"

namespace minyi {

void RegisterMonitorCommands(CLI::App&, CliContext&) {}

}  // namespace minyi
