// CSV and JSON Lines import into RawItems.
#include "monitor/import.h"

#include <nlohmann/json.hpp>

#include "monitor/feed.h"
#include "monitor/fetch.h"
#include "monitor/html_text.h"

namespace minyi {
namespace {

using monitor_internal::CollapseWhitespace;
using monitor_internal::LowerAscii;
using monitor_internal::TruncateUtf8;

enum class Field { kNone, kDrop, kTitle, kText, kUrl, kPublished, kOutlet, kKind, kExternalId, kSite };

Field MapColumn(std::string_view raw_name) {
  std::string name = LowerAscii(CollapseWhitespace(raw_name));
  std::erase(name, '"');
  auto in = [&](std::initializer_list<std::string_view> names) {
    for (std::string_view n : names) {
      if (name == n) return true;
    }
    return false;
  };
  // Person-like columns first: they are never stored.
  if (in({"author",  "authors",   "user",        "username", "user_name", "nickname", "screen_name", "uid",
          "user_id", "author_id", "author_name", "name",     "creator",   "poster",   "phone",       "mobile",
          "tel",     "email",     "id_card",     "contact",  "作者",      "发帖人",   "发布人",      "发布者",
          "用户",    "用户名",    "用户id",      "昵称",     "姓名",      "联系人",   "联系电话",    "电话",
          "手机",    "手机号",    "邮箱",        "来信人",   "反映人",    "投诉人",   "诉求人",      "来电人",
          "身份证",  "身份证号",  "地址",        "住址",     "博主",      "账号"})) {
    return Field::kDrop;
  }
  if (in({"title", "subject", "headline", "标题", "主题", "事项", "诉求标题", "来信标题"})) return Field::kTitle;
  if (in({"text", "content", "body", "description", "summary", "内容", "正文", "摘要", "诉求内容", "来信内容",
          "来电内容", "反映内容", "问题描述", "描述"})) {
    return Field::kText;
  }
  if (in({"url", "link", "href", "链接", "网址", "原文链接", "地址链接"})) return Field::kUrl;
  if (in({"published_at", "published", "pubdate", "pub_date", "date", "time", "datetime", "created_at", "created",
          "发布时间", "时间", "日期", "来信时间", "来电时间", "受理时间", "发帖时间", "创建时间"})) {
    return Field::kPublished;
  }
  if (in({"outlet", "source", "media", "channel", "site_name", "来源", "媒体", "渠道", "来源渠道", "网站", "平台"})) {
    return Field::kOutlet;
  }
  if (in({"kind", "type", "category", "类型", "类别"})) return Field::kKind;
  if (in({"id", "external_id", "guid", "uuid", "编号", "工单号", "工单编号", "受理编号", "序号"})) {
    return Field::kExternalId;
  }
  if (in({"site", "host", "domain", "域名", "站点"})) return Field::kSite;
  return Field::kNone;
}

void AddError(ImportParse* out, const ImportLimits& limits, int64_t line, std::string message) {
  ++out->error_count;
  if (out->errors.size() < limits.max_errors) out->errors.push_back({line, std::move(message)});
}

bool IsKnownKind(const std::string& k) {
  return k == "news" || k == "forum" || k == "post" || k == "complaint" || k == "video" || k == "other";
}

// Fills one item field; returns a problem for the line ("" when fine).
std::string Assign(Field f, std::string value, RawItem* item, const ImportLimits& limits) {
  if (value.size() > limits.max_field_bytes) return "字段超过 " + std::to_string(limits.max_field_bytes >> 10) + " KB";
  switch (f) {
    case Field::kTitle:
      item->title = TruncateUtf8(CollapseWhitespace(value), 1000);
      break;
    case Field::kText:
      item->text = CollapseWhitespace(value);
      break;
    case Field::kUrl:
      item->url = CollapseWhitespace(value);
      break;
    case Field::kOutlet:
      item->outlet = TruncateUtf8(CollapseWhitespace(value), 200);
      break;
    case Field::kSite:
      item->site = TruncateUtf8(CollapseWhitespace(value), 200);
      break;
    case Field::kExternalId:
      item->external_id = TruncateUtf8(CollapseWhitespace(value), 300);
      break;
    case Field::kKind: {
      std::string k = LowerAscii(CollapseWhitespace(value));
      if (k == "新闻") k = "news";
      if (k == "论坛" || k == "帖子") k = "forum";
      if (k == "投诉" || k == "来信" || k == "诉求" || k == "工单") k = "complaint";
      if (k == "视频") k = "video";
      if (!k.empty() && !IsKnownKind(k)) k = "other";
      item->kind = k;
      break;
    }
    case Field::kPublished: {
      std::string v = CollapseWhitespace(value);
      if (v.empty()) break;
      bool digits = v.find_first_not_of("0123456789") == std::string::npos;
      if (digits && v.size() >= 9 && v.size() <= 13) {
        int64_t n = std::stoll(v);
        item->published_at = v.size() == 13 ? n / 1000 : n;  // milliseconds from JavaScript tools
        break;
      }
      auto t = ParseDateTime(v);
      if (!t.ok()) return "发布时间无法识别（" + TruncateUtf8(v, 40) + "）";
      item->published_at = *t;
      break;
    }
    case Field::kNone:
    case Field::kDrop:
      break;
  }
  return "";
}

// Checks a finished item; "" when it may be imported.
std::string Finish(RawItem* item) {
  if (item->title.empty() && item->text.empty()) return "缺少标题和内容";
  if (!item->url.empty()) {
    auto parts = ParseHttpUrl(item->url);
    if (!parts.ok()) return "链接无效（" + TruncateUtf8(item->url, 60) + "）";
    if (item->site.empty()) item->site = parts->host;
  }
  if (item->title.empty()) item->title = TruncateUtf8(item->text, 60);
  return "";
}

// Converts the upload to UTF-8 and names the encoding it was read as.
Result<std::string> ToUtf8(std::string_view data, std::string* encoding) {
  using namespace std::string_view_literals;
  if (data.substr(0, 3) == "\xEF\xBB\xBF"sv) data.remove_prefix(3);
  if (data.substr(0, 2) == "\xFF\xFE"sv) {
    *encoding = "utf-16le";
    return ConvertToUtf8(data.substr(2), "UTF-16LE");
  }
  if (data.substr(0, 2) == "\xFE\xFF"sv) {
    *encoding = "utf-16be";
    return ConvertToUtf8(data.substr(2), "UTF-16BE");
  }
  if (IsValidUtf8(data)) {
    *encoding = "utf-8";
    return std::string(data);
  }
  *encoding = "gb18030";
  return ConvertToUtf8(data, "GB18030");
}

struct CsvRecord {
  int64_t line = 0;
  std::vector<std::string> fields;
  bool unterminated = false;
};

// RFC 4180 reader: quoted fields may hold separators, quotes ("") and line
// breaks; a stray quote inside an unquoted field is kept as text.
class CsvReader {
 public:
  CsvReader(std::string_view text, char sep, size_t max_field) : text_(text), sep_(sep), max_field_(max_field) {}

