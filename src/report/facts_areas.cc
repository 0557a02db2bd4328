// The review, monitoring and cases areas of a report (the duty ledger is in
// facts_duty.cc). Each function knows one subsystem's
// tables (see the migrations named below); if they are absent the area is
// reported as not installed. Links name the UI route that lists the counted
// records with the period as from/to filter.
#include <algorithm>
#include <cstdio>
#include <map>

#include "cases/cases.h"
#include "cases/clocks.h"
#include "common/resources.h"
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
  std::string items = b.Link("/monitor/search");
  b.Count({"monitor.items", "监测信息", "条", "monitor_items", items},
          "SELECT COUNT(*) FROM monitor_items WHERE published_at >= ? AND published_at < ?", range);
  b.Count({"monitor.negative", "负面信息", "条", "monitor_items", b.Link("/monitor/search", "sentiment=negative")},
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

namespace {

// Cases open at `at` (received before, not closed by then) whose closure
// deadline had passed by then. The deadline is the one src/cases computes
// from the event log (SLA on the work calendar, pauses, extensions, 上级交办).
void OverdueCases(AreaBuilder& b, Database& db, UnixSeconds at) {
  auto rows = b.Rows("SELECT id FROM cases WHERE received_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY id",
                     {at, at});
  if (!rows.ok()) return;
  Figure f{"cases.overdue", "逾期未办结事项", 0, "件", "cases", "#/cases/overdue", {}};
  if (!rows->empty()) {
    auto cal = LoadWorkCalendar(db, ResourceDir());
    if (!cal.ok()) return b.Fail(cal.status());
    ManualClock clock(at);
    CaseService svc(db, clock, *cal);
    for (size_t i = 0; i < rows->size(); ++i) {
      auto c = svc.Get(rows->row(i)[0].AsInt());
      auto events = c.ok() ? svc.Events(c->id) : Result<std::vector<CaseEvent>>(c.status());
      auto rule = c.ok() ? FindSlaRule(db, c->case_type, c->priority) : Result<SlaRule>(c.status());
      if (!events.ok() || !rule.ok()) return b.Fail(!events.ok() ? events.status() : rule.status());
      CaseClocks clocks = ComputeClocks(*c, *events, *rule, *cal, at);
      if (clocks.close.deadline == 0 || clocks.close.deadline >= at) continue;
      ++f.value;
      if (f.record_ids.size() < kMaxRecordIds) f.record_ids.push_back(c->id);
    }
  }
  b.area().figures.push_back(std::move(f));
}

}  // namespace

// Cases: migration 0030. Definitions follow src/cases/stats.h: received in
// the period; closed = of those, closed (办结/已评价) before the period end.
Result<AreaFacts> GatherCaseFacts(Database& db, const Period& p, UnixSeconds now) {
  AreaBuilder b(db, p, "舆情处置");
  if (!b.Require({"cases", "case_events"})) return b.Finish();
  SqlParams range{p.begin, p.end};
  b.Ids({"cases.opened", "受理处置事项", "件", "cases", b.Link("/cases/all")},
        "SELECT id FROM cases WHERE received_at >= ? AND received_at < ? ORDER BY id", range);
  b.Ids({"cases.closed", "已办结事项", "件", "cases", b.Link("/cases/all", "state=closed")},
        "SELECT id FROM cases WHERE received_at >= ? AND received_at < ? AND closed_at IS NOT NULL AND closed_at < ? "
        "AND state IN ('closed', 'evaluated') ORDER BY id",
        {p.begin, p.end, p.end});
  b.Percent({"cases.closure_rate", "办结率", "%", "cases", b.Link("/cases/all")}, b.area().Value("cases.closed"),
            b.area().Value("cases.opened"));
  b.Ids({"cases.closed_in_period", "期内办结事项", "件", "cases", b.Link("/cases/all", "closed=1")},
        "SELECT id FROM cases WHERE closed_at >= ? AND closed_at < ? ORDER BY id", range);
  OverdueCases(b, db, std::min(now, p.end));
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

}  // namespace minyi
