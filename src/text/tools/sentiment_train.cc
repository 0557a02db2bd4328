// Build-time trainer for the shipped sentiment model.
//
//   minyi_train_sentiment <corpus.tsv> <lexicon_dir> <out.bin> [--resources DIR] [--all] [--chars-only]
//                         [--epochs N] [--l2 X] [--lr X] [--seed S] [--hash-bits B] [--ensemble K]
//                         [--dropout P] [--nb-scale B] [--hand-dir DIR --hand-weight W]
//                         (defaults: SentimentTrainOptions; weight 1)
//   minyi_train_sentiment --predict <model.bin> [--resources DIR]
//
// Only the training part of the corpus is used: every 5th example (index % 5
// == 4 over the example rows) is held out for evaluation, see
// data/sentiment/README.md; --all trains on everything. With --resources the
// jieba segmenter is loaded from DIR/dict and the model also uses word
// features. --predict prints "label<TAB>score" per stdin line like
// `minyi sentiment`, so bench/sentiment_eval.py can run without the full
// binary. With --hand-dir, corpus rows whose text is one of the hand-written
// source texts (DIR/hand_*.txt) get weight W, the templated rest weight 1, so
// repeated template fragments do not dominate. Deterministic: same inputs,
// same bytes.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/env.h"
#include "common/strings.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace {

int Fail(const minyi::Status& st) {
  std::cerr << "错误：" << st.message() << "\n";
  return 2;
}

// Texts of the hand-written source files (data/sentiment/src/hand_*.txt, see
// generate_corpus.py): "hand_*_{neg,neu,pos}.txt" hold one text a line, the
// other hand_*.txt files "label<TAB>text" lines.
minyi::Result<std::unordered_set<std::string>> HandTexts(const std::string& dir) {
  std::unordered_set<std::string> texts;
  minyi::LocalFileSystem fs;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("hand_", 0) != 0 || entry.path().extension() != ".txt") continue;
    const std::string stem = entry.path().stem().string();
    const std::string tail = stem.substr(stem.rfind('_') + 1);
    const bool labelled = tail != "neg" && tail != "neu" && tail != "pos";
    MINYI_ASSIGN_OR_RETURN(std::string content, fs.ReadFile(entry.path().string(), 64u << 20));
    std::string_view rest = content;
    while (!rest.empty()) {
      std::string_view line = minyi::TakeLine(&rest);
      if (!line.empty() && line.front() == '#') continue;
      if (size_t tab = line.find('\t'); labelled) line = tab == std::string_view::npos ? "" : line.substr(tab + 1);
      line = minyi::TrimBlank(line);
      if (!line.empty()) texts.emplace(line);
    }
  }
  if (ec) return minyi::NotFound("无法读取目录 " + dir + "：" + ec.message());
  return texts;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> pos;
  std::string resources, predict, hand_dir;
  double hand_weight = 1.0;
  bool use_all = false, chars_only = false;
  minyi::SentimentTrainOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--resources" && i + 1 < argc)
      resources = argv[++i];
    else if (a == "--predict" && i + 1 < argc)
      predict = argv[++i];
    else if (a == "--epochs" && i + 1 < argc)
      options.epochs = std::atoi(argv[++i]);
    else if (a == "--l2" && i + 1 < argc)
      options.l2 = std::atof(argv[++i]);
    else if (a == "--seed" && i + 1 < argc)
      options.seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--ensemble" && i + 1 < argc)
      options.ensemble = std::atoi(argv[++i]);
    else if (a == "--hash-bits" && i + 1 < argc)
      options.hash_bits = std::atoi(argv[++i]);
    else if (a == "--dropout" && i + 1 < argc)
      options.dropout = std::atof(argv[++i]);
    else if (a == "--nb-scale" && i + 1 < argc)
      options.nb_scale = std::atof(argv[++i]);
    else if (a == "--lr" && i + 1 < argc)
      options.learning_rate = std::atof(argv[++i]);
    else if (a == "--hand-dir" && i + 1 < argc)
      hand_dir = argv[++i];
    else if (a == "--hand-weight" && i + 1 < argc)
      hand_weight = std::atof(argv[++i]);
    else if (a == "--all")
      use_all = true;
    else if (a == "--chars-only")
      chars_only = true;
    else
      pos.push_back(a);
  }
  std::shared_ptr<const minyi::Segmenter> segmenter;
  if (!resources.empty() && !chars_only) {
    auto seg = minyi::Segmenter::Load(resources);
    if (!seg.ok()) return Fail(seg.status());
    segmenter = std::make_shared<const minyi::Segmenter>(std::move(*seg));
  }
  if (!predict.empty()) {
    auto model = minyi::SentimentModel::LoadFile(predict, segmenter);
    if (!model.ok()) return Fail(model.status());
    std::string line;
    char buf[32];
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto r = model->Predict(line);
      std::snprintf(buf, sizeof buf, "%.3f", r.score);
      std::cout << minyi::SentimentLabelName(r.label) << '\t' << buf << '\n';
    }
    return 0;
  }
  if (pos.size() != 3) {
    std::cerr << "用法：minyi_train_sentiment <corpus.tsv> <lexicon_dir> <out.bin> [--resources DIR] [--all] "
                 "[--chars-only]\n";
    return 2;
  }
  minyi::LocalFileSystem fs;
  auto text = fs.ReadFile(pos[0], options.max_file_bytes);
  if (!text.ok()) return Fail(text.status());
  auto examples = minyi::ParseLabelledTsv(*text, options);
  if (!examples.ok()) return Fail(examples.status());
  std::vector<minyi::SentimentExample> train;
  for (size_t i = 0; i < examples->size(); ++i) {
    if (use_all || i % 5 != 4) train.push_back((*examples)[i]);
  }
  if (!hand_dir.empty()) {
    auto hand = HandTexts(hand_dir);
    if (!hand.ok()) return Fail(hand.status());
    for (auto& e : train) {
      if (hand->count(e.text)) e.weight = hand_weight;
    }
  }
  auto lexicon = minyi::SentimentLexicon::LoadDir(pos[1]);
  if (!lexicon.ok()) return Fail(lexicon.status());
  auto model = minyi::SentimentModel::Train(train, *lexicon, options, segmenter);
  if (!model.ok()) return Fail(model.status());
  auto st = model->SaveFile(pos[2]);
  if (!st.ok()) return Fail(st);
  std::cout << "sentiment model: " << train.size() << " training examples"
            << (segmenter ? " (chars + words)" : " (chars)") << " -> " << pos[2] << "\n";
  return 0;
}
