// `minyi cases` commands (placeholder until the subsystem lands).
#include "cli/commands.h"

namespace minyi {

void RegisterCaseCommands(CLI::App&, CliContext&) {}

}  // namespace minyi
