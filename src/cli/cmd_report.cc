// `minyi report` commands (placeholder until the subsystem lands).
#include "cli/commands.h"

namespace minyi {

void RegisterReportCommands(CLI::App&, CliContext&) {}

}  // namespace minyi
