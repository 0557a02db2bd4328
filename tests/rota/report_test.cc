// The rota's figures and paragraph in the periodic report (值班值守).
#include "report/report.h"

#include "rota/rota_util.h"

namespace minyi::testing {
namespace {

TEST_F(RotaTest, ReportShowsShiftsPagesAndAcknowledgementTimes) {
  AddShift(zhang_, &wang_, "2026-11-23 08:30", "2026-11-23 17:30");
  AddShift(li_, &wang_, "2026-11-23 17:30", "2026-11-24 08:30");
  Alert("预警一");
  Alert("预警二");
  ASSERT_EQ(*svc().PageNewNotifications(), 2);
  auto pages = svc().ListPages({zhang_.id});
  ASSERT_EQ(pages->size(), 2u);
  clock_.Advance(4 * 60);
  ASSERT_TRUE(svc().AckPage(zhang_, pages->at(1).id, "").ok());  // 4 minutes
  clock_.Advance(11 * 60);
  ASSERT_EQ(*svc().EscalateOverdue(), 1);  // the other, at 15 minutes
  clock_.Advance(5 * 60);
  ASSERT_TRUE(svc().AckPage(wang_, pages->at(0).id, "").ok());  // 20 minutes
  ASSERT_TRUE(svc().CreateHandover(zhang_, svc().OnDutyAt(RotaLocal("2026-11-23 10:00"))->value().id, "平稳", "").ok());

  auto period = ParsePeriod("2026-11");
  ASSERT_TRUE(period.ok());
  auto draft = DraftReport(db(), clock_, ReportKind::kMonthly, *period, "测试县");
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  auto value = [&](const char* key) {
    const Figure* f = draft->FindFigure(key);
    EXPECT_NE(f, nullptr) << key;
    return f ? f->value : -1;
  };
  EXPECT_EQ(value("rota.shifts"), 2);
  EXPECT_EQ(value("rota.pages"), 2);
  EXPECT_EQ(value("rota.acked"), 2);
  EXPECT_EQ(value("rota.escalated"), 1);
  EXPECT_EQ(value("rota.ack_avg_minutes"), 12);
  EXPECT_EQ(value("rota.ack_median_minutes"), 12);
  EXPECT_EQ(value("rota.handovers"), 1);
  EXPECT_EQ(draft->FindFigure("rota.pages")->link.rfind("#/rota/pages?", 0), 0u);
  std::string text;
  for (const auto& s : draft->sections) {
    for (const auto& p : s.paragraphs) {
      if (p.heading == "值班值守") text = p.text;
    }
  }
  EXPECT_NE(text.find("平均确认用时 12 分钟"), std::string::npos) << text;
  EXPECT_NE(text.find("升级至带班领导 1 条"), std::string::npos) << text;
}

}  // namespace
}  // namespace minyi::testing
