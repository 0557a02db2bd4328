// Figures in a drafted report checked against records inserted into the
// subsystems' own tables in a temporary store: in-period records counted,
// out-of-period records not, and every figure names the ids it counts.
#include <gtest/gtest.h>

#include "report/report.h"
#include "report/report_test_util.h"
#include "store/org.h"

namespace minyi {
namespace {

using testing::ChinaTime;
using testing::TempStore;
using Ids = std::vector<int64_t>;

class FactsTest : public ::testing::Test {
 protected:
  FactsTest() : tmp_(ChinaTime(2026, 10, 8)) {}

  void SetUp() override {
    OrgRepo org(db(), tmp_.clock());
    Actor sys{0, "测试"};
    ASSERT_TRUE(org.SaveOrganization(sys, {"清河县融媒体中心", "", ""}).ok());
    dept_ = *org.CreateUnit(sys, Unit{0, 0, "宣传科", "department", 1, true});
    village_ = *org.CreateUnit(sys, Unit{0, 0, "东关村", "village", 2, true});
    ASSERT_TRUE(org.CreateUnit(sys, Unit{0, 0, "城关镇", "other", 3, true}).ok());  // sends no zero-reports
    User u;
    u.name = "editor";
    u.display_name = "张编辑";
    u.role = Role::kEditor;
    user_ = *org.CreateUser(sys, u, "x");
  }

  Database& db() { return tmp_.db(); }
  int64_t Insert(const std::string& sql, const SqlParams& p) {
    auto id = db().InsertReturningId(sql + " RETURNING id", p);
    EXPECT_TRUE(id.ok()) << id.status().ToString() << " " << sql;
    return id.ok() ? *id : 0;
  }
  ReportDraft Draft(const std::string& period) {
    auto d = DraftReport(db(), tmp_.clock(), ReportKind::kMonthly, *ParsePeriod(period), "清河县融媒体中心");
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : ReportDraft{};
  }
  static const Figure& Fig(const ReportDraft& d, const char* key) {
    static const Figure kNone{"<none>"};
    const Figure* f = d.FindFigure(key);
    EXPECT_TRUE(f) << "missing figure " << key;
    return f ? *f : kNone;
  }
  static std::string AllText(const ReportDraft& d) {
    std::string s;
    for (const Section& sec : d.sections) {
      for (const Paragraph& p : sec.paragraphs) s += p.text + "\n";
    }
    return s;
  }

  // A template, and a submitted 2026 self-check scored 92.5 of 100 with two
  // items that lost points. Returns the self-check id.
  int64_t SeedSelfCheck() {
    int64_t tpl =
        Insert("INSERT INTO duty_checklist_templates(name, created_at, updated_at) VALUES ('责任制自查表', 0, 0)", {});
    int64_t sc = Insert(
        "INSERT INTO duty_selfchecks(template_id, year, title, status, total_max, total_score, submitted_at, "
        "created_at, updated_at) VALUES (?, 2026, '2026年度责任制落实情况自查', 'submitted', 100, 92.5, ?, 0, 0)",
        {tpl, ChinaTime(2026, 9, 28)});
    auto item = [&](const char* content, double max, double deduction, const char* finding, int order) {
      int64_t it = Insert(
          "INSERT INTO duty_checklist_items(template_id, category, content, max_score, sort_order) "
          "VALUES (?, '组织领导', ?, ?, ?)",
          {tpl, content, max, int64_t{order}});
      Insert(
          "INSERT INTO duty_selfcheck_items(selfcheck_id, item_id, category, content, max_score, deduction, score, "
          "finding, sort_order) VALUES (?, ?, '组织领导', ?, ?, ?, ?, ?, ?)",
          {sc, it, content, max, deduction, max - deduction, finding, int64_t{order}});
    };
    item("每季度召开研判会", 20, 5, "第三季度未召开", 1);
    item("落实零报告制度", 10, 2.5, "", 2);
    item("建立领导小组", 70, 0, "", 3);
    return sc;
  }

