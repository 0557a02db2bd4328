#include "text/rules.h"

#include <gtest/gtest.h>

#include <random>

namespace minyi {
namespace {

std::string Tree(std::string_view rule) {
  auto d = DescribeRule(rule);
  return d.ok() ? *d : "ERROR " + d.status().message();
}

std::string Err(std::string_view rule, const RuleLimits& limits = {}) {
  auto d = DescribeRule(rule, limits);
  return d.ok() ? "OK " + *d : d.status().message();
}

std::vector<MatcherBackend> Backends() {
  std::vector<MatcherBackend> b{MatcherBackend::kAhoCorasick};
  if (VectorscanAvailable()) b.push_back(MatcherBackend::kVectorscan);
  return b;
}

// Ids of the rules that match, for each backend (they must agree).
std::vector<std::string> Matching(const std::vector<std::pair<std::string, std::string>>& rules,
                                  const RuleDocument& doc) {
  std::vector<std::string> first;
  bool have = false;
  for (auto backend : Backends()) {
    RuleSet set;
    for (const auto& [id, expr] : rules) {
      Status st = set.Add(id, expr);
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
    EXPECT_TRUE(set.Compile({backend}).ok());
    auto m = set.Match(doc);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    std::vector<std::string> ids;
    for (const auto& r : *m) ids.push_back(r.id);
    if (have) {
      EXPECT_EQ(ids, first);
    }
    first = ids;
    have = true;
  }
  return first;
}

bool Matches(std::string_view rule, std::string_view text, std::string_view title = "") {
  RuleDocument doc;
  doc.title = title;
  doc.text = text;
  return !Matching({{"r", std::string(rule)}}, doc).empty();
}

TEST(RuleParseTest, OperatorsAndPrecedence) {
  EXPECT_EQ(Tree("环保 污染"), R"(AND("环保","污染"))");
  EXPECT_EQ(Tree("环保 AND 污染 & 排放"), R"(AND("环保","污染","排放"))");
  EXPECT_EQ(Tree("环保 | 生态 OR 绿色｜低碳"), R"(OR("环保","生态","绿色","低碳"))");
  EXPECT_EQ(Tree("a b | c"), R"(OR(AND("a","b"),"c"))");
  EXPECT_EQ(Tree("a (b | c)"), R"(AND("a",OR("b","c")))");
  EXPECT_EQ(Tree("（北京｜上海）　环保"), R"(AND(OR("北京","上海"),"环保"))");
  EXPECT_EQ(Tree("环保 -广告 NOT 招聘"), R"(AND("环保",NOT("广告"),NOT("招聘")))");
  EXPECT_EQ(Tree("环保 -(广告 | 招聘)"), R"(AND("环保",NOT(OR("广告","招聘"))))");
  EXPECT_EQ(Tree("COVID-19"), R"("covid-19")");
  EXPECT_EQ(Tree("\"垃圾 焚烧 AND\" 项目"), R"(AND("垃圾 焚烧 and","项目"))");
  EXPECT_EQ(Tree("“垃圾焚烧”"), R"("垃圾焚烧")");
  EXPECT_EQ(Tree("化工 NEAR/10 爆炸"), R"(NEAR/10("化工","爆炸"))");
  EXPECT_EQ(Tree("a b NEAR/3 c"), R"(AND("a",NEAR/3("b","c")))");
  EXPECT_EQ(Tree("(化工|化学) ONEAR/5 爆炸"), R"(ONEAR/5(OR("化工","化学"),"爆炸"))");
  EXPECT_EQ(Tree("NEARBY"), R"("nearby")");
  EXPECT_EQ(Tree("title:环保 site:weibo.com"), R"(AND(title:"环保",site:"weibo.com"))");
  EXPECT_EQ(Tree("标题：(环保 | 生态) 来源:人民网"), R"(AND(OR(title:"环保",title:"生态"),source:"人民网"))");
  EXPECT_EQ(Tree("环保*"), R"("环保"*)");
  EXPECT_EQ(Tree("http://x.cn"), R"("http://x.cn")");
}

TEST(RuleParseTest, ErrorsNameTheColumn) {
  EXPECT_EQ(Err("(环保 污染"), "第 7 列：缺少右括号“)”（第 1 列的左括号未闭合）");
  EXPECT_EQ(Err("环保)"), "第 3 列：多余的右括号“)”");
  EXPECT_EQ(Err("环保 \"污染"), "第 4 列：引号未闭合");
  EXPECT_EQ(Err("环保 |"), "第 5 列：规则意外结束，此处缺少词语");
  EXPECT_EQ(Err("环保 | | 污染"), "第 6 列：此处应为词语，却是OR");
  EXPECT_EQ(Err("a NEAR b"), "第 3 列：NEAR 后需要写距离，例如 NEAR/10");
  EXPECT_EQ(Err("a NEAR/x b"), "第 3 列：NEAR 的距离应为整数，例如 NEAR/10");
  EXPECT_EQ(Err("环*保"), "第 2 列：通配符“*”只能放在词尾");
  EXPECT_EQ(Err("环 *"), "第 3 列：通配符“*”前缺少词语");
  EXPECT_EQ(Err("环保 - 污染"), "第 4 列：“-”后缺少要排除的词语");
  EXPECT_EQ(Err("()"), "第 1 列：括号内不能为空");
  EXPECT_EQ(Err("  "), "规则为空");
  EXPECT_EQ(Err("环保 title:"), "第 10 列：字段限定后缺少词语或括号");
  EXPECT_EQ(Err("title: 环保"), "OK title:\"环保\"");
  EXPECT_EQ(Err("(a b) NEAR/3 c"), "第 1 列：NEAR 两侧只能是词语、短语、用 OR 连接的词语或另一个 NEAR");
  EXPECT_EQ(Err("NOT 广告"), "规则必须至少要求出现一个词语，不能只由排除条件构成");
  EXPECT_EQ(Err("环保 | -广告"), "规则必须至少要求出现一个词语，不能只由排除条件构成");
  EXPECT_NE(Err("bad\xFF").find("第 4 列"), std::string::npos);
  EXPECT_EQ(Err("环保\x01"), "第 3 列：规则含有控制字符");  // fuzzer: the lexicon refuses such terms
  EXPECT_EQ(Err("a \"b\tc\""), "第 3 列：引号内的词语不能含有制表符或换行");
}

TEST(RuleParseTest, CostLimitsRefusePathologicalRules) {
  RuleLimits limits;
  EXPECT_NE(Err("环*").find("通配符前至少需要 2 个字"), std::string::npos);
  EXPECT_NE(Err("a NEAR/501 b").find("NEAR 距离过大"), std::string::npos);

  std::string deep(40, '(');
  deep += "a" + std::string(40, ')');
  auto d = DescribeRule(deep);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(d.status().message().find("嵌套过深"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 100; ++i) nots += "-";
  EXPECT_FALSE(DescribeRule("a " + nots + "b").ok());

  std::string many;
  for (int i = 0; i < 300; ++i) many += "w" + std::to_string(i) + " | ";
  many += "end";
  EXPECT_NE(Err(many).find("超过上限 256"), std::string::npos);

  std::string left, right;
  for (int i = 0; i < 70; ++i) {
    left += (i ? "|" : "") + std::string("l") + std::to_string(i);
    right += (i ? "|" : "") + std::string("r") + std::to_string(i);
  }
  EXPECT_NE(Err("(" + left + ") NEAR/5 (" + right + ")").find("组合过多"), std::string::npos);

  limits.max_rule_bytes = 10;
  EXPECT_NE(Err("环保 污染 排放", limits).find("规则过长"), std::string::npos);
  limits = {};
  limits.max_term_chars = 3;
  EXPECT_NE(Err("环境保护", limits).find("词语过长"), std::string::npos);
}

TEST(RuleMatchTest, BooleanLogic) {
  EXPECT_TRUE(Matches("环保 污染", "化工厂污染引发环保投诉"));
  EXPECT_FALSE(Matches("环保 污染", "化工厂污染"));
  EXPECT_TRUE(Matches("环保 | 生态", "生态修复"));
  EXPECT_FALSE(Matches("污染 -广告", "污染治理广告"));
  EXPECT_TRUE(Matches("污染 -广告", "污染治理"));
  EXPECT_TRUE(Matches("(北京|上海) (污染 | 排放) -(招聘|广告)", "上海某厂排放超标"));
  EXPECT_FALSE(Matches("(北京|上海) (污染 | 排放) -(招聘|广告)", "上海某厂排放超标招聘"));
}

TEST(RuleMatchTest, LatinWholeWordsCaseInsensitive) {
  EXPECT_TRUE(Matches("PX 项目", "反对px项目"));
  EXPECT_FALSE(Matches("PX", "PXE 启动"));
  EXPECT_FALSE(Matches("art", "start"));
  EXPECT_TRUE(Matches("covid-19", "COVID-19 疫情"));
  EXPECT_TRUE(Matches("environ*", "Environmental damage"));
  EXPECT_FALSE(Matches("environ*", "unenvironmental"));
}

TEST(RuleMatchTest, WildcardIsPrefix) {
  EXPECT_TRUE(Matches("环保*", "市环保局回应"));
  RuleSet set;
  ASSERT_TRUE(set.Add("w", "environ* 环保*").ok());
  ASSERT_TRUE(set.Compile().ok());
  RuleDocument doc;
  doc.text = "the environmental 环保局";
  auto m = set.Match(doc);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->size(), 1u);
  ASSERT_EQ((*m)[0].spans.size(), 2u);
  EXPECT_EQ((*m)[0].spans[0].cp_begin, 4u);
  EXPECT_EQ((*m)[0].spans[0].cp_end, 17u);  // the whole word "environmental"
  EXPECT_EQ((*m)[0].spans[1].cp_begin, 18u);
  EXPECT_EQ((*m)[0].spans[1].cp_end, 20u);
}

TEST(RuleMatchTest, NearAndOrderedNear) {
  // 化工厂 (3) + 发生 (2) + 爆炸: gap between 化工 and 爆炸 is 3 characters.
  const std::string text = "化工厂发生爆炸";
  EXPECT_TRUE(Matches("化工 NEAR/3 爆炸", text));
  EXPECT_FALSE(Matches("化工 NEAR/2 爆炸", text));
  EXPECT_TRUE(Matches("爆炸 NEAR/3 化工", text));
  EXPECT_TRUE(Matches("化工 ONEAR/3 爆炸", text));
  EXPECT_FALSE(Matches("爆炸 ONEAR/3 化工", text));
  EXPECT_TRUE(Matches("化工厂 NEAR/0 发生", text));
  EXPECT_TRUE(Matches("(化学|化工) NEAR/5 (爆炸|火灾)", text));
  EXPECT_TRUE(Matches("(化工 NEAR/3 爆炸) NEAR/2 事故", "化工厂发生爆炸，事故"));
  EXPECT_FALSE(Matches("化工 NEAR/100 爆炸", "爆炸", "化工厂"));  // different fields never pair
  EXPECT_FALSE(Matches("化工 NEAR/5 化工厂", "化工厂"));          // one occurrence cannot pair with itself
}

TEST(RuleMatchTest, FieldScopes) {
  RuleDocument doc;
  doc.title = "市长回应化工厂事件";
  doc.text = "居民反映污染问题";
  doc.source = "人民网";
  doc.site = "people.com.cn";
  auto ids = Matching({{"a", "title:化工厂 污染"},
                       {"b", "text:化工厂"},
                       {"c", "source:人民网 site:people.com.cn"},
                       {"d", "site:weibo.com"},
                       {"e", "化工厂"},
                       {"f", "人民网"},
                       {"g", "标题：(污染|化工厂)"}},
                      doc);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c", "e", "g"}));
}

TEST(RuleMatchTest, SpansJustifyTheMatch) {
  RuleSet set;
  ASSERT_TRUE(set.Add("r", "(北京|上海) 污染 -广告").ok());
  ASSERT_TRUE(set.Compile().ok());
  RuleDocument doc;
  doc.title = "上海";
  doc.text = "北京污染，北京";
  auto m = set.Match(doc);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->size(), 1u);
  const auto& s = (*m)[0].spans;
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].field, DocField::kTitle);
  EXPECT_EQ(s[1].field, DocField::kText);
  EXPECT_EQ(s[1].cp_begin, 0u);
  EXPECT_EQ(s[2].cp_begin, 2u);
  EXPECT_EQ(s[3].cp_begin, 5u);
  EXPECT_EQ(s[3].byte_begin, 15u);
}

TEST(RuleSchemeTest, CompilesToTheSameTree) {
  RuleScheme s;
  s.regions = {"北京", "上海"};
  s.subjects = {"化工厂"};
  s.events = {"污染", "排放*"};
  s.excludes = {"广告"};
  auto d = DescribeScheme(s);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, Tree("(北京 | 上海) 化工厂 (污染 | 排放*) -广告"));

