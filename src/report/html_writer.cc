// A self-contained HTML rendering of a report: one file, charts inlined as
// base64 PNG, and a figures appendix whose entries link to the records they
// count (relative "#/..." routes resolve inside the Minyi UI).
#include "report/report_internal.h"

namespace minyi {
namespace {

constexpr const char* kCss =
    "body{font-family:'仿宋_GB2312','FangSong','Noto Serif CJK SC',serif;font-size:16pt;line-height:1.8;"
    "max-width:760px;margin:2em auto;color:#111}"
    "h1{font-family:'方正小标宋简体','Noto Serif CJK SC',serif;font-size:22pt;text-align:center;font-weight:normal}"
    "h2{font-family:'黑体','SimHei','Noto Sans CJK SC',sans-serif;font-size:16pt;font-weight:normal;margin:.6em 0 0}"
    "h3{font-family:'楷体_GB2312','KaiTi','AR PL UKai CN',serif;font-size:16pt;font-weight:normal;margin:.4em 0 0}"
    "p{text-indent:2em;margin:0}p.sign{text-align:right;text-indent:0;padding-right:4em}"
    "figure{text-align:center;margin:1em 0}figure img{max-width:100%}figcaption{font-size:14pt}"
    "table{border-collapse:collapse;margin:.5em auto;font-size:14pt}td,th{border:1px solid #000;padding:2px 8px}"
    ".appendix{font-size:12pt;margin-top:2em;border-top:1px solid #999}.appendix td{font-size:12pt}";

std::string H(std::string_view s) { return XmlEscape(s); }

std::string Cn(size_t n) {
  static const char* kD[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  return n <= 10 ? kD[n] : std::to_string(n);
}

}  // namespace

Result<std::string> WriteHtml(const ReportDraft& d) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + H(d.title) +
                  "</title><style>" + kCss + "</style></head><body>\n<h1>" + H(d.title) + "</h1>\n";
  int chart_no = 0, table_no = 0;
  for (size_t i = 0; i < d.sections.size(); ++i) {
    const Section& s = d.sections[i];
    h += "<h2>" + Cn(i + 1) + "、" + H(s.title) + "</h2>\n";
    size_t sub = 0;
    for (const Paragraph& p : s.paragraphs) {
      if (!p.heading.empty()) h += "<h3>（" + Cn(++sub) + "）" + H(p.heading) + "</h3>\n";
      if (!p.text.empty()) h += "<p>" + H(p.text) + "</p>\n";
    }
    for (const Chart& c : s.charts) {
      MINYI_ASSIGN_OR_RETURN(std::string png, RenderChartPng(c, 840, 480));
      h += "<figure><img alt=\"" + H(c.title) + "\" src=\"data:image/png;base64," + Base64(png) + "\"><figcaption>图" +
           std::to_string(++chart_no) + "　" + H(c.title) + "</figcaption></figure>\n";
    }
    for (const ReportTable& t : s.tables) {
      h += "<table><caption>表" + std::to_string(++table_no) + "　" + H(t.title) + "</caption><tr>";
      for (const auto& c : t.header) h += "<th>" + H(c) + "</th>";
      h += "</tr>";
      for (const auto& r : t.rows) {
        h += "<tr>";
        for (const auto& c : r) h += "<td>" + H(c) + "</td>";
        h += "</tr>";
      }
      h += "</table>\n";
    }
  }
  h += "<p class=\"sign\">" + H(d.org_name) + "</p><p class=\"sign\">" + H(d.date_line) + "</p>\n";
  h += "<div class=\"appendix\"><h3>附：数据来源</h3><table><tr><th>数据项</th><th>数值</th><th>统计记录</th></tr>";
  for (const Figure& f : d.figures) {
    h += "<tr><td>" + H(f.label) + "</td><td>" + H(FigureText(f)) + "</td><td><a href=\"" + H(f.link) +
         "\">查看记录</a>";
    if (!f.record_ids.empty()) h += "（" + std::to_string(f.record_ids.size()) + " 条）";
    h += "</td></tr>";
  }
  h += "</table>";
  for (const std::string& m : d.missing_areas) h += "<p>" + H(m) + "：本期无数据。</p>";
  return h + "</div></body></html>\n";
}

}  // namespace minyi
