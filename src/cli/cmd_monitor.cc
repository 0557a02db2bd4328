// `minyi ingest`: runs the monitoring sources once, with progress on stderr.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "monitor/pipeline.h"
#include "monitor/sources.h"

namespace minyi {
namespace {

struct IngestFlags {
  std::string data = "minyi-data";
  std::string source;
};

void Progress(size_t done, size_t total, const std::string& name) {
  constexpr int kWidth = 30;
  int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] " << done << "/" << total
            << " " << name << "\033[K" << std::flush;
}

Status RunIngest(const IngestFlags& f) {
  SystemClock clock;
  // A running server holds the data directory and has the pipeline's
  // indexes in memory; it must do the fetching itself.
  auto lock = DataDirLock::Acquire(f.data);
  if (!lock.ok()) return FailedPrecondition("服务正在使用该数据目录，请在网页“信息源”中点“立即抓取”");
  MINYI_ASSIGN_OR_RETURN(auto store, OpenStoreForCli(f.data, clock));
  MINYI_ASSIGN_OR_RETURN(std::unique_ptr<Pipeline> pipeline, Pipeline::Create(*store, clock, PipelineOptions{}));
  SourceRunnerOptions options;
  options.background = false;
  MINYI_ASSIGN_OR_RETURN(auto runner, StartSourceRunner(*store, clock, *pipeline, options));
  std::vector<Source> todo;
  if (!f.source.empty()) {
    MINYI_ASSIGN_OR_RETURN(Source s, SourceRepo(store->db(), clock).FindByName(f.source));
    todo.push_back(s);
  } else {
    MINYI_ASSIGN_OR_RETURN(auto all, SourceRepo(store->db(), clock).List());
    for (const SourceWithHealth& s : all) {
      if (s.source.enabled && (s.source.kind == "rss" || s.source.kind == "page")) todo.push_back(s.source);
    }
  }
  if (todo.empty()) {
    std::cerr << "没有需要抓取的信息源（RSS 订阅或网页监测）\n";
    return Status::Ok();
  }
  int64_t accepted = 0;
  int failed = 0;
  std::vector<std::string> lines;
  for (size_t i = 0; i < todo.size(); ++i) {
    Progress(i, todo.size(), todo[i].name);
    auto r = runner->RunOnce(todo[i].id);
    if (r.ok()) {
      accepted += r->ingest.accepted;
      lines.push_back(todo[i].name + "：" + r->message);
    } else {
      ++failed;
      lines.push_back(todo[i].name + "：失败，" + r.status().message());
    }
  }
  Progress(todo.size(), todo.size(), "");
  std::cerr << "\n";
  for (const std::string& l : lines) std::cout << l << "\n";
  std::cout << "共 " << todo.size() << " 个信息源，新增 " << accepted << " 条";
  if (failed > 0) std::cout << "，" << failed << " 个失败";
  std::cout << "\n";
  runner->Stop();
  if (failed > 0) return Unavailable(std::to_string(failed) + " 个信息源抓取失败，详见上方");
  return Status::Ok();
}

}  // namespace

void RegisterMonitorCommands(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand("ingest", "立即抓取监测信息源一次（RSS 订阅、网页监测），显示进度");
  cmd->add_option("--data", flags->data, "数据目录")->capture_default_str();
  cmd->add_option("--source", flags->source, "只抓取这个信息源（名称）");
  cmd->callback([flags, &ctx] {
    Status st = RunIngest(*flags);
    if (!st.ok()) ctx.exit_code = PrintError(st);
  });
}

}  // namespace minyi
