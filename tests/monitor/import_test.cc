#include "monitor/import.h"

#include <gtest/gtest.h>

namespace minyi {
namespace {

TEST(ImportTest, CsvWithBomQuotesAndChineseHeaders) {
  std::string csv =
      "\xEF\xBB\xBF标题,内容,链接,发布时间,来源,作者\r\n"
      "\"停水通知\",\"因管网维修，\"\"城东\"\"片区停水，\n明日恢复\",http://www.qh.gov.cn/a.html,2026-11-20 "
      "10:30,清河发布,张三\r\n"
      "二,,,,,\r\n";
  auto r = ParseCsvImport(csv);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].title, "停水通知");
  EXPECT_EQ(r->items[0].text, "因管网维修，\"城东\"片区停水，\n明日恢复");
  EXPECT_EQ(r->items[0].site, "www.qh.gov.cn");
  EXPECT_EQ(r->items[0].outlet, "清河发布");
  EXPECT_EQ(r->items[0].published_at, 1795141800);
  EXPECT_EQ(r->item_lines[1], 4);  // the quoted line break moved the next record
  ASSERT_EQ(r->dropped_columns.size(), 1u);
  EXPECT_EQ(r->dropped_columns[0], "作者");
  EXPECT_EQ(r->encoding, "utf-8");
}

TEST(ImportTest, GbkCsvIsDetected) {
  // "标题,内容\n测试,正文\n" in GBK.
  std::string csv = "\xB1\xEA\xCC\xE2,\xC4\xDA\xC8\xDD\n\xB2\xE2\xCA\xD4,\xD5\xFD\xCE\xC4\n";
  auto r = ParseCsvImport(csv);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->encoding, "gb18030");
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].title, "测试");
  EXPECT_EQ(r->items[0].text, "正文");
}

TEST(ImportTest, BadLinesAreReportedWithLineNumbers) {
  std::string csv =
      "title,text,url,published_at\n"
      "ok,正文,,\n"
      ",,,\n"
      "x,y,notaurl,\n"
      "a,b,,不是日期\n"
      "a,b,c,d,e,f\n"
      "last,行,,\"unterminated\n";
  auto r = ParseCsvImport(csv);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->items.size(), 1u);
  ASSERT_EQ(r->errors.size(), 4u);
  EXPECT_EQ(r->errors[0].line, 4);
  EXPECT_EQ(r->errors[1].line, 5);
  EXPECT_EQ(r->errors[2].line, 6);
  EXPECT_EQ(r->errors[3].line, 7);
  EXPECT_NE(r->errors[3].message.find("引号"), std::string::npos);
}

TEST(ImportTest, RefusesWithoutContentColumnsOrOversized) {
  EXPECT_EQ(ParseCsvImport("a,b\n1,2\n").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseCsvImport("").status().code(), ErrorCode::kInvalidArgument);
  ImportLimits small;
  small.max_bytes = 5;
  EXPECT_EQ(ParseCsvImport("title\nabc\n", small).status().code(), ErrorCode::kResourceExhausted);
  small = ImportLimits{};
  small.max_rows = 2;
  auto r = ParseCsvImport("title\na\nb\nc\nd\n", small);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->error_count, 1);
}

TEST(ImportTest, JsonLines) {
  std::string jl =
      "{\"id\":\"1\",\"title\":\"一\",\"content\":\"正文一\",\"author\":\"某网友\",\"published_at\":"
      "1795141800,\"kind\":\"论坛\"}\n"
      "\n"
      "not json\n"
      "[1,2]\n"
      "{\"title\":{\"x\":1}}\n"
      "{\"title\":\"二\",\"nickname\":\"abc\",\"time\":\"2026年11月20日 10:30\"}\n";
  auto r = ParseJsonLinesImport(jl);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].external_id, "1");
  EXPECT_EQ(r->items[0].kind, "forum");
  EXPECT_EQ(r->items[1].published_at, 1795141800);
  ASSERT_EQ(r->errors.size(), 3u);
  EXPECT_EQ(r->errors[0].line, 3);
  EXPECT_EQ(r->errors[2].line, 5);
  EXPECT_EQ(r->dropped_columns.size(), 2u);
  std::string deep(100, '[');
  auto d = ParseJsonLinesImport(deep + "\n");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->error_count, 1);
}

}  // namespace
}  // namespace minyi
