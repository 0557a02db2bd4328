// `minyi sentiment`: score one text per stdin line, or retrain a model from an
// organization's own labels (`minyi sentiment train`).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "common/env.h"
#include "common/resources.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace minyi {
namespace {

struct SentimentArgs {
  std::string model;
  std::string in;
  std::string out;
  std::string lexicon;
  int epochs = 0;
};

Status RunScore(const SentimentArgs& args) {
  auto model = args.model.empty() ? SentimentModel::LoadDefault() : SentimentModel::LoadFile(args.model);
  if (!model.ok()) return model.status();
  std::ios::sync_with_stdio(false);
  std::string line;
  char buf[32];
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    SentimentResult r = model->Predict(line);
    std::snprintf(buf, sizeof buf, "%.3f", r.score);
    std::cout << SentimentLabelName(r.label) << '\t' << buf << '\n';
  }
  std::cout.flush();
  return Status::Ok();
}

Status RunTrain(const SentimentArgs& args) {
  LocalFileSystem fs;
  SentimentTrainOptions options;
  if (args.epochs > 0) options.epochs = args.epochs;
  MINYI_ASSIGN_OR_RETURN(std::string text, fs.ReadFile(args.in, options.max_file_bytes));
  MINYI_ASSIGN_OR_RETURN(auto examples, ParseLabelledTsv(text, options));
  std::string lexicon_dir = args.lexicon.empty() ? ResourceDir() + "/data/sentiment/lexicon" : args.lexicon;
  MINYI_ASSIGN_OR_RETURN(auto lexicon, SentimentLexicon::LoadDir(lexicon_dir));
  // Word features when the jieba dictionary is installed, as for the shipped
  // model; a character-only model still works without it.
  std::shared_ptr<const Segmenter> segmenter;
  if (auto seg = Segmenter::Load(ResourceDir()); seg.ok()) {
    segmenter = std::make_shared<const Segmenter>(std::move(*seg));
  }
  MINYI_ASSIGN_OR_RETURN(auto model, SentimentModel::Train(examples, lexicon, options, segmenter));
  MINYI_RETURN_IF_ERROR(model.SaveFile(args.out));
  std::cerr << "已用 " << examples.size() << " 条样本训练情感模型，写入 " << args.out << "\n";
  return Status::Ok();
}

}  // namespace

void RegisterSentimentCommands(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<SentimentArgs>();
  CLI::App* cmd = app.add_subcommand("sentiment", "情感分析：每行一条文本（标准输入），输出“标签<TAB>分值”");
  cmd->add_option("--model", args->model, "使用指定的情感模型文件（默认使用内置模型）");
  CLI::App* train = cmd->add_subcommand("train", "用本单位标注数据（标签<TAB>文本）训练情感模型");
  train->add_option("--in", args->in, "标注文件（TSV，标签为 neg/neu/pos、negative/neutral/positive 或 -1/0/1）")
      ->required();
  train->add_option("--out", args->out, "输出模型文件")->required();
  train->add_option("--lexicon", args->lexicon, "情感词表目录（默认使用内置词表）");
  train->add_option("--epochs", args->epochs, "训练轮数");
  cmd->callback([cmd, train, args, &ctx] {
    Status st = cmd->got_subcommand(train) ? RunTrain(*args) : RunScore(*args);
    if (!st.ok()) ctx.exit_code = PrintError(st);
  });
}

}  // namespace minyi
