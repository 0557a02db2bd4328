// The four source areas of a report. Each function knows one subsystem's
// tables (see the migrations named below); if they are absent the area is
// reported as not installed. Links name the UI route that lists the counted
// records with the period as from/to filter.
#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "report/facts_internal.h"

namespace minyi {
namespace {

// Sums a column over a query; SUM over no rows is NULL, read as 0.
Figure* Sum(AreaBuilder& b, FigureSpec spec, std::string_view sql, const SqlParams& params) {
  return b.Count(std::move(spec), sql, params);
}

std::string DayLabel(const ReportDate& d) { return std::to_string(d.month) + "/" + std::to_string(d.day); }

// Daily counts from (day-number, n) rows; long periods fold into months.
Chart VolumeChart(const Period& p, const Rows& rows, const std::string& title) {
  std::map<int64_t, int64_t> by_day;
  for (size_t i = 0; i < rows.size(); ++i) by_day[rows.Int(i, "day")] += rows.Int(i, "n");
  Chart c{title, ChartType::kLine, {}, {}};
  int64_t first = DaysFromCivil(p.first), last = DaysFromCivil(p.last);
  if (last - first <= 62) {
    for (int64_t d = first; d <= last; ++d) {
      c.labels.push_back(DayLabel(CivilFromDays(d)));
      c.values.push_back(static_cast<double>(by_day.count(d) ? by_day[d] : 0));
    }
    return c;
  }
  c.type = ChartType::kBar;
  std::map<int, int64_t> by_month;  // year*12+month-1
  for (int64_t d = first; d <= last; ++d) {
    ReportDate cd = CivilFromDays(d);
    by_month[cd.year * 12 + cd.month - 1] += by_day.count(d) ? by_day[d] : 0;
  }
  for (auto [ym, n] : by_month) {
    c.labels.push_back(std::to_string(ym / 12) + "年" + std::to_string(ym % 12 + 1) + "月");
    c.values.push_back(static_cast<double>(n));
  }
  return c;
}

std::string Tendency(int64_t neg, int64_t neu, int64_t pos) {
  if (neg >= neu && neg >= pos && neg > 0) return "负面";
  if (pos > neu && pos > neg) return "正面";
  return "中性";
}

}  // namespace

// Review desk: migration 0010 (review_drafts, review_ledger, review_channels).
Result<AreaFacts> GatherReviewFacts(Database& db, const Period& p) {
  AreaBuilder b(db, p, "稿件审校");
  if (!b.Require({"review_drafts", "review_ledger", "review_channels"})) return b.Finish();
  SqlParams range{p.begin, p.end};
  b.Ids({"review.drafts", "受理审校稿件", "篇", "review_drafts", b.Link("/review/drafts")},
        "SELECT id FROM review_drafts WHERE created_at >= ? AND created_at < ? ORDER BY id", range);
  b.Ids({"review.published", "审核后发布稿件", "篇", "review_drafts", b.Link("/review/ledger")},
        "SELECT draft_id FROM review_ledger WHERE published_at >= ? AND published_at < ? ORDER BY draft_id", range);
  std::string ledger_link = b.Link("/review/ledger");
  Sum(b, {"review.findings", "发布前发现问题", "处", "review_ledger", ledger_link},
      "SELECT SUM(findings_first) FROM review_ledger WHERE published_at >= ? AND published_at < ?", range);
  Sum(b, {"review.fixed", "已整改问题", "处", "review_ledger", ledger_link},
      "SELECT SUM(findings_fixed) FROM review_ledger WHERE published_at >= ? AND published_at < ?", range);
  Sum(b, {"review.returned", "退回修改", "次", "review_ledger", ledger_link},
      "SELECT SUM(return_count) FROM review_ledger WHERE published_at >= ? AND published_at < ?", range);
  b.Ids({"review.channels", "在用发布阵地", "个", "review_channels", "#/review/channels"},
        "SELECT id FROM review_channels WHERE active = 1 ORDER BY id", {});
  auto by_channel = b.Rows(
      "SELECT c.name AS name, COUNT(*) AS n FROM review_ledger l JOIN review_channels c ON c.id = l.channel_id "
      "WHERE l.published_at >= ? AND l.published_at < ? GROUP BY c.name ORDER BY n DESC, c.name",
      range);
  if (by_channel.ok() && !by_channel->empty()) {
    Chart c{"各阵地发布稿件数", ChartType::kBar, {}, {}};
    for (size_t i = 0; i < by_channel->size() && i < 12; ++i) {
      c.labels.push_back(by_channel->Text(i, "name"));
      c.values.push_back(static_cast<double>(by_channel->Int(i, "n")));
    }
    b.area().charts.push_back(std::move(c));
  }
  return b.Finish();
}

// Monitoring: migration 0021 (monitor_items, monitor_events).
Result<AreaFacts> GatherMonitorFacts(Database& db, const Period& p) {
  AreaBuilder b(db, p, "网络监测");
  if (!b.Require({"monitor_items", "monitor_events"})) return b.Finish();
  SqlParams range{p.begin, p.end};
  std::string items = b.Link("/monitor/items");
  b.Count({"monitor.items", "监测信息", "条", "monitor_items", items},
          "SELECT COUNT(*) FROM monitor_items WHERE published_at >= ? AND published_at < ?", range);
  b.Count({"monitor.negative", "负面信息", "条", "monitor_items", b.Link("/monitor/items", "sentiment=negative")},
          "SELECT COUNT(*) FROM monitor_items WHERE published_at >= ? AND published_at < ? AND sentiment = 'negative'",
          range);
  b.Percent({"monitor.negative_share", "负面信息占比", "%", "monitor_items", items}, b.area().Value("monitor.negative"),
            b.area().Value("monitor.items"));
  b.Ids({"monitor.events", "舆情事件", "起", "monitor_events", b.Link("/monitor/events")},
        "SELECT id FROM monitor_events WHERE last_seen >= ? AND first_seen < ? ORDER BY id", range);
  auto top = b.Rows(
      "SELECT e.id AS id, e.title AS title, COUNT(*) AS n, "
      "SUM(CASE WHEN i.sentiment = 'negative' THEN 1 ELSE 0 END) AS neg, "
      "SUM(CASE WHEN i.sentiment = 'positive' THEN 1 ELSE 0 END) AS pos "
      "FROM monitor_items i JOIN monitor_events e ON e.id = i.event_id "
      "WHERE i.published_at >= ? AND i.published_at < ? GROUP BY e.id, e.title ORDER BY n DESC, e.id LIMIT 5",
      range);
  if (top.ok() && !top->empty()) {
    ReportTable t{"热度较高的舆情事件", {"事件", "信息量", "负面", "主要倾向"}, {}};
    for (size_t i = 0; i < top->size(); ++i) {
      int64_t n = top->Int(i, "n"), neg = top->Int(i, "neg"), pos = top->Int(i, "pos");
      t.rows.push_back(
          {top->Text(i, "title"), std::to_string(n), std::to_string(neg), Tendency(neg, n - neg - pos, pos)});
    }
    b.area().tables.push_back(std::move(t));
  }
  auto daily = b.Rows(
      "SELECT (published_at + 28800) / 86400 AS day, COUNT(*) AS n FROM monitor_items "
      "WHERE published_at >= ? AND published_at < ? GROUP BY (published_at + 28800) / 86400",
      range);
  if (daily.ok()) b.area().charts.push_back(VolumeChart(p, *daily, "监测信息量走势"));
  auto senti = b.Rows(
      "SELECT sentiment, COUNT(*) AS n FROM monitor_items WHERE published_at >= ? AND published_at < ? "
      "GROUP BY sentiment",
      range);
  if (senti.ok() && !senti->empty()) {
    std::map<std::string, int64_t> by;
    for (size_t i = 0; i < senti->size(); ++i) by[senti->Text(i, "sentiment")] += senti->Int(i, "n");
    b.area().charts.push_back(Chart{"监测信息情感倾向",
                                    ChartType::kPie,
                                    {"正面", "中性", "负面"},
                                    {double(by["positive"]), double(by["neutral"]), double(by["negative"])}});
  }
  return b.Finish();
}

// Cases: migration 0030. Definitions follow src/cases/stats.h: received in
// the period; closed = of those, closed (办结/已评价) before the period end.
Result<AreaFacts> GatherCaseFacts(Database& db, const Period& p) {
  AreaBuilder b(db, p, "舆情处置");
  if (!b.Require({"cases", "case_events"})) return b.Finish();
  SqlParams range{p.begin, p.end};
  b.Ids({"cases.opened", "受理处置事项", "件", "cases", b.Link("/cases/list")},
        "SELECT id FROM cases WHERE received_at >= ? AND received_at < ? ORDER BY id", range);
  b.Ids({"cases.closed", "已办结事项", "件", "cases", b.Link("/cases/list", "state=closed")},
        "SELECT id FROM cases WHERE received_at >= ? AND received_at < ? AND closed_at IS NOT NULL AND closed_at < ? "
        "AND state IN ('closed', 'evaluated') ORDER BY id",
        {p.begin, p.end, p.end});
  b.Percent({"cases.closure_rate", "办结率", "%", "cases", b.Link("/cases/list")}, b.area().Value("cases.closed"),
            b.area().Value("cases.opened"));
  b.Ids({"cases.closed_in_period", "期内办结事项", "件", "cases", b.Link("/cases/list", "closed=1")},
        "SELECT id FROM cases WHERE closed_at >= ? AND closed_at < ? ORDER BY id", range);
  auto by_unit = b.Rows(
      "SELECT COALESCE(u.name, '未分派') AS name, COUNT(*) AS n, "
      "SUM(CASE WHEN c.closed_at IS NOT NULL AND c.closed_at < ? AND c.state IN ('closed', 'evaluated') THEN 1 ELSE 0 "
      "END) AS done FROM cases c LEFT JOIN units u ON u.id = c.lead_unit_id "
      "WHERE c.received_at >= ? AND c.received_at < ? GROUP BY COALESCE(u.name, '未分派') ORDER BY n DESC, name",
      {p.end, p.begin, p.end});
  if (by_unit.ok() && !by_unit->empty()) {
    ReportTable t{"各单位处置事项办理情况", {"承办单位", "受理", "办结", "办结率"}, {}};
    Chart c{"各单位受理处置事项", ChartType::kBar, {}, {}};
    for (size_t i = 0; i < by_unit->size(); ++i) {
      int64_t n = by_unit->Int(i, "n"), done = by_unit->Int(i, "done");
      t.rows.push_back({by_unit->Text(i, "name"), std::to_string(n), std::to_string(done),
                        std::to_string(n ? (done * 1000 / n + 5) / 10 : 0) + "%"});
      if (i < 12) {
        c.labels.push_back(by_unit->Text(i, "name"));
        c.values.push_back(static_cast<double>(n));
      }
    }
    b.area().tables.push_back(std::move(t));
    b.area().charts.push_back(std::move(c));
  }
  return b.Finish();
}

namespace {

// Units expected to send zero-reports: the kinds in the duty setting
// (src/duty/zero_reports.cc), by default every kind except "other".
Result<std::set<std::string>> ZeroReportKinds(AreaBuilder& b) {
  std::set<std::string> kinds = {"department", "village", "community", "school", "enterprise"};
  MINYI_ASSIGN_OR_RETURN(Rows rows, b.Rows("SELECT value FROM settings WHERE key = ?", {"duty.zero_report_kinds"}));
  if (rows.empty()) return kinds;
  auto j = nlohmann::json::parse(rows.Text(0, "value"), nullptr, false);
  if (!j.is_array()) return kinds;
  kinds.clear();
  for (const auto& k : j) {
    if (k.is_string()) kinds.insert(k.get<std::string>());
  }
  return kinds;
}

std::vector<std::string> MonthsOf(const Period& p) {
  std::vector<std::string> out;
  for (int ym = p.first.year * 12 + p.first.month - 1; ym <= p.last.year * 12 + p.last.month - 1; ++ym) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", ym / 12, ym % 12 + 1);
    out.push_back(buf);
  }
  return out;
}

void ZeroReports(AreaBuilder& b) {
  auto kinds = ZeroReportKinds(b);
  auto units = b.Rows("SELECT id, name, kind FROM units WHERE active = 1 ORDER BY sort_order, id", {});
  if (!kinds.ok() || !units.ok()) return;
  std::vector<std::string> months = MonthsOf(b.period());
  std::map<int64_t, std::string> expected;
  for (size_t i = 0; i < units->size(); ++i) {
    if (kinds->count(units->Text(i, "kind"))) expected[units->Int(i, "id")] = units->Text(i, "name");
  }
  auto rows = b.Rows("SELECT id, unit_id, month FROM duty_zero_reports WHERE month >= ? AND month <= ? ORDER BY id",
                     {months.front(), months.back()});
  if (!rows.ok()) return;
  Figure submitted{"duty.zero_submitted", "零报告实报", 0, "次", "duty_zero_reports", b.Link("/duty/zero-reports"), {}};
  std::map<int64_t, int64_t> per_unit;
  for (size_t i = 0; i < rows->size(); ++i) {
    if (!expected.count(rows->Int(i, "unit_id"))) continue;
    ++submitted.value;
    ++per_unit[rows->Int(i, "unit_id")];
    if (submitted.record_ids.size() < kMaxRecordIds) submitted.record_ids.push_back(rows->Int(i, "id"));
  }
  int64_t want = static_cast<int64_t>(expected.size() * months.size());
  b.area().figures.push_back(
      Figure{"duty.zero_expected", "零报告应报", want, "次", "units", b.Link("/duty/zero-reports"), {}});
  b.area().figures.push_back(submitted);
  b.Percent({"duty.zero_completeness", "零报告报送完整率", "%", "duty_zero_reports", b.Link("/duty/zero-reports")},
            submitted.value, want);
  ReportTable t{"零报告未报送单位", {"单位", "应报", "实报"}, {}};
  for (const auto& [id, name] : expected) {
    int64_t got = per_unit.count(id) ? per_unit[id] : 0;
    if (got < static_cast<int64_t>(months.size())) {
      t.rows.push_back({name, std::to_string(months.size()), std::to_string(got)});
    }
  }
  if (!t.rows.empty() && t.rows.size() <= 50) b.area().tables.push_back(std::move(t));
}

}  // namespace

