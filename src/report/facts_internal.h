// Internal to src/report: the helper every area gatherer uses. It records
// the first failing query and then turns the whole area into "统计失败" so a
// schema that differs from what the report expects never breaks the report.
#pragma once

#include <initializer_list>

#include "report/report_internal.h"

namespace minyi {

struct FigureSpec {
  std::string key, label, unit, entity, link;
};

class AreaBuilder {
 public:
  AreaBuilder(Database& db, const Period& p, std::string name);

  // False (area "模块未安装") when any table is missing.
  bool Require(std::initializer_list<std::string_view> tables);
  // "#/cases/list?from=2026-09-01&to=2026-09-30[&extra]".
  std::string Link(std::string_view route, std::string_view extra = "") const;

  // A figure counting the rows of a query whose first column is the id.
  Figure* Ids(FigureSpec spec, std::string_view sql, const SqlParams& params);
  // A figure from a COUNT/SUM query (no record ids: large volumes).
  Figure* Count(FigureSpec spec, std::string_view sql, const SqlParams& params);
  // part/whole as a rounded percentage.
  Figure* Percent(FigureSpec spec, int64_t part, int64_t whole);
  Result<::minyi::Rows> Rows(std::string_view sql, const SqlParams& params);

  AreaFacts& area() { return area_; }
  const Period& period() const { return period_; }
  bool failed() const { return failed_; }
  Result<AreaFacts> Finish();
  // Turns the area into "统计失败" (first failure wins).
  void Fail(const Status& st);

 private:
  Database& db_;
  const Period& period_;
  AreaFacts area_;
  bool failed_ = false;
};

}  // namespace minyi
