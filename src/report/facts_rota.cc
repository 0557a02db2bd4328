// On-duty rota area of a report (值班值守): shifts, pages and acknowledgement
// times, from the tables of src/rota (migration 0065).
#include <algorithm>

#include "report/facts_internal.h"

namespace minyi {

namespace {

// Average and median acknowledgement time in minutes (rounded), over the
// pages acknowledged in the period, as figures linking to the page list.
void AckTimes(AreaBuilder& b, const std::string& link) {
  auto rows = b.Rows(
      "SELECT id, acked_at - created_at AS secs FROM rota_pages WHERE created_at >= ? AND created_at < ?"
      " AND status = 'acked' ORDER BY id",
      {b.period().begin, b.period().end});
  if (!rows.ok() || rows->empty()) return;
  std::vector<int64_t> secs;
  int64_t total = 0;
  for (size_t i = 0; i < rows->size(); ++i) {
    secs.push_back(std::max<int64_t>(0, rows->Int(i, "secs")));
    total += secs.back();
  }
  std::sort(secs.begin(), secs.end());
  size_t n = secs.size();
  int64_t median = n % 2 ? secs[n / 2] : (secs[n / 2 - 1] + secs[n / 2]) / 2;
  auto minutes = [](int64_t s) { return (s + 30) / 60; };
  Figure avg{
      "rota.ack_avg_minutes", "平均确认用时", minutes(total / static_cast<int64_t>(n)), "分钟", "rota_pages", link, {}};
  Figure med{"rota.ack_median_minutes", "确认用时中位数", minutes(median), "分钟", "rota_pages", link, {}};
  b.area().figures.push_back(avg);
  b.area().figures.push_back(med);
}

}  // namespace

Result<AreaFacts> GatherRotaFacts(Database& db, const Period& p) {
  AreaBuilder b(db, p, "值班值守");
  // Until its migration lands the area is reported as empty, not missing.
  if (!TableExists(db, "rota_shifts")) {
    AreaFacts empty;
    empty.name = b.area().name;
    empty.installed = true;
    return empty;
  }
  if (!b.Require({"rota_shifts", "rota_pages", "rota_handovers"})) return b.Finish();
  SqlParams range{p.begin, p.end};
  std::string pages = b.Link("/rota/pages", "scope=all");
  b.Ids({"rota.shifts", "安排值班", "班次", "rota_shifts", b.Link("/rota/shifts")},
        "SELECT id FROM rota_shifts WHERE starts_at >= ? AND starts_at < ? ORDER BY id", range);
  b.Ids({"rota.pages", "值班提醒", "条", "rota_pages", pages},
        "SELECT id FROM rota_pages WHERE created_at >= ? AND created_at < ? ORDER BY id", range);
  b.Ids({"rota.acked", "已确认提醒", "条", "rota_pages", pages},
        "SELECT id FROM rota_pages WHERE created_at >= ? AND created_at < ? AND status = 'acked' ORDER BY id", range);
  b.Ids({"rota.escalated", "超时升级至带班领导", "条", "rota_pages", pages},
        "SELECT id FROM rota_pages WHERE created_at >= ? AND created_at < ? AND escalated_at > 0 ORDER BY id", range);
  AckTimes(b, pages);
  b.Ids({"rota.handovers", "交接班记录", "份", "rota_handovers", b.Link("/rota/handovers")},
        "SELECT id FROM rota_handovers WHERE created_at >= ? AND created_at < ? ORDER BY id", range);
  return b.Finish();
}

std::string RotaText(const AreaFacts& rota) {
  if (!rota.installed || rota.figures.empty() || rota.Value("rota.shifts") == 0) return "";
  auto n = [&](const char* key) { return std::to_string(rota.Value(key)); };
  std::string s = "本期安排值班 " + n("rota.shifts") + " 班次";
  if (rota.Value("rota.pages") > 0) {
    s += "；向值班人员推送值班提醒 " + n("rota.pages") + " 条，已确认 " + n("rota.acked") + " 条";
    if (rota.Get("rota.ack_avg_minutes")) {
      s += "，平均确认用时 " + n("rota.ack_avg_minutes") + " 分钟（中位数 " + n("rota.ack_median_minutes") + " 分钟）";
    }
    s += rota.Value("rota.escalated") > 0 ? "，超时未确认升级至带班领导 " + n("rota.escalated") + " 条"
                                          : "，无超时未确认情况";
  }
  if (rota.Value("rota.handovers") > 0) s += "；填写交接班记录 " + n("rota.handovers") + " 份";
  return s + "。";
}

}  // namespace minyi
