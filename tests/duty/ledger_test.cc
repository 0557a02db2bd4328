#include "duty/duty_util.h"

namespace minyi::testing {
namespace {

ZeroReport Zero(int64_t unit, const std::string& month) {
  ZeroReport r;
  r.unit_id = unit;
  r.month = month;
  return r;
}

TEST_F(DutyTest, ZeroReportOwnUnitRuleAndCompleteness) {
  Actor rep{reporter_.id, reporter_.display_name};
  // A reporter submits for their own unit...
  auto ok = svc().SubmitZeroReport(rep, reporter_, Zero(village_a_, "2026-02"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  // ...but not for another.
  auto denied = svc().SubmitZeroReport(rep, reporter_, Zero(village_b_, "2026-02"));
  EXPECT_EQ(denied.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(denied.status().message().find("东关村"), std::string::npos);
  // An admin may record a report for any unit (e.g. one phoned in).
  ZeroReport m = Zero(school_, "2026-02");
  m.nothing_to_report = false;
  m.matters = {{"家长群转发不实信息", "已核实并引导"}};
  ASSERT_TRUE(svc().SubmitZeroReport(actor_, admin_, m).ok());
  // Bad input: future month, matters with nothing-to-report, bad month.
  EXPECT_FALSE(svc().SubmitZeroReport(rep, reporter_, Zero(village_a_, "2026-04")).ok());
  ZeroReport bad = Zero(village_a_, "2026-01");
  bad.matters = {{"x", ""}};
  EXPECT_FALSE(svc().SubmitZeroReport(rep, reporter_, bad).ok());
  EXPECT_FALSE(svc().SubmitZeroReport(rep, reporter_, Zero(village_a_, "2026-1")).ok());
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM duty_zero_reports"), 2);

  auto c = svc().ZeroReportCompleteness({"2026-01", "2026-02"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->expected, 3);  // the town (kind "other") does not report
  EXPECT_EQ(c->submitted, (std::vector<int>{0, 2}));
  for (const auto& row : c->rows) {
    if (row.unit_id == village_a_) {
      EXPECT_EQ(row.cells[1], "zero");
    }
    if (row.unit_id == school_) {
      EXPECT_EQ(row.cells[1], "matters");
    }
    if (row.unit_id == village_b_) {
      EXPECT_EQ(row.cells[1], "");
    }
  }
  // Resubmitting corrects the same row instead of adding another.
  ASSERT_TRUE(svc().SubmitZeroReport(rep, reporter_, Zero(village_a_, "2026-02")).ok());
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM duty_zero_reports"), 2);

  // Reminders go to the one missing unit, once.
  EXPECT_EQ(*svc().RemindMissingZeroReports(actor_, "2026-02"), 1);
  EXPECT_EQ(*svc().RemindMissingZeroReports(actor_, "2026-02"), 0);
  // Towns join when the organization says they must report too.
  ASSERT_TRUE(svc().SetZeroReportKinds(actor_, {"village", "school", "other"}).ok());
  EXPECT_EQ(svc().ZeroReportCompleteness({"2026-02"})->expected, 4);
  EXPECT_FALSE(svc().SetZeroReportKinds(actor_, {"planet"}).ok());
}

TEST_F(DutyTest, SelfCheckScoringWithDeductionsAndRectificationLifecycle) {
  ChecklistTemplate t;
  t.name = "网络意识形态工作责任制落实情况自查表";
  t.items = {{0, "组织领导", "成立领导小组", "未成立扣 5 分", 5, 0},
             {0, "阵地管理", "阵地登记备案", "每缺一个扣 2 分", 10, 0},
             {0, "教育培训", "每年开展培训", "", 5.5, 0}};
  auto tid = svc().SaveTemplate(actor_, t);
  ASSERT_TRUE(tid.ok()) << tid.status().ToString();
  EXPECT_DOUBLE_EQ(svc().GetTemplate(*tid)->total, 20.5);
  auto sid = svc().StartSelfCheck(actor_, *tid, 2026);
  ASSERT_TRUE(sid.ok()) << sid.status().ToString();
  EXPECT_EQ(svc().StartSelfCheck(actor_, *tid, 2026).status().code(), ErrorCode::kAlreadyExists);
  auto s = svc().GetSelfCheck(*sid);
  ASSERT_EQ(s->items.size(), 3u);
  EXPECT_DOUBLE_EQ(s->total_score, 20.5);

  std::vector<SelfCheckItem> scores = s->items;
  scores[1].deduction = 4;
  scores[1].finding = "两个公众号未登记备案";
  scores[2].deduction = 0.5;
  // A deduction larger than the item's score is refused and changes nothing.
  std::vector<SelfCheckItem> too_much = {scores[0]};
  too_much[0].deduction = 6;
  EXPECT_EQ(svc().ScoreSelfCheck(actor_, *sid, too_much, false).code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(svc().ScoreSelfCheck(actor_, *sid, scores, false).ok());
  EXPECT_DOUBLE_EQ(svc().GetSelfCheck(*sid)->total_score, 16);
  EXPECT_TRUE(svc().ListRectifications(*sid, "")->empty());  // draft: nothing opened yet

  // Template edits do not change a filled year.
  t.id = *tid;
  t.items = {{svc().GetTemplate(*tid)->items[0].id, "组织领导", "成立领导小组", "", 8, 0}};
  ASSERT_TRUE(svc().SaveTemplate(actor_, t).ok());
  EXPECT_EQ(svc().GetSelfCheck(*sid)->items.size(), 3u);
  EXPECT_DOUBLE_EQ(svc().GetTemplate(*tid)->total, 8);

  // Submitting turns the finding into a rectification item.
  ASSERT_TRUE(svc().ScoreSelfCheck(actor_, *sid, {}, true).ok());
  EXPECT_EQ(svc().ScoreSelfCheck(actor_, *sid, {}, false).code(), ErrorCode::kFailedPrecondition);
  auto rects = svc().ListRectifications(*sid, "");
  ASSERT_EQ(rects->size(), 1u);
  Rectification r = rects->front();
  EXPECT_EQ(r.problem, "两个公众号未登记备案");
  EXPECT_EQ(r.status, "open");
  EXPECT_EQ(r.deadline, Local("2026-04-20"));  // 30 days, end of day

  // 问题 → 措施 → 责任人 → 时限 → 完成.
  EXPECT_EQ(svc().CompleteRectification(actor_, r.id, "已完成", {}).code(), ErrorCode::kFailedPrecondition);
  r.measure = "补办两个公众号的登记备案";
  r.responsible_user_id = admin_.id;
  ASSERT_TRUE(svc().UpdateRectification(actor_, r).ok());
  EXPECT_EQ(svc().GetRectification(r.id)->responsible_name, "管理员");
  clock_.Set(Local("2026-04-21 09:00"));
  EXPECT_EQ(svc().GetRectification(r.id)->status, "overdue");
  EXPECT_EQ(svc().ListRectifications(0, "overdue")->size(), 1u);
  auto run = svc().RunSchedule(actor_);
  ASSERT_TRUE(run.ok());
  EXPECT_GE(run->reminders, 1);
  EXPECT_EQ(svc().CompleteRectification(actor_, r.id, "", {}).code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(svc().CompleteRectification(actor_, r.id, "两个公众号均已备案", {}).ok());
  auto done = svc().GetRectification(r.id);
  EXPECT_EQ(done->status, "done_late");
  EXPECT_EQ(svc().CompleteRectification(actor_, r.id, "再次", {}).code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(svc().ListRectifications(0, "open")->empty());
  auto audit = VerifyAuditChain(db());
  EXPECT_TRUE(audit->ok());
}

TEST_F(DutyTest, LeadingGroupAndTasks) {
  GroupMember leader{0, "leader", "王局长", "局长", 0, 0, "全面负责", 0, true};
  auto lid = svc().SaveMember(actor_, leader);
  ASSERT_TRUE(lid.ok());
  GroupMember second = leader;
  second.name = "另一位";
  EXPECT_EQ(svc().SaveMember(actor_, second).status().code(), ErrorCode::kAlreadyExists);
  second.position = "deputy";
  auto did = svc().SaveMember(actor_, second);
  ASSERT_TRUE(did.ok());
  second.position = "boss";
  EXPECT_FALSE(svc().SaveMember(actor_, second).ok());
  auto members = svc().ListMembers();
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ(members->front().position, "leader");
  DutyTask task{0, *did, "每季度听取一次意识形态工作汇报", Local("2026-12-31"), "open", 0};
  auto tid = svc().SaveTask(actor_, task);
  ASSERT_TRUE(tid.ok());
  task.id = *tid;
  task.status = "done";
  ASSERT_TRUE(svc().SaveTask(actor_, task).ok());
  EXPECT_EQ(svc().ListTasks(*did)->front().status, "done");
  ASSERT_TRUE(svc().DeleteMember(actor_, *did).ok());
  EXPECT_EQ(svc().ListMembers()->size(), 1u);
}

TEST_F(DutyTest, RecordsValidateAndFilter) {
  DutyRecord r;
  r.kind = "study";
  r.topic = "";
  r.held_at = Local("2026-03-10 15:00");
  EXPECT_FALSE(svc().SaveRecord(actor_, r).ok());
  r.topic = "集中学习网络安全法";
  r.attendees = {"王局长", "李科长", "宣传科全体"};
  r.minutes = "学习了……";
  ASSERT_TRUE(svc().SaveRecord(actor_, r).ok());
  r.kind = "training";
  r.held_at = Local("2026-05-10 15:00");
  ASSERT_TRUE(svc().SaveRecord(actor_, r).ok());
  EXPECT_EQ(svc().ListRecords({"study", 0, 0})->size(), 1u);
  EXPECT_EQ(svc().ListRecords({"", Local("2026-04-01"), 0})->size(), 1u);
  auto one = svc().ListRecords({"study", 0, 0})->front();
  EXPECT_EQ(one.attendees.size(), 3u);
  r.kind = "banquet";
  EXPECT_FALSE(svc().SaveRecord(actor_, r).ok());
}

}  // namespace
}  // namespace minyi::testing
