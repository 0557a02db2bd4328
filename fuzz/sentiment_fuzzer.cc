// Fuzzes the sentiment parsers of untrusted input: model files (--model),
// labelled training TSV (sentiment train --in), the lexicon format, and
// Predict() on arbitrary bytes with a tiny character-only model.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/sentiment.h"

namespace {

const minyi::SentimentModel& TinyModel() {
  static const minyi::SentimentModel* model = [] {
    auto lex = minyi::SentimentLexicon::Parse(
        "[positive]\n好\t1\n[negative]\n差\t1\n[negation]\n不\n[degree]\n很\t1.5\n"
        "[contrast]\n但是\n[rhetorical]\n难道\n");
    auto ex = minyi::ParseLabelledTsv("pos\t很好\nneg\t很差\nneu\t开会\n");
    minyi::SentimentTrainOptions o;
    o.hash_bits = 10;
    o.epochs = 2;
    auto m = minyi::SentimentModel::Train(*ex, *lex, o);
    return new minyi::SentimentModel(std::move(*m));
  }();
  return *model;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)minyi::SentimentModel::Deserialize(in);
  (void)minyi::ParseLabelledTsv(in);
  (void)minyi::SentimentLexicon::Parse(in);
  auto r = TinyModel().Predict(in);
  if (r.score < -1.0 || r.score > 1.0) __builtin_trap();
  return 0;
}
