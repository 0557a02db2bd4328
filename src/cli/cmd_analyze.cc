// `minyi analyze`: the monitor pipeline offline, JSONL in, annotated JSONL
// out; and `minyi monitor-corrections`, the staff's sentiment corrections as
// a training file for `minyi sentiment train`.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "common/env.h"
#include "monitor/analyze_io.h"
#include "monitor/pipeline.h"

namespace minyi {
namespace {

constexpr size_t kBatch = 2000;

struct AnalyzeArgs {
  std::string in, out, topics;
  int threads = 0;
};

Status RunAnalyze(const AnalyzeArgs& args) {
  SystemClock clock;
  std::vector<Topic> topics;
  if (!args.topics.empty()) {
    LocalFileSystem fs;
    MINYI_ASSIGN_OR_RETURN(std::string text, fs.ReadFile(args.topics, 1u << 20));
    auto parsed = ParseTopicFile(text);
    if (!parsed.ok()) return parsed.status().WithContext(args.topics);
    topics = std::move(*parsed);
  }
  PipelineOptions options;
  options.analysis_threads = args.threads;
  MINYI_ASSIGN_OR_RETURN(auto pipeline, Pipeline::CreateOffline(clock, options, topics));
  std::ifstream in(args.in, std::ios::binary);
  if (!in) return NotFound("无法读取输入文件：" + args.in);
  // Written beside the target and renamed at the end, so a failed run
  // leaves no half-written output.
  std::string tmp = args.out + ".partial";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("无法写入输出文件：" + args.out);
  std::vector<AnalyzeInput> batch;
  size_t line_no = 0, items = 0;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    MINYI_ASSIGN_OR_RETURN(std::vector<AnalyzedItem> res, pipeline->Analyze(batch));
    for (size_t i = 0; i < batch.size(); ++i) out << FormatAnalyzedLine(batch[i], res[i]) << '\n';
    items += batch.size();
    batch.clear();
    return Status::Ok();
  };
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto parsed = ParseAnalyzeLine(line);
    if (!parsed.ok()) return parsed.status().WithContext(args.in + " 第 " + std::to_string(line_no) + " 行");
    batch.push_back(std::move(*parsed));
    if (batch.size() >= kBatch) MINYI_RETURN_IF_ERROR(flush());
  }
  MINYI_RETURN_IF_ERROR(flush());
  out.close();
  if (!out) return IoError("写入输出文件失败：" + args.out);
  if (std::rename(tmp.c_str(), args.out.c_str()) != 0) return IoError("无法写入输出文件：" + args.out);
  std::cerr << "已分析 " << items << " 条，写入 " << args.out << "\n";
  return Status::Ok();
}

Status RunCorrections(const std::string& data, const std::string& out_file) {
  SystemClock clock;
  MINYI_ASSIGN_OR_RETURN(auto store, OpenStoreForCli(data, clock));
  MINYI_ASSIGN_OR_RETURN(auto pipeline, Pipeline::Create(*store, clock, PipelineOptions{}));
  MINYI_ASSIGN_OR_RETURN(std::string tsv, pipeline->items()->ExportCorrectionsTsv());
  LocalFileSystem fs;
  MINYI_RETURN_IF_ERROR(fs.WriteFileAtomic(out_file, tsv));
  size_t rows = static_cast<size_t>(std::count(tsv.begin(), tsv.end(), '\n')) - 1;
  std::cerr << "已导出 " << rows << " 条情感更正到 " << out_file
            << "（与基础语料合并后可用 minyi sentiment train --in 训练）\n";
  return Status::Ok();
}

}  // namespace

void RegisterAnalyzeCommands(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand("analyze", "离线运行监测流水线：去重、方案、情感、关键词、事件（JSONL 输入输出）");
  cmd->add_option("--in", args->in, "输入 JSONL：每行 {id, source, url, title, text, published_at}")->required();
  cmd->add_option("--out", args->out, "输出 JSONL（增加 dup_of, simhash, sentiment, keywords, topics, event）")
      ->required();
  cmd->add_option("--topics", args->topics, "监测方案文件（[名称] 加 地域词/主体词/事件词/排除词 或 表达式 行）");
  cmd->add_option("--threads", args->threads, "分析线程数（默认每核一个）");
  cmd->callback([args, &ctx] {
    Status st = RunAnalyze(*args);
    if (!st.ok()) ctx.exit_code = PrintError(st);
  });

  auto data = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  CLI::App* corr =
      app.add_subcommand("monitor-corrections", "导出工作人员更正的情感标注（TSV，供 sentiment train 使用）");
  corr->add_option("--data", *data, "数据目录")->required();
  corr->add_option("--out", *out, "输出 TSV 文件")->required();
  corr->callback([data, out, &ctx] {
    Status st = RunCorrections(*data, *out);
    if (!st.ok()) ctx.exit_code = PrintError(st);
  });
}

}  // namespace minyi
