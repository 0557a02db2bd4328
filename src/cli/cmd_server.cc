#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace minyi {

void RegisterServerCommands(CLI::App& app, CliContext& ctx) { (void)app; (void)ctx; }
void RegisterAdminCommands(CLI::App& app, CliContext& ctx) { (void)app; (void)ctx; }

}  // namespace minyi
