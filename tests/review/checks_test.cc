#include "review/checks.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "review/checks_internal.h"
#include "review/findings_json.h"
#include "review/utf8.h"

namespace minyi {
namespace {

std::string DataDir() { return std::string(MINYI_SOURCE_DIR) + "/data/review"; }

Checker MustCreate() {
  CheckerOptions options;
  options.data_dir = DataDir();
  auto c = Checker::Create(options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return std::move(c).value();
}

// Test-side check digits, computed independently of the code under test.
std::string IdWithCheck(const std::string& first17) {
  static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * w[i];
  return first17 + "10X98765432"[sum % 11];
}

std::string LuhnComplete(const std::string& body) {
  for (char c = '0'; c <= '9'; ++c) {
    std::string cand = body + c;
    int sum = 0;
    bool dbl = false;
    for (int i = static_cast<int>(cand.size()) - 1; i >= 0; --i) {
      int v = cand[i] - '0';
      if (dbl) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
      dbl = !dbl;
    }
    if (sum % 10 == 0) return cand;
  }
  return "";
}

std::string UsccWithCheck(const std::string& first17) {
  const std::string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int w[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(chars.find(first17[i])) * w[i];
  return first17 + chars[(31 - sum % 31) % 31];
}

std::multiset<std::string> Rules(const std::vector<Finding>& fs) {
  std::multiset<std::string> r;
  for (const Finding& f : fs) r.insert(f.rule);
  return r;
}

const Finding* FindText(const std::vector<Finding>& fs, const std::string& text) {
  for (const Finding& f : fs)
    if (f.text == text) return &f;
  return nullptr;
}

std::string Dump(const std::vector<Finding>& fs) {
  std::string s;
  for (const Finding& f : fs)
    s += f.rule + " [" + f.text + "] @" + std::to_string(f.line) + ":" + std::to_string(f.column) + "\n";
  return s;
}

TEST(Pii, ValidatorsMatchStandards) {
  using namespace review_internal;
  EXPECT_TRUE(ValidResidentId18(U"11010519491231002X"));
  EXPECT_FALSE(ValidResidentId18(U"110105194912310021"));  // wrong check digit
  EXPECT_FALSE(ValidResidentId18(U"11010519491331002X"));  // month 13
  std::string id = IdWithCheck("99010519800101123");       // province 99 does not exist
  EXPECT_FALSE(ValidResidentId18(review_utf8::ToU32(id)));
  EXPECT_TRUE(ValidResidentId15(U"110105491231002"));
  EXPECT_TRUE(LuhnValid(U"4111111111111111"));
  EXPECT_FALSE(LuhnValid(U"4111111111111112"));
  EXPECT_TRUE(ValidSocialCreditCode(review_utf8::ToU32(UsccWithCheck("91110108MA01ABCD2"))));
  EXPECT_FALSE(ValidSocialCreditCode(U"91110108MA01ABCD2I"));
}

TEST(Pii, EveryPlantedItemIsFound) {
  Checker checker = MustCreate();
  const std::string id1 = IdWithCheck("32010219850617201");
  const std::string id2 = IdWithCheck("44030520011129361");
  const std::string card1 = LuhnComplete("622202123456789012");  // 19-digit UnionPay
  const std::string card2 = LuhnComplete("436742001234567");     // 16-digit
  std::string grouped =
      card2.substr(0, 4) + " " + card2.substr(4, 4) + " " + card2.substr(8, 4) + " " + card2.substr(12);
  std::string text = "申请人王某，身份证号" + id1 + "，家属身份证号码：" + id2 +
                     "。\n手机13812345678，备用电话139 1234 5678，另一个186-0000-1234，境外拨打+86 15900001111。\n"
                     "工资卡" +
                     card1 + "，信用卡" + grouped +
                     "。\n护照号E12345678，旧护照G87654321，新版EA1234567。\n"
                     "邮箱wang.mou@example.com。旧身份证110105491231002。";
  auto fs = checker.Check(text);
  auto rules = Rules(fs);
  EXPECT_EQ(rules.count("pii.id_card"), 3u) << Dump(fs);
  EXPECT_EQ(rules.count("pii.mobile"), 4u) << Dump(fs);
  EXPECT_EQ(rules.count("pii.bank_card"), 2u) << Dump(fs);
  EXPECT_EQ(rules.count("pii.passport"), 3u) << Dump(fs);
  EXPECT_EQ(rules.count("pii.email"), 1u) << Dump(fs);
  EXPECT_NE(FindText(fs, id1), nullptr);
  EXPECT_NE(FindText(fs, "139 1234 5678"), nullptr);
  EXPECT_NE(FindText(fs, "+86 15900001111"), nullptr);
  EXPECT_NE(FindText(fs, grouped), nullptr);
  const Finding* mail = FindText(fs, "wang.mou@example.com");
  ASSERT_NE(mail, nullptr);
  EXPECT_EQ(mail->line, 5);
}

TEST(Pii, MaskedNumbersAndCreditCodesAreFine) {
  Checker checker = MustCreate();
  std::string uscc = UsccWithCheck("91110108MA01ABCD2");
  std::string text =
      "身份证号110101********1234，手机138****5678，卡号6222 **** **** 1234，邮箱zh***@163.com。"
      "统一社会信用代码：" +
      uscc +
      "。金额12345678901.50元，订单号20261123000012345678，电话0571-88886666。"
      "文号为国办发〔2026〕3号，邮编310000，时间2026年1月20日。";
  auto fs = checker.Check(text);
  for (const Finding& f : fs) EXPECT_NE(f.category, CheckCategory::kPii) << Dump(fs);
}

TEST(Secrecy, ClassificationMarksAndMarkings) {
  Checker checker = MustCreate();
  auto fs =
      checker.Check("机密★10年\n秘密★长期\n绝密 ★\n内部资料 注意保密\n此件不公开\n要严格保守国家秘密，做好保密工作。");
  auto rules = Rules(fs);
  EXPECT_EQ(rules.count("secrecy.classification_mark"), 3u) << Dump(fs);
  EXPECT_NE(FindText(fs, "机密★10年"), nullptr) << Dump(fs);
  EXPECT_NE(FindText(fs, "秘密★长期"), nullptr) << Dump(fs);
  EXPECT_NE(FindText(fs, "内部资料"), nullptr);
  EXPECT_NE(FindText(fs, "注意保密"), nullptr);
  EXPECT_NE(FindText(fs, "此件不公开"), nullptr);
  EXPECT_EQ(FindText(fs, "秘密"), nullptr);
}

TEST(Term, OutdatedInstitutionNames) {
  Checker checker = MustCreate();
  auto fs = checker.Check(
      "请到县工商局和国土资源局办理，环保局、安监局、卫计委、扶贫办派员参加。"
      "国家工商行政管理总局发布通知。原工商局旧址现为市场监督管理局。农业部门要配合。");
  const Finding* f = FindText(fs, "工商局");
  ASSERT_NE(f, nullptr) << Dump(fs);
  EXPECT_EQ(f->category, CheckCategory::kTerm);
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->suggestion, "市场监督管理局");
  for (const char* t : {"国土资源局", "环保局", "安监局", "卫计委", "扶贫办", "国家工商行政管理总局"})
    EXPECT_NE(FindText(fs, t), nullptr) << t << "\n" << Dump(fs);
  // Longest match wins, historical "原工商局" and "农业部门" are fine.
  EXPECT_EQ(Rules(fs).count("term.institution"), 7u) << Dump(fs);
}

TEST(Prohibited, AdvertisingTermsWithExemptContexts) {
  Checker checker = MustCreate();
  auto fs = checker.Check(
      "本店产品国家级品质，最佳选购，全国第一，顶级享受。\n"
      "第一季度，第一书记，第一时间，全国第一个试点，国家级非物质文化遗产，世界第一高峰。他妈的。");
  auto rules = Rules(fs);
  EXPECT_EQ(rules.count("prohibited.advertising"), 4u) << Dump(fs);
  EXPECT_EQ(rules.count("prohibited.vulgar"), 1u) << Dump(fs);
  EXPECT_NE(FindText(fs, "他妈的"), nullptr);
  for (const Finding& f : fs) EXPECT_EQ(f.line, f.rule == "prohibited.vulgar" ? 2 : 1) << Dump(fs);
}

TEST(Typo, ConfusionPairsAndDoubledWords) {
  Checker checker = MustCreate();
  auto fs =
      checker.Check("我们要再接再励，按步就班，不能迫不急待。截止目前，这是我的的书。他的确的的确确来过，不了了之。");
  for (const char* t : {"再接再励", "按步就班", "迫不急待", "截止目前", "的的"})
    EXPECT_NE(FindText(fs, t), nullptr) << t << "\n" << Dump(fs);
  const Finding* f = FindText(fs, "再接再励");
  EXPECT_EQ(f->suggestion, "再接再厉");
  EXPECT_EQ(f->severity, Severity::kError);
  EXPECT_EQ(Rules(fs).count("typo.doubled"), 1u) << Dump(fs);
  EXPECT_EQ(Rules(fs).count("typo.word"), 4u) << Dump(fs);
}

TEST(Typography, Gbt15834Problems) {
  Checker checker = MustCreate();
  auto fs = checker.Check(
      "句子里有半角逗号,还有\"直引号\"和半角括号(说明)。\n"
      "这里（括号没有闭合。\n"
      "重复的标点，，不好。\n"
      "省略号写成。。。或者...都不对，单个…也不对。\n"
      "破折号--不对，一字线连接号北京—上海是对的。\n"
      "这是一个汉字之间 有空格而且足够长的句子用于检查。\n"
      "Hello, world. 2020—2025年。\n"
      "1）第一项。");
  auto r = Rules(fs);
  EXPECT_EQ(r.count("typography.halfwidth_punct"), 1u) << Dump(fs);
  EXPECT_EQ(r.count("typography.straight_quote"), 2u) << Dump(fs);
  EXPECT_EQ(r.count("typography.halfwidth_paren"), 2u) << Dump(fs);
  EXPECT_EQ(r.count("typography.unmatched"), 1u) << Dump(fs);
  EXPECT_EQ(r.count("typography.doubled_punct"), 1u) << Dump(fs);
  EXPECT_EQ(r.count("typography.ellipsis"), 3u) << Dump(fs);
  EXPECT_EQ(r.count("typography.dash"), 1u) << Dump(fs);
  EXPECT_EQ(r.count("typography.space_between_han"), 1u) << Dump(fs);
  const Finding* q = FindText(fs, "\"");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->suggestion, "“");
}

TEST(Typography, MultiParagraphQuotationIsFine) {
  Checker checker = MustCreate();
  auto fs = checker.Check("他说：“第一段话。\n“第二段话。\n“第三段话。”");
  EXPECT_TRUE(fs.empty()) << Dump(fs);
}

TEST(Checker, OffsetsAreCodePoints) {
  Checker checker = MustCreate();
  auto fs = checker.Check("第一行\n𠀀前面有扩展字再接再励");
  const Finding* f = FindText(fs, "再接再励");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->start, 11u);
  EXPECT_EQ(f->end, 15u);
  EXPECT_EQ(f->line, 2);
  EXPECT_EQ(f->column, 8);
}

TEST(Checker, WhitelistSuppressesCoveredFindings) {
  Checker checker = MustCreate();
  std::string text = "县工商局旧址纪念馆开放。县工商局另有安排。";
  EXPECT_EQ(Rules(checker.Check(text)).count("term.institution"), 2u);
  checker.AddWhitelist("工商局旧址纪念馆");
  auto fs = checker.Check(text);
  EXPECT_EQ(Rules(fs).count("term.institution"), 1u) << Dump(fs);
  EXPECT_EQ(fs[0].start, 13u);
}

TEST(Checker, OrganisationTermsAtRuntime) {
  Checker checker = MustCreate();
  size_t before = checker.term_count();
  ASSERT_TRUE(
      checker.AddTermsTsv("# 本单位词库\n城关镇政府\tterm.local\twarning\t城关镇人民政府\t全称\t\t\n", "org.tsv").ok());
  EXPECT_EQ(checker.term_count(), before + 1);
  auto fs = checker.Check("城关镇政府召开会议。");
  const Finding* f = FindText(fs, "城关镇政府");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->rule, "term.local");
  EXPECT_EQ(f->message, "全称");
  auto bad = checker.AddTermsTsv("词\tnocategory\twarning\t建议\n", "bad.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("bad.tsv 第 1 行"), std::string::npos);
  EXPECT_FALSE(
      checker
          .AddTerms({ReviewTerm{"第一", CheckCategory::kProhibited, Severity::kInfo, "", "", "", {"第二"}, "", {}, {}}})
          .ok());
}

TEST(Checker, DisabledCategoriesAreSkipped) {
  Checker checker = MustCreate();
  checker.SetEnabled(CheckCategory::kTypography, false);
  checker.SetEnabled(CheckCategory::kTypo, false);
  auto fs = checker.Check("再接再励,好");
  EXPECT_TRUE(fs.empty()) << Dump(fs);
}

TEST(Checker, MissingDataDirIsAClearError) {
  CheckerOptions options;
  options.data_dir = "/nonexistent/review";
  auto c = Checker::Create(options);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kNotFound);
}

