// Segmenter: exact agreement with python3-jieba 0.42 (Debian) on sentences
// written for this test (expected outputs generated once with
// `python3 -c 'import jieba; "/".join(jieba.cut(s, HMM=...))'`), user
// dictionary behaviour (add_word / del_word / load_userdict), offsets,
// limits and concurrent use.
#include "text/segmenter.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "text/utf8.h"

namespace minyi {
namespace {

struct Case {
  const char* text;
  const char* expected;  // tokens joined by '/'
};

const Case kHmmCases[] = {
    {"我来到北京清华大学", "我/来到/北京/清华大学"},
    {"他来到了网易杭研大厦", "他/来到/了/网易/杭研/大厦"},
    {"小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
     "小明/硕士/毕业/于/中国科学院/计算所/，/后/在/日本京都大学/深造"},
    {"永和服装饰品有限公司", "永和/服装/饰品/有限公司"},
    {"结过婚的和尚未结过婚的", "结过婚/的/和/尚未/结过婚/的"},
    {"我爱北京天安门 I love Beijing! 3.14% 的人 AT&T c++ 2026年11月23日",
     "我/爱/北京/天安门/ /I/ /love/ /Beijing/!/ /3.14%/ /的/人/ /AT&T/ /c++/ /2026/年/11/月/23/日"},
    {"县政府办公室召开全县网络安全工作会议，部署下一阶段重点任务。",
     "县政府/办公室/召开/全县/网络安全/工作/会议/，/部署/下一阶段/重点/任务/。"},
    {"网信办提醒：请勿转发未经核实的信息，谣言止于智者。",
     "网信/办/提醒/：/请勿/转发/未经/核实/的/信息/，/谣言止于/智者/。"},
    {"市民王女士反映，幸福路与人民大街交叉口的路灯已经坏了三天。",
     "市民/王女士/反映/，/幸福/路/与/人民/大街/交叉口/的/路灯/已经/坏/了/三天/。"},
    {"教育局回应：关于学校食堂价格上涨的问题，正在调查核实，将于7日内答复。",
     "教育局/回应/：/关于/学校食堂/价格上涨/的/问题/，/正在/调查核实/，/将/于/7/日内/答复/。"},
    {"“十四五”规划纲要提出，加快数字化发展，建设数字中国。",
     "“/十四五/”/规划/纲要/提出/，/加快/数字化/发展/，/建设/数字/中国/。"},
    {"今天天气不错，适合去西湖边散步☀️",
     "今天天气/不错/，/适合/去/西湖/边/散步/☀/️"},
    {"这是一个测试\t制表符\r\n和换行", "这是/一个/测试/\t/制表符/\r\n/和/换行"},
    {"邮箱test_user@example.com，电话：0571-88886666", "邮箱/test/_/user/@/example/./com/，/电话/：/0571/-/88886666"},
    {"价格从￥1,299.00降到了999元，降幅达23.1%！", "价格/从/￥/1/,/299.00/降到/了/999/元/，/降幅/达/23.1%/！"},
    {"乡村振兴局联合农业农村局开展防返贫动态监测帮扶工作",
     "乡村/振兴/局/联合/农业/农村/局/开展/防/返贫/动态/监测/帮扶/工作"},
    {"区融媒体中心发布了关于疫情防控的最新通告", "区融/媒体/中心/发布/了/关于/疫情/防控/的/最新/通告"},
    {"请各单位于本周五下午五点前报送自查整改情况", "请/各/单位/于本周/五/下午/五点/前/报送/自查/整改/情况"},
    {"他说：“我们要把人民群众的急难愁盼问题解决好。”",
     "他/说/：/“/我们/要/把/人民/群众/的/急难/愁/盼/问题/解决/好/。/”"},
    {"韩冰冰和欧阳修都是人名吗？张三丰呢", "韩/冰冰/和/欧阳修/都/是/人名/吗/？/张三丰/呢"},
    {"ABC公司CEO张伟在2025年度总结大会上讲话", "ABC/公司/CEO/张伟/在/2025/年度/总结/大会/上/讲话"},
    {"舆情监测系统发现一条关于某小区物业纠纷的热点帖子",
     "舆情/监测/系统/发现/一条/关于/某/小区/物业/纠纷/的/热点/帖子"},
    {"在南京市长江大桥上看风景", "在/南京市/长江大桥/上/看/风景"},
    {"研究生命的起源", "研究/生命/的/起源"},
};
const Case kNoHmmCases[] = {
    {"我来到北京清华大学", "我/来到/北京/清华大学"},
    {"他来到了网易杭研大厦", "他/来到/了/网易/杭/研/大厦"},
    {"小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
     "小/明/硕士/毕业/于/中国科学院/计算所/，/后/在/日本京都大学/深造"},
    {"永和服装饰品有限公司", "永和/服装/饰品/有限公司"},
    {"结过婚的和尚未结过婚的", "结过婚/的/和/尚未/结过婚/的"},
    {"我爱北京天安门 I love Beijing! 3.14% 的人 AT&T c++ 2026年11月23日",
     "我/爱/北京/天安门/ /I/ /love/ /Beijing/!/ /3/./14/%/ /的/人/ /AT&T/ /c++/ /2026/年/11/月/23/日"},
    {"县政府办公室召开全县网络安全工作会议，部署下一阶段重点任务。",
     "县政府/办公室/召开/全县/网络安全/工作/会议/，/部署/下一阶段/重点/任务/。"},
    {"网信办提醒：请勿转发未经核实的信息，谣言止于智者。",
     "网/信/办/提醒/：/请勿/转发/未经/核实/的/信息/，/谣言止于/智者/。"},
    {"市民王女士反映，幸福路与人民大街交叉口的路灯已经坏了三天。",
     "市民/王女士/反映/，/幸福/路/与/人民/大街/交叉口/的/路灯/已经/坏/了/三天/。"},
    {"教育局回应：关于学校食堂价格上涨的问题，正在调查核实，将于7日内答复。",
     "教育局/回应/：/关于/学校食堂/价格上涨/的/问题/，/正在/调查核实/，/将/于/7/日/内/答复/。"},
    {"“十四五”规划纲要提出，加快数字化发展，建设数字中国。",
     "“/十四五/”/规划/纲要/提出/，/加快/数字化/发展/，/建设/数字/中国/。"},
    {"今天天气不错，适合去西湖边散步☀️",
     "今天天气/不错/，/适合/去/西湖/边/散步/☀/️"},
    {"这是一个测试\t制表符\r\n和换行", "这/是/一个/测试/\t/制表符/\r\n/和/换行"},
    {"邮箱test_user@example.com，电话：0571-88886666", "邮箱/test/_/user/@/example/./com/，/电话/：/0571/-/88886666"},
    {"价格从￥1,299.00降到了999元，降幅达23.1%！", "价格/从/￥/1/,/299/./00/降到/了/999/元/，/降幅/达/23/./1/%/！"},
    {"乡村振兴局联合农业农村局开展防返贫动态监测帮扶工作",
     "乡村/振兴/局/联合/农业/农村/局/开展/防/返贫/动态/监测/帮扶/工作"},
    {"区融媒体中心发布了关于疫情防控的最新通告", "区/融/媒体/中心/发布/了/关于/疫情/防控/的/最新/通告"},
    {"请各单位于本周五下午五点前报送自查整改情况", "请/各/单位/于本周/五/下午/五点/前/报送/自查/整改/情况"},
    {"他说：“我们要把人民群众的急难愁盼问题解决好。”",
     "他/说/：/“/我们/要/把/人民/群众/的/急难/愁/盼/问题/解决/好/。/”"},
    {"韩冰冰和欧阳修都是人名吗？张三丰呢", "韩/冰冰/和/欧阳修/都/是/人/名/吗/？/张三丰/呢"},
    {"ABC公司CEO张伟在2025年度总结大会上讲话", "ABC/公司/CEO/张/伟/在/2025/年度/总结/大会/上/讲话"},
    {"舆情监测系统发现一条关于某小区物业纠纷的热点帖子",
     "舆情/监测/系统/发现/一条/关于/某/小区/物业/纠纷/的/热点/帖子"},
    {"在南京市长江大桥上看风景", "在/南京市/长江大桥/上/看/风景"},
    {"研究生命的起源", "研究/生命/的/起源"},
};

std::string ResourceRoot() {
  const char* env = std::getenv("MINYI_RESOURCES");
  return env ? env : MINYI_BINARY_DIR "/share/minyi";
}

const Segmenter& Base() {
  static const Segmenter* seg = [] {
    auto loaded = Segmenter::Load(ResourceRoot());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new Segmenter(std::move(loaded).value());
  }();
  return *seg;
}

std::string Joined(const Segmenter& seg, std::string_view text, bool hmm) {
  auto words = seg.CutWords(text, hmm);
  EXPECT_TRUE(words.ok());
  std::string out;
  for (const auto& w : *words) {
    if (!out.empty()) out += '/';
    out += w;
  }
  return out;
}

TEST(SegmenterTest, MatchesJiebaWithHmm) {
  for (const Case& c : kHmmCases) EXPECT_EQ(Joined(Base(), c.text, true), c.expected) << c.text;
}

TEST(SegmenterTest, MatchesJiebaWithoutHmm) {
  for (const Case& c : kNoHmmCases) EXPECT_EQ(Joined(Base(), c.text, false), c.expected) << c.text;
}

TEST(SegmenterTest, TotalMatchesJieba) { EXPECT_EQ(Base().total(), 60101967u); }

TEST(SegmenterTest, TokensCoverInputWithOffsets) {
  std::string text = "县政府\xff回应：ＡＢＣ 3.14% 网友\xe4\xb8关切";  // two ill-formed sequences
  auto tokens = Base().Cut(text);
  ASSERT_TRUE(tokens.ok());
  utf8::Decoded d = utf8::Decode(text);
  uint32_t cp = 0, byte = 0;
  for (const Token& t : *tokens) {
    EXPECT_EQ(t.begin, cp);
    EXPECT_EQ(t.byte_begin, byte);
    EXPECT_LT(t.begin, t.end);
    EXPECT_EQ(t.byte_begin, d.byte_offsets[t.begin]);
    EXPECT_EQ(t.byte_end, d.byte_offsets[t.end]);
    cp = t.end;
    byte = t.byte_end;
  }
  EXPECT_EQ(cp, d.cps.size());
  EXPECT_EQ(byte, text.size());
}

TEST(SegmenterTest, EmptyAndWhitespace) {
  auto empty = Base().Cut("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_TRUE(Segmenter::IsSpaceToken(U"\r\n"));
  EXPECT_TRUE(Segmenter::IsSpaceToken(U"\u3000"));
  EXPECT_FALSE(Segmenter::IsSpaceToken(U"a"));
}

TEST(SegmenterTest, RefusesOversizedInput) {
  std::string big(Segmenter::kMaxCutBytes + 1, 'a');
  auto r = Base().Cut(big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
}

TEST(SegmenterTest, UserDictionaryMatchesJieba) {
  Segmenter seg = Base();  // per-organization copy; the base stays untouched
  ASSERT_TRUE(seg.AddWord("网信办").ok());
  ASSERT_TRUE(seg.AddWord("乡村振兴局", 10, "nt").ok());
  ASSERT_TRUE(seg.AddWord("区融媒体中心").ok());
  ASSERT_TRUE(seg.AddWord("急难愁盼", 20).ok());
  ASSERT_TRUE(seg.AddWord("今天天气", 0).ok());  // jieba del_word
  ASSERT_TRUE(seg.LoadUserDictionary("云计算 5\n创新办 3 i\n李小福 2 nr\n八一双鹿 nz\n台中\n").ok());
  // Frequencies as jieba's FREQ after the same calls (suggest_freq included).
  EXPECT_EQ(seg.Frequency(U"网信办"), 1u);
  EXPECT_EQ(seg.Frequency(U"乡村振兴局"), 10u);
  EXPECT_EQ(seg.Frequency(U"区融媒体中心"), 1u);
  EXPECT_EQ(seg.Frequency(U"今天天气"), 0u);
  EXPECT_EQ(seg.Frequency(U"八一双鹿"), 1u);
  EXPECT_EQ(seg.Frequency(U"台中"), 69u);
  EXPECT_EQ(seg.total(), 60102079u);
  EXPECT_EQ(seg.TagOf(U"乡村振兴局"), "nt");
  const Case cases[] = {
      {"网信办提醒：请勿转发未经核实的信息。", "网信办/提醒/：/请勿/转发/未经/核实/的/信息/。"},
      {"乡村振兴局联合农业农村局开展防返贫动态监测帮扶工作",
       "乡村振兴局/联合/农业/农村/局/开展/防/返贫/动态/监测/帮扶/工作"},
      {"区融媒体中心发布了关于疫情防控的最新通告", "区融媒体中心/发布/了/关于/疫情/防控/的/最新/通告"},
      {"他说：“我们要把人民群众的急难愁盼问题解决好。”",
       "他/说/：/“/我们/要/把/人民/群众/的/急难愁盼/问题/解决/好/。/”"},
      {"今天天气不错，适合去西湖边散步", "今天/天气/不错/，/适合/去/西湖/边/散步"},
      {"李小福是创新办主任也是云计算方面的专家; 什么是八一双鹿",
       "李小福/是/创新办/主任/也/是/云计算/方面/的/专家/;/ /什么/是/八一双鹿"},
      {"「台中」正确应该不会被切开", "「/台中/」/正确/应该/不会/被/切开"},
  };
  for (const Case& c : cases) EXPECT_EQ(Joined(seg, c.text, true), c.expected) << c.text;
  // The shared base dictionary did not change.
  EXPECT_EQ(Joined(Base(), "网信办提醒", true), "网信/办/提醒");
}

TEST(SegmenterTest, UserDictionaryRejectsBadInput) {
  Segmenter seg = Base();
  EXPECT_EQ(seg.AddWord("").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(seg.AddWord(std::string(200, 'x')).code(), ErrorCode::kInvalidArgument);
  Status st = seg.LoadUserDictionary("好词 99999999999\n");
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("第 1 行"), std::string::npos);
}

TEST(SegmenterTest, ConcurrentCutsAgree) {
  const std::string text = "县政府办公室召开全县网络安全工作会议，部署下一阶段重点任务。小明硕士毕业于中国科学院计算所";
  const std::string expected = Joined(Base(), text, true);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (Joined(Base(), text, true) != expected) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(SegmenterTest, CorruptDictionaryIsRejected) {
  std::string path = ::testing::TempDir() + "/bad_dict.bin";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fputs("MYJBDIC1 not really a dictionary", f);
  std::fclose(f);
  auto r = JiebaDictionary::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kCorruption);
  EXPECT_EQ(JiebaDictionary::Load(path + ".missing").status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace minyi
