// The report's figures and tables as an XLSX workbook (libxlsxwriter). The
// library writes to a file, so the workbook goes to a private temporary
// directory and is read back.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>

#include "report/report_internal.h"

namespace minyi {
namespace {

std::string SheetName(const std::string& title, size_t n) {
  // Sheet names: at most 31 characters, none of []:*?/\ ; use a number.
  return "表" + std::to_string(n);
}

}  // namespace

Result<std::string> WriteXlsx(const ReportDraft& d) {
  char tmpl[] = "/tmp/minyi-xlsx-XXXXXX";
  if (!mkdtemp(tmpl)) return IoError("无法创建临时目录");
  std::filesystem::path dir(tmpl);
  std::string file = (dir / "report.xlsx").string();
  lxw_workbook* wb = workbook_new(file.c_str());
  if (!wb) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return Internal("无法创建 XLSX 文件");
  }
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "数据项");
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 3, 3, 60, nullptr);
  const char* head[] = {"数据项", "数值", "单位", "统计记录（界面链接）", "记录编号"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 0, c, head[c], bold);
  lxw_row_t r = 1;
  for (const Figure& f : d.figures) {
    worksheet_write_string(ws, r, 0, f.label.c_str(), nullptr);
    worksheet_write_number(ws, r, 1, static_cast<double>(f.value), nullptr);
    worksheet_write_string(ws, r, 2, f.unit.c_str(), nullptr);
    worksheet_write_string(ws, r, 3, f.link.c_str(), nullptr);
    std::string ids;
    for (size_t i = 0; i < f.record_ids.size() && ids.size() < 30000; ++i) {
      ids += (i ? "," : "") + std::to_string(f.record_ids[i]);
    }
    worksheet_write_string(ws, r, 4, ids.c_str(), nullptr);
    ++r;
  }
  size_t n = 0;
  for (const Section& s : d.sections) {
    for (const ReportTable& t : s.tables) {
      lxw_worksheet* ts = workbook_add_worksheet(wb, SheetName(t.title, ++n).c_str());
      worksheet_write_string(ts, 0, 0, t.title.c_str(), bold);
      for (size_t c = 0; c < t.header.size(); ++c) {
        worksheet_write_string(ts, 1, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
      }
      for (size_t i = 0; i < t.rows.size(); ++i) {
        for (size_t c = 0; c < t.rows[i].size(); ++c) {
          worksheet_write_string(ts, static_cast<lxw_row_t>(i + 2), static_cast<lxw_col_t>(c), t.rows[i][c].c_str(),
                                 nullptr);
        }
      }
    }
  }
  lxw_error err = workbook_close(wb);
  Result<std::string> out = Internal("XLSX 文件生成失败");
  if (err == LXW_NO_ERROR) {
    LocalFileSystem fs;
    out = fs.ReadFile(file, 64u << 20);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return out;
}

}  // namespace minyi
