#include "text/lexicon.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <thread>

#include "text/aho_corasick.h"

namespace minyi {
namespace {

LexiconTerm T(std::string text, std::string category = "", int severity = 1, std::string suggestion = "",
              std::vector<std::string> contexts = {}) {
  LexiconTerm t;
  t.text = std::move(text);
  t.category = std::move(category);
  t.severity = severity;
  t.suggestion = std::move(suggestion);
  t.allowed_contexts = std::move(contexts);
  return t;
}

Lexicon MakeLexicon(std::initializer_list<LexiconTerm> terms) {
  Lexicon lex;
  for (const auto& t : terms) {
    Status st = lex.Add(t);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  return lex;
}

std::vector<MatcherBackend> Backends() {
  std::vector<MatcherBackend> b{MatcherBackend::kAhoCorasick};
  if (VectorscanAvailable()) b.push_back(MatcherBackend::kVectorscan);
  return b;
}

std::unique_ptr<LexiconMatcher> MustCompile(Lexicon lex, MatcherBackend backend, bool caseless = false) {
  auto m = LexiconMatcher::Compile(std::move(lex), {backend, caseless});
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return std::move(m).value();
}

std::vector<std::string> Texts(const LexiconMatcher& m, std::string_view text, const std::vector<LexiconHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.emplace_back(text.substr(h.byte_begin, h.byte_end - h.byte_begin));
  return out;
}

TEST(AhoCorasickTest, FindsOverlappingAndNested) {
  auto ac = AhoCorasick::Build({"he", "she", "his", "hers"}, false);
  ASSERT_TRUE(ac.ok());
  std::vector<std::pair<uint32_t, uint32_t>> got;
  ac->Scan("ushers", [&](uint32_t p, uint32_t e) { got.emplace_back(p, e); });
  std::vector<std::pair<uint32_t, uint32_t>> want{{1, 4}, {0, 4}, {3, 6}};
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

TEST(AhoCorasickTest, RejectsEmptyPattern) { EXPECT_FALSE(AhoCorasick::Build({"a", ""}, false).ok()); }

TEST(LexiconTest, OffsetsInBytesAndCodePoints) {
  for (auto backend : Backends()) {
    auto m = MustCompile(MakeLexicon({T("环保", "主题"), T("PX", "主题")}), backend);
    const std::string text = "反对PX项目，支持环保";
    auto hits = m->Match(text);
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 2u);
    EXPECT_EQ((*hits)[0].term, 1u);
    EXPECT_EQ((*hits)[0].cp_begin, 2u);
    EXPECT_EQ((*hits)[0].cp_end, 4u);
    EXPECT_EQ((*hits)[0].byte_begin, 6u);
    EXPECT_EQ((*hits)[1].term, 0u);
    EXPECT_EQ((*hits)[1].cp_begin, 9u);
    EXPECT_EQ((*hits)[1].cp_end, 11u);
    EXPECT_EQ(text.substr((*hits)[1].byte_begin, (*hits)[1].byte_end - (*hits)[1].byte_begin), "环保");
  }
}

TEST(LexiconTest, OverlappingVersusLeftmostLongest) {
  for (auto backend : Backends()) {
    auto m = MustCompile(MakeLexicon({T("中华"), T("中华人民"), T("人民"), T("人民共和国"), T("共和")}), backend);
    const std::string text = "中华人民共和国";
    auto all = m->Match(text, {MatchMode::kOverlapping});
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(Texts(*m, text, *all), (std::vector<std::string>{"中华人民", "中华", "人民共和国", "人民", "共和"}));
    auto ll = m->Match(text, {MatchMode::kLeftmostLongest});
    ASSERT_TRUE(ll.ok());
    EXPECT_EQ(Texts(*m, text, *ll), (std::vector<std::string>{"中华人民", "共和"}));
  }
}

TEST(LexiconTest, DuplicateTermsEachReport) {
  for (auto backend : Backends()) {
    auto m = MustCompile(MakeLexicon({T("卫计委", "过时机构", 2, "卫健委"), T("卫计委", "简称", 1)}), backend);
    auto hits = m->Match("市卫计委通知", {MatchMode::kLeftmostLongest});
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 2u);
    EXPECT_EQ((*hits)[0].term, 0u);
    EXPECT_EQ((*hits)[1].term, 1u);
  }
}

TEST(LexiconTest, WhitelistSuppressesAndLongestWins) {
  for (auto backend : Backends()) {
    auto m = MustCompile(
        MakeLexicon({T("小姐", "低俗", 1, "", {"大小姐", "小姐姐"}), T("姐", "测试", 1, "", {"小姐", "小姐姐"})}),
        backend);
    const std::string text = "小姐姐和那位小姐";
    auto hits = m->Match(text);
    ASSERT_TRUE(hits.ok());
    // "小姐" in 小姐姐 is whitelisted; the second 小姐 is not. Every "姐" is
    // inside a whitelisted 小姐 or 小姐姐.
    std::vector<std::string> got = Texts(*m, text, *hits);
    EXPECT_EQ(got, (std::vector<std::string>{"小姐"}));
    EXPECT_EQ((*hits)[0].cp_begin, 6u);

    MatchOptions keep;
    keep.keep_suppressed = true;
    auto all = m->Match(text, keep);
    ASSERT_TRUE(all.ok());
    // The first 姐 is covered by both 小姐 and 小姐姐: the longer one wins.
    bool saw = false;
    for (const auto& h : *all) {
      if (h.term == 1 && h.cp_begin == 1) {
        EXPECT_EQ(h.suppressed_by, 1);  // 小姐姐
        saw = true;
      }
    }
    EXPECT_TRUE(saw);
  }
}

TEST(LexiconTest, WhitelistSurvivesLeftmostLongest) {
  for (auto backend : Backends()) {
    // The long term is whitelisted here, so the short one underneath shows.
    auto m = MustCompile(MakeLexicon({T("法轮", "x", 1, "", {"法轮功能"}), T("轮功")}), backend);
    auto hits = m->Match("法轮功能", {MatchMode::kLeftmostLongest});
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].term, 1u);
  }
}

