// The case workflow through every path, with clocks on the 2026 calendar.
#include <gtest/gtest.h>

#include "cases/case_fixture.h"
#include "store/audit.h"

namespace minyi {
namespace {

std::string T(UnixSeconds t) { return FormatLocalTime(t); }

// Received the day before National Day; the reply deadline lands on the
// adjusted working Saturday 10-10 and the closure deadline after it.
TEST_F(CaseFixture, FullPathAcrossNationalDayAndAdjustedWorkday) {
  int64_t id = NewCaseAt("2026-09-30 10:00");
  At("2026-09-30 11:00");
  ASSERT_TRUE(svc().Dispatch(dispatcher_, id, town_, {press_}, "请城关镇牵头核实").ok());
  CaseClocks k = Clocks(id);
  EXPECT_EQ(T(k.sign.deadline), "2026-10-08 11:00");   // 4.5h on 09-30, 2.5h on 10-08
  EXPECT_EQ(T(k.reply.deadline), "2026-10-10 10:00");  // the 调休 Saturday
  EXPECT_EQ(T(k.close.deadline), "2026-10-13 10:00");

  At("2026-10-08 09:00");
  ASSERT_TRUE(svc().Sign(lead_, id).ok());
  ASSERT_TRUE(svc().AddProgress(co_, id, "宣传科已联系供电所").ok());
  ASSERT_TRUE(svc().AddProgress(lead_, id, "现场核实，3 盏路灯损坏").ok());
  At("2026-10-10 09:00");
  ASSERT_TRUE(svc().Reply(lead_, id, "已更换路灯 3 盏，恢复照明。", {}).ok());
  At("2026-10-12 10:00");
  ASSERT_TRUE(svc().Approve(leader_, id, "同意办结").ok());
  At("2026-10-13 15:00");
  ASSERT_TRUE(svc().Evaluate(dispatcher_, id, 5, "电话回访，群众非常满意").ok());

  CaseRecord c = svc().Get(id).value();
  EXPECT_EQ(c.state, CaseState::kEvaluated);
  EXPECT_EQ(c.satisfaction.value_or(0), 5);
  k = Clocks(id);
  EXPECT_EQ(k.sign.elapsed_work_seconds, 5 * 3600);
  EXPECT_FALSE(k.sign.overdue);
  EXPECT_EQ(k.reply.elapsed_work_seconds, 20 * 3600);  // 5.5 + 7 + 7 + 0.5
  EXPECT_FALSE(k.reply.overdue);
  EXPECT_EQ(k.close.elapsed_work_seconds, 28 * 3600);  // 5.5 + 7 + 7 + 7 + 1.5
  EXPECT_FALSE(k.close.overdue);
  EXPECT_EQ(T(k.close.end), "2026-10-12 10:00");

  auto events = svc().Events(id).value();
  std::vector<std::string> actions;
  for (auto& e : events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "dispatch", "sign", "progress", "progress", "reply", "approve",
                                               "evaluate"}));
  auto audit = ListAudit(db(), "case", 100, 0).value();
  EXPECT_EQ(audit.size(), 8u);
  EXPECT_TRUE(VerifyAuditChain(db()).value().ok());
}

TEST_F(CaseFixture, PermissionsAreCheckedPerRoleAndUnit) {
  int64_t id = NewCaseAt("2026-11-23 09:00");
  // Only the dispatching office (or a leader/admin) dispatches.
  EXPECT_EQ(svc().Dispatch(lead_, id, town_, {}, "").code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc().Dispatch(co_, id, town_, {}, "").code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc().Sign(lead_, id).code(), ErrorCode::kFailedPrecondition);  // not dispatched yet
  ASSERT_TRUE(svc().Dispatch(dispatcher_, id, town_, {press_}, "").ok());
  // Only the lead department's handlers sign.
  EXPECT_EQ(svc().Sign(co_, id).code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc().Sign(reporter_, id).code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc().Sign(leader_, id).code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(svc().Sign(lead_, id).ok());
  EXPECT_EQ(svc().Reply(co_, id, "协办部门不能答复", {}).code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(svc().Reply(lead_, id, "已处理", {}).ok());
  // Only a leader approves; the handler cannot approve its own reply.
  EXPECT_EQ(svc().Approve(lead_, id, "").code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc().Approve(admin_, id, "").code(), ErrorCode::kPermissionDenied);
  Status denied = svc().Approve(dispatcher_, id, "");
  EXPECT_NE(denied.message().find("领导"), std::string::npos) << denied.message();
  // A failed attempt leaves nothing behind.
  EXPECT_EQ(svc().Get(id).value().state, CaseState::kReplied);
  EXPECT_EQ(svc().Events(id).value().size(), 4u);
  // Visibility: other units do not see the case.
  CaseActor stranger{{20, "外单位"}, Role::kHandler, 9999};
  EXPECT_FALSE(svc().CanView(stranger, svc().Get(id).value()));
  EXPECT_TRUE(svc().CanView(co_, svc().Get(id).value()));
  auto actions = svc().AllowedActions(leader_, svc().Get(id).value());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "approve"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "reject"), actions.end());
}

