#include "store/store.h"

#include <charconv>
#include <filesystem>
#include <fstream>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace minyi {

int64_t SqlValue::AsInt() const {
  if (auto* i = std::get_if<int64_t>(&v_)) return *i;
  if (auto* d = std::get_if<double>(&v_)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v_)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double SqlValue::AsDouble() const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<int64_t>(&v_)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v_)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string SqlValue::AsText() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  if (auto* i = std::get_if<int64_t>(&v_)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v_)) return std::to_string(*d);
  return "";
}

int Rows::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

const SqlValue& Rows::At(size_t r, std::string_view column) const {
  static const SqlValue kNull;
  int c = ColumnIndex(column);
  if (c < 0 || r >= rows_.size()) return kNull;
  return rows_[r][static_cast<size_t>(c)];
}

Result<Rows> Database::QueryOne(std::string_view sql, const SqlParams& params, std::string_view not_found_message) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  if (rows.empty()) return NotFound(std::string(not_found_message));
  return rows;
}

Result<int64_t> Database::QueryInt(std::string_view sql, const SqlParams& params) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  if (rows.empty() || rows.row(0).empty()) return int64_t{0};
  return rows.row(0)[0].AsInt();
}

Result<int64_t> Database::InsertReturningId(std::string_view sql, const SqlParams& params) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  if (rows.empty()) return Internal("插入后没有返回编号");
  return rows.row(0)[0].AsInt();
}

namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool IsPostgresUri(std::string_view s) { return StartsWith(s, "postgresql://") || StartsWith(s, "postgres://"); }

constexpr size_t kMaxUrlFileBytes = 4096;

}  // namespace

Result<std::string> ResolveStoreLocation(const std::string& location) {
  if (IsPostgresUri(location) || StartsWith(location, "sqlite:")) return location;
  std::string file = location + "/" + kDatabaseUrlFile;
  std::error_code ec;
  if (location.empty() || !std::filesystem::is_regular_file(file, ec)) return location;
  if (std::filesystem::file_size(file, ec) > kMaxUrlFileBytes)
    return InvalidArgument(file + " 过大，应只含一行数据库地址");
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) return IoError("无法读取 " + file);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  while (!line.empty() && line.front() == ' ') line.erase(0, 1);
  if (!IsPostgresUri(line)) return InvalidArgument(file + " 的第一行应为 postgresql://… 形式的数据库地址");
  return line;
}

Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  if (options.clock == nullptr) return InvalidArgument("StoreOptions.clock 未设置");
  MINYI_ASSIGN_OR_RETURN(std::string resolved, ResolveStoreLocation(options.location));
  std::string_view loc = resolved;
  if (IsPostgresUri(loc)) {
    return OpenPostgresStore(std::string(loc), options);
  }
  if (StartsWith(loc, "sqlite:")) loc.remove_prefix(7);
  if (loc.empty()) return InvalidArgument("未指定数据目录（--data）");
  return OpenSqliteStore(std::string(loc), options);
}

Status RestoreBackup(const std::string& location, const std::string& backup_file) {
  MINYI_ASSIGN_OR_RETURN(std::string resolved, ResolveStoreLocation(location));
  std::string_view loc = resolved;
  if (IsPostgresUri(loc)) {
    return Unimplemented("PostgreSQL 数据库请用 pg_restore 恢复（步骤见 docs/deploy.md 的“备份与恢复”）");
  }
  if (StartsWith(loc, "sqlite:")) loc.remove_prefix(7);
  return RestoreSqliteBackup(std::string(loc), backup_file);
}

}  // namespace minyi
