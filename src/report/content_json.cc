// The stored/edited form of a report draft. nlohmann::json stays inside this
// file; parsing checks size and nesting depth before the parser runs, and
// every field is type-checked so a hostile body gets a Chinese error.
#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace minyi {
namespace {

using Json = nlohmann::json;

constexpr int kMaxDepth = 16;
constexpr size_t kMaxItems = 5000;

bool DepthOk(std::string_view s) {
  int depth = 0;
  bool in_str = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_str) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_str = false;
      continue;
    }
    if (c == '"')
      in_str = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

const char* ChartTypeName(ChartType t) { return t == ChartType::kLine ? "line" : t == ChartType::kPie ? "pie" : "bar"; }

Json TableJson(const ReportTable& t) { return Json{{"title", t.title}, {"header", t.header}, {"rows", t.rows}}; }

Json ChartJson(const Chart& c) {
  return Json{{"title", c.title}, {"type", ChartTypeName(c.type)}, {"labels", c.labels}, {"values", c.values}};
}

Status Bad(const std::string& what) { return InvalidArgument("报告内容格式不正确：" + what); }

Result<std::string> Str(const Json& o, const char* key, size_t max = 20000) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Bad(std::string(key) + " 应为文本");
  std::string s = it->get<std::string>();
  if (s.size() > max) return Bad(std::string(key) + " 过长");
  return s;
}

Result<std::vector<std::string>> StrList(const Json& o, const char* key) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end()) return out;
  if (!it->is_array() || it->size() > kMaxItems) return Bad(std::string(key) + " 应为文本数组");
  for (const Json& v : *it) {
    if (!v.is_string()) return Bad(std::string(key) + " 应为文本数组");
    out.push_back(v.get<std::string>());
  }
  return out;
}

const Json& Arr(const Json& o, const char* key) {
  static const Json kEmpty = Json::array();
  auto it = o.find(key);
  return it != o.end() && it->is_array() && it->size() <= kMaxItems ? *it : kEmpty;
}

Result<Section> SectionFrom(const Json& j) {
  if (!j.is_object()) return Bad("章节应为对象");
  Section s;
  MINYI_ASSIGN_OR_RETURN(s.title, Str(j, "title", 200));
  for (const Json& p : Arr(j, "paragraphs")) {
    if (!p.is_object()) return Bad("段落应为对象");
    Paragraph para;
    MINYI_ASSIGN_OR_RETURN(para.heading, Str(p, "heading", 200));
    MINYI_ASSIGN_OR_RETURN(para.text, Str(p, "text"));
    s.paragraphs.push_back(std::move(para));
  }
  for (const Json& c : Arr(j, "charts")) {
    if (!c.is_object()) return Bad("图表应为对象");
    Chart chart;
    MINYI_ASSIGN_OR_RETURN(chart.title, Str(c, "title", 200));
    MINYI_ASSIGN_OR_RETURN(std::string type, Str(c, "type", 10));
    chart.type = type == "line" ? ChartType::kLine : type == "pie" ? ChartType::kPie : ChartType::kBar;
    MINYI_ASSIGN_OR_RETURN(chart.labels, StrList(c, "labels"));
    for (const Json& v : Arr(c, "values")) {
      if (!v.is_number()) return Bad("图表数值应为数字");
      chart.values.push_back(v.get<double>());
    }
    if (chart.values.size() != chart.labels.size()) return Bad("图表的标签与数值个数不一致");
    s.charts.push_back(std::move(chart));
  }
  for (const Json& t : Arr(j, "tables")) {
    if (!t.is_object()) return Bad("表格应为对象");
    ReportTable table;
    MINYI_ASSIGN_OR_RETURN(table.title, Str(t, "title", 200));
    MINYI_ASSIGN_OR_RETURN(table.header, StrList(t, "header"));
    for (const Json& r : Arr(t, "rows")) {
      if (!r.is_array()) return Bad("表格行应为数组");
      std::vector<std::string> row;
      for (const Json& cell : r) {
        if (!cell.is_string()) return Bad("表格单元格应为文本");
        row.push_back(cell.get<std::string>());
      }
      table.rows.push_back(std::move(row));
    }
    s.tables.push_back(std::move(table));
  }
  return s;
}