  bool Next(CsvRecord* rec) {
    if (pos_ >= text_.size()) return false;
    rec->fields.clear();
    rec->unterminated = false;
    rec->line = line_;
    std::string field;
    bool quoted = false, was_quoted = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field.push_back('"');
            ++pos_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          if (field.size() <= max_field_) field.push_back(c);
        }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == sep_) {
        rec->fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        rec->fields.push_back(std::move(field));
        return true;
      } else if (field.size() <= max_field_) {
        field.push_back(c);
      }
    }
    rec->unterminated = quoted;
    rec->fields.push_back(std::move(field));
    return true;
  }

 private:
  std::string_view text_;
  char sep_;
  size_t max_field_;
  size_t pos_ = 0;
  int64_t line_ = 1;
};

bool BlankRecord(const CsvRecord& r) {
  for (const std::string& f : r.fields) {
    if (f.find_first_not_of(" \t") != std::string::npos) return false;
  }
  return true;
}

Status CheckSize(std::string_view data, const ImportLimits& limits) {
  if (data.size() > limits.max_bytes) {
    return ResourceExhausted("导入文件超过 " + std::to_string(limits.max_bytes >> 20) + " MB，请拆分后再导入");
  }
  if (data.empty()) return InvalidArgument("导入文件是空的");
  return Status::Ok();
}

}  // namespace