// Duty ledger: migration 0040 (records, zero-reports, self-checks,
// rectifications, obligation occurrences).
Result<AreaFacts> GatherDutyFacts(Database& db, const Period& p) {
  AreaBuilder b(db, p, "责任制落实");
  if (!b.Require({"duty_records", "duty_zero_reports", "duty_rectifications", "duty_selfchecks", "duty_occurrences"})) {
    return b.Finish();
  }
  SqlParams range{p.begin, p.end};
  b.Ids({"duty.meetings", "专题会议", "次", "duty_records", b.Link("/duty/records", "kind=meeting")},
        "SELECT id FROM duty_records WHERE kind IN ('meeting', 'special_session') AND held_at >= ? AND held_at < ? "
        "ORDER BY id",
        range);
  b.Ids({"duty.studies", "集中学习与培训", "次", "duty_records", b.Link("/duty/records", "kind=study")},
        "SELECT id FROM duty_records WHERE kind IN ('study', 'training') AND held_at >= ? AND held_at < ? ORDER BY id",
        range);
  b.Ids({"duty.tasks_due", "到期工作任务", "项", "duty_occurrences", b.Link("/duty/obligations")},
        "SELECT id FROM duty_occurrences WHERE due_at >= ? AND due_at < ? ORDER BY id", range);
  b.Ids({"duty.tasks_done", "已完成工作任务", "项", "duty_occurrences", b.Link("/duty/obligations", "status=done")},
        "SELECT id FROM duty_occurrences WHERE due_at >= ? AND due_at < ? AND status = 'done' ORDER BY id", range);
  ZeroReports(b);
  b.Ids({"duty.selfchecks", "提交自查", "次", "duty_selfchecks", b.Link("/duty/selfchecks")},
        "SELECT id FROM duty_selfchecks WHERE submitted_at >= ? AND submitted_at < ? ORDER BY id", range);
  b.Ids({"duty.rectifications", "发现问题（整改事项）", "个", "duty_rectifications", b.Link("/duty/rectifications")},
        "SELECT id FROM duty_rectifications WHERE created_at >= ? AND created_at < ? ORDER BY id", range);
  b.Ids({"duty.rectified", "已完成整改", "个", "duty_rectifications", b.Link("/duty/rectifications", "status=done")},
        "SELECT id FROM duty_rectifications WHERE created_at >= ? AND created_at < ? AND status = 'done' ORDER BY id",
        range);
  return b.Finish();
}

}  // namespace minyi