  RuleScheme only_events;
  only_events.events = {"污染"};
  only_events.excludes = {"广告", "招聘"};
  EXPECT_EQ(*DescribeScheme(only_events), Tree("污染 -(广告|招聘)"));

  RuleScheme empty;
  empty.excludes = {"广告"};
  auto e = DescribeScheme(empty);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("至少需要"), std::string::npos);

  RuleScheme bad;
  bad.subjects = {"化工", "(错误"};
  auto b = DescribeScheme(bad);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("主体词第 2 项：第 4 列"), std::string::npos) << b.status().message();
}

TEST(RuleSchemeTest, TextFormAndMatching) {
  auto s = ParseRuleScheme("# 化工专题\n地域词：北京、上海\n主体词= 化工厂 化学品\n事件词: 污染，泄漏\n排除词：招聘\n");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->regions, (std::vector<std::string>{"北京", "上海"}));
  EXPECT_EQ(s->subjects, (std::vector<std::string>{"化工厂", "化学品"}));
  EXPECT_EQ(s->events, (std::vector<std::string>{"污染", "泄漏"}));
  EXPECT_EQ(s->excludes, (std::vector<std::string>{"招聘"}));
  EXPECT_FALSE(ParseRuleScheme("关键词：a").ok());
  EXPECT_FALSE(ParseRuleScheme("主体词 a b").ok());

  RuleSet set;
  ASSERT_TRUE(set.AddScheme("化工", *s).ok());
  ASSERT_TRUE(set.Compile().ok());
  RuleDocument doc;
  doc.text = "上海一化工厂发生泄漏";
  EXPECT_EQ(set.Match(doc)->size(), 1u);
  doc.text = "上海一化工厂招聘，无泄漏";
  EXPECT_EQ(set.Match(doc)->size(), 0u);
  doc.text = "广州一化工厂发生泄漏";
  EXPECT_EQ(set.Match(doc)->size(), 0u);
}