Result<ImportParse> ParseCsvImport(std::string_view data, const ImportLimits& limits) {
  MINYI_RETURN_IF_ERROR(CheckSize(data, limits));
  ImportParse out;
  MINYI_ASSIGN_OR_RETURN(std::string text, ToUtf8(data, &out.encoding));
  std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  size_t commas = std::count(first_line.begin(), first_line.end(), ',');
  size_t tabs = std::count(first_line.begin(), first_line.end(), '\t');
  size_t semis = std::count(first_line.begin(), first_line.end(), ';');
  char sep = tabs > commas && tabs >= semis ? '\t' : semis > commas ? ';' : ',';
  CsvReader reader(text, sep, limits.max_field_bytes);
  CsvRecord rec;
  if (!reader.Next(&rec) || BlankRecord(rec)) return InvalidArgument("CSV 文件第 1 行应为表头（标题、内容、链接……）");
  std::vector<Field> columns;
  bool has_content = false;
  for (const std::string& name : rec.fields) {
    Field f = MapColumn(name);
    columns.push_back(f);
    if (f == Field::kDrop) out.dropped_columns.push_back(TruncateUtf8(name, 60));
    if (f == Field::kNone && !name.empty()) out.ignored_columns.push_back(TruncateUtf8(name, 60));
    has_content = has_content || f == Field::kTitle || f == Field::kText;
  }
  if (!has_content) {
    return InvalidArgument(
        "CSV 表头中没有“标题”或“内容”列（可用列名：标题/title、内容/text、链接/url、发布时间/"
        "published_at、来源/outlet、类型/kind、编号/id）");
  }
  while (reader.Next(&rec)) {
    if (BlankRecord(rec)) continue;
    if (static_cast<size_t>(out.records) >= limits.max_rows) {
      AddError(&out, limits, rec.line, "超过 " + std::to_string(limits.max_rows) + " 行上限，其余未导入");
      break;
    }
    ++out.records;
    if (rec.unterminated) {
      AddError(&out, limits, rec.line, "引号未闭合，此行至文件末尾未导入");
      break;
    }
    if (rec.fields.size() > columns.size()) {
      AddError(&out, limits, rec.line,
               "列数（" + std::to_string(rec.fields.size()) + "）多于表头（" + std::to_string(columns.size()) + "）");
      continue;
    }
    RawItem item;
    std::string problem;
    for (size_t i = 0; i < rec.fields.size() && problem.empty(); ++i) {
      problem = Assign(columns[i], std::move(rec.fields[i]), &item, limits);
    }
    if (problem.empty()) problem = Finish(&item);
    if (!problem.empty()) {
      AddError(&out, limits, rec.line, problem);
      continue;
    }
    out.items.push_back(std::move(item));
    out.item_lines.push_back(rec.line);
  }
  return out;
}

Result<ImportParse> ParseJsonLinesImport(std::string_view data, const ImportLimits& limits) {
  MINYI_RETURN_IF_ERROR(CheckSize(data, limits));
  ImportParse out;
  MINYI_ASSIGN_OR_RETURN(std::string text, ToUtf8(data, &out.encoding));
  std::vector<std::string> seen_dropped;
  size_t pos = 0;
  int64_t line = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view raw = std::string_view(text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    ++line;
    std::string body = CollapseWhitespace(raw);
    if (body.empty()) continue;
    if (static_cast<size_t>(out.records) >= limits.max_rows) {
      AddError(&out, limits, line, "超过 " + std::to_string(limits.max_rows) + " 行上限，其余未导入");
      break;
    }
    ++out.records;
    int depth = 0, deepest = 0;
    for (char c : raw) {
      if (c == '{' || c == '[') deepest = std::max(deepest, ++depth);
      if (c == '}' || c == ']') --depth;
    }
    if (deepest > 16) {
      AddError(&out, limits, line, "JSON 嵌套过深");
      continue;
    }
    nlohmann::json obj = nlohmann::json::parse(raw, nullptr, false);
    if (obj.is_discarded() || !obj.is_object()) {
      AddError(&out, limits, line, "不是有效的 JSON 对象");
      continue;
    }
    RawItem item;
    std::string problem;
    for (auto it = obj.begin(); it != obj.end() && problem.empty(); ++it) {
      Field f = MapColumn(it.key());
      if (f == Field::kDrop) {
        if (std::find(seen_dropped.begin(), seen_dropped.end(), it.key()) == seen_dropped.end() &&
            seen_dropped.size() < 50) {
          seen_dropped.push_back(it.key());
        }
        continue;
      }
      if (f == Field::kNone) continue;
      std::string value;
      if (it->is_string()) {
        value = it->get<std::string>();
      } else if (it->is_number_integer() || it->is_number_unsigned()) {
        value = it->dump();
      } else if (it->is_null()) {
        continue;
      } else {
        problem = "字段“" + TruncateUtf8(it.key(), 40) + "”应为文字";
        break;
      }
      problem = Assign(f, std::move(value), &item, limits);
    }
    if (problem.empty()) problem = Finish(&item);
    if (!problem.empty()) {
      AddError(&out, limits, line, problem);
      continue;
    }
    out.items.push_back(std::move(item));
    out.item_lines.push_back(line);
  }
  for (std::string& d : seen_dropped) out.dropped_columns.push_back(TruncateUtf8(d, 60));
  if (out.records == 0) return InvalidArgument("导入文件中没有数据行");
  return out;
}

}  // namespace minyi
