// `minyi report --data DIR --kind KIND --period P --format FMT --out FILE`:
// drafts a report from the records in a data directory and writes it as
// DOCX (GB/T 9704 layout), PDF (via LibreOffice), HTML or XLSX.
//
// Exit codes: 0 written; 2 bad kind/period/format or unusable data
// directory; 1 anything else (e.g. LibreOffice missing for PDF).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "report/report.h"
#include "store/org.h"

namespace minyi {
namespace {

struct ReportArgs {
  std::string data;
  std::string kind = "monthly";
  std::string period;
  std::string format = "docx";
  std::string out;
  std::string org;
};

Result<std::string> Render(const ReportDraft& draft, const std::string& format) {
  if (format == "html") return WriteHtml(draft);
  if (format == "xlsx") return WriteXlsx(draft);
  if (format == "pdf") return WritePdf(draft);
  return WriteDocx(draft);
}

void RunReport(const ReportArgs& a, CliContext& ctx) {
  auto kind = ParseReportKind(a.kind);
  if (!kind.ok()) {
    ctx.exit_code = PrintError(kind.status());
    return;
  }
  auto period = ParsePeriod(a.period);
  if (!period.ok()) {
    ctx.exit_code = PrintError(period.status());
    return;
  }
  SystemClock clock;
  auto store = OpenStoreForCli(a.data, clock);
  if (!store.ok()) {
    PrintError(store.status().WithContext(a.data));
    ctx.exit_code = 2;
    return;
  }
  std::string org = a.org;
  if (org.empty()) {
    auto o = OrgRepo((*store)->db(), clock).GetOrganization();
    if (o.ok()) org = o->name;
  }
  auto draft = DraftReport((*store)->db(), clock, *kind, *period, org);
  if (!draft.ok()) {
    ctx.exit_code = PrintError(draft.status());
    return;
  }
  auto bytes = Render(*draft, a.format);
  if (!bytes.ok()) {
    PrintError(bytes.status());
    ctx.exit_code = 1;
    return;
  }
  LocalFileSystem fs;
  Status st = fs.WriteFileAtomic(a.out, *bytes);
  if (!st.ok()) {
    PrintError(st.WithContext(a.out));
    ctx.exit_code = 1;
    return;
  }
  std::cout << "已生成《" << draft->title << "》：" << a.out << "（" << bytes->size() << " 字节）\n";
  for (const std::string& m : draft->missing_areas) std::cout << "提示：" << m << "，报告中未含该部分数据\n";
  ctx.exit_code = 0;
}

}  // namespace

void RegisterReportCommands(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "根据系统记录起草报告（公文格式 DOCX、PDF、HTML 或 XLSX）");
  cmd->add_option("--data", args->data, "数据目录")->required();
  cmd->add_option("--kind", args->kind, "报告类型：briefing、monthly、quarterly、half-year、annual、self-check");
  cmd->add_option("--period", args->period, "报告期：2026-09、2026Q3、2026H1、2026 或 2026-09-01..2026-09-30")
      ->required();
  cmd->add_option("--format", args->format, "输出格式：docx、pdf、html、xlsx")
      ->check(CLI::IsMember({"docx", "pdf", "html", "xlsx"}));
  cmd->add_option("--out", args->out, "输出文件")->required();
  cmd->add_option("--org", args->org, "单位名称（默认取系统中的单位信息）");
  cmd->callback([args, &ctx] { RunReport(*args, ctx); });
}

}  // namespace minyi
