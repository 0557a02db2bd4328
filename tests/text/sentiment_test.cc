#include "text/sentiment.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace minyi {
namespace {

// The shipped model (built from data/sentiment by the build), loaded once.
const SentimentModel& Shipped() {
  static const SentimentModel* model = [] {
    auto m = SentimentModel::LoadDefault();
    if (!m.ok()) {
      ADD_FAILURE() << m.status().ToString();
      std::abort();
    }
    return new SentimentModel(std::move(*m));
  }();
  return *model;
}

SentimentLabel Label(std::string_view text) { return Shipped().Predict(text).label; }

std::string TempPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("minyi_sentiment_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

SentimentLexicon SourceLexicon() {
  auto lex = SentimentLexicon::LoadDir(std::string(MINYI_SOURCE_DIR) + "/data/sentiment/lexicon");
  EXPECT_TRUE(lex.ok()) << lex.status().ToString();
  return std::move(*lex);
}

TEST(SentimentTest, ClearExamples) {
  EXPECT_EQ(Label("工作人员非常耐心，一次就办好了，必须点赞！"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("小区停水三天了，物业一句解释都没有，太让人失望了。"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("本周六上午九时至十二时进行供水管网检修，届时停水，请居民提前储水。"), SentimentLabel::kNeutral);
  EXPECT_EQ(Label("请问办理居住证需要带哪些材料？"), SentimentLabel::kNeutral);
  EXPECT_EQ(Label("房间干净整洁，前台热情周到，下次还会再来。"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("手机用了两天就死机，客服态度恶劣，非常后悔。"), SentimentLabel::kNegative);
}

TEST(SentimentTest, ScoreRangeAndSign) {
  for (const char* t : {"非常满意", "太差劲了", "", "明天开会", "\xff\xfe\x80 乱码"}) {
    SentimentResult r = Shipped().Predict(t);
    EXPECT_GE(r.score, -1.0);
    EXPECT_LE(r.score, 1.0);
    EXPECT_NEAR(r.probs[0] + r.probs[1] + r.probs[2], 1.0, 1e-9);
  }
  EXPECT_GT(Shipped().Predict("服务很好，很满意").score, 0.3);
  EXPECT_LT(Shipped().Predict("服务很差，很不满意").score, -0.3);
}

TEST(SentimentTest, NegationFlips) {
  EXPECT_EQ(Label("这家店的服务很好"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("这家店的服务一点也不好"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("窗口办事效率很高，我很满意"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("窗口办事效率并不高，我很不满意"), SentimentLabel::kNegative);
  EXPECT_GT(Shipped().Predict("菜一点也不难吃，价格也不贵").score, Shipped().Predict("菜很难吃，价格也贵").score);
}

TEST(SentimentTest, ContrastWeighsTheLaterClause) {
  EXPECT_EQ(Label("虽然排队的人有点多，但是工作人员效率很高，一次就办好了。"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("虽然工作人员态度还行，但是材料跑了五趟还没办成，太折腾了。"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("房间倒是挺大，可惜卫生太差，浴缸里还有头发。"), SentimentLabel::kNegative);
}

TEST(SentimentTest, RhetoricalQuestion) {
  EXPECT_EQ(Label("路灯坏了三个月没人修，难道要等出了事才管吗？"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("凭什么让我们一直等？"), SentimentLabel::kNegative);
  EXPECT_LT(Shipped().Predict("这也叫为民服务？").score, 0.0);
}

TEST(SentimentTest, PredictIsThreadSafe) {
  const std::vector<std::string> texts = {"非常满意，感谢！", "太差了，投诉！", "下周一召开会议。"};
  std::vector<SentimentLabel> expected;
  for (const auto& t : texts) expected.push_back(Label(t));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int i = 0; i < 200; ++i) {
        size_t j = static_cast<size_t>(i) % texts.size();
        if (Shipped().Predict(texts[j]).label != expected[j]) ++mismatches[k];
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

constexpr const char* kSmallCorpus =
    "label\ttext\n"
    "pos\t服务很好，非常满意\n"
    "positive\t办事效率高，点赞\n"
    "1\t环境干净整洁，感谢\n"
    "pos\t热情周到，值得表扬\n"
    "neg\t服务太差，很失望\n"
    "negative\t推诿扯皮，没人管\n"
    "-1\t又脏又乱，气死人\n"
    "neg\t态度恶劣，投诉\n"
    "neu\t周五下午召开会议\n"
    "neutral\t请问在哪里办理\n"
    "0\t下周一开始供暖\n"
    "neu\t通知如下，请周知\n";

TEST(SentimentTest, TrainSaveLoadRoundTrip) {
  auto examples = ParseLabelledTsv(kSmallCorpus);
  ASSERT_TRUE(examples.ok()) << examples.status().ToString();
  ASSERT_EQ(examples->size(), 12u);
  SentimentTrainOptions options;
  options.hash_bits = 14;
  options.epochs = 20;
  auto model = SentimentModel::Train(*examples, SourceLexicon(), options);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_FALSE(model->uses_words());
  std::string path = TempPath("round_trip.bin");
  ASSERT_TRUE(model->SaveFile(path).ok());
  auto loaded = SentimentModel::LoadFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const char* t : {"服务很好", "太差了", "召开会议", "没人管，很失望", "值得表扬"}) {
    SentimentResult a = model->Predict(t), b = loaded->Predict(t);
    EXPECT_EQ(a.label, b.label) << t;
    EXPECT_NEAR(a.score, b.score, 1e-6) << t;
  }
  EXPECT_EQ(loaded->Predict("服务很好，非常满意").label, SentimentLabel::kPositive);
  EXPECT_EQ(loaded->Predict("服务太差，很失望").label, SentimentLabel::kNegative);
  // Deterministic training: same input, same bytes.
  auto again = SentimentModel::Train(*examples, SourceLexicon(), options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Serialize(), model->Serialize());
}

TEST(SentimentTest, EnsembleAveragesRunsDeterministically) {
  auto examples = ParseLabelledTsv(kSmallCorpus);
  ASSERT_TRUE(examples.ok());
  SentimentTrainOptions options;
  options.hash_bits = 12;
  options.epochs = 20;
  options.ensemble = 3;
  auto a = SentimentModel::Train(*examples, SourceLexicon(), options);
  auto b = SentimentModel::Train(*examples, SourceLexicon(), options);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->Serialize(), b->Serialize());
  EXPECT_EQ(a->Predict("服务很好，非常满意").label, SentimentLabel::kPositive);
  EXPECT_EQ(a->Predict("服务太差，很失望").label, SentimentLabel::kNegative);
  options.ensemble = 0;
  auto bad = SentimentModel::Train(*examples, SourceLexicon(), options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("ensemble"), std::string::npos);
}

TEST(SentimentTest, BadTrainingFileGetsClearError) {
  auto missing_tab = ParseLabelledTsv("pos\t很好\n这一行没有标签\n");
  ASSERT_FALSE(missing_tab.ok());
  EXPECT_EQ(missing_tab.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(missing_tab.status().message().find("第 2 行"), std::string::npos) << missing_tab.status().message();

  auto bad_label = ParseLabelledTsv("pos\t很好\ngood\t也很好\n");
  ASSERT_FALSE(bad_label.ok());
  EXPECT_NE(bad_label.status().message().find("第 2 行"), std::string::npos);
  EXPECT_NE(bad_label.status().message().find("good"), std::string::npos);

  auto empty_text = ParseLabelledTsv("neg\t\n");
  EXPECT_FALSE(empty_text.ok());

  auto one_label = ParseLabelledTsv("pos\t很好\npos\t不错\n");
  ASSERT_TRUE(one_label.ok());
  auto model = SentimentModel::Train(*one_label, SourceLexicon());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), ErrorCode::kInvalidArgument);

  SentimentTrainOptions tiny;
  tiny.max_file_bytes = 10;
  EXPECT_EQ(ParseLabelledTsv(kSmallCorpus, tiny).status().code(), ErrorCode::kResourceExhausted);
}

TEST(SentimentTest, CorruptModelFileIsRejected) {
  std::string bytes = Shipped().Serialize();
  EXPECT_TRUE(SentimentModel::Deserialize(bytes).ok());
  EXPECT_EQ(SentimentModel::Deserialize(bytes.substr(0, bytes.size() / 2)).status().code(), ErrorCode::kCorruption);
  std::string flipped = bytes;
  flipped[flipped.size() / 3] ^= 0x40;
  EXPECT_EQ(SentimentModel::Deserialize(flipped).status().code(), ErrorCode::kCorruption);
  EXPECT_EQ(SentimentModel::Deserialize("not a model").status().code(), ErrorCode::kCorruption);
  EXPECT_EQ(SentimentModel::LoadFile(TempPath("does_not_exist.bin")).status().code(), ErrorCode::kNotFound);
}

TEST(SentimentTest, LabelParsing) {
  EXPECT_EQ(*ParseSentimentLabel("NEG"), SentimentLabel::kNegative);
  EXPECT_EQ(*ParseSentimentLabel("neutral"), SentimentLabel::kNeutral);
  EXPECT_EQ(*ParseSentimentLabel("1"), SentimentLabel::kPositive);
  EXPECT_EQ(*ParseSentimentLabel("-1"), SentimentLabel::kNegative);
  EXPECT_FALSE(ParseSentimentLabel("2").ok());
}

std::string RunCli(const std::string& args, const std::string& input, int* rc) {
  std::string in_path = TempPath("cli_in.txt");
  std::ofstream(in_path) << input;
  std::string cmd = std::string(MINYI_BIN) + " " + args + " < " + in_path + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  *rc = WEXITSTATUS(::pclose(p));
  return out;
}

TEST(SentimentTest, CliScoresTrainsAndUsesModel) {
  int rc = 0;
  std::string out = RunCli("sentiment", "非常满意，感谢！\n太差了，气死人\n下周一召开会议。\n", &rc);
  EXPECT_EQ(rc, 0) << out;
  std::istringstream lines(out);
  std::string l1, l2, l3;
  std::getline(lines, l1);
  std::getline(lines, l2);
  std::getline(lines, l3);
  EXPECT_EQ(l1.rfind("positive\t", 0), 0u) << out;
  EXPECT_EQ(l2.rfind("negative\t-", 0), 0u) << out;
  EXPECT_EQ(l3.rfind("neutral\t", 0), 0u) << out;
  EXPECT_EQ(l1.size() - l1.find('\t') - 1, 5u) << "three decimals: " << l1;

  std::string tsv = TempPath("org.tsv");
  std::ofstream(tsv) << kSmallCorpus;
  std::string model = TempPath("org.bin");
  out = RunCli("sentiment train --in " + tsv + " --out " + model, "", &rc);
  EXPECT_EQ(rc, 0) << out;
  out = RunCli("sentiment --model " + model, "服务很好，非常满意\n", &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out.rfind("positive\t", 0), 0u) << out;

  std::string bad = TempPath("bad.tsv");
  std::ofstream(bad) << "pos\t好\nmaybe\t不知道\n";
  out = RunCli("sentiment train --in " + bad + " --out " + model, "", &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("错误："), std::string::npos) << out;
  EXPECT_NE(out.find("第 2 行"), std::string::npos) << out;
}

}  // namespace
}  // namespace minyi
