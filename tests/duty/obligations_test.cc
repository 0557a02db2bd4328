#include "duty/duty_util.h"

namespace minyi::testing {
namespace {

TEST(DutyPeriodTest, PeriodsAndBoundariesInChinaTime) {
  // 2026-03-31 23:30 local is still March / Q1 / H1 although it is 15:30 UTC.
  UnixSeconds t = Local("2026-03-31 23:30");
  EXPECT_EQ(PeriodContaining(Recurrence::kMonthly, 1, 2026, t).key, "2026-03");
  DutyPeriod q = PeriodContaining(Recurrence::kQuarterly, 1, 2026, t);
  EXPECT_EQ(q.key, "2026Q1");
  EXPECT_EQ(q.label, "2026年第一季度");
  EXPECT_EQ(q.begin, Local("2026-01-01"));
  EXPECT_EQ(q.end, Local("2026-04-01"));
  // One minute after midnight: the next quarter.
  EXPECT_EQ(PeriodContaining(Recurrence::kQuarterly, 1, 2026, Local("2026-04-01 00:01")).key, "2026Q2");
  EXPECT_EQ(PeriodContaining(Recurrence::kQuarterly, 1, 2026, Local("2026-12-31 23:59")).key, "2026Q4");
  EXPECT_EQ(PeriodContaining(Recurrence::kQuarterly, 1, 2026, Local("2026-12-31 23:59")).end, Local("2027-01-01"));
  EXPECT_EQ(PeriodContaining(Recurrence::kHalfYear, 1, 2026, Local("2026-07-01")).key, "2026H2");
  EXPECT_EQ(PeriodContaining(Recurrence::kHalfYear, 1, 2026, Local("2026-07-01")).label, "2026年下半年");
  DutyPeriod y = PeriodContaining(Recurrence::kYearly, 1, 2026, Local("2027-01-01 00:00"));
  EXPECT_EQ(y.key, "2027");
  EXPECT_EQ(y.begin, Local("2027-01-01"));
  // Every 4 months from January 2026: Jan–Apr, May–Aug, Sep–Dec, then 2027.
  EXPECT_EQ(PeriodContaining(Recurrence::kEveryNMonths, 4, 2026, Local("2026-05-15")).key, "2026-05+4");
  DutyPeriod n = PeriodContaining(Recurrence::kEveryNMonths, 4, 2026, Local("2027-02-01"));
  EXPECT_EQ(n.key, "2027-01+4");
  EXPECT_EQ(n.end, Local("2027-05-01"));
  // Before the anchor year the periods still tile backwards.
  EXPECT_EQ(PeriodContaining(Recurrence::kEveryNMonths, 5, 2026, Local("2025-12-01")).key, "2025-08+5");
}

TEST(DutyPeriodTest, DueDayRules) {
  DutyPeriod feb = PeriodContaining(Recurrence::kMonthly, 1, 2026, Local("2026-02-10"));
  EXPECT_EQ(DueAt(feb, 0), Local("2026-03-01"));   // end of the last day
  EXPECT_EQ(DueAt(feb, 25), Local("2026-02-26"));  // end of the 25th
  EXPECT_EQ(DueAt(feb, 31), Local("2026-03-01"));  // clamped to the 28th
  EXPECT_EQ(DueAt(feb, -5), Local("2026-03-06"));  // 5 days after the month
  DutyPeriod q = PeriodContaining(Recurrence::kQuarterly, 1, 2026, Local("2026-02-10"));
  EXPECT_EQ(DueAt(q, 20), Local("2026-03-21"));  // 20th of the quarter's last month
}

TEST(DutyPeriodTest, MonthHelpers) {
  EXPECT_EQ(RecentMonths(Local("2026-02-01"), 3), (std::vector<std::string>{"2025-12", "2026-01", "2026-02"}));
  EXPECT_TRUE(CheckMonthKey("2026-10").ok());
  EXPECT_FALSE(CheckMonthKey("2026-13").ok());
  EXPECT_FALSE(CheckMonthKey("26-10").ok());
  EXPECT_FALSE(CheckMonthKey("2026-1a").ok());
}

TEST_F(DutyTest, GenerationIsIdempotentAndMarksLate) {
  Obligation o;
  o.name = "季度舆情研判会";
  o.kind = "meeting";
  o.recurrence = Recurrence::kQuarterly;
  o.remind_days = 7;
  auto id = svc().SaveObligation(actor_, o);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto r1 = svc().RunSchedule(actor_);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->created, 1);
  EXPECT_EQ(svc().RunSchedule(actor_)->created, 0);  // idempotent
  auto occ = svc().ListOccurrences(0, 0, *id);
  ASSERT_EQ(occ->size(), 1u);
  EXPECT_EQ(occ->front().period.key, "2026Q1");
  EXPECT_EQ(occ->front().status, "open");  // 20 March, due 1 April, reminded 7 days before