TEST(LexiconTest, AsciiCaseless) {
  for (auto backend : Backends()) {
    auto m = MustCompile(MakeLexicon({T("PX"), T("covid")}), backend, true);
    auto hits = m->Match("px项目与COVID疫情");
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 2u);
  }
}

TEST(LexiconTest, IllFormedTextKeepsOffsetsExact) {
  for (auto backend : Backends()) {
    auto m = MustCompile(MakeLexicon({T("环保")}), backend);
    // \xE4 alone and a stray continuation byte each count as one code point.
    const std::string text = std::string("\xE4") + "a\x80" + "环保";
    auto hits = m->Match(text);
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].cp_begin, 3u);
    EXPECT_EQ((*hits)[0].byte_begin, 3u);
  }
}

TEST(LexiconTest, EmptyLexiconMatchesNothing) {
  for (auto backend : Backends()) {
    auto m = MustCompile(Lexicon(), backend);
    auto hits = m->Match("任何文本");
    ASSERT_TRUE(hits.ok());
    EXPECT_TRUE(hits->empty());
  }
}

TEST(LexiconTsvTest, ParsesAllFieldsAndEscapes) {
  const std::string tsv =
      "\xEF\xBB\xBF# 注释\n"
      "\n"
      "国家卫生和计划生育委员会\t过时机构\t严重\t国家卫生健康委员会\r\n"
      "小姐\t低俗\t1\t\t小姐姐|大小姐\n"
      "a\\|b\tx\t2\t\tca\\|b\n"
      "仅词条\n";
  auto lex = Lexicon::ParseTsv(tsv);
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  ASSERT_EQ(lex->size(), 4u);
  EXPECT_EQ(lex->terms()[0].severity, 3);
  EXPECT_EQ(lex->terms()[0].suggestion, "国家卫生健康委员会");
  EXPECT_EQ(lex->terms()[1].allowed_contexts, (std::vector<std::string>{"小姐姐", "大小姐"}));
  EXPECT_EQ(lex->terms()[2].text, "a|b");
  EXPECT_EQ(lex->terms()[2].allowed_contexts, (std::vector<std::string>{"ca|b"}));
  EXPECT_EQ(lex->terms()[3].severity, 1);
  auto again = Lexicon::ParseTsv(lex->ToTsv());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->ToTsv(), lex->ToTsv());
}