std::string ReadTestData(const std::string& name) {
  std::ifstream in(std::string(MINYI_SOURCE_DIR) + "/tests/review/testdata/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Checker, CleanOfficialProseHasNearZeroFindings) {
  Checker checker = MustCreate();
  size_t chars = 0;
  size_t findings = 0;
  std::string all;
  for (const char* name : {"clean_notice.txt", "clean_news.txt"}) {
    std::string text = ReadTestData(name);
    ASSERT_FALSE(text.empty()) << name;
    chars += review_utf8::CountCodePoints(text);
    auto fs = checker.Check(text);
    findings += fs.size();
    all += Dump(fs);
  }
  EXPECT_GT(chars, 4000u);
  // Target: at most one false finding per 10,000 characters.
  EXPECT_LE(findings * 10000, chars) << all;
}

TEST(Checker, EveryCategoryFoundInPlantedDocument) {
  Checker checker = MustCreate();
  std::string text = ReadTestData("clean_notice.txt");
  text += "\n联系人身份证" + IdWithCheck("33010619900101123") +
          "。秘密★5年。请到县工商局办理。本品最佳。再接再励。好,的。\n";
  std::set<CheckCategory> cats;
  for (const Finding& f : checker.Check(text)) cats.insert(f.category);
  EXPECT_EQ(cats.size(), static_cast<size_t>(kCheckCategoryCount));
}

TEST(FindingsJson, JsonAndSarifShapes) {
  Checker checker = MustCreate();
  FileFindings ok{"a.txt", Status::Ok(), checker.Check("再接再励")};
  FileFindings bad{"b.docx", InvalidArgument("文件已损坏"), {}};
  nlohmann::json j = FileFindingsToJson(ok);
  EXPECT_EQ(j["file"], "a.txt");
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["rule"], "typo.word");
  EXPECT_EQ(j["findings"][0]["severity"], "error");
  EXPECT_EQ(j["findings"][0]["suggestion"], "再接再厉");
  EXPECT_EQ(FileFindingsToJson(bad)["error"]["message"], "文件已损坏");
  nlohmann::json s = ToSarif({ok, bad}, checker.Rules());
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_EQ(s["runs"][0]["results"].size(), 1u);
  EXPECT_EQ(s["runs"][0]["results"][0]["ruleId"], "typo.word");
  EXPECT_EQ(s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"], 1);
  EXPECT_EQ(s["runs"][0]["columnKind"], "unicodeCodePoints");
  EXPECT_FALSE(s["runs"][0]["invocations"][0]["executionSuccessful"]);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Lexicons, ShippedFilesParseAndAreConsistent) {
  CueSets cues;
  for (const char* name : {"commerce", "reform", "foreign"}) {
    std::stringstream ss(Slurp(DataDir() + "/cues_" + name + ".txt"));
    std::vector<std::string> words;
    for (std::string line; std::getline(ss, line);)
      if (!line.empty() && line[0] != '#') words.push_back(line);
    EXPECT_GT(words.size(), 5u) << name;
    cues.emplace_back(name, words);
  }
  for (const char* name : {"secrecy.tsv", "terms.tsv", "prohibited.tsv", "typos.tsv"}) {
    auto terms = ParseLexiconTsv(Slurp(DataDir() + "/" + name), name, cues);
    ASSERT_TRUE(terms.ok()) << terms.status().ToString();
    EXPECT_GT(terms->size(), 10u) << name;
    for (const ReviewTerm& t : *terms) EXPECT_NE(t.term, t.suggestion) << name << ": " << t.term;
  }
}

// ---- Regression tests for classes of false findings on clean official text
// (sentences written for these tests).

TEST(Precision, AdvertisingSuperlativesCountOnlyWhereSomethingIsSold) {
  Checker checker = MustCreate();
  auto clean = checker.Check(
      "这一治理经验在世界上是独一无二的。医院调集了最先进的设备。两地优势互补，是最佳合作伙伴。"
      "她是世界级的运动员，也是国家级先进模范。我国是世界第一大货物贸易国。");
  EXPECT_TRUE(clean.empty()) << Dump(clean);
  auto selling = checker.Check("本店商品独一无二，欢迎选购。这款产品采用最先进的工艺。全网最低，售完即止！");
  auto rules = Rules(selling);
  EXPECT_EQ(rules.count("prohibited.advertising"), 3u) << Dump(selling);
  EXPECT_NE(FindText(selling, "独一无二"), nullptr);
  EXPECT_NE(FindText(selling, "最先进"), nullptr);
  EXPECT_NE(FindText(selling, "全网最低"), nullptr);  // no sentence condition: only ever used in selling
}

TEST(Precision, OldInstitutionNamesInHistoricalOrForeignSentences) {
  Checker checker = MustCreate();
  auto clean = checker.Check(
      "该标准由原国家环保局牵头制定。\n"
      "按照改革方案，不再保留县安监局。\n"
      "将国土资源部的职责整合，组建自然资源部。\n"
      "代表团访问了美国农业部下属的研究机构。");
  EXPECT_TRUE(clean.empty()) << Dump(clean);
  // The same names in an ordinary current sentence are still found.
  auto fs = checker.Check("请县环保局、安监局派员参加，国土资源部门配合。");
  EXPECT_NE(FindText(fs, "环保局"), nullptr) << Dump(fs);
  EXPECT_NE(FindText(fs, "安监局"), nullptr) << Dump(fs);
}

TEST(Precision, ConnectorDashTitlesAndCompounds) {
  Checker checker = MustCreate();
  // 一字线 as connector; a title quoted verbatim; compounds that contain a listed word.
  auto clean = checker.Check(
      "开通北京—上海直达列车。影片《再接再励》讲述乡村教师的故事。沪深300成份股普遍上涨。"
      "原油的内部参考价有所下调。天气太热，大家都受不了了。");
  EXPECT_TRUE(clean.empty()) << Dump(clean);
  auto fs = checker.Check("大家要再接再励。破折号--写错了。化学成份要标注。这是我的的书。");
  for (const char* t : {"再接再励", "--", "成份", "的的"}) EXPECT_NE(FindText(fs, t), nullptr) << t << Dump(fs);
}

TEST(Precision, SentenceConditionsForOrganisationTerms) {
  Checker checker = MustCreate();
  ASSERT_TRUE(checker
                  .AddTermsTsv("金牌\tprohibited.advertising\twarning\t删除\t\t\t\t@commerce\n"
                               "城关镇政府\tterm.local\twarning\t城关镇人民政府\t\t\t\t\t历史|@reform\n",
                               "org.tsv")
                  .ok());
  EXPECT_TRUE(checker.Check("他获得了金牌。").empty());
  EXPECT_EQ(checker.Check("金牌产品，欢迎选购。").size(), 1u);
  EXPECT_EQ(checker.Check("城关镇政府召开会议。").size(), 1u);
  EXPECT_TRUE(checker.Check("城关镇政府的历史可以追溯到民国。").empty());
  EXPECT_TRUE(checker.Check("城关镇政府已更名为城关街道办事处。").empty());
  auto bad = checker.AddTermsTsv("词\tterm.local\twarning\t建议\t\t\t\t@nosuchset\n", "bad.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("@nosuchset"), std::string::npos) << bad.message();
}

}  // namespace
}  // namespace minyi
