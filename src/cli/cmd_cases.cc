// `minyi cases import` (12345 / mailbox CSV) and `minyi cases stats` (KPIs,
// optionally written to .xlsx).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "cases/cases.h"
#include "cases/complaint_import.h"
#include "cases/stats.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "common/resources.h"

namespace minyi {
namespace {

struct CaseFlags {
  std::string data = "minyi-data";
  std::string file, channel = "hotline", period, xlsx;
};

Status Import(const CaseFlags& f, CliContext& ctx) {
  SystemClock clock;
  LocalFileSystem fs;
  MINYI_ASSIGN_OR_RETURN(std::string csv, fs.ReadFile(f.file, ComplaintCsvLimits{}.max_bytes));
  MINYI_ASSIGN_OR_RETURN(auto store, OpenStoreForCli(f.data, clock));
  MINYI_ASSIGN_OR_RETURN(WorkCalendar cal, LoadWorkCalendar(store->db(), ResourceDir()));
  CaseService svc(store->db(), clock, cal);
  CaseActor actor{{0, "命令行导入"}, Role::kAdmin, 0};
  MINYI_ASSIGN_OR_RETURN(ImportReport r, ImportComplaints(svc, store->db(), actor, csv, f.channel));
  std::printf("导入 %lld 件，重复跳过 %lld 件，出错 %zu 行\n", static_cast<long long>(r.imported),
              static_cast<long long>(r.duplicates), r.errors.size());
  for (const ImportIssue& e : r.errors) std::fprintf(stderr, "%s\n", e.message.c_str());
  if (!r.errors.empty()) ctx.exit_code = 1;
  return Status::Ok();
}

std::string Percent(double rate, int64_t denominator) {
  if (denominator == 0) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", rate * 100);
  return buf;
}

Status Stats(const CaseFlags& f) {
  SystemClock clock;
  MINYI_ASSIGN_OR_RETURN(StatsPeriod period, ParseStatsPeriod(f.period));
  MINYI_ASSIGN_OR_RETURN(auto store, OpenStoreForCli(f.data, clock));
  MINYI_ASSIGN_OR_RETURN(WorkCalendar cal, LoadWorkCalendar(store->db(), ResourceDir()));
  MINYI_ASSIGN_OR_RETURN(KpiReport r, ComputeKpis(store->db(), cal, period, clock.Now()));
  std::printf("处置工作统计（%s）\n", r.period.label.c_str());
  std::printf("部门\t受理\t办结\t办结率\t期内办结\t按时率\t平均签收(h)\t平均答复(h)\t平均办结(h)\t满意度\t当前逾期\n");
  auto row = [](const DeptKpi& k) {
    std::printf("%s\t%lld\t%lld\t%s\t%lld\t%s\t%.1f\t%.1f\t%.1f\t%s\t%lld\n", k.unit_name.c_str(),
                static_cast<long long>(k.received), static_cast<long long>(k.closed_of_received),
                Percent(k.closure_rate, k.received).c_str(), static_cast<long long>(k.closed_in_period),
                Percent(k.on_time_rate, k.closed_in_period).c_str(), k.avg_sign_hours, k.avg_reply_hours,
                k.avg_close_hours, k.evaluated ? std::to_string(k.satisfaction_avg).substr(0, 4).c_str() : "—",
                static_cast<long long>(k.overdue_open));
  };
  for (const DeptKpi& k : r.departments) row(k);
  row(r.total);
  if (!f.xlsx.empty()) {
    MINYI_ASSIGN_OR_RETURN(std::string bytes, ExportKpisXlsx(store->db(), cal, r, clock.Now()));
    LocalFileSystem fs;
    MINYI_RETURN_IF_ERROR(fs.WriteFileAtomic(f.xlsx, bytes));
    std::printf("已导出：%s\n", f.xlsx.c_str());
  }
  return Status::Ok();
}

void Report(CliContext& ctx, const Status& st) {
  if (!st.ok()) ctx.exit_code = PrintError(st);
}

}  // namespace

void RegisterCaseCommands(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<CaseFlags>();
  CLI::App* cases = app.add_subcommand("cases", "处置事项：导入群众诉求工单、统计");
  cases->require_subcommand(1);
  CLI::App* import = cases->add_subcommand("import", "导入 12345 热线或县长信箱工单（CSV，UTF-8）");
  import->add_option("--data", flags->data, "数据目录")->capture_default_str();
  import->add_option("--file", flags->file, "CSV 文件（表头含 工单编号、来电时间、诉求内容）")->required();
  import->add_option("--channel", flags->channel, "渠道：hotline（12345）或 mailbox（县长信箱）")
      ->capture_default_str();
  import->callback([&ctx, flags] { Report(ctx, Import(*flags, ctx));
});
CLI::App* stats = cases->add_subcommand("stats", "按部门统计办结率、按时率、平均用时和满意度");
stats->add_option("--data", flags->data, "数据目录")->capture_default_str();
stats->add_option("--period", flags->period, "统计期间：2026-11、2026-Q4、2026 或 2026-11-01..2026-11-15")->required();
stats->add_option("--xlsx", flags->xlsx, "同时导出为 Excel 文件");
stats->callback([&ctx, flags] { Report(ctx, Stats(*flags)); });
}  // namespace minyi

}  // namespace minyi