TEST_F(CaseFixture, ReturnThenRedispatchRestartsTheSignClock) {
  int64_t id = NewCaseAt("2026-11-23 09:00");
  ASSERT_TRUE(svc().Dispatch(dispatcher_, id, town_, {}, "").ok());
  EXPECT_EQ(svc().Return(lead_, id, "  ").code(), ErrorCode::kInvalidArgument);
  At("2026-11-23 10:00");
  ASSERT_TRUE(svc().Return(lead_, id, "不属于本镇职责，应由宣传科办理").ok());
  EXPECT_EQ(svc().Get(id).value().state, CaseState::kReturned);
  EXPECT_EQ(svc().Sign(lead_, id).code(), ErrorCode::kFailedPrecondition);
  At("2026-11-23 11:00");
  ASSERT_TRUE(svc().Dispatch(dispatcher_, id, press_, {}, "改派宣传科").ok());
  EXPECT_EQ(svc().Sign(lead_, id).code(), ErrorCode::kPermissionDenied);  // no longer the lead
  At("2026-11-23 14:30");
  ASSERT_TRUE(svc().Sign(co_, id).ok());
  CaseClocks k = Clocks(id);
  EXPECT_EQ(T(k.sign.start), "2026-11-23 11:00");
  EXPECT_EQ(k.sign.elapsed_work_seconds, 3600 + 1800);  // 11:00-12:00, 14:00-14:30
  // Rejected reply goes back to processing.
  ASSERT_TRUE(svc().Reply(co_, id, "初步答复", {}).ok());
  EXPECT_EQ(svc().RejectReply(leader_, id, "").code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(svc().RejectReply(leader_, id, "答复过于简单，请补充整改措施").ok());
  EXPECT_EQ(svc().Get(id).value().state, CaseState::kProcessing);
}

TEST_F(CaseFixture, ExtensionAddsWorkingDaysAndPauseMovesDeadlines) {
  int64_t id = NewCaseAt("2026-11-23 09:00");  // Monday
  ASSERT_TRUE(svc().Dispatch(dispatcher_, id, town_, {}, "").ok());
  ASSERT_TRUE(svc().Sign(lead_, id).ok());
  EXPECT_EQ(T(Clocks(id).close.deadline), "2026-11-30 09:00");  // 5 working days
  EXPECT_EQ(svc().RequestExtension(lead_, id, 0, "x").code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(svc().RequestExtension(lead_, id, 2, "需协调供电部门").ok());
  EXPECT_EQ(svc().RequestExtension(lead_, id, 2, "重复申请").code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(svc().DecideExtension(lead_, id, true, "").code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(svc().DecideExtension(leader_, id, true, "同意延期 2 个工作日").ok());
  CaseClocks k = Clocks(id);
  EXPECT_EQ(k.extension_days, 2);
  EXPECT_EQ(T(k.close.deadline), "2026-12-02 09:00");
  EXPECT_EQ(T(k.reply.deadline), "2026-11-30 09:00");  // 3 working days (Thu 09:00) + 2
  EXPECT_EQ(svc().DecideExtension(leader_, id, true, "").code(), ErrorCode::kFailedPrecondition);

  // Waiting for the public for one full working day (Tue 09:00 - Wed 09:00).
  At("2026-11-24 09:00");
  ASSERT_TRUE(svc().Pause(lead_, id, "等待群众补充材料").ok());
  EXPECT_EQ(svc().Pause(lead_, id, "again").code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(svc().Reply(lead_, id, "答复", {}).code(), ErrorCode::kFailedPrecondition);
  At("2026-11-25 09:00");
  ASSERT_TRUE(svc().Resume(lead_, id, "材料已补齐").ok());
  k = Clocks(id);
  ASSERT_EQ(k.pauses.size(), 1u);
  EXPECT_EQ(T(k.close.deadline), "2026-12-03 09:00");
  EXPECT_EQ(k.close.elapsed_work_seconds, 7 * 3600);  // Monday only; Tuesday was paused
  At("2026-11-26 09:00");
  ASSERT_TRUE(svc().Reply(lead_, id, "已处理完毕", {}).ok());
  EXPECT_EQ(Clocks(id).reply.elapsed_work_seconds, 14 * 3600);
}

TEST_F(CaseFixture, RejectedExtensionChangesNoDeadline) {
  int64_t id = NewCaseAt("2026-11-23 09:00");
  ASSERT_TRUE(svc().Dispatch(dispatcher_, id, town_, {}, "").ok());
  ASSERT_TRUE(svc().RequestExtension(lead_, id, 5, "理由").ok());
  ASSERT_TRUE(svc().DecideExtension(leader_, id, false, "不同意").ok());
  EXPECT_EQ(Clocks(id).extension_days, 0);
  EXPECT_FALSE(svc().Get(id).value().extension_pending);
}

TEST_F(CaseFixture, ReopenRunsTheClosureClockAgain) {
  int64_t id = NewCaseAt("2026-11-23 09:00");
  ASSERT_TRUE(svc().Dispatch(dispatcher_, id, town_, {}, "").ok());
  ASSERT_TRUE(svc().Sign(lead_, id).ok());
  At("2026-11-23 11:00");
  ASSERT_TRUE(svc().Reply(lead_, id, "已处理", {}).ok());
  ASSERT_TRUE(svc().Approve(leader_, id, "").ok());
  EXPECT_EQ(svc().Reopen(lead_, id, "群众不满意").code(), ErrorCode::kPermissionDenied);
  At("2026-11-24 09:00");
  ASSERT_TRUE(svc().Reopen(dispatcher_, id, "回访发现问题未解决").ok());
  CaseRecord c = svc().Get(id).value();
  EXPECT_EQ(c.state, CaseState::kProcessing);
  EXPECT_FALSE(c.closed_at.has_value());
  EXPECT_FALSE(Clocks(id).close.done());
  At("2026-11-25 10:00");
  ASSERT_TRUE(svc().Reply(lead_, id, "二次处理完毕", {}).ok());
  ASSERT_TRUE(svc().Approve(leader_, id, "").ok());
  CaseClocks k = Clocks(id);
  EXPECT_EQ(T(k.reply.end), "2026-11-23 11:00");  // the FIRST reply
  EXPECT_EQ(T(k.close.end), "2026-11-25 10:00");
  EXPECT_EQ(k.close.elapsed_work_seconds, 6 * 3600 + 1800 + 7 * 3600 + 3600 + 1800);  // Mon 6.5, Tue 7, Wed 1.5
}

TEST_F(CaseFixture, UrgentLimitsAreNaturalHours) {
  int64_t id = NewCaseAt("2026-11-20 16:00", "urgent");  // Friday afternoon
  CaseClocks k = Clocks(id);
  EXPECT_EQ(T(k.reply.deadline), "2026-11-20 18:00");  // 2 hours, office hours or not
  EXPECT_EQ(T(k.close.deadline), "2026-11-23 16:00");  // 1 working day: 1.5h Fri + 5.5h Mon
  At("2026-11-20 19:00");
  k = Clocks(id);
  EXPECT_TRUE(k.reply.overdue);
  EXPECT_EQ(k.reply.remaining_seconds, -3600);
}

TEST_F(CaseFixture, SuperiorDeadlineBindsWhenEarlier) {
  clock_.Set(Local("2026-11-23 09:00"));
  NewCase n;
  n.origin = "superior";
  n.title = "市网信办交办：关于某小区物业问题的网络舆情";
  n.case_type = "complex";
  EXPECT_EQ(svc().Create(dispatcher_, n).status().code(), ErrorCode::kInvalidArgument);  // no reference number
  n.origin_ref = "市网信交〔2026〕58号";
  auto no_deadline = svc().Create(dispatcher_, n);
  EXPECT_EQ(no_deadline.status().message(), "上级交办事项须填写交办时限");
  n.superior_deadline = Local("2026-11-26 17:30");
  int64_t id = svc().Create(dispatcher_, n).value();
  EXPECT_EQ(T(Clocks(id).close.deadline), "2026-11-26 17:30");
  EXPECT_EQ(svc().Get(id).value().code, "SJ-2026-0001");
}

TEST_F(CaseFixture, MonitorEventOrItemBecomesOneOpenCase) {
  NewCase n;
  n.origin = "monitor_item";
  n.origin_ref = "305";
  n.title = "网传县融媒体中心发布信息有误";
  int64_t first = svc().Create(dispatcher_, n).value();
  auto again = svc().Create(dispatcher_, n);
  EXPECT_EQ(again.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.status().message(), "该监测信息已转为处置事项 SJ-2026-0001，尚未办结");
  n.origin = "monitor_event";  // event 305 is another record
  EXPECT_TRUE(svc().Create(dispatcher_, n).ok());
  EXPECT_EQ(svc().Get(first).value().origin, "monitor_item");
}

TEST_F(CaseFixture, BadInputIsRejectedClearly) {
  NewCase n;
  n.title = "";
  EXPECT_EQ(svc().Create(dispatcher_, n).status().code(), ErrorCode::kInvalidArgument);
  n.title = "标题";
  n.origin = "twitter";
  EXPECT_EQ(svc().Create(dispatcher_, n).status().code(), ErrorCode::kInvalidArgument);
  n.origin = "manual";
  n.priority = "asap";
  EXPECT_EQ(svc().Create(dispatcher_, n).status().code(), ErrorCode::kInvalidArgument);
  int64_t id = NewCaseAt("2026-11-23 09:00");
  EXPECT_EQ(svc().Dispatch(dispatcher_, id, 424242, {}, "").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(svc().Get(id).value().state, CaseState::kReceived);
  EXPECT_EQ(svc().Get(999).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(svc().Evaluate(dispatcher_, id, 9, "").code(), ErrorCode::kInvalidArgument);
}

TEST_F(CaseFixture, AdminOverridesTheCalendar) {
  Actor admin{16, "管理员"};
  // Make Monday 2026-11-30 a holiday: 5 working days from Monday 11-23 09:00 now ends 12-01.
  ASSERT_TRUE(SetCalendarOverride(db(), clock_, admin, DayFromCivil({2026, 11, 30}), "holiday", "临时放假").ok());
  WorkCalendar cal = LoadWorkCalendar(db(), MINYI_SOURCE_DIR).value();
  EXPECT_EQ(T(cal.AddWorkingDays(Local("2026-11-23 09:00"), 5)), "2026-12-01 09:00");
  ASSERT_TRUE(SetCalendarOverride(db(), clock_, admin, DayFromCivil({2026, 11, 30}), "default", "").ok());
  EXPECT_TRUE(ListCalendarOverrides(db()).value().empty());
  EXPECT_EQ(SetCalendarOverride(db(), clock_, admin, 0, "party", "").code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(SaveOfficeHours(db(), clock_, admin, OfficeHours::Parse("09:00-12:00,13:00-17:00").value()).ok());
  EXPECT_EQ(LoadWorkCalendar(db(), MINYI_SOURCE_DIR).value().office_hours().SecondsPerDay(), 7 * 3600);
  SlaRule r = FindSlaRule(db(), "general", "normal").value();
  r.close = {10, "work_days"};
  ASSERT_TRUE(SaveSlaRule(db(), clock_, admin, r).ok());
  EXPECT_EQ(FindSlaRule(db(), "general", "normal").value().close.amount, 10);
  r.close = {0, "work_days"};
  EXPECT_EQ(SaveSlaRule(db(), clock_, admin, r).code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace minyi
