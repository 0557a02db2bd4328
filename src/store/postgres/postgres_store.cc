#include "store/postgres/postgres_store.h"

#include <libpq-fe.h>

#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <regex>
#include <set>

#include "store/migrations.h"

namespace minyi {
namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26;
constexpr Oid kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;
constexpr int64_t kMigrationLockKey = 0x4D4E5949;  // "MNYI"

// SQLite functions the subsystems' portable SQL may use, defined as inlinable
// SQL functions so the same statements run here (created under the migration
// lock; needs only CREATE on the schema, which the database owner has).
constexpr const char* kCompatibilityFunctions =
    "CREATE OR REPLACE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER"
    " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT strpos(haystack, needle)'";

Status PgError(const PGresult* res, PGconn* conn, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = res ? PQresultErrorMessage(res) : (conn ? PQerrorMessage(conn) : "");
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  std::string msg = std::string(what) + "：" + detail;
  std::string code = state ? state : "";
  if (code == "23505") return AlreadyExists("记录已存在（" + msg + "）");
  if (code.rfind("23", 0) == 0) return FailedPrecondition("数据约束不满足（" + msg + "）");
  if (code == "40001" || code == "40P01" || code == "55P03") return Unavailable("数据库忙，请稍后重试（" + msg + "）");
  if (code.rfind("08", 0) == 0 || (conn && PQstatus(conn) != CONNECTION_OK)) {
    return Unavailable("数据库连接中断（" + msg + "）");
  }
  if (code == "53100") return IoError(msg);
  return Internal(msg);
}

SqlValue CellValue(const PGresult* res, int r, int c) {
  if (PQgetisnull(res, r, c)) return SqlValue();
  const char* v = PQgetvalue(res, r, c);
  switch (PQftype(res, c)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return SqlValue(static_cast<long long>(std::strtoll(v, nullptr, 10)));
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return SqlValue(std::strtod(v, nullptr));
    case kBoolOid:
      return SqlValue(static_cast<long long>(v[0] == 't' ? 1 : 0));
    case kByteaOid: {
      size_t n = 0;
      unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
      std::string out(reinterpret_cast<const char*>(raw), n);
      PQfreemem(raw);
      return SqlValue(std::move(out));
    }
    default:
      return SqlValue(std::string(v, static_cast<size_t>(PQgetlength(res, r, c))));
  }
}

// Text that reads back as exactly the same double (std::to_string keeps
// only six decimals, which would round scores and tiny values to zero).
std::string DoubleText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Runs one statement on one connection: ints and doubles go as text, strings
// as binary (raw bytes), so BYTEA and TEXT both receive them unescaped.
Result<Rows> RunStatement(PGconn* conn, std::string_view sql, const SqlParams& params, int64_t* changes) {
  int count = 0;
  std::string text = RewritePlaceholders(sql, &count);
  if (count != static_cast<int>(params.size())) {
    return Internal("SQL 参数个数不符：需要 " + std::to_string(count) + "，给出 " + std::to_string(params.size()));
  }
  std::vector<std::string> storage(params.size());
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size()), formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    const SqlValue& p = params[i];
    if (p.is_null()) {
      values[i] = nullptr;
      continue;
    }
    if (p.is_text()) {
      values[i] = p.text_ptr()->data();
      lengths[i] = static_cast<int>(p.text_ptr()->size());
      formats[i] = 1;
    } else {
      storage[i] = p.is_int() ? std::to_string(p.AsInt()) : DoubleText(p.AsDouble());
      values[i] = storage[i].c_str();
    }
  }
  PGresult* res = PQexecParams(conn, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                               lengths.data(), formats.data(), 0);
  std::unique_ptr<PGresult, decltype(&PQclear)> guard(res, PQclear);
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return PgError(res, conn, "执行 SQL 失败");
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
  int ncol = PQnfields(res), nrow = PQntuples(res);
  for (int c = 0; c < ncol; ++c) columns.emplace_back(PQfname(res, c));
  rows.reserve(static_cast<size_t>(nrow));
  for (int r = 0; r < nrow; ++r) {
    std::vector<SqlValue> row;
    row.reserve(static_cast<size_t>(ncol));
    for (int c = 0; c < ncol; ++c) row.push_back(CellValue(res, r, c));
    rows.push_back(std::move(row));
  }
  if (changes) {
    const char* n = PQcmdTuples(res);
    *changes = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
  }
  return Rows(std::move(columns), std::move(rows));
}

