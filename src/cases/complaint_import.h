// Import of complaint work orders (12345 hotline export, mayor's mailbox) from
// CSV into cases.
//
// Contract: the CSV is RFC 4180 (quotes, "" escapes, CRLF or LF, optional
// UTF-8 BOM) with a header row. Required columns: 工单编号, 来电时间 (or
// 来信时间/受理时间), 诉求内容; optional: 诉求类型, 所属区域, 紧急程度 (紧急/普通),
// 标题. Columns naming the caller (来电人, 联系电话, 身份证号 ...) are ignored on
// purpose: a case records the matter, not a profile of the person.
// Limits: 8 MiB, 20,000 rows, 64 columns, 8,000 bytes per field; a hit
// limit stops with kResourceExhausted before anything is stored. Each row is
// checked separately: a bad row gets a Chinese error with its line number and
// is skipped; good rows are imported, each in its own transaction, so a
// failure never loses what was already stored. A ticket number already
// imported for the same channel is reported as a duplicate, not imported twice.
//
// Thread safety: free functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cases/cases.h"

namespace minyi {

struct ComplaintCsvLimits {
  size_t max_bytes = 8u << 20;
  size_t max_rows = 20000;
  size_t max_columns = 64;
  size_t max_field_bytes = 8000;
};

struct ComplaintRow {
  int64_t line = 0;
  std::string ticket, content, category, region, title, priority = "normal";
  UnixSeconds received_at = 0;
};

struct ImportIssue {
  int64_t line = 0;
  std::string message;
};

struct ParsedComplaints {
  std::vector<ComplaintRow> rows;
  std::vector<ImportIssue> errors;
};

// Pure parser (the fuzz target calls it). File-level problems (missing
// columns, limits, unterminated quote) are errors; row problems are issues.
Result<ParsedComplaints> ParseComplaintCsv(std::string_view text, const ComplaintCsvLimits& limits = {});

struct ImportReport {
  int64_t imported = 0, duplicates = 0;
  std::vector<ImportIssue> errors;
  std::vector<int64_t> case_ids;
};

// channel: "hotline" (12345) or "mailbox" (县长信箱).
Result<ImportReport> ImportComplaints(CaseService& service, Database& db, const CaseActor& actor, std::string_view csv,
                                      const std::string& channel, const ComplaintCsvLimits& limits = {});

}  // namespace minyi
