// Subcommand groups of the `minyi` binary. Each group lives in its own
// cmd_<group>.cc and registers its subcommands on the CLI11 app; main.cc only
// calls the Register functions below, in the order they appear in --help.
//
// Convention: a subcommand's callback stores its exit code in
// CliContext::exit_code (0 ok, 1 findings/failure, 2 bad input or unreadable
// file) and prints errors as "错误：<message>" on stderr via PrintError.
#pragma once

#include <string>

#include "common/status.h"

namespace CLI {
class App;
}

namespace minyi {

struct CliContext {
  int exit_code = 0;
};

// Prints "错误：..." to stderr and returns the exit code to use (2 for input
// problems, 1 otherwise).
int PrintError(const Status& status);

void RegisterServerCommands(CLI::App& app, CliContext& ctx);     // serve, demo
void RegisterAdminCommands(CLI::App& app, CliContext& ctx);      // user, backup, restore, audit
void RegisterTextCommands(CLI::App& app, CliContext& ctx);       // segment, sentiment, keywords, ...
void RegisterSentimentCommands(CLI::App& app, CliContext& ctx);  // sentiment, sentiment train
void RegisterReviewCommands(CLI::App& app, CliContext& ctx);     // extract, check
void RegisterMonitorCommands(CLI::App& app, CliContext& ctx);    // monitor ...
void RegisterAnalyzeCommands(CLI::App& app, CliContext& ctx);    // analyze, monitor-corrections
void RegisterCaseCommands(CLI::App& app, CliContext& ctx);       // cases ...
void RegisterReportCommands(CLI::App& app, CliContext& ctx);     // report
void RegisterAssessCommands(CLI::App& app, CliContext& ctx);     // assess, briefing
void RegisterBenchCommands(CLI::App& app, CliContext& ctx);      // bench text
void RegisterMigrateCommands(CLI::App& app, CliContext& ctx);    // migrate (SQLite → PostgreSQL)
void RegisterWorkerCommands(CLI::App& app, CliContext& ctx);     // worker (several processes, PostgreSQL)

}  // namespace minyi
