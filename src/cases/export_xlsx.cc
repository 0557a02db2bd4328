// KPI export to .xlsx with libxlsxwriter. libxlsxwriter writes files only, so
// the workbook goes to a private temporary file that is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cases/cases_internal.h"
#include "cases/clocks.h"
#include "cases/stats.h"

namespace minyi {
namespace {

struct TempFile {
  std::string path;
  TempFile() {
    char tmpl[] = "/tmp/minyi-cases-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd >= 0) {
      close(fd);
      path = tmpl;
    }
  }
  ~TempFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

void WriteRate(lxw_worksheet* ws, int row, int col, double rate, int64_t denominator, lxw_format* pct) {
  if (denominator == 0) {
    worksheet_write_string(ws, row, col, "—", nullptr);
  } else {
    worksheet_write_number(ws, row, col, rate, pct);
  }
}

void WriteKpiRow(lxw_worksheet* ws, int row, const DeptKpi& k, lxw_format* pct, lxw_format* num) {
  int col = 0;
  worksheet_write_string(ws, row, col++, k.unit_name.c_str(), nullptr);
  worksheet_write_number(ws, row, col++, static_cast<double>(k.received), nullptr);
  worksheet_write_number(ws, row, col++, static_cast<double>(k.closed_of_received), nullptr);
  WriteRate(ws, row, col++, k.closure_rate, k.received, pct);
  worksheet_write_number(ws, row, col++, static_cast<double>(k.closed_in_period), nullptr);
  worksheet_write_number(ws, row, col++, static_cast<double>(k.on_time), nullptr);
  WriteRate(ws, row, col++, k.on_time_rate, k.closed_in_period, pct);
  worksheet_write_number(ws, row, col++, k.avg_sign_hours, num);
  worksheet_write_number(ws, row, col++, k.avg_reply_hours, num);
  worksheet_write_number(ws, row, col++, k.avg_close_hours, num);
  worksheet_write_number(ws, row, col++, static_cast<double>(k.evaluated), nullptr);
  if (k.evaluated == 0) {
    worksheet_write_string(ws, row, col++, "—", nullptr);
  } else {
    worksheet_write_number(ws, row, col++, k.satisfaction_avg, num);
  }
  WriteRate(ws, row, col++, k.satisfied_rate, k.evaluated, pct);
  worksheet_write_number(ws, row, col++, static_cast<double>(k.overdue_open), nullptr);
}

}  // namespace

Result<std::string> ExportKpisXlsx(Database& db, const WorkCalendar& cal, const KpiReport& report, UnixSeconds now) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT * FROM cases WHERE received_at >= ? AND received_at < ? "
                                             "ORDER BY received_at, id LIMIT 5000",
                                             {report.period.start, report.period.end}));
  MINYI_ASSIGN_OR_RETURN(Rows units, db.Query("SELECT id, name FROM units"));
  std::map<int64_t, std::string> unit_names;
  for (size_t i = 0; i < units.size(); ++i) unit_names[units.Int(i, "id")] = units.Text(i, "name");

  TempFile tmp;
  if (tmp.path.empty()) return IoError("无法创建临时文件，导出失败");
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (!wb) return Internal("无法创建 Excel 工作簿");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDDEBF7);
  format_set_border(bold, LXW_BORDER_THIN);
  lxw_format* pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0%");
  lxw_format* num = workbook_add_format(wb);
  format_set_num_format(num, "0.0");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);

  lxw_worksheet* ws = workbook_add_worksheet(wb, "部门指标");
  std::string heading = "处置工作统计（" + report.period.label + "）";
  worksheet_write_string(ws, 0, 0, heading.c_str(), title);
  std::string note = "统计时间：" + FormatLocalTime(report.computed_at) + "；用时为工作小时（已扣除暂停计时）";
  worksheet_write_string(ws, 1, 0, note.c_str(), nullptr);
  const char* headers[] = {"承办部门", "受理数",          "其中已办结",      "办结率",          "期内办结",
                           "按期办结", "按时办结率",      "平均签收用时(h)", "平均首次答复(h)", "平均办结用时(h)",
                           "评价数",   "满意度均分(1-5)", "满意率",          "当前逾期"};
  for (int i = 0; i < static_cast<int>(std::size(headers)); ++i) worksheet_write_string(ws, 3, i, headers[i], bold);
  worksheet_set_column(ws, 0, 0, 16, nullptr);
  worksheet_set_column(ws, 1, 13, 13, nullptr);
  int row = 4;
  for (const DeptKpi& k : report.departments) WriteKpiRow(ws, row++, k, pct, num);
  WriteKpiRow(ws, row, report.total, pct, num);

  lxw_worksheet* list = workbook_add_worksheet(wb, "事项清单");
  const char* list_headers[] = {"编号",     "标题",     "来源",     "状态",    "承办部门",
                                "受理时间", "办结时间", "办结时限", "是否超期"};
  for (int i = 0; i < static_cast<int>(std::size(list_headers)); ++i) {
    worksheet_write_string(list, 0, i, list_headers[i], bold);
  }
  worksheet_set_column(list, 0, 0, 14, nullptr);
  worksheet_set_column(list, 1, 1, 40, nullptr);
  worksheet_set_column(list, 2, 8, 16, nullptr);
  Status failure;
  for (size_t i = 0; i < rows.size(); ++i) {
    CaseRecord c = CaseFromRow(rows, i);
    auto events = LoadCaseEvents(db, c.id);
    auto rule = FindSlaRule(db, c.case_type, c.priority);
    if (!events.ok() || !rule.ok()) {
      failure = events.ok() ? rule.status() : events.status();
      break;
    }
    CaseClocks clocks = ComputeClocks(c, *events, *rule, cal, now);
    int r = static_cast<int>(i) + 1;
    std::string cells[] = {c.code,
                           c.title,
                           std::string(CaseOriginLabel(c.origin)),
                           std::string(CaseStateLabel(c.state)),
                           c.lead_unit_id ? unit_names[c.lead_unit_id] : "未分派",
                           FormatLocalTime(c.received_at),
                           clocks.close.done() ? FormatLocalTime(clocks.close.end) : "",
                           FormatLocalTime(clocks.close.deadline),
                           clocks.close.overdue ? "超期" : "否"};
    for (int col = 0; col < static_cast<int>(std::size(cells)); ++col) {
      worksheet_write_string(list, r, col, cells[col].c_str(), nullptr);
    }
  }
  lxw_error err = workbook_close(wb);
  if (!failure.ok()) return failure;
  if (err != LXW_NO_ERROR) return Internal(std::string("生成 Excel 文件失败：") + lxw_strerror(err));
  std::ifstream in(tmp.path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) return IoError("读取导出的 Excel 文件失败");
  return ss.str();
}

}  // namespace minyi