Result<Figure> FigureFrom(const Json& j) {
  if (!j.is_object()) return Bad("数据项应为对象");
  Figure f;
  MINYI_ASSIGN_OR_RETURN(f.key, Str(j, "key", 100));
  MINYI_ASSIGN_OR_RETURN(f.label, Str(j, "label", 200));
  MINYI_ASSIGN_OR_RETURN(f.unit, Str(j, "unit", 20));
  MINYI_ASSIGN_OR_RETURN(f.entity, Str(j, "entity", 100));
  MINYI_ASSIGN_OR_RETURN(f.link, Str(j, "link", 1000));
  auto v = j.find("value");
  if (v == j.end() || !v->is_number_integer()) return Bad("数据项“" + f.label + "”缺少整数 value");
  f.value = v->get<int64_t>();
  for (const Json& id : Arr(j, "record_ids")) {
    if (!id.is_number_integer()) return Bad("record_ids 应为整数数组");
    f.record_ids.push_back(id.get<int64_t>());
  }
  return f;
}

}  // namespace

std::string ReportDraftToJson(const ReportDraft& d) {
  Json sections = Json::array();
  for (const Section& s : d.sections) {
    Json paras = Json::array(), charts = Json::array(), tables = Json::array();
    for (const Paragraph& p : s.paragraphs) paras.push_back({{"heading", p.heading}, {"text", p.text}});
    for (const Chart& c : s.charts) charts.push_back(ChartJson(c));
    for (const ReportTable& t : s.tables) tables.push_back(TableJson(t));
    sections.push_back({{"title", s.title}, {"paragraphs", paras}, {"charts", charts}, {"tables", tables}});
  }
  Json figures = Json::array();
  for (const Figure& f : d.figures) {
    figures.push_back({{"key", f.key},
                       {"label", f.label},
                       {"value", f.value},
                       {"unit", f.unit},
                       {"entity", f.entity},
                       {"link", f.link},
                       {"record_ids", f.record_ids}});
  }
  Json j{{"kind", std::string(ReportKindName(d.kind))},
         {"period", d.period.text},
         {"period_label", d.period.label},
         {"org_name", d.org_name},
         {"title", d.title},
         {"date_line", d.date_line},
         {"generated_at", d.generated_at},
         {"sections", sections},
         {"figures", figures},
         {"missing_areas", d.missing_areas}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<ReportDraft> ReportDraftFromJson(std::string_view text) {
  if (text.size() > kMaxContentBytes) return ResourceExhausted("报告内容过大（上限 4 MB）");
  if (!DepthOk(text)) return ResourceExhausted("报告内容嵌套层数过多");
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Bad("不是有效的 JSON 对象");
  ReportDraft d;
  try {
    MINYI_ASSIGN_OR_RETURN(std::string kind, Str(j, "kind", 20));
    MINYI_ASSIGN_OR_RETURN(d.kind, ParseReportKind(kind));
    MINYI_ASSIGN_OR_RETURN(std::string period, Str(j, "period", 64));
    MINYI_ASSIGN_OR_RETURN(d.period, ParsePeriod(period));
    MINYI_ASSIGN_OR_RETURN(d.org_name, Str(j, "org_name", 200));
    MINYI_ASSIGN_OR_RETURN(d.title, Str(j, "title", 500));
    MINYI_ASSIGN_OR_RETURN(d.date_line, Str(j, "date_line", 100));
    if (auto g = j.find("generated_at"); g != j.end() && g->is_number_integer()) d.generated_at = g->get<int64_t>();
    for (const Json& s : Arr(j, "sections")) {
      MINYI_ASSIGN_OR_RETURN(Section sec, SectionFrom(s));
      d.sections.push_back(std::move(sec));
    }
    for (const Json& f : Arr(j, "figures")) {
      MINYI_ASSIGN_OR_RETURN(Figure fig, FigureFrom(f));
      d.figures.push_back(std::move(fig));
    }
    MINYI_ASSIGN_OR_RETURN(d.missing_areas, StrList(j, "missing_areas"));
  } catch (const std::exception&) {
    return Bad("字段类型不正确");
  }
  return d;
}

}  // namespace minyi
