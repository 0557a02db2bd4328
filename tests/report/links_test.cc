// Every figure of a report links to a page the web UI registers, and the
// records a figure counts resolve (ListFigureRecords, the #/reports/figure
// page) to their titles and to registered detail pages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "report/report.h"
#include "report/report_test_util.h"

namespace minyi {
namespace {

using testing::ChinaTime;
using testing::TempStore;

// The page routes of every web module: the keys of its `pages` object.
std::set<std::string> RegisteredRoutes() {
  std::set<std::string> routes;
  std::filesystem::path dir = std::filesystem::path(MINYI_SOURCE_DIR) / "web" / "app" / "modules";
  std::regex key(R"('(/[A-Za-z0-9_/-]+)'\s*:)");
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    size_t at = text.find("export const pages");
    if (at == std::string::npos) continue;
    std::string pages = text.substr(at, text.find("};", at) - at);
    for (std::sregex_iterator it(pages.begin(), pages.end(), key), end; it != end; ++it) routes.insert((*it)[1]);
  }
  return routes;
}

// "#/cases/all?from=..." -> "/cases/all".
std::string RouteOf(const std::string& link) {
  std::string r = link.rfind("#", 0) == 0 ? link.substr(1) : link;
  return r.substr(0, r.find('?'));
}

class FigureLinksTest : public ::testing::Test {
 protected:
  FigureLinksTest() : tmp_(ChinaTime(2026, 10, 8)) {}
  int64_t Insert(const std::string& sql, const SqlParams& p) {
    auto id = tmp_.db().InsertReturningId(sql + " RETURNING id", p);
    EXPECT_TRUE(id.ok()) << id.status().ToString() << " " << sql;
    return id.ok() ? *id : 0;
  }
  ReportDraft Draft(ReportKind kind, const std::string& period) {
    auto d = DraftReport(tmp_.db(), tmp_.clock(), kind, *ParsePeriod(period), "清河县");
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : ReportDraft{};
  }
  TempStore tmp_;
};

TEST_F(FigureLinksTest, EveryFigureLinksToARegisteredPage) {
  std::set<std::string> routes = RegisteredRoutes();
  ASSERT_TRUE(routes.count("/reports/figure")) << "the exact-records page must be registered";
  int64_t tpl = Insert("INSERT INTO duty_checklist_templates(name, created_at, updated_at) VALUES ('表', 0, 0)", {});
  Insert(
      "INSERT INTO duty_selfchecks(template_id, year, title, status, total_max, total_score, created_at, updated_at) "
      "VALUES (?, 2026, '自查', 'draft', 100, 90, 0, 0)",
      {tpl});
  ReportDraft d = Draft(ReportKind::kSelfCheck, "2026Q3");
  ASSERT_GE(d.figures.size(), 30u);
  for (const Figure& f : d.figures) {
    EXPECT_TRUE(routes.count(RouteOf(f.link))) << f.key << " links to " << f.link << ", which no module registers";
  }
}

TEST_F(FigureLinksTest, CountedRecordsResolveToTitlesAndDetailPages) {
  std::set<std::string> routes = RegisteredRoutes();
  int64_t c = Insert(
      "INSERT INTO cases(code, title, origin, case_type, priority, state, received_at, updated_at) "
      "VALUES ('C1', '道路积水', 'manual', 'general', 'normal', 'processing', ?, 0)",
      {ChinaTime(2026, 9, 3)});
  int64_t m = Insert(
      "INSERT INTO duty_records(kind, held_at, topic, created_at, updated_at) VALUES ('meeting', ?, '三季度研判会', 0, "
      "0)",
      {ChinaTime(2026, 9, 9)});
  int64_t tpl = Insert("INSERT INTO duty_checklist_templates(name, created_at, updated_at) VALUES ('表', 0, 0)", {});
  int64_t sc = Insert(
      "INSERT INTO duty_selfchecks(template_id, year, title, status, created_at, updated_at) "
      "VALUES (?, 2026, '自查', 'draft', 0, 0)",
      {tpl});
  int64_t r = Insert(
      "INSERT INTO duty_rectifications(selfcheck_id, problem, deadline, created_at, updated_at) "
      "VALUES (?, '台账不全', 0, ?, 0)",
      {sc, ChinaTime(2026, 9, 12)});
  ReportDraft d = Draft(ReportKind::kMonthly, "2026-09");
  auto check = [&](const char* key, int64_t id, const std::string& title, const std::string& link) {
    const Figure* f = d.FindFigure(key);
    ASSERT_TRUE(f) << key;
    auto recs = ListFigureRecords(tmp_.db(), *f);
    ASSERT_TRUE(recs.ok()) << recs.status().ToString();
    ASSERT_EQ(recs->size(), 1u) << key;
    EXPECT_EQ((*recs)[0].id, id);
    EXPECT_EQ((*recs)[0].title, title);
    EXPECT_EQ((*recs)[0].link, link);
    EXPECT_TRUE(routes.count(RouteOf(link))) << link;
  };
  check("cases.opened", c, "道路积水", "#/cases/detail?id=" + std::to_string(c));
  check("duty.meetings", m, "三季度研判会", "#/duty/record?id=" + std::to_string(m));
  check("duty.rectifications", r, "台账不全", "#/duty/selfcheck/detail?id=" + std::to_string(sc));
  // A record deleted after drafting is listed as such, not dropped.
  ASSERT_TRUE(tmp_.db().Execute("DELETE FROM duty_records WHERE id = ?", {m}).ok());
  auto recs = ListFigureRecords(tmp_.db(), *d.FindFigure("duty.meetings"));
  ASSERT_TRUE(recs.ok());
  ASSERT_EQ(recs->size(), 1u);
  EXPECT_EQ((*recs)[0].title, "（记录已删除）");
}

}  // namespace
}  // namespace minyi
