// Keywords: TF-IDF equals jieba.analyse.extract_tags (with our stop-word list
// given to jieba via set_stop_words; expected values generated once with
// python3-jieba on the document below, written for this test); TextRank is
// checked for its contract, since it filters by dictionary tags instead of
// jieba's POS tagger.
#include "text/keywords.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

namespace minyi {
namespace {

constexpr const char* kDoc =
    "近日，某县政府办公室召开全县网络安全工作会议。会议指出，网络安全是国家安全的重要组成部分，各单位要切实提高政治站位"
    "，"
    "压实网络安全主体责任。会议要求，各乡镇、各部门要加强舆情监测，及时回应群众关切，对涉及民生的热点问题要快速处置、"
    "依法答复。县委网信办负责同志通报了上半年全县网络安全检查情况，并对下一阶段网络安全重点任务作了部署。会议强调，"
    "要建立健全网络安全责任制，完善应急预案，定期开展网络安全演练，确保全县网络安全形势持续稳定。\n";

std::string ResourceRoot() {
  const char* env = std::getenv("MINYI_RESOURCES");
  return env ? env : MINYI_BINARY_DIR "/share/minyi";
}

const KeywordExtractor& Extractor() {
  static const KeywordExtractor* ex = [] {
    auto seg = Segmenter::Load(ResourceRoot());
    EXPECT_TRUE(seg.ok()) << seg.status().ToString();
    auto loaded = KeywordExtractor::Load(ResourceRoot(), std::make_shared<const Segmenter>(std::move(seg).value()));
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new KeywordExtractor(std::move(loaded).value());
  }();
  return *ex;
}

TEST(KeywordsTest, TfIdfMatchesJieba) {
  const std::pair<const char*, double> expected[] = {
      {"网络安全", 1.1663102590684933},  {"全县", 0.33699592103794523}, {"会议", 0.27124791737753423},
      {"网信", 0.1637639383958904},      {"站位", 0.1575723613589041},  {"各乡镇", 0.1533236637109589},
      {"压实", 0.14429290167123288},     {"舆情", 0.13954939157945204}, {"热点问题", 0.13921928813287673},
      {"负责同志", 0.13146044601054793},
  };
  auto r = Extractor().Extract(kDoc, 10, KeywordMethod::kTfIdf);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 10u);
  for (size_t i = 0; i < 10; ++i) {
    EXPECT_EQ((*r)[i].word, expected[i].first);
    EXPECT_DOUBLE_EQ((*r)[i].weight, expected[i].second);
  }
}

TEST(KeywordsTest, StopWordsAndShortWordsAreDropped) {
  auto r = Extractor().Extract("我们我们我们的的的 the THE 网络安全", 20, KeywordMethod::kTfIdf);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].word, "网络安全");
}

TEST(KeywordsTest, TextRankRanksTopicWords) {
  auto r = Extractor().Extract(kDoc, 5, KeywordMethod::kTextRank);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 5u);
  EXPECT_DOUBLE_EQ((*r)[0].weight, 1.0);  // min/max scaling, as jieba
  for (size_t i = 1; i < r->size(); ++i) EXPECT_LE((*r)[i].weight, (*r)[i - 1].weight);
  bool found = false;
  for (const Keyword& k : *r) found = found || k.word == "会议" || k.word == "网络安全";
  EXPECT_TRUE(found);
}

TEST(KeywordsTest, EmptyDocument) {
  auto a = Extractor().Extract("", 10, KeywordMethod::kTfIdf);
  auto b = Extractor().Extract("，。！", 10, KeywordMethod::kTextRank);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(a->empty());
  EXPECT_TRUE(b->empty());
}

TEST(KeywordsTest, CliPrintsKeywords) {
  std::string cmd = std::string("printf '%s' '") + kDoc + "' | " + MINYI_BIN + " keywords --top 3";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[256];
  while (fgets(buf, sizeof buf, p)) out += buf;
  EXPECT_EQ(pclose(p), 0);
  EXPECT_EQ(out, "网络安全\t1.166310\n全县\t0.336996\n会议\t0.271248\n");
}

TEST(KeywordsTest, CliSegmentAndBadMethod) {
  std::string cmd = std::string("printf '我来到北京清华大学\\n网信办提醒\\n' | ") + MINYI_BIN + " segment";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[256];
  while (fgets(buf, sizeof buf, p)) out += buf;
  EXPECT_EQ(pclose(p), 0);
  EXPECT_EQ(out, "我 来到 北京 清华大学\n网信 办 提醒\n");
  std::string bad = std::string("echo x | ") + MINYI_BIN + " keywords --method foo 2>/dev/null";
  int rc = std::system(bad.c_str());
  EXPECT_EQ(WEXITSTATUS(rc), 2);
}

}  // namespace
}  // namespace minyi
