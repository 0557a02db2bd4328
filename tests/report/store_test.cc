// Stored drafts: versions on every edit, finalization freezes the content and
// keeps the DOCX, bad edits are refused without losing anything.
#include <gtest/gtest.h>

#include "report/report.h"
#include "report/report_test_util.h"
#include "store/audit.h"

namespace minyi {
namespace {

using testing::ChinaTime;
using testing::TempStore;

class ReportStoreTest : public ::testing::Test {
 protected:
  ReportStoreTest() : tmp_(ChinaTime(2026, 10, 8)), repo_(tmp_.db(), tmp_.clock()) {}
  int64_t Create() {
    auto d = DraftReport(tmp_.db(), tmp_.clock(), ReportKind::kMonthly, *ParsePeriod("2026-09"), "清河县融媒体中心");
    EXPECT_TRUE(d.ok());
    auto id = repo_.Create(actor_, *d);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  TempStore tmp_;
  ReportRepo repo_;
  Actor actor_{1, "张编辑"};
};

TEST_F(ReportStoreTest, EditKeepsVersionsAndFiguresThenFinalizeFreezes) {
  int64_t id = Create();
  auto r = repo_.Get(id);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, ReportStatus::kDraft);
  EXPECT_EQ(r->version, 1);
  size_t figures = r->content.figures.size();
  ASSERT_GT(figures, 0u);

  ReportDraft edited = r->content;
  edited.title = "关于2026年9月网络信息工作情况的报告";
  edited.sections[2].paragraphs = {{"", "人工修改的问题段落。"}};
  edited.figures.clear();  // figures are not editable: ignored
  ASSERT_TRUE(repo_.EditText(actor_, id, edited).ok());
  r = repo_.Get(id);
  EXPECT_EQ(r->version, 2);
  EXPECT_EQ(r->title, "关于2026年9月网络信息工作情况的报告");
  EXPECT_EQ(r->content.sections[2].paragraphs[0].text, "人工修改的问题段落。");
  EXPECT_EQ(r->content.figures.size(), figures);

  ReportDraft broken = r->content;
  broken.sections.pop_back();
  auto st = repo_.EditText(actor_, id, broken);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("四部分"), std::string::npos);
  EXPECT_EQ(repo_.Get(id)->version, 2);  // nothing lost or changed

  ASSERT_TRUE(repo_.Regenerate(actor_, id, "清河县融媒体中心").ok());
  EXPECT_EQ(repo_.Versions(id)->size(), 3u);

  EXPECT_EQ(repo_.FinalDocx(id).status().code(), ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(repo_.Finalize(actor_, id).ok());
  r = repo_.Get(id);
  EXPECT_EQ(r->status, ReportStatus::kFinal);
  EXPECT_EQ(r->finalized_by, "张编辑");
  auto docx = repo_.FinalDocx(id);
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  EXPECT_NE(testing::ZipEntry(*docx, "word/document.xml").find(r->title), std::string::npos);

  EXPECT_EQ(repo_.EditText(actor_, id, r->content).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(repo_.Regenerate(actor_, id, "x").code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(repo_.Finalize(actor_, id).code(), ErrorCode::kFailedPrecondition);

  auto list = repo_.List(10, 0);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().id, id);
  auto audit = VerifyAuditChain(tmp_.db());
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->ok());
  auto entries = ListAudit(tmp_.db(), "report", 10, 0);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->size(), 4u);  // create, update, regenerate, finalize
}

TEST_F(ReportStoreTest, UnknownReportIsNotFound) {
  EXPECT_EQ(repo_.Get(99).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(repo_.Finalize(actor_, 99).code(), ErrorCode::kNotFound);
}

TEST(ContentJsonTest, RoundTripAndHostileInput) {
  ReportDraft d;
  d.period = *ParsePeriod("2026Q3");
  d.kind = ReportKind::kQuarterly;
  d.title = "标题";
  d.sections = {Section{"基本情况", {{"小标题", "正文"}}, {Chart{"图", ChartType::kPie, {"a"}, {1}}}, {}}};
  d.figures = {Figure{"k", "标签", 3, "件", "cases", "#/cases/list", {1, 2, 3}}};
  auto back = ReportDraftFromJson(ReportDraftToJson(d));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->period.text, "2026Q3");
  EXPECT_EQ(back->sections[0].paragraphs[0].heading, "小标题");
  EXPECT_EQ(back->sections[0].charts[0].type, ChartType::kPie);
  EXPECT_EQ(back->figures[0].record_ids, (std::vector<int64_t>{1, 2, 3}));

  for (const std::string& bad :
       {std::string("not json"), std::string("[]"), std::string(100, '[') + std::string(100, ']'),
        std::string(R"({"kind":"monthly","period":"2026-13"})"), std::string(R"({"kind":"weekly","period":"2026-09"})"),
        std::string(R"({"kind":"monthly","period":"2026-09","sections":[{"paragraphs":[{"text":5}]}]})"),
        std::string(R"({"kind":"monthly","period":"2026-09","figures":[{"label":"x"}]})")}) {
    auto r = ReportDraftFromJson(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  EXPECT_EQ(ReportDraftFromJson(std::string(kMaxContentBytes + 1, ' ')).status().code(), ErrorCode::kResourceExhausted);
}

}  // namespace
}  // namespace minyi
