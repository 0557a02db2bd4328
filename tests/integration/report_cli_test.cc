// `minyi report` on a data directory seeded with the demo data plus a few
// records: DOCX/HTML/PDF written, figures match the records, bad input gets
// exit code 2 and a Chinese message.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/env.h"
#include "integration/process_util.h"
#include "report/report.h"
#include "server/server.h"
#include "store/store.h"

namespace minyi::testing {
namespace {

class ReportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SystemClock clock;
    StoreOptions o;
    o.location = dir_.path();
    o.clock = &clock;
    auto store = Store::Open(o);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE(SeedDemo(**store, clock, "minyi2026").ok());
    Database& db = (*store)->db();
    // 2026-09-10 10:00 China time: three meetings and a case in September.
    const int64_t sep10 = 1789005600;
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(db.Execute("INSERT INTO duty_records(kind, held_at, topic, created_at, updated_at) "
                             "VALUES ('meeting', ?, '网络意识形态工作专题会', 0, 0)",
                             {sep10 + i * 86400})
                      .ok());
    }
    auto before = db.QueryInt(
        "SELECT COUNT(*) FROM duty_records WHERE kind IN ('meeting', 'special_session') "
        "AND held_at >= 1788192000 AND held_at < 1790784000");
    ASSERT_TRUE(before.ok());
    meetings_ = *before;
  }

  std::string Read(const std::string& path) {
    LocalFileSystem fs;
    auto r = fs.ReadFile(path, 64u << 20);
    return r.ok() ? *r : "";
  }

  TempDir dir_;
  int64_t meetings_ = 0;
};

TEST_F(ReportCliTest, WritesDocxAndHtmlWithFiguresFromTheRecords) {
  std::string docx = dir_.path() + "/r.docx";
  auto res = RunMinyi(
      {"report", "--data", dir_.path(), "--kind", "monthly", "--period", "2026-09", "--format", "docx", "--out", docx});
  ASSERT_EQ(res.exit_code, 0) << res.err;
  EXPECT_NE(res.out.find("清河县融媒体中心2026年9月网络信息工作情况报告"), std::string::npos) << res.out;
  std::string bytes = Read(docx);
  EXPECT_EQ(bytes.substr(0, 2), "PK");

  std::string html = dir_.path() + "/r.html";
  res = RunMinyi({"report", "--data", dir_.path(), "--period", "2026-09", "--format", "html", "--out", html});
  ASSERT_EQ(res.exit_code, 0) << res.err;
  std::string page = Read(html);
  EXPECT_NE(page.find("本期召开专题会议 " + std::to_string(meetings_) + " 次"), std::string::npos);
  EXPECT_NE(page.find("#/duty/records?from=2026-09-01&amp;to=2026-09-30"), std::string::npos);
  EXPECT_GE(meetings_, 3);
}

TEST_F(ReportCliTest, BadInputExitsWithTwoAndKeepsNothing) {
  std::string out = dir_.path() + "/bad.docx";
  auto res = RunMinyi({"report", "--data", dir_.path(), "--period", "2026Q5", "--out", out});
  EXPECT_EQ(res.exit_code, 2);
  EXPECT_NE(res.err.find("错误：报告期格式不正确"), std::string::npos) << res.err;
  res = RunMinyi({"report", "--data", dir_.path(), "--kind", "weekly", "--period", "2026-09", "--out", out});
  EXPECT_EQ(res.exit_code, 2);
  EXPECT_NE(res.err.find("报告类型"), std::string::npos) << res.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(ReportCliTest, PdfContainsTitleAndFigure) {
  if (!PdfConverterAvailable()) GTEST_SKIP() << "LibreOffice (soffice) 未安装，跳过 PDF";
  std::string pdf = dir_.path() + "/r.pdf";
  auto res = RunMinyi(
      {"report", "--data", dir_.path(), "--kind", "quarterly", "--period", "2026Q3", "--format", "pdf", "--out", pdf});
  ASSERT_EQ(res.exit_code, 0) << res.err;
  EXPECT_EQ(Read(pdf).substr(0, 5), "%PDF-");
  FILE* p = popen(("pdftotext " + pdf + " - 2>/dev/null").c_str(), "r");
  ASSERT_TRUE(p);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  pclose(p);
  if (text.empty()) GTEST_SKIP() << "pdftotext（poppler-utils）未安装";
  std::string flat;
  for (char c : text) {
    if (c != ' ' && c != '\n') flat += c;
  }
  EXPECT_NE(flat.find("2026年第三季度网络信息工作情况报告"), std::string::npos) << text;
  EXPECT_NE(flat.find("本期召开专题会议" + std::to_string(meetings_) + "次"), std::string::npos) << text;
}

}  // namespace
}  // namespace minyi::testing
