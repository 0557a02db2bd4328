// Build-time trainer for the shipped sentiment model.
//
//   minyi_train_sentiment <corpus.tsv> <lexicon_dir> <out.bin> [--resources DIR] [--all] [--chars-only]
//                         [--epochs N] [--l2 X] [--seed S] [--hash-bits B] [--ensemble K]   (defaults:
//                         SentimentTrainOptions)
//   minyi_train_sentiment --predict <model.bin> [--resources DIR]
//
// Only the training part of the corpus is used: every 5th example (index % 5
// == 4 over the example rows) is held out for evaluation, see
// data/sentiment/README.md; --all trains on everything. With --resources the
// jieba segmenter is loaded from DIR/dict and the model also uses word
// features. --predict prints "label<TAB>score" per stdin line like
// `minyi sentiment`, so bench/sentiment_eval.py can run without the full
// binary. Deterministic: same inputs, same bytes.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "common/env.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace {

int Fail(const minyi::Status& st) {
  std::cerr << "错误：" << st.message() << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> pos;
  std::string resources, predict;
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