  TempStore tmp_;
  int64_t dept_ = 0, village_ = 0, user_ = 0;
};

TEST_F(FactsTest, ReviewDeskFigures) {
  int64_t web = Insert(
      "INSERT INTO review_channels(kind, name, created_at, updated_at) VALUES ('website', '门户网站', 0, 0)", {});
  auto draft = [&](UnixSeconds at) {
    return Insert(
        "INSERT INTO review_drafts(channel_id, title, author_id, status, stage_entered_at, created_at, "
        "updated_at) VALUES (?, '稿件', ?, 'published', ?, ?, ?)",
        {web, user_, at, at, at});
  };
  int64_t a = draft(ChinaTime(2026, 9, 2)), b = draft(ChinaTime(2026, 9, 30, 23, 59));
  draft(ChinaTime(2026, 8, 31, 23, 59));  // previous month
  draft(ChinaTime(2026, 10, 1, 0, 0));    // next month
  auto ledger = [&](int64_t id, UnixSeconds at, int found, int fixed, int returns) {
    Insert(
        "INSERT INTO review_ledger(draft_id, channel_id, title, author_name, published_at, version_count, "
        "return_count, findings_first, findings_final, findings_fixed, first_seconds, second_seconds, "
        "final_seconds, submitted_at, recorded_at) VALUES (?, ?, '稿件', '张编辑', ?, 2, ?, ?, 0, ?, 1, 1, 1, ?, ?)",
        {id, web, at, returns, found, fixed, at, at});
  };
  ledger(a, ChinaTime(2026, 9, 3), 30, 30, 1);
  ledger(b, ChinaTime(2026, 9, 30, 23, 0), 7, 7, 0);
  ReportDraft d = Draft("2026-09");
  EXPECT_EQ(Fig(d, "review.drafts").value, 2);
  EXPECT_EQ(Fig(d, "review.drafts").record_ids, (Ids{a, b}));
  EXPECT_EQ(Fig(d, "review.drafts").link, "#/review/drafts?from=2026-09-01&to=2026-09-30");
  EXPECT_EQ(Fig(d, "review.published").record_ids, (Ids{a, b}));
  EXPECT_EQ(Fig(d, "review.findings").value, 37);
  EXPECT_EQ(Fig(d, "review.fixed").value, 37);
  EXPECT_EQ(Fig(d, "review.returned").value, 1);
  EXPECT_NE(AllText(d).find("发布前发现问题 37 处，已全部整改"), std::string::npos) << AllText(d);
  ASSERT_FALSE(d.sections[0].charts.empty());
  EXPECT_EQ(d.sections[0].charts[0].labels, (std::vector<std::string>{"门户网站"}));
}

TEST_F(FactsTest, MonitoringVolumesTopEventsAndSentiment) {
  auto event = [&](const char* title) {
    return Insert(
        "INSERT INTO monitor_events(title, first_seen, last_seen, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
        {title, ChinaTime(2026, 9, 5), ChinaTime(2026, 9, 20)});
  };
  int64_t noise = event("道路施工噪音扰民"), fair = event("县城美食节开幕");
  int n = 0;
  auto item = [&](UnixSeconds at, const char* sentiment, std::optional<int64_t> ev) {
    Insert(
        "INSERT INTO monitor_items(dedup_key, published_at, ingested_at, sentiment, event_id) VALUES (?, ?, ?, ?, ?)",
        {"k" + std::to_string(++n), at, at, sentiment, ev});
  };
  for (int i = 0; i < 3; ++i) item(ChinaTime(2026, 9, 6 + i), "negative", noise);
  item(ChinaTime(2026, 9, 7), "positive", fair);
  item(ChinaTime(2026, 9, 8), "neutral", std::nullopt);
  item(ChinaTime(2026, 10, 2), "negative", noise);  // outside
  ReportDraft d = Draft("2026-09");
  EXPECT_EQ(Fig(d, "monitor.items").value, 5);
  EXPECT_EQ(Fig(d, "monitor.negative").value, 3);
  EXPECT_EQ(Fig(d, "monitor.negative_share").value, 60);
  EXPECT_EQ(Fig(d, "monitor.events").record_ids, (Ids{noise, fair}));
  const ReportTable* top = nullptr;
  for (const ReportTable& t : d.sections[0].tables) {
    if (t.title == "热度较高的舆情事件") top = &t;
  }
  ASSERT_TRUE(top);
  ASSERT_EQ(top->rows.size(), 2u);
  EXPECT_EQ(top->rows[0], (std::vector<std::string>{"道路施工噪音扰民", "3", "3", "负面"}));
  EXPECT_NE(AllText(d).find("“道路施工噪音扰民”（3 条）"), std::string::npos);
  bool line = false;
  for (const Chart& c : d.sections[0].charts) {
    if (c.title == "监测信息量走势") {
      line = true;
      EXPECT_EQ(c.labels.size(), 30u);
      EXPECT_EQ(c.values[5], 1);  // 9/6
    }
  }
  EXPECT_TRUE(line);
}

TEST_F(FactsTest, CasesWithClosureRate) {
  int n = 0;
  auto add = [&](UnixSeconds received, const char* state, std::optional<int64_t> closed) {
    return Insert(
        "INSERT INTO cases(code, title, origin, case_type, priority, state, received_at, closed_at, "
        "updated_at, lead_unit_id) VALUES (?, '事项', 'manual', 'general', 'normal', ?, ?, ?, 0, ?)",
        {"C" + std::to_string(++n), state, received, closed, dept_});
  };
  int64_t c1 = add(ChinaTime(2026, 9, 1), "closed", ChinaTime(2026, 9, 5));
  int64_t c2 = add(ChinaTime(2026, 9, 10), "evaluated", ChinaTime(2026, 9, 12));
  int64_t c3 = add(ChinaTime(2026, 9, 20), "processing", std::nullopt);
  int64_t c4 = add(ChinaTime(2026, 9, 25), "closed", ChinaTime(2026, 10, 3));  // closed after the period
  int64_t old = add(ChinaTime(2026, 8, 20), "closed", ChinaTime(2026, 9, 2));
  ReportDraft d = Draft("2026-09");
  EXPECT_EQ(Fig(d, "cases.opened").record_ids, (Ids{c1, c2, c3, c4}));
  EXPECT_EQ(Fig(d, "cases.closed").record_ids, (Ids{c1, c2}));
  EXPECT_EQ(Fig(d, "cases.closure_rate").value, 50);
  EXPECT_EQ(Fig(d, "cases.closed_in_period").record_ids, (Ids{c1, c2, old}));
  EXPECT_NE(AllText(d).find("本期受理处置事项 4 件，已办结 2 件，办结率 50%"), std::string::npos) << AllText(d);
  EXPECT_NE(AllText(d).find("仍有 2 件受理事项尚未办结"), std::string::npos);
}

TEST_F(FactsTest, DutyLedgerMeetingsZeroReportsRectifications) {
  auto rec = [&](const char* kind, UnixSeconds at) {
    return Insert("INSERT INTO duty_records(kind, held_at, topic, created_at, updated_at) VALUES (?, ?, '主题', 0, 0)",
                  {kind, at});
  };
  int64_t m1 = rec("meeting", ChinaTime(2026, 9, 3)), m2 = rec("special_session", ChinaTime(2026, 9, 18));
  int64_t s1 = rec("study", ChinaTime(2026, 9, 9));
  rec("meeting", ChinaTime(2026, 10, 9));
  int64_t z1 = Insert(
      "INSERT INTO duty_zero_reports(unit_id, month, nothing_to_report, submitted_at, updated_at) "
      "VALUES (?, '2026-09', 1, 0, 0)",
      {dept_});
  auto rect = [&](const char* status, UnixSeconds at) {
    return Insert(
        "INSERT INTO duty_rectifications(problem, deadline, status, created_at, updated_at) "
        "VALUES ('问题', 0, ?, ?, 0)",
        {status, at});
  };
  int64_t r1 = rect("done", ChinaTime(2026, 9, 4)), r2 = rect("open", ChinaTime(2026, 9, 14));
  ReportDraft d = Draft("2026-09");
  EXPECT_EQ(Fig(d, "duty.meetings").record_ids, (Ids{m1, m2}));
  EXPECT_EQ(Fig(d, "duty.studies").record_ids, (Ids{s1}));
  EXPECT_EQ(Fig(d, "duty.zero_expected").value, 2);  // 宣传科 and 东关村; 城关镇 is "other"
  EXPECT_EQ(Fig(d, "duty.zero_submitted").record_ids, (Ids{z1}));
  EXPECT_EQ(Fig(d, "duty.zero_completeness").value, 50);
  EXPECT_EQ(Fig(d, "duty.rectifications").record_ids, (Ids{r1, r2}));
  EXPECT_EQ(Fig(d, "duty.rectified").record_ids, (Ids{r1}));
  EXPECT_NE(AllText(d).find("零报告应报 2 次、实报 1 次"), std::string::npos) << AllText(d);
  // A quarter expects three months from each unit.
  EXPECT_EQ(Fig(Draft("2026Q3"), "duty.zero_expected").value, 6);
}

TEST_F(FactsTest, OverdueCasesAtThePeriodEnd) {
  int n = 0;
  auto add = [&](UnixSeconds received, const char* state, std::optional<int64_t> closed) {
    return Insert(
        "INSERT INTO cases(code, title, origin, case_type, priority, state, received_at, closed_at, "
        "updated_at, lead_unit_id) VALUES (?, '事项', 'manual', 'general', 'normal', ?, ?, ?, 0, ?)",
        {"D" + std::to_string(++n), state, received, closed, dept_});
  };
  // general/normal: closure within 5 working days of receipt.
  int64_t open_late = add(ChinaTime(2026, 9, 10), "processing", std::nullopt);
  int64_t closed_after_end = add(ChinaTime(2026, 8, 3), "closed", ChinaTime(2026, 10, 5));  // late at 9/30
  add(ChinaTime(2026, 9, 28), "processing", std::nullopt);                                  // not yet due
  add(ChinaTime(2026, 9, 1), "closed", ChinaTime(2026, 9, 20));                             // closed in time
  add(ChinaTime(2026, 10, 2), "processing", std::nullopt);                                  // after the period
  ReportDraft d = Draft("2026-09");
  EXPECT_EQ(Fig(d, "cases.overdue").record_ids, (Ids{open_late, closed_after_end}));
  EXPECT_EQ(Fig(d, "cases.overdue").link, "#/cases/overdue");
  EXPECT_NE(AllText(d).find("截至期末逾期未办结 2 件"), std::string::npos) << AllText(d);
}

TEST_F(FactsTest, TasksChannelChecksAndRectifications) {
  auto obligation = [&](const char* kind) {
    return Insert(
        "INSERT INTO duty_obligations(name, kind, recurrence, start_year, created_at, updated_at) "
        "VALUES ('任务', ?, 'monthly', 2026, 0, 0)",
        {kind});
  };
  int64_t check = obligation("channel_check"), meeting = obligation("meeting");
  int k = 0;
  // due_at is the exclusive end of the due day: ChinaTime(2026, 10, 1, 0, 0) is "due 9/30".
  auto occ = [&](int64_t ob, UnixSeconds due, const char* status, std::optional<int64_t> done_at) {
    return Insert(
        "INSERT INTO duty_occurrences(obligation_id, period, period_label, period_begin, period_end, due_at, "
        "channel_id, status, done_at, created_at) VALUES (?, ?, '期', 0, 0, ?, ?, ?, ?, 0)",
        {ob, "p" + std::to_string(++k), due, int64_t{k}, status, done_at});
  };
  int64_t c_done = occ(check, ChinaTime(2026, 10, 1, 0, 0), "done", ChinaTime(2026, 9, 20));
  int64_t c_open = occ(check, ChinaTime(2026, 10, 1, 0, 0), "open", std::nullopt);
  int64_t m_late_done = occ(meeting, ChinaTime(2026, 9, 16, 0, 0), "done", ChinaTime(2026, 9, 17));
  int64_t m_done_after = occ(meeting, ChinaTime(2026, 9, 11, 0, 0), "done", ChinaTime(2026, 10, 4));
  occ(meeting, ChinaTime(2026, 11, 1, 0, 0), "open", std::nullopt);  // due 10/31
  occ(check, ChinaTime(2026, 9, 1, 0, 0), "open", std::nullopt);     // due 8/31
  auto rect = [&](UnixSeconds created, UnixSeconds deadline, const char* status, std::optional<int64_t> done) {
    return Insert(
        "INSERT INTO duty_rectifications(problem, deadline, status, completed_at, created_at, updated_at) "
        "VALUES ('问题', ?, ?, ?, ?, 0)",
        {deadline, status, done, created});
  };
  int64_t r1 = rect(ChinaTime(2026, 9, 4), ChinaTime(2026, 9, 30), "done", ChinaTime(2026, 9, 10));
  int64_t r2 = rect(ChinaTime(2026, 9, 14), ChinaTime(2026, 9, 21, 0, 0), "open", std::nullopt);
  rect(ChinaTime(2026, 8, 10), ChinaTime(2026, 10, 21, 0, 0), "open", std::nullopt);  // not yet due
  int64_t r4 = rect(ChinaTime(2026, 8, 1), ChinaTime(2026, 9, 6, 0, 0), "done", ChinaTime(2026, 9, 25));
  int64_t r5 = rect(ChinaTime(2026, 8, 1), ChinaTime(2026, 9, 11, 0, 0), "done", ChinaTime(2026, 10, 3));
  ReportDraft d = Draft("2026-09");
  EXPECT_EQ(Fig(d, "duty.tasks_due").record_ids, (Ids{c_done, c_open, m_late_done, m_done_after}));
  EXPECT_EQ(Fig(d, "duty.tasks_done").record_ids, (Ids{c_done, m_late_done, m_done_after}));
  EXPECT_EQ(Fig(d, "duty.tasks_late").record_ids, (Ids{c_open, m_done_after}));
  EXPECT_EQ(Fig(d, "duty.channel_checks").record_ids, (Ids{c_done, c_open}));
  EXPECT_EQ(Fig(d, "duty.channel_checks_done").record_ids, (Ids{c_done}));
  EXPECT_EQ(Fig(d, "duty.rectifications").record_ids, (Ids{r1, r2}));
  EXPECT_EQ(Fig(d, "duty.rectified").record_ids, (Ids{r1}));
  EXPECT_EQ(Fig(d, "duty.rect_closed").record_ids, (Ids{r1, r4}));
  EXPECT_EQ(Fig(d, "duty.rect_overdue").record_ids, (Ids{r2, r5}));
  std::string text = AllText(d);
  EXPECT_NE(text.find("开展阵地安全检查 1 次（应查 2 次）"), std::string::npos) << text;
  EXPECT_NE(text.find("阵地安全检查未全部开展，本期应查 2 次、已查 1 次"), std::string::npos) << text;
  EXPECT_NE(text.find("仍有 1 个正在整改，逾期未完成整改 2 个"), std::string::npos) << text;
  EXPECT_NE(text.find("本期逾期未完成 2 项"), std::string::npos) << text;
  // 存在问题 and 下一步打算 are numbered 一是、二是…
  EXPECT_EQ(d.sections[2].paragraphs[0].text.rfind("一是", 0), 0u) << d.sections[2].paragraphs[0].text;
  EXPECT_EQ(d.sections[3].paragraphs[1].text.rfind("二是", 0), 0u);
}

TEST_F(FactsTest, SelfCheckScoreInAnnualAndSelfCheckReports) {
  int64_t sc = SeedSelfCheck();
  auto period = *ParsePeriod("2026");
  auto d = DraftReport(db(), tmp_.clock(), ReportKind::kSelfCheck, period, "清河县融媒体中心");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(Fig(*d, "duty.selfcheck_score").value, 93);  // 92.5 rounded; the text keeps the decimal
  EXPECT_EQ(Fig(*d, "duty.selfcheck_deduction").record_ids, (Ids{sc}));
  EXPECT_EQ(Fig(*d, "duty.selfcheck_score").link, "#/duty/selfcheck/detail?id=" + std::to_string(sc));
  std::string text = AllText(*d);
  EXPECT_NE(text.find("自评得分 92.5 分（满分 100 分），扣 7.5 分"), std::string::npos) << text;
  EXPECT_NE(text.find("“每季度召开研判会”项扣 5 分：第三季度未召开"), std::string::npos) << text;
  EXPECT_EQ(d->sections[0].paragraphs[1].heading, "自查评分");
  bool table = false;
  for (const ReportTable& t : d->sections[0].tables) table |= t.title == "年度自查扣分情况" && t.rows.size() == 2;
  EXPECT_TRUE(table);
  // A monthly report does not carry the year's self-check table or score.
  ReportDraft m = Draft("2026-09");
  for (const ReportTable& t : m.sections[0].tables) EXPECT_NE(t.title, "年度自查扣分情况");
  EXPECT_EQ(AllText(m).find("自评得分"), std::string::npos);
}

TEST_F(FactsTest, MissingModuleIsReportedNotFailed) {
  ASSERT_TRUE(db().Execute("DROP TABLE case_events").ok());
  ReportDraft d = Draft("2026-09");
  EXPECT_EQ(d.FindFigure("cases.opened"), nullptr);
  ASSERT_EQ(d.missing_areas.size(), 1u);
  EXPECT_EQ(d.missing_areas[0], "舆情处置（模块未安装）");
  EXPECT_NE(AllText(d).find("本系统未启用舆情处置模块"), std::string::npos);
  EXPECT_EQ(d.sections.size(), 4u);
  EXPECT_EQ(d.sections[3].title, "下一步打算");
}

TEST_F(FactsTest, EmptyStoreStillDraftsAllSections) {
  ReportDraft d = Draft("2026");
  EXPECT_TRUE(d.missing_areas.empty());
  EXPECT_EQ(d.title, "清河县融媒体中心2026年网络信息工作情况报告");
  EXPECT_EQ(d.date_line, "2026年10月8日");
  EXPECT_EQ(Fig(d, "cases.closure_rate").value, 0);
  auto docx = WriteDocx(d);
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
}

}  // namespace
}  // namespace minyi
