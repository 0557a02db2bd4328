// Predict(text, tokens) — the monitor passes the Segmenter::Cut it already
// has — must agree with Predict(text), and must survive tokens that do not
// belong to the text.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/resources.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace minyi {
namespace {

struct Fixture {
  std::shared_ptr<const Segmenter> segmenter;
  std::unique_ptr<SentimentModel> model;
};

const Fixture& Shared() {
  static const Fixture* f = [] {
    auto seg = Segmenter::Load(ResourceDir());
    if (!seg.ok()) {
      ADD_FAILURE() << seg.status().ToString();
      std::abort();
    }
    auto* out = new Fixture;
    out->segmenter = std::make_shared<const Segmenter>(std::move(*seg));
    auto m = SentimentModel::LoadDefault(out->segmenter);
    if (!m.ok()) {
      ADD_FAILURE() << m.status().ToString();
      std::abort();
    }
    out->model = std::make_unique<SentimentModel>(std::move(*m));
    return out;
  }();
  return *f;
}

std::vector<std::string> HeldOutTexts() {
  std::ifstream in(std::string(MINYI_SOURCE_DIR) + "/data/sentiment/corpus.tsv");
  std::vector<std::string> texts;
  size_t index = 0;
  for (std::string line; std::getline(in, line);) {
    size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos || line.rfind("label\t", 0) == 0) continue;
    if (index++ % 5 == 4) texts.push_back(line.substr(tab + 1));
  }
  return texts;
}

TEST(SentimentTokensTest, SameResultAsPredictOnHeldOutSplit) {
  const Fixture& f = Shared();
  ASSERT_TRUE(f.model->uses_words());
  std::vector<std::string> texts = HeldOutTexts();
  ASSERT_GT(texts.size(), 1000u);
  size_t differing = 0;
  for (const std::string& t : texts) {
    auto tokens = f.segmenter->Cut(t, true);
    ASSERT_TRUE(tokens.ok());
    SentimentResult a = f.model->Predict(t), b = f.model->Predict(t, *tokens);
    if (a.label != b.label || std::abs(a.score - b.score) > 1e-12) ++differing;
  }
  // Identical by construction: Predict(text) is the overload with its own Cut.
  EXPECT_EQ(differing, 0u);
}

TEST(SentimentTokensTest, PipelineStyleTextWithTitleLine) {
  const Fixture& f = Shared();
  std::string text = "标题：小区停水三天\n物业一句解释都没有，太让人失望了！ＡＢＣ　全角文字。";
  auto tokens = f.segmenter->Cut(text, true);
  ASSERT_TRUE(tokens.ok());
  SentimentResult a = f.model->Predict(text), b = f.model->Predict(text, *tokens);
  EXPECT_EQ(a.label, SentimentLabel::kNegative);
  EXPECT_EQ(a.label, b.label);
  EXPECT_DOUBLE_EQ(a.score, b.score);
}

TEST(SentimentTokensTest, ForeignOrBrokenTokensAreIgnoredSafely) {
  const Fixture& f = Shared();
  const std::string text = "服务很好，非常满意";
  std::vector<Token> garbage = {{5, 2, 0, 0}, {0, 100000, 0, 0}, {3, 4, 0, 0}, {1, 2, 0, 0}, {4, 4, 0, 0}};
  SentimentResult r = f.model->Predict(text, garbage);
  EXPECT_GE(r.score, -1.0);
  EXPECT_LE(r.score, 1.0);
  EXPECT_EQ(f.model->Predict(text, {}).label, SentimentLabel::kPositive);  // chars and lexicon still count
  auto other = f.segmenter->Cut("一段完全不同而且更长的文字，用来检查越界的偏移不会被读取", true);
  ASSERT_TRUE(other.ok());
  r = f.model->Predict("", *other);
  EXPECT_NEAR(r.probs[0] + r.probs[1] + r.probs[2], 1.0, 1e-9);
}

TEST(SentimentTokensTest, OverlongTextWithTokensOfTheWholeText) {
  const Fixture& f = Shared();
  std::string text;
  while (text.size() <= SentimentModel::kMaxTextBytes + 100) text += "办事效率很高，工作人员热情周到。";
  auto tokens = f.segmenter->Cut(text, true);
  ASSERT_TRUE(tokens.ok());
  SentimentResult a = f.model->Predict(text), b = f.model->Predict(text, *tokens);
  EXPECT_EQ(a.label, SentimentLabel::kPositive);
  EXPECT_EQ(a.label, b.label);
  EXPECT_NEAR(a.score, b.score, 1e-3);
}

}  // namespace
}  // namespace minyi