TEST(RuleSetTest, ManyRulesShareOneScan) {
  RuleSet set;
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(set.Add("r" + std::to_string(i), "主题" + std::to_string(i) + " (污染|排放)").ok());
  }
  ASSERT_TRUE(set.Compile().ok());
  EXPECT_EQ(set.size(), 1000u);
  EXPECT_EQ(set.term_count(), 1002u);  // shared terms are stored once
  RuleDocument doc;
  doc.text = "主题42 与 主题999 都有排放";
  auto m = set.Match(doc);
  ASSERT_TRUE(m.ok());
  std::vector<std::string> ids;
  for (const auto& r : *m) ids.push_back(r.id);
  // 主题4 and 主题99 are prefixes of what is there, but a trailing digit must
  // end a word, so only r42 and r999 match.
  EXPECT_EQ(ids, (std::vector<std::string>{"r42", "r999"}));
}

TEST(RuleSetTest, RequiresCompileAndReportsRuleId) {
  RuleSet set;
  Status st = set.Add("环保专题", "环保 (");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("规则“环保专题”第 5 列"), std::string::npos) << st.message();
  ASSERT_TRUE(set.Add("ok", "环保").ok());
  RuleDocument doc;
  doc.text = "环保";
  EXPECT_EQ(set.Match(doc).status().code(), ErrorCode::kFailedPrecondition);
  RuleLimits limits;
  limits.max_rules = 1;
  RuleSet small(limits);
  ASSERT_TRUE(small.Add("a", "x").ok());
  EXPECT_EQ(small.Add("b", "y").code(), ErrorCode::kResourceExhausted);
}

// Random documents: a rule's verdict must equal a brute-force evaluation of
// the same boolean formula over substring presence.
TEST(RuleMatchTest, RandomBooleanAgreesWithBruteForce) {
  const std::vector<std::string> words{"环保", "污染", "排放", "化工", "广告"};
  std::mt19937 rng(99);
  RuleSet set;
  ASSERT_TRUE(set.Add("r", "(环保 | 污染) 排放 -(化工 广告)").ok());
  ASSERT_TRUE(set.Compile().ok());
  for (int i = 0; i < 300; ++i) {
    std::string text;
    for (int k = 0; k < 6; ++k) text += (rng() % 2) ? words[rng() % words.size()] : "的";
    auto has = [&](const std::string& w) { return text.find(w) != std::string::npos; };
    const bool want = (has("环保") || has("污染")) && has("排放") && !(has("化工") && has("广告"));
    RuleDocument doc;
    doc.text = text;
    auto m = set.Match(doc);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(!m->empty(), want) << text;
  }
}

}  // namespace
}  // namespace minyi