  clock_.Set(Local("2026-03-28 09:00"));
  EXPECT_EQ(svc().GetOccurrence(occ->front().id)->status, "due_soon");
  auto r2 = svc().RunSchedule(actor_);
  EXPECT_EQ(r2->created, 1);  // Q2 created ahead, within the reminder window
  EXPECT_GE(r2->reminders, 1);

  clock_.Set(Local("2026-04-01 00:00"));  // the first instant after the quarter
  EXPECT_EQ(svc().GetOccurrence(occ->front().id)->status, "late");
  svc().RunSchedule(actor_);
  auto reminders = svc().ListReminders(50);
  bool late_reminder = false;
  for (const auto& r : *reminders) late_reminder |= r.kind == "late" && r.ref_id == occ->front().id;
  EXPECT_TRUE(late_reminder);

  // Recording the meeting for the occurrence completes it, late.
  DutyRecord rec;
  rec.kind = "meeting";
  rec.held_at = Local("2026-04-02 15:00");
  rec.topic = "一季度舆情研判";
  rec.attendees = {"王局长", "宣传科"};
  rec.occurrence_id = occ->front().id;
  clock_.Set(Local("2026-04-02 16:00"));
  ASSERT_TRUE(svc().SaveRecord(actor_, rec).ok());
  EXPECT_EQ(svc().GetOccurrence(occ->front().id)->status, "done_late");
  EXPECT_EQ(svc().ListOccurrences(0, 0, *id)->size(), 2u);
}

TEST_F(DutyTest, MonthlyYearBoundaryAndStartYear) {
  Obligation o;
  o.name = "月度检查";
  o.recurrence = Recurrence::kMonthly;
  o.remind_days = 2;
  o.start_year = 2027;
  auto id = svc().SaveObligation(actor_, o);
  ASSERT_TRUE(id.ok());
  clock_.Set(Local("2026-12-30 10:00"));
  auto r = svc().RunSchedule(actor_);
  EXPECT_EQ(r->created, 1);  // only January 2027 (December 2026 is before the start year)
  auto occ = svc().ListOccurrences(0, 0, *id);
  ASSERT_EQ(occ->size(), 1u);
  EXPECT_EQ(occ->front().period.key, "2027-01");
  EXPECT_EQ(occ->front().due_at, Local("2027-02-01"));
}

TEST_F(DutyTest, CountBasedSpecialSessions) {
  Obligation o;
  o.name = "意识形态专题会议（每年不少于两次）";
  o.kind = "special_session";
  o.recurrence = Recurrence::kCountPerYear;
  o.min_count = 2;
  o.remind_days = 30;
  auto id = svc().SaveObligation(actor_, o);
  ASSERT_TRUE(id.ok());
  svc().RunSchedule(actor_);
  auto occ = svc().ListOccurrences(0, 0, *id);
  ASSERT_EQ(occ->size(), 1u);
  EXPECT_EQ(occ->front().period.key, "2026");
  EXPECT_EQ(occ->front().required, 2);
  EXPECT_EQ(occ->front().achieved, 0);
  DutyRecord rec;
  rec.kind = "special_session";
  rec.topic = "专题会议";
  rec.obligation_id = *id;
  rec.held_at = Local("2026-03-01 10:00");
  ASSERT_TRUE(svc().SaveRecord(actor_, rec).ok());
  auto one = svc().GetOccurrence(occ->front().id);
  EXPECT_EQ(one->achieved, 1);
  EXPECT_EQ(one->status, "open");
  clock_.Set(Local("2027-01-01 08:00"));
  EXPECT_EQ(svc().GetOccurrence(occ->front().id)->status, "late");
  rec.held_at = Local("2026-11-01 10:00");  // a second session within the year
  ASSERT_TRUE(svc().SaveRecord(actor_, rec).ok());
  auto two = svc().GetOccurrence(occ->front().id);
  EXPECT_EQ(two->achieved, 2);
  EXPECT_EQ(two->status, "done");
}

TEST_F(DutyTest, InvalidObligationRefused) {
  Obligation o;
  o.name = "";
  EXPECT_EQ(svc().SaveObligation(actor_, o).status().code(), ErrorCode::kInvalidArgument);
  o.name = "x";
  o.kind = "party";
  EXPECT_EQ(svc().SaveObligation(actor_, o).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ParseRecurrence("weekly").ok());
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM duty_obligations"), 0);
}

TEST_F(DutyTest, ChannelCheckWithoutChannelsTableMakesOneOccurrence) {
  Obligation o;
  o.name = "阵地安全检查";
  o.kind = "channel_check";
  o.recurrence = Recurrence::kQuarterly;
  auto id = svc().SaveObligation(actor_, o);
  ASSERT_TRUE(id.ok());
  svc().RunSchedule(actor_);
  auto occ = svc().ListOccurrences(0, 0, *id);
  ASSERT_FALSE(occ->empty());
  if (*db().QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'review_channels'") == 0) {
    EXPECT_EQ(occ->size(), 1u);
  }
}

}  // namespace
}  // namespace minyi::testing