Status ExecScript(PGconn* conn, const std::string& sql) {
  PGresult* res = PQexec(conn, sql.c_str());
  std::unique_ptr<PGresult, decltype(&PQclear)> guard(res, PQclear);
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(res, conn, "执行 SQL 脚本失败");
  return Status::Ok();
}

class ConnectionView final : public Database {
 public:
  explicit ConnectionView(PGconn* conn) : conn_(conn) {}
  Result<Rows> Query(std::string_view sql, const SqlParams& params) override {
    return RunStatement(conn_, sql, params, nullptr);
  }
  Result<int64_t> Execute(std::string_view sql, const SqlParams& params) override {
    int64_t changes = 0;
    MINYI_RETURN_IF_ERROR(RunStatement(conn_, sql, params, &changes).status());
    return changes;
  }
  Status InTransaction(const std::function<Status(Database&)>& fn) override {
    std::string name = "sp" + std::to_string(++depth_);
    MINYI_RETURN_IF_ERROR(ExecScript(conn_, "SAVEPOINT " + name));
    Status st = fn(*this);
    if (st.ok()) st = ExecScript(conn_, "RELEASE SAVEPOINT " + name);
    if (!st.ok()) (void)ExecScript(conn_, "ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name);
    --depth_;
    return st;
  }
  std::string_view Dialect() const override { return "postgresql"; }

 private:
  PGconn* conn_;
  int depth_ = 0;
};

class PostgresStore final : public Store, public Database {
 public:
  PostgresStore(std::string location, StoreOptions options)
      : location_(std::move(location)), options_(std::move(options)) {}
  ~PostgresStore() override {
    for (PGconn* c : all_) PQfinish(c);
  }

  Status Init() {
    for (int i = 0; i < std::max(1, options_.pool_size); ++i) {
      MINYI_ASSIGN_OR_RETURN(PGconn * conn, Connect());
      all_.push_back(conn);
      free_.push_back(conn);
    }
    return Migrate();
  }

  Database& db() override { return *this; }
  Result<Rows> Query(std::string_view sql, const SqlParams& params) override {
    Lease lease(this);
    return RunStatement(lease.conn, sql, params, nullptr);
  }
  Result<int64_t> Execute(std::string_view sql, const SqlParams& params) override {
    Lease lease(this);
    int64_t changes = 0;
    MINYI_RETURN_IF_ERROR(RunStatement(lease.conn, sql, params, &changes).status());
    return changes;
  }
  Status InTransaction(const std::function<Status(Database&)>& fn) override {
    Lease lease(this);
    MINYI_RETURN_IF_ERROR(ExecScript(lease.conn, "BEGIN"));
    ConnectionView view(lease.conn);
    Status st = fn(view);
    if (st.ok()) st = ExecScript(lease.conn, "COMMIT");
    if (!st.ok()) (void)ExecScript(lease.conn, "ROLLBACK");
    return st;
  }
  std::string_view Dialect() const override { return "postgresql"; }

  Result<int64_t> SchemaVersion() override {
    return QueryInt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  }
  Status Backup(const std::string&) override {
    // pg_dump/pg_basebackup are the right tools: consistent, incremental
    // with WAL archiving, and run by the DBA's own schedule.
    return Unimplemented(
        "PostgreSQL 数据库请用 pg_dump 或 pg_basebackup 备份（minyi backup 只用于 SQLite；"
        "步骤见 docs/deploy.md 的“备份与恢复”）");
  }

