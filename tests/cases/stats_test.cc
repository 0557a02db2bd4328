// KPIs against hand-computed values (see the comments for the arithmetic),
// the xlsx export, reminders and the complaint CSV import.
#include "cases/stats.h"

#include <gtest/gtest.h>
#include <zip.h>

#include "cases/case_fixture.h"
#include "cases/complaint_import.h"
#include "cases/reminders.h"
#include "notify/notify.h"

namespace minyi {
namespace {

// One file of an .xlsx (a zip) held in memory; "" when missing.
std::string XlsxPart(const std::string& bytes, const char* name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
  if (!z) {
    if (src) zip_source_free(src);
    return "";
  }
  std::string out;
  zip_stat_t st;
  zip_file_t* f = zip_stat(z, name, 0, &st) == 0 ? zip_fopen(z, name, 0) : nullptr;
  if (f) {
    out.resize(st.size);
    if (zip_fread(f, out.data(), st.size) != static_cast<zip_int64_t>(st.size)) out.clear();
    zip_fclose(f);
  }
  zip_close(z);
  return out;
}

// The stored value (<v>) of a cell in a worksheet's XML, e.g. "B5".
std::string CellValue(const std::string& sheet, const std::string& cell) {
  size_t at = sheet.find("<c r=\"" + cell + "\"");
  if (at == std::string::npos) return "";
  size_t end = sheet.find("</c>", at);
  size_t v = sheet.find("<v>", at);
  if (v == std::string::npos || v > end) return "";
  return sheet.substr(v + 3, sheet.find("</v>", v) - v - 3);
}

const DeptKpi* Find(const KpiReport& r, const std::string& name) {
  for (const DeptKpi& k : r.departments) {
    if (k.unit_name == name) return &k;
  }
  return nullptr;
}

class StatsTest : public CaseFixture {
 protected:
  // A: town; received, signed, replied, closed and evaluated (5) in November, on time.
  // B: town; received in November, closed late on 11-12, evaluated 3.
  // C: press (宣传科); received 11-20, never signed: open and overdue.
  // D: town; received 10-28, closed 11-02 on time: counts as closed in November only.
  // E: never dispatched, received 11-25: open and overdue under 未分派.
  void SeedNovember() {
    int64_t a = NewCaseAt("2026-11-02 09:00");
    ASSERT_TRUE(svc().Dispatch(dispatcher_, a, town_, {}, "").ok());
    At("2026-11-02 10:00");
    ASSERT_TRUE(svc().Sign(lead_, a).ok());  // 1h
    At("2026-11-03 09:00");
    ASSERT_TRUE(svc().Reply(lead_, a, "答复", {}).ok());  // 6.5 + 0.5 = 7h
    At("2026-11-04 09:00");
    ASSERT_TRUE(svc().Approve(leader_, a, "").ok());  // 6.5 + 7 + 0.5 = 14h
    At("2026-11-05 09:00");
    ASSERT_TRUE(svc().Evaluate(dispatcher_, a, 5, "").ok());

    int64_t b = NewCaseAt("2026-11-03 09:00");
    ASSERT_TRUE(svc().Dispatch(dispatcher_, b, town_, {}, "").ok());
    At("2026-11-03 14:00");
    ASSERT_TRUE(svc().Sign(lead_, b).ok());  // 3h
    At("2026-11-12 09:00");
    ASSERT_TRUE(svc().Reply(lead_, b, "答复", {}).ok());  // 6.5 + 6 days * 7 + 0.5 = 49h
    At("2026-11-12 10:00");
    ASSERT_TRUE(svc().Approve(leader_, b, "").ok());  // 50h; deadline was 11-10 09:00
    At("2026-11-13 09:00");
    ASSERT_TRUE(svc().Evaluate(dispatcher_, b, 3, "").ok());

    int64_t c = NewCaseAt("2026-11-20 09:00");
    At("2026-11-20 10:00");
    ASSERT_TRUE(svc().Dispatch(dispatcher_, c, press_, {}, "").ok());

    int64_t d = NewCaseAt("2026-10-28 09:00");
    ASSERT_TRUE(svc().Dispatch(dispatcher_, d, town_, {}, "").ok());
    At("2026-10-28 09:30");
    ASSERT_TRUE(svc().Sign(lead_, d).ok());
    At("2026-10-30 09:00");
    ASSERT_TRUE(svc().Reply(lead_, d, "答复", {}).ok());
    At("2026-11-02 11:00");
    ASSERT_TRUE(svc().Approve(leader_, d, "").ok());  // 6.5 + 7 + 7 + 2.5 = 23h

    NewCaseAt("2026-11-25 09:00");
    At("2026-12-15 09:00");
  }
};

TEST_F(StatsTest, NovemberKpisMatchHandComputedValues) {
  SeedNovember();
  StatsPeriod nov = ParseStatsPeriod("2026-11").value();
  KpiReport r = ComputeKpis(db(), calendar_, nov, clock_.Now()).value();
  const DeptKpi* town = Find(r, "城关镇");
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(town->received, 2);
  EXPECT_EQ(town->closed_of_received, 2);
  EXPECT_DOUBLE_EQ(town->closure_rate, 1.0);
  EXPECT_EQ(town->closed_in_period, 3);
  EXPECT_EQ(town->on_time, 2);
  EXPECT_DOUBLE_EQ(town->on_time_rate, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(town->avg_sign_hours, 2.0);    // (1 + 3) / 2
  EXPECT_DOUBLE_EQ(town->avg_reply_hours, 28.0);  // (7 + 49) / 2
  EXPECT_DOUBLE_EQ(town->avg_close_hours, 29.0);  // (14 + 50 + 23) / 3
  EXPECT_EQ(town->evaluated, 2);
  EXPECT_DOUBLE_EQ(town->satisfaction_avg, 4.0);
  EXPECT_DOUBLE_EQ(town->satisfied_rate, 0.5);
  EXPECT_EQ(town->overdue_open, 0);

  const DeptKpi* press = Find(r, "宣传科");
  ASSERT_NE(press, nullptr);
  EXPECT_EQ(press->received, 1);
  EXPECT_DOUBLE_EQ(press->closure_rate, 0.0);
  EXPECT_EQ(press->overdue_open, 1);
  const DeptKpi* none = Find(r, "未分派");
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(none->received, 1);
  EXPECT_EQ(none->overdue_open, 1);

  EXPECT_EQ(r.total.received, 4);
  EXPECT_EQ(r.total.closed_of_received, 2);
  EXPECT_DOUBLE_EQ(r.total.closure_rate, 0.5);
  EXPECT_EQ(r.total.closed_in_period, 3);
  EXPECT_EQ(r.total.overdue_open, 2);
  EXPECT_DOUBLE_EQ(r.total.avg_close_hours, 29.0);

  // October: only D was received; it was closed after October ended.
  KpiReport oct = ComputeKpis(db(), calendar_, ParseStatsPeriod("2026-10").value(), clock_.Now()).value();
  EXPECT_EQ(oct.total.received, 1);
  EXPECT_EQ(oct.total.closed_of_received, 0);
  EXPECT_EQ(oct.total.closed_in_period, 0);

  auto xlsx = ExportKpisXlsx(db(), calendar_, r, clock_.Now());
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  // Opened as a workbook: row 5 is 城关镇 (rows 1-4: title, note, blank,
  // headers), its numbers as computed above.
  std::string sheet = XlsxPart(*xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_NE(XlsxPart(*xlsx, "xl/sharedStrings.xml").find("城关镇"), std::string::npos);
  EXPECT_EQ(CellValue(sheet, "B5"), "2");    // 受理数
  EXPECT_EQ(CellValue(sheet, "D5"), "1");    // 办结率 100%
  EXPECT_EQ(CellValue(sheet, "E5"), "3");    // 期内办结
  EXPECT_EQ(CellValue(sheet, "F5"), "2");    // 按期办结
  EXPECT_EQ(CellValue(sheet, "J5"), "29");   // 平均办结用时
  EXPECT_EQ(CellValue(sheet, "L5"), "4");    // 满意度均分
  EXPECT_EQ(CellValue(sheet, "M5"), "0.5");  // 满意率
  EXPECT_EQ(CellValue(sheet, "N8"), "2");    // 合计 当前逾期
  EXPECT_FALSE(XlsxPart(*xlsx, "xl/worksheets/sheet2.xml").empty());
}

TEST(StatsPeriodTest, ParsesMonthsQuartersYearsAndRanges) {
  EXPECT_EQ(ParseStatsPeriod("2026-11")->start, ParseLocalTime("2026-11-01").value());
  EXPECT_EQ(ParseStatsPeriod("2026-12")->end, ParseLocalTime("2027-01-01").value());
  EXPECT_EQ(ParseStatsPeriod("2026-Q4")->start, ParseLocalTime("2026-10-01").value());
  EXPECT_EQ(ParseStatsPeriod("2026")->end, ParseLocalTime("2027-01-01").value());
  EXPECT_EQ(ParseStatsPeriod("2026-11-01..2026-11-15")->end, ParseLocalTime("2026-11-16").value());
  EXPECT_EQ(ParseStatsPeriod("2026-11")->label, "2026年11月");
  for (const char* bad : {"", "2026-13", "2026-Q5", "11-2026", "2026-11-15..2026-11-01", "abcd"}) {
    EXPECT_FALSE(ParseStatsPeriod(bad).ok()) << bad;
  }
}

TEST_F(CaseFixture, RemindersWarnThenUrgeThenEscalateOnce) {
  // A duty group robot subscribed to 催办 and 督办 only.
  Channel robot;
  robot.name = "值班群机器人";
  robot.kind = ChannelKind::kWebhook;
  robot.config.url = "http://127.0.0.1:9/hook";
  robot.subscriptions = {"case_urge", "case_supervise"};
  ASSERT_TRUE(CreateChannel(db(), clock_, admin_.actor, robot).ok());
  int64_t id = NewCaseAt("2026-11-23 09:00");
  ASSERT_TRUE(svc().Dispatch(dispatcher_, id, town_, {}, "").ok());
  int64_t paused = NewCaseAt("2026-11-23 09:00");
  ASSERT_TRUE(svc().Pause(dispatcher_, paused, "等待上级答复").ok());
  ReminderOptions opt;
  At("2026-11-23 15:00");  // 3h of 7h left for signing: no warning yet
  EXPECT_EQ(ScanCaseReminders(db(), clock_, calendar_, opt).value().warnings, 0);
  At("2026-11-23 16:30");  // 1h left (<= 25% of 7h)
  auto r = ScanCaseReminders(db(), clock_, calendar_, opt).value();
  EXPECT_EQ(r.warnings, 1);
  EXPECT_EQ(ScanCaseReminders(db(), clock_, calendar_, opt).value().warnings, 0);  // idempotent
  At("2026-11-24 10:00");  // sign deadline 11-24 09:00 passed by 1h
  r = ScanCaseReminders(db(), clock_, calendar_, opt).value();
  EXPECT_EQ(r.cuiban, 1);
  EXPECT_EQ(r.duban, 0);
  At("2026-11-25 10:00");  // 8 working hours overdue: escalate to the leader
  r = ScanCaseReminders(db(), clock_, calendar_, opt).value();
  EXPECT_EQ(r.duban, 1);
  EXPECT_EQ(r.cuiban, 0);
  auto list = ListCaseReminders(db(), id, 10).value();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].level, "duban");
  EXPECT_EQ(list[0].target_role, "leader");
  EXPECT_NE(list[0].message.find("督办"), std::string::npos);
  EXPECT_TRUE(ListCaseReminders(db(), paused, 10).value().empty());

  // Each reminder was enqueued once, with its kind and a link to the case;
  // the robot got the two it subscribed to.
  Rows n = db().Query("SELECT kind, title, body, link, event_key, urgent FROM notifications ORDER BY id").value();
  ASSERT_EQ(n.size(), 3u);
  EXPECT_EQ(n.Text(0, "kind"), "case_warning");
  EXPECT_EQ(n.Text(1, "kind"), "case_urge");
  EXPECT_EQ(n.Text(2, "kind"), "case_supervise");
  EXPECT_EQ(n.Int(0, "urgent"), 0);
  EXPECT_EQ(n.Int(2, "urgent"), 1);
  for (size_t i = 0; i < n.size(); ++i) {
    EXPECT_EQ(n.Text(i, "link"), "#/cases/detail?id=" + std::to_string(id));
    EXPECT_EQ(n.Int(i, "event_key"), id);
    EXPECT_NE(n.Text(i, "title").find("SJ-2026-0001"), std::string::npos);
  }
  EXPECT_NE(n.Text(2, "body").find("已超期"), std::string::npos);
  EXPECT_EQ(db().QueryInt("SELECT COUNT(*) FROM notify_outbox").value(), 2);
  r = ScanCaseReminders(db(), clock_, calendar_, opt).value();  // the next minute's scan: nothing new
  EXPECT_EQ(r.warnings + r.cuiban + r.duban, 0);
  EXPECT_EQ(db().QueryInt("SELECT COUNT(*) FROM notifications").value(), 3);
}

TEST_F(CaseFixture, ComplaintCsvImportsGoodRowsAndReportsBadOnes) {
  std::string csv =
      "\xEF\xBB\xBF工单编号,来电时间,诉求内容,诉求类型,所属区域,来电人,联系电话\r\n"
      "12345-001,2026-11-20 09:15,\"东关村路口红绿灯故障，\n早高峰拥堵\",求助,城关镇,张某,13800000000\r\n"
      "12345-002,2026/11/21 8:05,噪音扰民,投诉,青石乡,李某,13900000000\r\n"
      "12345-003,昨天,内容,投诉,城关镇,,\r\n"
      "12345-004,2026-11-21 10:00,,咨询,城关镇,,\r\n"
      "12345-005,2026-11-21 10:00,列数不对\r\n";
  clock_.Set(Local("2026-11-23 09:00"));
  ImportReport r = ImportComplaints(svc(), db(), admin_, csv, "hotline").value();
  EXPECT_EQ(r.imported, 2);
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_NE(r.errors[0].message.find("第 5 行"), std::string::npos) << r.errors[0].message;  // the quoted newline
  EXPECT_NE(r.errors[1].message.find("缺少诉求内容"), std::string::npos);
  EXPECT_NE(r.errors[2].message.find("列数"), std::string::npos);
  CaseRecord c = svc().Get(r.case_ids[0]).value();
  EXPECT_EQ(c.origin, "complaint");
  EXPECT_EQ(c.origin_ref, "12345-001");
  EXPECT_EQ(c.region, "城关镇");
  EXPECT_EQ(FormatLocalTime(c.received_at), "2026-11-20 09:15");
  EXPECT_EQ(c.description.find("1380000"), std::string::npos);  // caller data is not kept
  // Importing again: duplicates, nothing new.
  ImportReport again = ImportComplaints(svc(), db(), admin_, csv, "hotline").value();
  EXPECT_EQ(again.imported, 0);
  EXPECT_EQ(again.duplicates, 2);
  // File-level problems stop before anything is stored.
  EXPECT_EQ(ImportComplaints(svc(), db(), admin_, "编号,时间\n1,2\n", "hotline").status().code(),
            ErrorCode::kInvalidArgument);
  ComplaintCsvLimits small;
  small.max_bytes = 100;
  EXPECT_EQ(ImportComplaints(svc(), db(), admin_, csv, "hotline", small).status().code(),
            ErrorCode::kResourceExhausted);
  EXPECT_EQ(ParseComplaintCsv("工单编号,来电时间,诉求内容\n\"未闭合,2026-11-01,x\n").status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseComplaintCsv("\xff\xfe").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(svc().List(CaseFilter{}).value().size(), 2u);
}

}  // namespace
}  // namespace minyi
