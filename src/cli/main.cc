// The `minyi` binary: argument parsing and wiring only.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace minyi {

int PrintError(const Status& status) {
  std::cerr << "错误：" << status.message() << "\n";
  switch (status.code()) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
    case ErrorCode::kResourceExhausted:
    case ErrorCode::kIoError:
      return 2;
    default:
      return 1;
  }
}

}  // namespace minyi

int main(int argc, char** argv) {
  CLI::App app{"Minyi 民意：网络宣传与舆情工作平台"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "minyi 0.1.0");
  minyi::CliContext ctx;
  minyi::RegisterServerCommands(app, ctx);
  minyi::RegisterAdminCommands(app, ctx);
  minyi::RegisterTextCommands(app, ctx);
  minyi::RegisterSentimentCommands(app, ctx);
  minyi::RegisterReviewCommands(app, ctx);
  minyi::RegisterMonitorCommands(app, ctx);
  minyi::RegisterAnalyzeCommands(app, ctx);
  minyi::RegisterCaseCommands(app, ctx);
  minyi::RegisterReportCommands(app, ctx);
  minyi::RegisterAssessCommands(app, ctx);
  minyi::RegisterBenchCommands(app, ctx);
  minyi::RegisterMigrateCommands(app, ctx);
  minyi::RegisterWorkerCommands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return ctx.exit_code;
}