// Fuzzer findings: backslashes, '#' and CR inside fields must survive
// ToTsv -> ParseTsv unchanged; control bytes in terms are refused (vectorscan
// cannot compile a literal starting with NUL).
TEST(LexiconTsvTest, RoundTripsAwkwardBytes) {
  Lexicon lex;
  EXPECT_FALSE(lex.Add(T(std::string("\0", 1))).ok());
  EXPECT_FALSE(lex.Add(T("a\x01b")).ok());
  EXPECT_FALSE(Lexicon::ParseTsv(std::string("\0", 1)).ok());
  ASSERT_TRUE(lex.Add(T(std::string("a\\#b", 4), "c\r", 1, "#s", {std::string("xa\\#b|", 6)})).ok());
  ASSERT_TRUE(lex.Add(T("#号")).ok());
  auto again = Lexicon::ParseTsv(lex.ToTsv());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->size(), 2u);
  EXPECT_EQ(again->terms()[0].text, std::string("a\\#b", 4));
  EXPECT_EQ(again->terms()[0].category, "c\r");
  EXPECT_EQ(again->terms()[0].suggestion, "#s");
  EXPECT_EQ(again->terms()[0].allowed_contexts[0], std::string("xa\\#b|", 6));
  EXPECT_EQ(again->terms()[1].text, "#号");
  EXPECT_EQ(again->ToTsv(), lex.ToTsv());

  Lexicon bom;  // fuzzer finding: a term that is U+FEFF must not read back as a BOM
  ASSERT_TRUE(bom.Add(T("\xEF\xBB\xBF")).ok());
  auto bom_again = Lexicon::ParseTsv(bom.ToTsv());
  ASSERT_TRUE(bom_again.ok()) << bom_again.status().ToString();
  EXPECT_EQ(bom_again->terms()[0].text, "\xEF\xBB\xBF");
  EXPECT_FALSE(Lexicon::ParseTsv("\n\xEF\xBB\xBF\t\xF8").ok());  // invalid UTF-8 category
}

TEST(LexiconTsvTest, ErrorsNameTheLine) {
  auto bad_sev = Lexicon::ParseTsv("好\n坏\t类\t高\n");
  ASSERT_FALSE(bad_sev.ok());
  EXPECT_NE(bad_sev.status().message().find("第 2 行"), std::string::npos);
  auto bad_ctx = Lexicon::ParseTsv("小姐\t低俗\t1\t\t空中\n");
  ASSERT_FALSE(bad_ctx.ok());
  EXPECT_NE(bad_ctx.status().message().find("不包含词条"), std::string::npos);
  EXPECT_FALSE(Lexicon::ParseTsv("\t类别\n").ok());
  EXPECT_FALSE(Lexicon::ParseTsv("a\tb\t1\tc\td\te\n").ok());
  EXPECT_FALSE(Lexicon::ParseTsv("bad\xFF\n").ok());
}

TEST(LexiconTsvTest, LoadsFromFileAndNamesIt) {
  LocalFileSystem fs;
  const std::string dir = std::string(MINYI_BINARY_DIR) + "/test_tmp_lexicon";
  ASSERT_TRUE(fs.CreateDirectories(dir).ok());
  ASSERT_TRUE(fs.WriteFileAtomic(dir + "/ok.tsv", "环保\t主题\n污染\t主题\t2\n").ok());
  ASSERT_TRUE(fs.WriteFileAtomic(dir + "/bad.tsv", "环保\t主题\t9x\n").ok());
  auto ok = Lexicon::LoadTsvFile(fs, dir + "/ok.tsv");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->size(), 2u);
  auto bad = Lexicon::LoadTsvFile(fs, dir + "/bad.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.tsv"), std::string::npos);
  EXPECT_NE(bad.status().message().find("第 1 行"), std::string::npos);
  EXPECT_FALSE(Lexicon::LoadTsvFile(fs, dir + "/missing.tsv").ok());
}

