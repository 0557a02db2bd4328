// Review-desk subcommands: `minyi extract FILE` prints a document's plain
// text; `minyi check FILE... [--format text|json|sarif]` runs every check.
//
// Exit codes: 0 no error-level finding; 1 some error-level finding; 2 a file
// could not be read (that takes precedence). --format json prints one JSON
// array with an object per file, in argument order:
//   [{"file": "a.docx", "findings": [...]}, {"file": "b.txt", "error": {...}}]
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "common/env.h"
#include "review/checks.h"
#include "review/document.h"
#include "review/findings_json.h"

namespace minyi {
namespace {

struct CheckArgs {
  std::vector<std::string> files;
  std::string format = "text";
  std::string input_format = "auto";
  std::string data_dir;
  std::vector<std::string> lexicons;
  std::vector<std::string> whitelist;
};

void RunExtract(const std::string& file, const std::string& input_format, CliContext& ctx) {
  auto fmt = ParseDocumentFormat(input_format);
  if (!fmt.ok()) {
    ctx.exit_code = PrintError(fmt.status());
    return;
  }
  LocalFileSystem fs;
  auto doc = ReadDocumentFile(fs, file, *fmt);
  if (!doc.ok()) {
    PrintError(doc.status().WithContext(file));
    ctx.exit_code = 2;
    return;
  }
  std::cout << doc->text;
  if (!doc->text.empty() && doc->text.back() != '\n') std::cout << "\n";
  ctx.exit_code = 0;
}

void RunCheck(const CheckArgs& args, CliContext& ctx) {
  auto fmt = ParseDocumentFormat(args.input_format);
  if (!fmt.ok()) {
    ctx.exit_code = PrintError(fmt.status());
    return;
  }
  CheckerOptions options;
  options.data_dir = args.data_dir;
  auto checker = Checker::Create(options);
  if (!checker.ok()) {
    ctx.exit_code = PrintError(checker.status());
    return;
  }
  LocalFileSystem fs;
  for (const std::string& path : args.lexicons) {
    auto tsv = fs.ReadFile(path, 16u << 20);
    Status st = tsv.ok() ? checker->AddTermsTsv(*tsv, path) : tsv.status();
    if (!st.ok()) {
      PrintError(st);
      ctx.exit_code = 2;
      return;
    }
  }
  for (const std::string& w : args.whitelist) checker->AddWhitelist(w);

  std::vector<FileFindings> results;
  bool unreadable = false;
  bool has_error = false;
  for (const std::string& file : args.files) {
    FileFindings ff;
    ff.file = file;
    auto doc = ReadDocumentFile(fs, file, *fmt);
    if (!doc.ok()) {
      ff.status = doc.status();
      unreadable = true;
    } else {
      ff.findings = checker->Check(doc->text);
      for (const Finding& f : ff.findings) has_error = has_error || f.severity == Severity::kError;
    }
    results.push_back(std::move(ff));
  }

  if (args.format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (const FileFindings& ff : results) arr.push_back(FileFindingsToJson(ff));
    std::cout << arr.dump(2) << "\n";
  } else if (args.format == "sarif") {
    std::cout << ToSarif(results, checker->Rules()).dump(2) << "\n";
  } else {
    for (const FileFindings& ff : results) {
      if (!ff.status.ok()) {
        std::cerr << "错误：" << ff.file << "：" << ff.status.message() << "\n";
        continue;
      }
      for (const Finding& f : ff.findings) {
        std::cout << ff.file << ":" << f.line << ":" << f.column << ": " << SeverityLabel(f.severity) << " [" << f.rule
                  << "] “" << f.text << "” " << f.message;
        if (!f.suggestion.empty()) std::cout << " → " << f.suggestion;
        std::cout << "\n";
      }
      size_t errors = 0;
      for (const Finding& f : ff.findings) errors += f.severity == Severity::kError;
      std::cout << ff.file << "：共 " << ff.findings.size() << " 处问题，其中错误 " << errors << " 处\n";
    }
  }
  ctx.exit_code = unreadable ? 2 : (has_error ? 1 : 0);
}

}  // namespace

void RegisterReviewCommands(CLI::App& app, CliContext& ctx) {
  auto extract_file = std::make_shared<std::string>();
  auto extract_format = std::make_shared<std::string>("auto");
  CLI::App* extract = app.add_subcommand("extract", "提取文档（txt、md、html、docx）的纯文本");
  extract->add_option("FILE", *extract_file, "文档路径")->required();
  extract->add_option("--input-format", *extract_format, "输入格式：auto、txt、md、html、docx");
  extract->callback([extract_file, extract_format, &ctx] { RunExtract(*extract_file, *extract_format, ctx); });

  auto args = std::make_shared<CheckArgs>();
  CLI::App* check = app.add_subcommand("check", "审校检查：个人信息、涉密标识、规范表述、禁用词、错别字、标点");
  check->add_option("FILE", args->files, "要检查的文档")->required();
  check->add_option("--format", args->format, "输出格式：text、json（每个文件一个对象组成的数组）、sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  check->add_option("--input-format", args->input_format, "输入格式：auto、txt、md、html、docx");
  check->add_option("--data", args->data_dir, "审校词库目录（默认为资源目录下 data/review）");
  check->add_option("--lexicon", args->lexicons, "追加的单位词库（TSV，格式见 data/review/README.md）");
  check->add_option("--whitelist", args->whitelist, "白名单短语：覆盖该短语的问题不再报告");
  check->callback([args, &ctx] { RunCheck(*args, ctx); });
}

}  // namespace minyi
