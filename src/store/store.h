// The store: one relational database behind a small, dialect-neutral API.
//
// Contract: every subsystem writes portable SQL with `?` placeholders and
// the macros of migrations (see docs/schema.md); the adapters (sqlite/ and,
// later, postgres/) translate where dialects differ. Values cross this API as
// SqlValue — never as sqlite3* or PGresult*. Errors are Status values.
//
// Thread safety: a Database obtained from Store::db() may be used from many
// threads at once; each call takes a pooled connection. The Database& passed
// into InTransaction's callback is bound to one connection and must be used
// only by the calling thread, only inside the callback.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/env.h"
#include "common/status.h"

namespace minyi {

// A NULL, 64-bit integer, double or UTF-8 text/blob value.
class SqlValue {
 public:
  SqlValue() = default;
  SqlValue(std::nullptr_t) {}                                 // NOLINT
  SqlValue(int v) : v_(static_cast<int64_t>(v)) {}            // NOLINT
  SqlValue(long v) : v_(static_cast<int64_t>(v)) {}           // NOLINT
  SqlValue(long long v) : v_(static_cast<int64_t>(v)) {}      // NOLINT
  SqlValue(unsigned v) : v_(static_cast<int64_t>(v)) {}       // NOLINT
  SqlValue(unsigned long v) : v_(static_cast<int64_t>(v)) {}  // NOLINT
  SqlValue(bool v) : v_(static_cast<int64_t>(v ? 1 : 0)) {}   // NOLINT
  SqlValue(double v) : v_(v) {}                               // NOLINT
  SqlValue(const char* v) : v_(std::string(v)) {}             // NOLINT
  SqlValue(std::string v) : v_(std::move(v)) {}               // NOLINT
  SqlValue(std::string_view v) : v_(std::string(v)) {}        // NOLINT
  template <typename T>
  SqlValue(const std::optional<T>& v) {  // NOLINT
    if (v) *this = SqlValue(*v);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_int() const { return std::holds_alternative<int64_t>(v_); }
  bool is_double() const { return std::holds_alternative<double>(v_); }
  bool is_text() const { return std::holds_alternative<std::string>(v_); }
  // Lenient accessors: NULL reads as 0 / "" so optional columns stay simple.
  int64_t AsInt() const;
  double AsDouble() const;
  std::string AsText() const;
  const std::string* text_ptr() const { return std::get_if<std::string>(&v_); }

 private:
  std::variant<std::monostate, int64_t, double, std::string> v_;
};

using SqlParams = std::vector<SqlValue>;

// A fully materialized result: column names plus rows of values.
class Rows {
 public:
  Rows() = default;
  Rows(std::vector<std::string> columns, std::vector<std::vector<SqlValue>> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}

  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<SqlValue>& row(size_t i) const { return rows_[i]; }
  // Column index by name, or -1.
  int ColumnIndex(std::string_view name) const;
  // Value at (row, column-name); NULL when the column does not exist.
  const SqlValue& At(size_t r, std::string_view column) const;
  int64_t Int(size_t r, std::string_view column) const { return At(r, column).AsInt(); }
  double Double(size_t r, std::string_view column) const { return At(r, column).AsDouble(); }
  std::string Text(size_t r, std::string_view column) const { return At(r, column).AsText(); }
  bool IsNull(size_t r, std::string_view column) const { return At(r, column).is_null(); }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<SqlValue>> rows_;
};

class Database {
 public:
  virtual ~Database() = default;
  // Runs a statement that returns rows (SELECT, or INSERT ... RETURNING).
  virtual Result<Rows> Query(std::string_view sql, const SqlParams& params = {}) = 0;
  // Runs a statement and returns the number of rows changed.
  virtual Result<int64_t> Execute(std::string_view sql, const SqlParams& params = {}) = 0;
  // Runs fn in one transaction: committed when fn returns OK, rolled back
  // otherwise (and the error returned). Nested calls become savepoints.
  virtual Status InTransaction(const std::function<Status(Database&)>& fn) = 0;
  // "sqlite" or "postgresql": for the rare query that must differ.
  virtual std::string_view Dialect() const = 0;

  // Conveniences built on Query.
  // The single row of a query, or kNotFound with not_found_message.
  Result<Rows> QueryOne(std::string_view sql, const SqlParams& params, std::string_view not_found_message);
  // The first column of the first row as an integer (0 when no row).
  Result<int64_t> QueryInt(std::string_view sql, const SqlParams& params = {});
  // INSERT ... RETURNING id, giving the new id.
  Result<int64_t> InsertReturningId(std::string_view sql, const SqlParams& params);
};

struct StoreOptions {
  // "sqlite:DIR", a plain directory (SQLite in DIR/minyi.db, or the
  // PostgreSQL database named in DIR/database.url), or "postgresql://...".
  std::string location;
  int pool_size = 4;
  int busy_timeout_ms = 10000;
  const Clock* clock = nullptr;  // required
};

class Store {
 public:
  virtual ~Store() = default;
  // Opens (creating when needed) and applies every pending migration.
  static Result<std::unique_ptr<Store>> Open(const StoreOptions& options);

  virtual Database& db() = 0;
  // Highest migration version applied.
  virtual Result<int64_t> SchemaVersion() = 0;
  // Writes a consistent copy of the live database to out_file (online).
  virtual Status Backup(const std::string& out_file) = 0;
};

// A data directory may hold, instead of minyi.db, a file of this name whose
// first line is a postgresql:// URI: the password then stays out of command
// lines (visible in `ps`) and unit files, and the directory still carries the
// process's lock. ResolveStoreLocation returns that URI for such a directory,
// otherwise the location unchanged.
inline constexpr const char* kDatabaseUrlFile = "database.url";
Result<std::string> ResolveStoreLocation(const std::string& location);

// Replaces the database at location with a backup file after checking that
// the file is a Minyi backup. No server may be running on that location.
Status RestoreBackup(const std::string& location, const std::string& backup_file);

}  // namespace minyi
