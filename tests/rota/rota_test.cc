#include "rota/rota_util.h"
#include "store/audit.h"

namespace minyi::testing {
namespace {

WorkCalendar Calendar2026() {
  WorkCalendar cal;
  // The statutory National Day holiday and its adjusted working day.
  for (int d = 1; d <= 7; ++d) cal.SetDay(DayFromCivil({2026, 10, d}), DayKind::kHoliday, "国庆节");
  cal.SetDay(DayFromCivil({2026, 10, 10}), DayKind::kWorkday, "国庆节调休上班");
  return cal;
}

TEST_F(RotaTest, GeneratesMonthAcrossStatutoryHoliday) {
  GenerateOptions o;
  o.year = 2026;
  o.month = 10;
  o.people = {zhang_.id, li_.id};
  o.leaders = {wang_.id};
  auto n = svc().GenerateMonth(actor_, Calendar2026(), o);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  // 18 working days (incl. Saturday 10 Oct) × 2 shifts + 13 rest days × 1.
  EXPECT_EQ(*n, 18 * 2 + 13);
  auto shifts = svc().ListShifts(RotaLocal("2026-10-01"), RotaLocal("2026-11-01"));
  ASSERT_TRUE(shifts.ok());
  ASSERT_EQ(shifts->size(), 49u);
  // 1 Oct (National Day) is one 24-hour shift from 08:30 to 08:30.
  const Shift& first = shifts->front();
  EXPECT_EQ(first.kind, "holiday");
  EXPECT_EQ(first.starts_at, RotaLocal("2026-10-01 08:30"));
  EXPECT_EQ(first.ends_at, RotaLocal("2026-10-02 08:30"));
  EXPECT_EQ(first.user_name, "张值班");
  EXPECT_EQ(first.leader_name, "王领导");
  // Saturday 10 Oct is an adjusted working day: a day and a night shift.
  int on_tenth = 0;
  for (const Shift& s : *shifts) {
    if (LocalDay(s.starts_at) == DayFromCivil({2026, 10, 10})) {
      ++on_tenth;
      EXPECT_TRUE(s.kind == "day" || s.kind == "night");
    }
  }
  EXPECT_EQ(on_tenth, 2);

  // Generating the same month again needs an explicit replace.
  auto again = svc().GenerateMonth(actor_, Calendar2026(), o);
  EXPECT_EQ(again.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.status().message().find("覆盖"), std::string::npos);
  o.replace = true;
  o.people = {li_.id};
  ASSERT_TRUE(svc().GenerateMonth(actor_, Calendar2026(), o).ok());
  EXPECT_EQ(Count("rota_shifts"), 49);
  EXPECT_TRUE(VerifyAuditChain(db())->ok());
}

TEST_F(RotaTest, HeightenedPeriodRequiresLeader) {
  HeightenedPeriod p;
  p.name = "国庆假期";
  p.first_day = DayFromCivil({2026, 10, 1});
  p.last_day = DayFromCivil({2026, 10, 8});
  ASSERT_TRUE(svc().SavePeriod(actor_, p).ok());
  GenerateOptions o;
  o.year = 2026;
  o.month = 10;
  o.people = {zhang_.id};
  auto r = svc().GenerateMonth(actor_, Calendar2026(), o);
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("国庆假期"), std::string::npos);
  EXPECT_EQ(Count("rota_shifts"), 0);
  // With a fallback leader the month generates; the shifts show the period.
  ASSERT_TRUE(svc().SaveSettings(actor_, {15, zhao_.id}).ok());
  ASSERT_TRUE(svc().GenerateMonth(actor_, Calendar2026(), o).ok());
  auto shifts = svc().ListShifts(RotaLocal("2026-10-02"), RotaLocal("2026-10-02 12:00"));
  ASSERT_FALSE(shifts->empty());
  EXPECT_EQ(shifts->back().heightened, "国庆假期");
  EXPECT_EQ(shifts->back().leader_user_id, zhao_.id);
}

TEST_F(RotaTest, OnDutyLookupAndSwap) {
  int64_t a = AddShift(zhang_, &wang_, "2026-11-23 08:30", "2026-11-23 17:30");
  int64_t b = AddShift(li_, &wang_, "2026-11-23 17:30", "2026-11-24 08:30");
  auto at = [&](const char* t) { return svc().OnDutyAt(RotaLocal(t)).value(); };
  EXPECT_EQ(at("2026-11-23 08:30")->id, a);
  EXPECT_EQ(at("2026-11-23 17:29")->id, a);
  EXPECT_EQ(at("2026-11-23 17:30")->id, b);  // the end is exclusive
  EXPECT_EQ(at("2026-11-24 03:00")->user_id, li_.id);
  EXPECT_FALSE(at("2026-11-24 08:30").has_value());
  ASSERT_TRUE(svc().SwapShifts(actor_, a, b).ok());
  EXPECT_EQ(at("2026-11-23 10:00")->user_id, li_.id);
  EXPECT_EQ(at("2026-11-23 20:00")->user_id, zhang_.id);
}

TEST_F(RotaTest, BadInputIsRefusedAndNothingStored) {
  int64_t kept = AddShift(zhang_, nullptr, "2026-11-23 08:30", "2026-11-23 17:30");
  int64_t audit_before = Count("audit_log");
  Shift s;
  s.user_id = zhang_.id;
  s.starts_at = RotaLocal("2026-11-24 08:30");
  s.ends_at = s.starts_at - 60;
  EXPECT_NE(svc().CreateShift(actor_, s).status().message().find("结束时间"), std::string::npos);
  s.ends_at = s.starts_at + 3600;
  s.kind = "weekend";
  EXPECT_NE(svc().CreateShift(actor_, s).status().message().find("班次类型"), std::string::npos);
  s.kind = "day";
  s.user_id = 9999;
  EXPECT_NE(svc().CreateShift(actor_, s).status().message().find("值班人不存在"), std::string::npos);
  GenerateOptions o;
  o.year = 2026;
  o.month = 13;
  o.people = {zhang_.id};
  EXPECT_EQ(svc().GenerateMonth(actor_, Calendar2026(), o).status().code(), ErrorCode::kInvalidArgument);
  o.month = 12;
  o.day_start = "8点";
  EXPECT_NE(svc().GenerateMonth(actor_, Calendar2026(), o).status().message().find("HH:MM"), std::string::npos);
  EXPECT_FALSE(svc().SaveSettings(actor_, {0, 0}).ok());
  EXPECT_FALSE(svc().SaveSettings(actor_, {15, zhang_.id}).ok());  // not a leader
  HeightenedPeriod p;
  p.name = "错误";
  p.first_day = DayFromCivil({2026, 10, 8});
  p.last_day = DayFromCivil({2026, 10, 1});
  EXPECT_FALSE(svc().SavePeriod(actor_, p).ok());
  EXPECT_EQ(svc().SwapShifts(actor_, kept, 424242).code(), ErrorCode::kNotFound);
  // Nothing written, the existing shift is untouched.
  EXPECT_EQ(Count("rota_shifts"), 1);
  EXPECT_EQ(Count("rota_periods"), 0);
  EXPECT_EQ(svc().GetShift(kept)->user_id, zhang_.id);
  EXPECT_EQ(svc().GetSettings()->ack_timeout_minutes, 15);
  EXPECT_EQ(Count("audit_log"), audit_before);
}

}  // namespace
}  // namespace minyi::testing
