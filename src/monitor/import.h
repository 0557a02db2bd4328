// File imports: CSV (RFC 4180) and JSON Lines exports from other tools and
// complaint channels (a mayor's mailbox, the 12345 hotline) into RawItems.
//
// Contract:
//  - Encoding: UTF-8 with or without BOM; UTF-16 with BOM; otherwise, when
//    the bytes are not valid UTF-8, GB18030 (covers GBK/GB2312 exports from
//    Excel and WPS).
//  - Columns are mapped by header name, English or Chinese (标题/内容/链接/
//    发布时间/来源/类型/编号 …). Columns that name a person (作者, 昵称,
//    来信人, 电话 …) are dropped and listed in `dropped_columns`: items keep
//    their outlet, never a person.
//  - A bad line is reported with its line number and skipped; the other
//    lines are still imported. Size, row, field and error-count limits are
//    explicit; exceeding the byte limit refuses the file with a clear error.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "monitor/item.h"

namespace minyi {

struct ImportLimits {
  size_t max_bytes = 32u << 20;
  size_t max_rows = 200000;
  size_t max_field_bytes = 256u << 10;
  size_t max_errors = 500;  // further errors are counted, not listed
};

struct ImportLineError {
  int64_t line = 0;  // 1-based physical line where the record starts
  std::string message;
};

struct ImportParse {
  std::vector<RawItem> items;       // kind/outlet "" when the file had none
  std::vector<int64_t> item_lines;  // line of each item
  std::vector<ImportLineError> errors;
  int64_t error_count = 0;                   // including the ones not listed
  int64_t records = 0;                       // data records read (without header)
  std::string encoding;                      // "utf-8", "gb18030", "utf-16le"...
  std::vector<std::string> dropped_columns;  // person-like columns ignored
  std::vector<std::string> ignored_columns;  // unknown columns
};

Result<ImportParse> ParseCsvImport(std::string_view data, const ImportLimits& limits = {});
Result<ImportParse> ParseJsonLinesImport(std::string_view data, const ImportLimits& limits = {});

}  // namespace minyi
