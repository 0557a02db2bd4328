// Text-engine subcommands (segment, sentiment, keywords...). Filled in by the
// text engine (issue 3).
#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace minyi {

void RegisterTextCommands(CLI::App& app, CliContext& ctx) { (void)app; (void)ctx; }

}  // namespace minyi
