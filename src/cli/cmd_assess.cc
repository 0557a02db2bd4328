// `minyi assess print --data DIR --id N --out FILE.docx` and
// `minyi briefing print --data DIR --id N --out FILE.docx` (研判与报送):
// print an assessment with its evidence appendix, or a briefing, as DOCX in
// the official layout — for offices that archive paper copies.
//
// Exit codes: 0 written; 2 unusable data directory or unknown id; 1
// anything else.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "assess/assess.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "store/org.h"

namespace minyi {
namespace {

struct PrintArgs {
  std::string data;
  int64_t id = 0;
  std::string out;
};

Result<ReportDraft> AssessmentDraft(Database& db, const Clock& clock, int64_t id, const std::string& org) {
  AssessService svc(db, clock);
  MINYI_ASSIGN_OR_RETURN(Assessment a, svc.Get(id));
  Evidence e;
  MINYI_ASSIGN_OR_RETURN(LevelProposal p, svc.Propose(id, &e));
  MINYI_ASSIGN_OR_RETURN(std::vector<AssessItem> items, svc.ListItems(false));
  return AssessmentDocument(a, items, p, e, org);
}

Result<ReportDraft> BriefingDraft(Database& db, const Clock& clock, int64_t id, const std::string& org) {
  MINYI_ASSIGN_OR_RETURN(Briefing b, BriefingService(db, clock).Get(id));
  return BriefingDocument(b, org);
}

using DraftFn = Result<ReportDraft> (*)(Database&, const Clock&, int64_t, const std::string&);

void RunPrint(const PrintArgs& a, DraftFn draft_fn, CliContext& ctx) {
  SystemClock clock;
  auto store = OpenStoreForCli(a.data, clock);
  if (!store.ok()) {
    PrintError(store.status().WithContext(a.data));
    ctx.exit_code = 2;
    return;
  }
  auto org = OrgRepo((*store)->db(), clock).GetOrganization();
  auto draft = draft_fn((*store)->db(), clock, a.id, org.ok() ? org->name : "");
  if (!draft.ok()) {
    PrintError(draft.status());
    ctx.exit_code = draft.status().code() == ErrorCode::kNotFound ? 2 : 1;
    return;
  }
  auto bytes = WriteDocx(*draft);
  LocalFileSystem fs;
  Status st = bytes.ok() ? fs.WriteFileAtomic(a.out, *bytes) : bytes.status();
  if (!st.ok()) {
    PrintError(st.WithContext(a.out));
    ctx.exit_code = 1;
    return;
  }
  std::cout << "已生成《" << draft->title << "》：" << a.out << "（" << bytes->size() << " 字节）\n";
  ctx.exit_code = 0;
}

void AddPrint(CLI::App& parent, const char* about, DraftFn fn, CliContext& ctx) {
  auto args = std::make_shared<PrintArgs>();
  CLI::App* cmd = parent.add_subcommand("print", about);
  cmd->add_option("--data", args->data, "数据目录")->required();
  cmd->add_option("--id", args->id, "编号")->required();
  cmd->add_option("--out", args->out, "输出文件（.docx）")->required();
  cmd->callback([args, fn, &ctx] { RunPrint(*args, fn, ctx); });
}

}  // namespace

void RegisterAssessCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* assess = app.add_subcommand("assess", "重大决策舆情风险评估");
  assess->require_subcommand(1);
  AddPrint(*assess, "打印风险评估报告（含证据附件，DOCX）", AssessmentDraft, ctx);
  CLI::App* briefing = app.add_subcommand("briefing", "舆情信息报送");
  briefing->require_subcommand(1);
  AddPrint(*briefing, "打印报送文稿（DOCX）", BriefingDraft, ctx);
}

}  // namespace minyi
