// Gathers the figures of a report from the subsystems' own tables.
//
// Each area probes its tables first, so the report works on an install where
// a module (or its migration) is absent: the area is then "not installed"
// rather than an error. Queries are plain portable SQL over integer unix
// seconds; period bounds are computed in C++ (see ParsePeriod).
#include "report/facts_internal.h"

namespace minyi {

bool TableExists(Database& db, std::string_view table) {
  return db.Query("SELECT 1 FROM " + std::string(table) + " WHERE 1=0").ok();
}

const Figure* AreaFacts::Get(std::string_view key) const {
  for (const Figure& f : figures) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

int64_t AreaFacts::Value(std::string_view key) const {
  const Figure* f = Get(key);
  return f ? f->value : 0;
}

std::string FigureText(const Figure& f) {
  return std::to_string(f.value) + (f.unit.empty() || f.unit == "%" ? "" : " ") + f.unit;
}

AreaBuilder::AreaBuilder(Database& db, const Period& p, std::string name) : db_(db), period_(p) {
  area_.name = std::move(name);
}

bool AreaBuilder::Require(std::initializer_list<std::string_view> tables) {
  for (std::string_view t : tables) {
    if (!TableExists(db_, t)) {
      area_.installed = false;
      area_.note = "模块未安装";
      return false;
    }
  }
  area_.installed = true;
  return true;
}

std::string AreaBuilder::Link(std::string_view route, std::string_view extra) const {
  std::string link = "#" + std::string(route) + "?from=" + period_.FromDate() + "&to=" + period_.ToDate();
  if (!extra.empty()) link += "&" + std::string(extra);
  return link;
}

void AreaBuilder::Fail(const Status& st) {
  if (failed_) return;
  failed_ = true;
  area_.note = "统计失败：" + st.message();
}

Figure* AreaBuilder::Ids(FigureSpec spec, std::string_view sql, const SqlParams& params) {
  if (failed_) return nullptr;
  auto rows = db_.Query(sql, params);
  if (!rows.ok()) {
    Fail(rows.status());
    return nullptr;
  }
  Figure f{std::move(spec.key),    std::move(spec.label), 0, std::move(spec.unit),
           std::move(spec.entity), std::move(spec.link),  {}};
  f.value = static_cast<int64_t>(rows->size());
  for (size_t i = 0; i < rows->size() && f.record_ids.size() < kMaxRecordIds; ++i) {
    f.record_ids.push_back(rows->row(i)[0].AsInt());
  }
  area_.figures.push_back(std::move(f));
  return &area_.figures.back();
}

Figure* AreaBuilder::Count(FigureSpec spec, std::string_view sql, const SqlParams& params) {
  if (failed_) return nullptr;
  auto n = db_.QueryInt(sql, params);
  if (!n.ok()) {
    Fail(n.status());
    return nullptr;
  }
  area_.figures.push_back(Figure{std::move(spec.key),
                                 std::move(spec.label),
                                 *n,
                                 std::move(spec.unit),
                                 std::move(spec.entity),
                                 std::move(spec.link),
                                 {}});
  return &area_.figures.back();
}

Figure* AreaBuilder::Percent(FigureSpec spec, int64_t part, int64_t whole) {
  if (failed_) return nullptr;
  int64_t pct = whole > 0 ? (part * 1000 / whole + 5) / 10 : 0;
  spec.unit = "%";
  area_.figures.push_back(Figure{std::move(spec.key),
                                 std::move(spec.label),
                                 pct,
                                 std::move(spec.unit),
                                 std::move(spec.entity),
                                 std::move(spec.link),
                                 {}});
  return &area_.figures.back();
}

Result<Rows> AreaBuilder::Rows(std::string_view sql, const SqlParams& params) {
  if (failed_) return Internal("已失败");
  auto rows = db_.Query(sql, params);
  if (!rows.ok()) Fail(rows.status());
  return rows;
}

Result<AreaFacts> AreaBuilder::Finish() {
  if (failed_) {
    area_.installed = false;
    area_.figures.clear();
    area_.charts.clear();
    area_.tables.clear();
  }
  return std::move(area_);
}

Result<ReportFacts> GatherFacts(Database& db, const Period& p, UnixSeconds now) {
  ReportFacts facts;
  MINYI_ASSIGN_OR_RETURN(facts.review, GatherReviewFacts(db, p));
  MINYI_ASSIGN_OR_RETURN(facts.monitor, GatherMonitorFacts(db, p));
  MINYI_ASSIGN_OR_RETURN(facts.cases, GatherCaseFacts(db, p, now));
  MINYI_ASSIGN_OR_RETURN(facts.duty, GatherDutyFacts(db, p, now));
  MINYI_ASSIGN_OR_RETURN(facts.rota, GatherRotaFacts(db, p));
  MINYI_ASSIGN_OR_RETURN(facts.briefings, GatherBriefingFacts(db, p));
  return facts;
}

}  // namespace minyi
