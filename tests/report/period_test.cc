// Report kinds and the five period forms, with Chinese errors for the rest.
#include <gtest/gtest.h>

#include "report/report.h"
#include "report/report_test_util.h"

namespace minyi {
namespace {

using testing::ChinaTime;

TEST(PeriodTest, Month) {
  auto p = ParsePeriod("2026-09");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->text, "2026-09");
  EXPECT_EQ(p->label, "2026年9月");
  EXPECT_EQ(p->FromDate(), "2026-09-01");
  EXPECT_EQ(p->ToDate(), "2026-09-30");
  EXPECT_EQ(p->begin, ChinaTime(2026, 9, 1, 0, 0));
  EXPECT_EQ(p->end, ChinaTime(2026, 10, 1, 0, 0));
}

TEST(PeriodTest, QuarterHalfYearAndYear) {
  auto q = ParsePeriod("2026Q3");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->label, "2026年第三季度");
  EXPECT_EQ(q->FromDate(), "2026-07-01");
  EXPECT_EQ(q->ToDate(), "2026-09-30");
  auto lower = ParsePeriod("2026q4");
  ASSERT_TRUE(lower.ok());
  EXPECT_EQ(lower->text, "2026Q4");
  EXPECT_EQ(lower->ToDate(), "2026-12-31");
  auto h1 = ParsePeriod("2026H1");
  ASSERT_TRUE(h1.ok());
  EXPECT_EQ(h1->label, "2026年上半年");
  EXPECT_EQ(h1->ToDate(), "2026-06-30");
  auto h2 = ParsePeriod("2026H2");
  ASSERT_TRUE(h2.ok());
  EXPECT_EQ(h2->FromDate(), "2026-07-01");
  auto y = ParsePeriod(" 2026 ");
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(y->label, "2026年");
  EXPECT_EQ(y->end - y->begin, 365 * 86400);
}

TEST(PeriodTest, RangeAndLeapDay) {
  auto r = ParsePeriod("2028-02-01..2028-02-29");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->label, "2028年2月1日至2028年2月29日");
  EXPECT_EQ(r->end - r->begin, 29 * 86400);
  auto feb = ParsePeriod("2028-02");
  ASSERT_TRUE(feb.ok());
  EXPECT_EQ(feb->ToDate(), "2028-02-29");
  EXPECT_EQ(ParsePeriod("2026-02")->ToDate(), "2026-02-28");
}

TEST(PeriodTest, BadInputGetsChineseErrors) {
  for (const char* bad : {"", "2026-13", "2026-00", "2026Q5", "2026Q0", "2026H3", "26-09", "1999", "2100",
                          "2026-09-31..2026-10-01", "2026-10-01..2026-09-01", "2020-01-01..2026-01-01", "2026/09",
                          "2026-9", "abcd", "2026-09-01..", "..2026-09-01", "2026Q3x"}) {
    auto p = ParsePeriod(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status().code(), ErrorCode::kInvalidArgument) << bad;
    EXPECT_NE(p.status().message().find("报告期"), std::string::npos) << p.status().message();
  }
  EXPECT_NE(ParsePeriod("2026-13").status().message().find("月份"), std::string::npos);
  EXPECT_NE(ParsePeriod("2026-02-30..2026-03-01").status().message().find("不存在"), std::string::npos);
  EXPECT_FALSE(ParsePeriod(std::string(100, '2')).ok());
}

TEST(ReportKindTest, NamesRoundTrip) {
  for (ReportKind k : AllReportKinds()) {
    auto parsed = ParseReportKind(ReportKindName(k));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, k);
    EXPECT_FALSE(ReportKindLabel(k).empty());
  }
  auto bad = ParseReportKind("weekly");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("报告类型"), std::string::npos);
}

}  // namespace
}  // namespace minyi
