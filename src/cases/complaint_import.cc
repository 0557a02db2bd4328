#include "cases/complaint_import.h"

#include <map>

#include "common/strings.h"

namespace minyi {
namespace {

struct Record {
  int64_t line = 0;
  std::vector<std::string> fields;
};

// Splits RFC 4180 text into records with the line each starts on.
Result<std::vector<Record>> SplitCsv(std::string_view text, const ComplaintCsvLimits& limits) {
  std::vector<Record> out;
  Record rec;
  std::string field;
  bool quoted = false, field_started = false;
  int64_t line = 1;
  rec.line = 1;
  auto end_field = [&]() -> Status {
    if (rec.fields.size() >= limits.max_columns) {
      return ResourceExhausted("第 " + std::to_string(rec.line) + " 行列数过多（上限 " +
                               std::to_string(limits.max_columns) + " 列）");
    }
    rec.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
    return Status::Ok();
  };
  auto end_record = [&]() -> Status {
    MINYI_RETURN_IF_ERROR(end_field());
    bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) out.push_back(std::move(rec));
    if (out.size() > limits.max_rows + 1) {
      return ResourceExhausted("行数过多（上限 " + std::to_string(limits.max_rows) + " 行），请分批导入");
    }
    rec = Record{};
    rec.line = line;
    return Status::Ok();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line;
        field += ch;
      }
    } else if (ch == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (ch == ',') {
      MINYI_RETURN_IF_ERROR(end_field());
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (ch == '\n') {
      ++line;
      MINYI_RETURN_IF_ERROR(end_record());
    } else {
      field += ch;
      field_started = true;
    }
    if (field.size() > limits.max_field_bytes) {
      return ResourceExhausted("第 " + std::to_string(rec.line) + " 行有字段过长（上限 " +
                               std::to_string(limits.max_field_bytes) + " 字节）");
    }
  }
  if (quoted) return InvalidArgument("第 " + std::to_string(rec.line) + " 行的引号没有闭合，文件可能不完整");
  if (!field.empty() || !rec.fields.empty()) MINYI_RETURN_IF_ERROR(end_record());
  return out;
}

std::string Trim(std::string_view s) { return std::string(TrimBlank(s)); }

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// The first ~30 characters of the content, cut on a UTF-8 boundary.
std::string TitleFrom(const std::string& content) {
  size_t chars = 0, i = 0;
  while (i < content.size() && chars < 30) {
    unsigned char c = content[i];
    i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    ++chars;
  }
  std::string t = content.substr(0, std::min(i, content.size()));
  for (char& ch : t) {
    if (ch == '\n' || ch == '\r') ch = ' ';
  }
  return i < content.size() ? t + "……" : t;
}

}  // namespace

Result<ParsedComplaints> ParseComplaintCsv(std::string_view text, const ComplaintCsvLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return ResourceExhausted("文件过大（上限 " + std::to_string(limits.max_bytes >> 20) + " MB），请分批导入");
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!ValidUtf8(text)) return InvalidArgument("文件不是 UTF-8 编码，请在 Excel/WPS 中另存为“CSV UTF-8”后再导入");
  MINYI_ASSIGN_OR_RETURN(auto records, SplitCsv(text, limits));
  if (records.empty()) return InvalidArgument("文件是空的，没有表头");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < records[0].fields.size(); ++i) col.emplace(Trim(records[0].fields[i]), i);
  auto find = [&](std::initializer_list<const char*> names) -> int {
    for (const char* n : names) {
      auto it = col.find(n);
      if (it != col.end()) return static_cast<int>(it->second);
    }
    return -1;
  };
  int ticket = find({"工单编号", "工单号", "信件编号"});
  int called = find({"来电时间", "来信时间", "受理时间"});
  int content = find({"诉求内容", "来信内容", "内容"});
  int category = find({"诉求类型", "类型"});
  int region = find({"所属区域", "区域", "所属乡镇"});
  int urgency = find({"紧急程度"});
  int title = find({"标题", "诉求标题"});
  std::string missing;
  if (ticket < 0) missing += " 工单编号";
  if (called < 0) missing += " 来电时间";
  if (content < 0) missing += " 诉求内容";
  if (!missing.empty()) return InvalidArgument("表头缺少必需的列：" + missing);

  ParsedComplaints out;
  for (size_t r = 1; r < records.size(); ++r) {
    const Record& rec = records[r];
    auto field = [&](int c) { return c >= 0 && c < static_cast<int>(rec.fields.size()) ? Trim(rec.fields[c]) : ""; };
    auto fail = [&](std::string msg) {
      out.errors.push_back({rec.line, "第 " + std::to_string(rec.line) + " 行：" + msg});
    };
    if (rec.fields.size() != records[0].fields.size()) {
      fail("列数为 " + std::to_string(rec.fields.size()) + "，与表头的 " + std::to_string(records[0].fields.size()) +
           " 列不一致");
      continue;
    }
    ComplaintRow row;
    row.line = rec.line;
    row.ticket = field(ticket);
    row.content = field(content);
    row.category = field(category);
    row.region = field(region);
    row.title = field(title);
    if (row.ticket.empty()) {
      fail("缺少工单编号");
      continue;
    }
    if (row.ticket.size() > 100) {
      fail("工单编号过长");
      continue;
    }
    if (row.content.empty()) {
      fail("缺少诉求内容");
      continue;
    }
    auto when = ParseLocalTime(field(called));
    if (!when.ok()) {
      fail(when.status().message());
      continue;
    }
    row.received_at = *when;
    std::string u = field(urgency);
    row.priority = (u == "紧急" || u == "特急" || u == "加急") ? "urgent" : "normal";
    if (row.title.empty()) row.title = TitleFrom(row.content);
    if (row.category.size() > 200 || row.region.size() > 200 || row.title.size() > 600) {
      fail("诉求类型、所属区域或标题过长");
      continue;
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

Result<ImportReport> ImportComplaints(CaseService& service, Database& db, const CaseActor& actor, std::string_view csv,
                                      const std::string& channel, const ComplaintCsvLimits& limits) {
  if (channel != "hotline" && channel != "mailbox")
    return InvalidArgument("渠道应为 hotline（12345）或 mailbox（县长信箱）");
  MINYI_ASSIGN_OR_RETURN(ParsedComplaints parsed, ParseComplaintCsv(csv, limits));
  ImportReport report;
  report.errors = parsed.errors;
  for (const ComplaintRow& row : parsed.rows) {
    MINYI_ASSIGN_OR_RETURN(int64_t exists,
                           db.QueryInt("SELECT COUNT(*) FROM cases WHERE origin = 'complaint' AND channel = ? AND "
                                       "origin_ref = ?",
                                       {channel, row.ticket}));
    if (exists) {
      ++report.duplicates;
      continue;
    }
    NewCase n;
    n.origin = "complaint";
    n.origin_ref = row.ticket;
    n.channel = channel;
    n.category = row.category;
    n.region = row.region;
    n.title = row.title;
    n.description = row.content;
    n.priority = row.priority;
    n.received_at = row.received_at;
    auto id = service.Create(actor, n);
    if (!id.ok()) {
      report.errors.push_back({row.line, "第 " + std::to_string(row.line) + " 行：" + id.status().message()});
      continue;
    }
    ++report.imported;
    report.case_ids.push_back(*id);
  }
  return report;
}

}  // namespace minyi