 private:
  // A broken connection (server restart) is replaced when it is handed out.
  struct Lease {
    explicit Lease(PostgresStore* s) : store(s) {
      std::unique_lock lock(store->mu_);
      store->cv_.wait(lock, [&] { return !store->free_.empty(); });
      conn = store->free_.back();
      store->free_.pop_back();
      if (PQstatus(conn) != CONNECTION_OK) PQreset(conn);
    }
    ~Lease() {
      {
        std::lock_guard lock(store->mu_);
        store->free_.push_back(conn);
      }
      store->cv_.notify_one();
    }
    PostgresStore* store;
    PGconn* conn = nullptr;
  };

  Result<PGconn*> Connect() {
    PGconn* conn = PQconnectdb(location_.c_str());
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
      std::string msg = conn ? PQerrorMessage(conn) : "内存不足";
      PQfinish(conn);
      return Unavailable("无法连接 PostgreSQL：" + msg);
    }
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);  // NOTICEs are not errors
    Status st = ExecScript(conn, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
    if (!st.ok()) {
      PQfinish(conn);
      return st;
    }
    return conn;
  }

  Status Migrate() {
    Lease lease(this);
    PGconn* c = lease.conn;
    MINYI_RETURN_IF_ERROR(ExecScript(c, "SELECT pg_advisory_lock(" + std::to_string(kMigrationLockKey) + ")"));
    Status st = ApplyPending(c);
    (void)ExecScript(c, "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")");
    return st;
  }

  Status ApplyPending(PGconn* c) {
    MINYI_RETURN_IF_ERROR(ExecScript(c, kCompatibilityFunctions));
    MINYI_RETURN_IF_ERROR(ExecScript(c,
                                     "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY,"
                                     " name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
    // A set, not a maximum: see the SQLite adapter.
    MINYI_ASSIGN_OR_RETURN(Rows done, RunStatement(c, "SELECT version FROM schema_migrations", {}, nullptr));
    std::set<int64_t> applied;
    for (size_t i = 0; i < done.size(); ++i) applied.insert(done.row(i)[0].AsInt());
    for (const Migration& m : EmbeddedMigrations()) {
      if (applied.count(m.version) > 0) continue;
      MINYI_RETURN_IF_ERROR(ExecScript(c, "BEGIN"));
      Status st = ExecScript(c, ExpandPostgresMacros(m.sql));
      if (st.ok()) {
        st = RunStatement(c, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                          {SqlValue(static_cast<long long>(m.version)), SqlValue(m.name),
                           SqlValue(static_cast<long long>(options_.clock->Now()))},
                          nullptr)
                 .status();
      }
      if (st.ok()) st = ExecScript(c, "COMMIT");
      if (!st.ok()) {
        (void)ExecScript(c, "ROLLBACK");
        return st.WithContext("迁移 " + std::string(m.name) + " 失败");
      }
    }
    return Status::Ok();
  }

  std::string location_;
  StoreOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PGconn*> all_;
  std::vector<PGconn*> free_;
};

}  // namespace

std::string RewritePlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;  // inside '...' or "..."
  for (size_t i = 0; i < sql.size(); ++i) {
    char ch = sql[i];
    if (quote) {
      out += ch;
      if (ch == quote) quote = 0;  // a doubled quote re-enters on the next char
      continue;
    }
    if (ch == '\'' || ch == '"') {
      quote = ch;
      out += ch;
    } else if (ch == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (ch == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out += ch;
    }
  }
  if (count) *count = n;
  return out;
}

std::string ExpandPostgresMacros(std::string sql) {
  // INTEGER first: SQLite integers are 64-bit, PostgreSQL's INTEGER is not.
  sql = std::regex_replace(sql, std::regex(R"(\bINTEGER\b)", std::regex::icase), "BIGINT");
  size_t pos;
  while ((pos = sql.find("@PK@")) != std::string::npos) {
    sql.replace(pos, 4, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  }
  while ((pos = sql.find("@BLOB@")) != std::string::npos) sql.replace(pos, 6, "BYTEA");
  return sql;
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& location, const StoreOptions& options) {
  auto store = std::make_unique<PostgresStore>(location, options);
  MINYI_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace minyi
