// Sentiment scoring of short Chinese texts (posts, complaints, news, replies).
//
// Contract:
// - SentimentModel is a multinomial logistic regression over hashed character
//   1–3-grams, word 1–2-grams (jieba-compatible Segmenter, when the model was
//   trained with one), lexicon-word features and a few dense lexicon scores. The
//   lexicon features model negation scope (不/没/并非 flip the next sentiment
//   word in the same clause), degree words (非常 ×1.8, 有点 ×0.6 …), contrast
//   (the clause after 但是/不过/然而 weighs more, the clause of 虽然 less) and
//   rhetorical questions (难道…吗, 怎么能…, which flip the clause's polarity).
// - Word features come from one Segmenter::Cut over the whole text (word
//   bigrams do not cross punctuation); Predict(text, tokens) takes that Cut
//   from the caller instead.
// - Predict() returns negative / neutral / positive (argmax) plus a score in
//   [-1, 1] = P(positive) − P(negative).
// - Training is deterministic: same examples + options → byte-identical model.
//   Example weights and NB scaling only change training (the scales are folded
//   into the stored weights), not the file format or the cost of Predict().
// - The model file is self-contained (weights + the lexicon it was trained
//   with), versioned and checked on load; a truncated or foreign file is
//   kCorruption, never undefined behaviour.
// - Untrusted input limits: texts are cut to kMaxTextBytes for scoring,
//   training files are refused above SentimentTrainOptions::max_file_bytes,
//   lines above kMaxTextBytes and more than max_examples rows.
//
// Thread safety: a loaded/trained SentimentModel is immutable; Predict() is
// const and may be called from many threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace minyi {

class Segmenter;
struct Token;

enum class SentimentLabel { kNegative = 0, kNeutral = 1, kPositive = 2 };

// "negative" / "neutral" / "positive".
std::string_view SentimentLabelName(SentimentLabel label);
// Accepts neg/neu/pos, negative/neutral/positive, -1/0/1 and the Chinese
// 负面/中性/正面 (case-insensitive for ASCII).
Result<SentimentLabel> ParseSentimentLabel(std::string_view text);

struct SentimentResult {
  SentimentLabel label = SentimentLabel::kNeutral;
  double score = 0.0;                          // P(pos) − P(neg), in [-1, 1]
  std::array<double, 3> probs{0.0, 1.0, 0.0};  // indexed by SentimentLabel
};

// Word lists that drive the rule features. Weights are positive magnitudes;
// degree multipliers are > 0 (below 1 softens, above 1 strengthens).
struct SentimentLexicon {
  std::unordered_map<std::string, double> positive;
  std::unordered_map<std::string, double> negative;
  std::unordered_map<std::string, double> degree;
  std::vector<std::string> negation;
  std::vector<std::string> contrast;    // 但是/不过/然而: the clause after weighs more
  std::vector<std::string> concession;  // 虽然/尽管: the clause itself weighs less
  std::vector<std::string> rhetorical;  // 难道/怎么能/凭什么: flips the clause
  // Longer words that merely start like a cue (不断, 不少, 不仅): matched so
  // that their first character is not read as a negation.
  std::vector<std::string> neutral;

  // Reads <dir>/positive.txt, negative.txt, negation.txt, degree.txt,
  // contrast.txt, concession.txt, rhetorical.txt, neutral.txt. Lines: "word"
  // or "word<TAB>weight"; '#' starts a comment. positive/negative/negation are
  // required, the others optional.
  static Result<SentimentLexicon> LoadDir(const std::string& dir);
  // Same format, all lists in one text with "[positive]" style headers; used
  // inside the model file.
  static Result<SentimentLexicon> Parse(std::string_view text);
  std::string Serialize() const;
};

struct SentimentExample {
  SentimentLabel label = SentimentLabel::kNeutral;
  std::string text;
  // Relative weight in training (> 0), e.g. to count templated rows less
  // than hand-written ones; ParseLabelledTsv sets 1.
  double weight = 1.0;
};

struct SentimentTrainOptions {
  int epochs = 12;
  double learning_rate = 0.2;  // AdaGrad base rate
  double l2 = 1e-6;            // per-update L2 on touched weights
  uint64_t seed = 20261123;    // shuffling; fixed for reproducible models
  int hash_bits = 18;          // hashed feature space = 2^hash_bits buckets
  int ensemble = 1;            // 1..16 runs with seeds seed, seed+1, ... averaged
  double dropout = 0.3;        // share of n-gram features dropped per update, 0..0.9
  // NBSVM-style scaling (Wang & Manning 2012) of hashed features by their
  // positive/negative log-count ratio, interpolated: 0 = off, 1 = full.
  double nb_scale = 0.0;
  size_t max_file_bytes = 64u << 20;
  size_t max_examples = 2'000'000;
};

// Parses "label<TAB>text" lines. Blank lines and lines starting with '#' are
// skipped; a first line "label<TAB>text" (header) is skipped. Any other bad
// line is kInvalidArgument naming the line number.
Result<std::vector<SentimentExample>> ParseLabelledTsv(std::string_view content,
                                                       const SentimentTrainOptions& options = {});

class SentimentModel {
 public:
  static constexpr size_t kMaxTextBytes = 64 * 1024;

  // Needs at least two distinct labels; fails with kInvalidArgument otherwise.
  // With a segmenter the model also uses word features and records that it
  // needs one; without, it is character-only.
  static Result<SentimentModel> Train(const std::vector<SentimentExample>& examples, const SentimentLexicon& lexicon,
                                      const SentimentTrainOptions& options = {},
                                      std::shared_ptr<const Segmenter> segmenter = nullptr);
  // A model that needs word features uses `segmenter`, or, when it is null,
  // loads the standard one from ResourceDir() (kNotFound/kCorruption if that
  // fails). Character-only models ignore it.
  static Result<SentimentModel> Deserialize(std::string_view bytes,
                                            std::shared_ptr<const Segmenter> segmenter = nullptr);
  static Result<SentimentModel> LoadFile(const std::string& path, std::shared_ptr<const Segmenter> segmenter = nullptr);
  // ResourceDir() + "/models/sentiment.bin".
  static Result<SentimentModel> LoadDefault(std::shared_ptr<const Segmenter> segmenter = nullptr);

  bool uses_words() const;

  std::string Serialize() const;
  Status SaveFile(const std::string& path) const;

  SentimentResult Predict(std::string_view text) const;
  // Same result as Predict(text) when `tokens` is Segmenter::Cut(text, true)
  // of the same text by an equal segmenter (the monitor has them already), so
  // the text is not segmented twice: Predict(text) itself is this overload
  // with its own Cut. Tokens that do not fit the text are ignored, never read
  // out of bounds. Character-only models ignore the tokens.
  SentimentResult Predict(std::string_view text, const std::vector<Token>& tokens) const;

  SentimentModel(SentimentModel&&) noexcept;
  SentimentModel& operator=(SentimentModel&&) noexcept;
  ~SentimentModel();

  struct Impl;

 private:
  explicit SentimentModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace minyi