TEST(LexiconTsvTest, LimitsAreEnforced) {
  LexiconLimits limits;
  limits.max_terms = 2;
  auto r = Lexicon::ParseTsv("a\nb\nc\n", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
  limits = {};
  limits.max_line_bytes = 8;
  EXPECT_FALSE(Lexicon::ParseTsv("123456789\n", limits).ok());
  limits = {};
  limits.max_input_bytes = 4;
  EXPECT_FALSE(Lexicon::ParseTsv("12345", limits).ok());
}

// Random lexicons over a small alphabet mixing ASCII and CJK produce many
// overlaps and shared prefixes; vectorscan and Aho–Corasick must agree hit
// for hit, in every mode, with and without case folding and whitelists.
TEST(LexiconDifferentialTest, VectorscanAgreesWithAhoCorasick) {
  if (!VectorscanAvailable()) GTEST_SKIP() << "vectorscan not available";
  const std::vector<std::string> alphabet{"a", "B", "b", "环", "保", "局", "\xF0\x9F\x98\x80", "\x80"};
  std::mt19937 rng(20261123);
  auto word = [&](int max_len) {
    std::string w;
    const int len = 1 + static_cast<int>(rng() % max_len);
    for (int i = 0; i < len; ++i) w += alphabet[rng() % (alphabet.size() - 1)];  // terms stay valid UTF-8
    return w;
  };
  for (int round = 0; round < 60; ++round) {
    Lexicon lex;
    std::set<std::string> seen;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      LexiconTerm t;
      t.text = word(4);
      if (rng() % 4 == 0) t.allowed_contexts.push_back(word(2) + t.text + word(2));
      ASSERT_TRUE(lex.Add(t).ok());
    }
    const bool caseless = round % 2;
    auto ac = MustCompile(lex, MatcherBackend::kAhoCorasick, caseless);
    auto hs = MustCompile(lex, MatcherBackend::kVectorscan, caseless);
    ASSERT_EQ(hs->backend(), MatcherBackend::kVectorscan);
    for (int k = 0; k < 10; ++k) {
      std::string text;
      const int len = static_cast<int>(rng() % 200);
      for (int i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
      for (auto mode : {MatchMode::kOverlapping, MatchMode::kLeftmostLongest}) {
        for (bool keep : {false, true}) {
          MatchOptions opt;
          opt.mode = mode;
          opt.keep_suppressed = keep;
          auto a = ac->Match(text, opt);
          auto b = hs->Match(text, opt);
          ASSERT_TRUE(a.ok() && b.ok());
          ASSERT_EQ(*a, *b) << "round " << round << " text " << text;
        }
      }
    }
  }
}

TEST(LexiconDifferentialTest, LargeLexiconAgrees) {
  if (!VectorscanAvailable()) GTEST_SKIP() << "vectorscan not available";
  std::mt19937 rng(7);
  Lexicon lex;
  // 5,000 two-to-four character CJK terms from a 60-character range.
  for (int i = 0; i < 5000; ++i) {
    std::string t;
    const int len = 2 + static_cast<int>(rng() % 3);
    for (int k = 0; k < len; ++k) {
      const char32_t cp = 0x4E00 + rng() % 60;
      t += static_cast<char>(0xE0 | (cp >> 12));
      t += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      t += static_cast<char>(0x80 | (cp & 0x3F));
    }
    ASSERT_TRUE(lex.Add(T(t)).ok());
  }
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    const char32_t cp = 0x4E00 + rng() % 64;
    text += static_cast<char>(0xE0 | (cp >> 12));
    text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    text += static_cast<char>(0x80 | (cp & 0x3F));
  }
  auto ac = MustCompile(lex, MatcherBackend::kAhoCorasick);
  auto hs = MustCompile(lex, MatcherBackend::kVectorscan);
  auto a = ac->Match(text);
  auto b = hs->Match(text);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(a->size(), 1000u);
  EXPECT_EQ(*a, *b);
}

TEST(LexiconTest, ConcurrentMatchIsSafe) {
  for (auto backend : Backends()) {
    auto m = MustCompile(MakeLexicon({T("环保"), T("污染"), T("投诉")}), backend);
    std::string text;
    for (int i = 0; i < 200; ++i) text += "群众投诉化工厂污染，环保部门回应。";
    auto expected = m->Match(text);
    ASSERT_TRUE(expected.ok());
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 50; ++i) {
          auto got = m->Match(text);
          if (!got.ok() || *got != *expected) ++mismatches;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(mismatches.load(), 0);
  }
}

}  // namespace
}  // namespace minyi
