// `minyi assess ...` and `minyi briefing ...` (研判与报送) commands.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace minyi {

void RegisterAssessCommands(CLI::App&, CliContext&) {}

}  // namespace minyi
