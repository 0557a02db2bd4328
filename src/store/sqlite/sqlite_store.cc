#include "store/sqlite/sqlite_store.h"

#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "common/strings.h"
#include "store/migrations.h"

namespace minyi {
namespace {

constexpr const char* kDbFileName = "minyi.db";

Status SqliteError(sqlite3* db, std::string_view what) {
  int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  std::string msg = std::string(what) + "：" + (db ? sqlite3_errmsg(db) : "未知错误");
  int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Unavailable("数据库忙，请稍后重试（" + msg + "）");
  if (primary == SQLITE_CONSTRAINT) {
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return AlreadyExists("记录已存在（" + msg + "）");
    }
    return FailedPrecondition("数据约束不满足（" + msg + "）");
  }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Corruption(msg);
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) return IoError(msg);
  return Internal(msg);
}

Status BindAll(sqlite3* db, sqlite3_stmt* stmt, const SqlParams& params) {
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    return Internal("SQL 参数个数不符：需要 " + std::to_string(expected) + "，给出 " + std::to_string(params.size()));
  }
  for (int i = 0; i < expected; ++i) {
    const SqlValue& v = params[static_cast<size_t>(i)];
    int rc;
    if (v.is_null()) {
      rc = sqlite3_bind_null(stmt, i + 1);
    } else if (v.is_int()) {
      rc = sqlite3_bind_int64(stmt, i + 1, v.AsInt());
    } else if (v.is_double()) {
      rc = sqlite3_bind_double(stmt, i + 1, v.AsDouble());
    } else {
      const std::string* s = v.text_ptr();
      // Static: `params` outlives the statement's use (RunStatement resets or
      // finalizes it before returning), so SQLite need not copy the text.
      rc = sqlite3_bind_text(stmt, i + 1, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return SqliteError(db, "绑定参数失败");
  }
  return Status::Ok();
}

SqlValue ColumnValue(sqlite3_stmt* stmt, int c) {
  switch (sqlite3_column_type(stmt, c)) {
    case SQLITE_INTEGER:
      return SqlValue(static_cast<long long>(sqlite3_column_int64(stmt, c)));
    case SQLITE_FLOAT:
      return SqlValue(sqlite3_column_double(stmt, c));
    case SQLITE_NULL:
      return SqlValue();
    default: {
      const void* p = sqlite3_column_blob(stmt, c);
      int n = sqlite3_column_bytes(stmt, c);
      return SqlValue(std::string(static_cast<const char*>(p ? p : ""), static_cast<size_t>(n)));
    }
  }
}

// Prepared statements of one connection, by SQL text. Why: the monitor's
// multi-row INSERTs carry thousands of placeholders, and parsing them again
// for every batch was a tenth of its write step. Least recently used
// statements are finalized beyond kCapacity. Only the connection's current
// holder uses it (the pool hands a connection to one thread at a time).
class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() {
    for (auto& [sql, e] : entries_) sqlite3_finalize(e.stmt);
  }
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;  // null for SQL without a statement
    bool cached = false;           // false: the caller finalizes it
  };
  // A reset statement for `sql`, prepared now if not cached.
  Result<Prepared> Get(sqlite3* db, std::string_view sql) {
    auto it = entries_.find(sql);
    if (it != entries_.end()) {
      it->second.last_use = ++clock_;
      return Prepared{it->second.stmt, true};
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK) {
      return SqliteError(db, "SQL 准备失败");
    }
    if (stmt == nullptr || sql.size() > kMaxSqlBytes) return Prepared{stmt, false};
    if (entries_.size() >= kCapacity) EvictOldest();
    entries_.emplace(std::string(sql), Entry{stmt, ++clock_});
    return Prepared{stmt, true};
  }

 private:
  static constexpr size_t kCapacity = 96;
  static constexpr size_t kMaxSqlBytes = 256 << 10;
  struct Entry {
    sqlite3_stmt* stmt;
    uint64_t last_use;
  };
  void EvictOldest() {
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.last_use < oldest->second.last_use) oldest = it;
    }
    sqlite3_finalize(oldest->second.stmt);
    entries_.erase(oldest);
  }
  std::unordered_map<std::string, Entry, StringViewHash, std::equal_to<>> entries_;
  uint64_t clock_ = 0;
};

// Runs one statement on one connection. Shared by the pooled database and the
// transaction-bound view. With a cache the statement is kept for reuse, reset
// and with its bindings cleared (so no bound text stays in memory).
Result<Rows> RunStatement(sqlite3* db, std::string_view sql, const SqlParams& params, int64_t* changes,
                          StatementCache* cache = nullptr) {
  sqlite3_stmt* stmt = nullptr;
  if (cache) {
    MINYI_ASSIGN_OR_RETURN(StatementCache::Prepared p, cache->Get(db, sql));
    stmt = p.stmt;
    if (!p.cached) cache = nullptr;
  } else if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    return SqliteError(db, "SQL 准备失败");
  }
  auto release = [cache](sqlite3_stmt* st) {
    if (cache == nullptr) {
      sqlite3_finalize(st);
    } else {
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
    }
  };
  std::unique_ptr<sqlite3_stmt, decltype(release)> guard(stmt, release);
  if (stmt == nullptr) return Rows();
  MINYI_RETURN_IF_ERROR(BindAll(db, stmt, params));
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
  int ncol = 0;
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return SqliteError(db, "执行 SQL 失败");
    // Columns are read after the first step: a kept statement is prepared
    // again there when the schema changed, and `SELECT *` may then differ.
    if (rows.empty() && columns.empty()) {
      ncol = sqlite3_column_count(stmt);
      for (int c = 0; c < ncol; ++c) columns.emplace_back(sqlite3_column_name(stmt, c));
    }
    if (rc == SQLITE_DONE) break;
    std::vector<SqlValue> row;
    row.reserve(static_cast<size_t>(ncol));
    for (int c = 0; c < ncol; ++c) row.push_back(ColumnValue(stmt, c));
    rows.push_back(std::move(row));
  }
  if (changes) *changes = sqlite3_changes64(db);
  return Rows(std::move(columns), std::move(rows));
}

Status ExecScript(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "未知错误";
    sqlite3_free(err);
    return Internal("执行 SQL 脚本失败：" + msg);
  }
  return Status::Ok();
}

// A Database bound to one connection, used inside a transaction.
class ConnectionView final : public Database {
 public:
  ConnectionView(sqlite3* db, StatementCache* cache) : db_(db), cache_(cache) {}
  Result<Rows> Query(std::string_view sql, const SqlParams& params) override {
    return RunStatement(db_, sql, params, nullptr, cache_);
  }
  Result<int64_t> Execute(std::string_view sql, const SqlParams& params) override {
    int64_t changes = 0;
    auto r = RunStatement(db_, sql, params, &changes, cache_);
    if (!r.ok()) return r.status();
    return changes;
  }
  Status InTransaction(const std::function<Status(Database&)>& fn) override {
    std::string name = "sp" + std::to_string(++depth_);
    MINYI_RETURN_IF_ERROR(ExecScript(db_, "SAVEPOINT " + name));
    Status st = fn(*this);
    if (st.ok()) st = ExecScript(db_, "RELEASE " + name);
    if (!st.ok()) {
      (void)ExecScript(db_, "ROLLBACK TO " + name + "; RELEASE " + name);
    }
    --depth_;
    return st;
  }
  std::string_view Dialect() const override { return "sqlite"; }

 private:
  sqlite3* db_;
  StatementCache* cache_;
  int depth_ = 0;
};

// Copies the WAL back into the database file on its own connection and
// thread. Why: a checkpoint syncs both files to disk, and SQLite's automatic
// checkpoint ran it inside the COMMIT of whichever connection crossed the
// threshold — in a bulk ingest ~15 % of the wall time was the writer waiting
// for fsync. Passive checkpoints never block readers or writers. A WAL that
// still grows past kInlinePages (a reader holding an old snapshot for long,
// or this thread starved) is checkpointed by the committing connection, as
// SQLite would by default, so the WAL stays bounded.
class BackgroundCheckpointer {
 public:
  static constexpr int kStartPages = 4096;    // 16 MB of WAL
  static constexpr int kInlinePages = 65536;  // 256 MB
  explicit BackgroundCheckpointer(sqlite3* db) : db_(db), thread_([this] { Loop(); }) {}
  BackgroundCheckpointer(const BackgroundCheckpointer&) = delete;
  BackgroundCheckpointer& operator=(const BackgroundCheckpointer&) = delete;
  ~BackgroundCheckpointer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
    sqlite3_close_v2(db_);
  }
  // Installed with sqlite3_wal_hook on every pooled connection (replacing the
  // automatic checkpoint); runs after each commit, with the write lock
  // already released.
  static int OnCommit(void* self, sqlite3* db, const char* name, int pages) {
    auto* c = static_cast<BackgroundCheckpointer*>(self);
    if (pages >= kInlinePages) {
      (void)sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= kStartPages) {
      {
        std::lock_guard lock(c->mu_);
        c->due_ = true;
      }
      c->cv_.notify_one();
    }
    return SQLITE_OK;
  }

 private:
  void Loop() {
    // A library's own thread takes no process signals: a server that waits
    // for SIGTERM with sigwait must not have it delivered here instead.
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, nullptr);
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || due_; });
      if (stop_) return;
      due_ = false;
      lock.unlock();
      (void)sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      lock.lock();
    }
  }

  sqlite3* db_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool due_ = false;    // guarded by mu_
  bool stop_ = false;   // guarded by mu_
  std::thread thread_;  // last: starts after the members it uses
};

class SqliteStore final : public Store, public Database {
 public:
  SqliteStore(std::string path, StoreOptions options) : path_(std::move(path)), options_(std::move(options)) {}
  ~SqliteStore() override {
    caches_.clear();  // finalizes the cached statements first
    for (sqlite3* db : all_) sqlite3_close_v2(db);
    checkpointer_.reset();  // after the connections whose hook points at it
  }

  Status Init() {
    MINYI_ASSIGN_OR_RETURN(sqlite3 * checkpoint_db, OpenConnection());
    checkpointer_ = std::make_unique<BackgroundCheckpointer>(checkpoint_db);
    for (int i = 0; i < std::max(1, options_.pool_size); ++i) {
      MINYI_ASSIGN_OR_RETURN(sqlite3 * db, OpenConnection());
      all_.push_back(db);
      free_.push_back(db);
      caches_.emplace(db, std::make_unique<StatementCache>());
      sqlite3_wal_hook(db, &BackgroundCheckpointer::OnCommit, checkpointer_.get());
    }
    return Migrate();
  }

  Database& db() override { return *this; }

  Result<Rows> Query(std::string_view sql, const SqlParams& params) override {
    Lease lease(this);
    return RunStatement(lease.db, sql, params, nullptr, lease.cache);
  }
  Result<int64_t> Execute(std::string_view sql, const SqlParams& params) override {
    Lease lease(this);
    int64_t changes = 0;
    auto r = RunStatement(lease.db, sql, params, &changes, lease.cache);
    if (!r.ok()) return r.status();
    return changes;
  }
  Status InTransaction(const std::function<Status(Database&)>& fn) override {
    Lease lease(this);
    MINYI_RETURN_IF_ERROR(ExecScript(lease.db, "BEGIN IMMEDIATE"));
    ConnectionView view(lease.db, lease.cache);
    Status st = fn(view);
    if (st.ok()) st = ExecScript(lease.db, "COMMIT");
    if (!st.ok()) (void)ExecScript(lease.db, "ROLLBACK");
    return st;
  }
  std::string_view Dialect() const override { return "sqlite"; }

  Result<int64_t> SchemaVersion() override {
    return QueryInt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  }

  Status Backup(const std::string& out_file) override {
    Lease lease(this);
    sqlite3* dest = nullptr;
    std::string tmp = out_file + ".partial";
    std::filesystem::remove(tmp);
    if (sqlite3_open_v2(tmp.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      Status st = IoError("无法创建备份文件 " + out_file + "：" + sqlite3_errmsg(dest));
      sqlite3_close(dest);
      return st;
    }
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", lease.db, "main");
    if (b == nullptr) {
      Status st = SqliteError(dest, "备份初始化失败");
      sqlite3_close(dest);
      return st;
    }
    int rc;
    do {
      rc = sqlite3_backup_step(b, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    // A backup is one self-contained file: leave rollback-journal mode.
    if (rc == SQLITE_DONE) rc = sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    sqlite3_close(dest);
    if (rc != SQLITE_DONE && rc != SQLITE_OK) {
      std::filesystem::remove(tmp);
      return IoError("备份失败（SQLite 错误码 " + std::to_string(rc) + "）");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, out_file, ec);
    if (ec) return IoError("无法写入备份文件 " + out_file + "：" + ec.message());
    return Status::Ok();
  }

 private:
  struct Lease {
    explicit Lease(SqliteStore* s) : store(s) {
      std::unique_lock lock(store->mu_);
      store->cv_.wait(lock, [&] { return !store->free_.empty(); });
      db = store->free_.back();
      store->free_.pop_back();
      cache = store->caches_.at(db).get();
    }
    ~Lease() {
      {
        std::lock_guard lock(store->mu_);
        store->free_.push_back(db);
      }
      store->cv_.notify_one();
    }
    SqliteStore* store;
    sqlite3* db = nullptr;
    StatementCache* cache = nullptr;
  };

  Result<sqlite3*> OpenConnection() {
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path_.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      Status st = IoError("无法打开数据库 " + path_ + "：" + (db ? sqlite3_errmsg(db) : "内存不足"));
      sqlite3_close(db);
      return st;
    }
    sqlite3_busy_timeout(db, options_.busy_timeout_ms);
    sqlite3_extended_result_codes(db, 1);
    // A 32 MB page cache per connection (filled only as used) keeps the
    // item, search and dashboard index pages an ingest batch touches in
    // memory. Checkpoints: see BackgroundCheckpointer.
    Status st = ExecScript(db,
                           "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
                           " PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;");
    if (!st.ok()) {
      sqlite3_close(db);
      return Corruption("不是有效的 Minyi 数据库：" + path_ + "（" + st.message() + "）");
    }
    return db;
  }

  Status Migrate() {
    Lease lease(this);
    sqlite3* db = lease.db;
    MINYI_RETURN_IF_ERROR(ExecScript(db,
                                     "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                                     " name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
    MINYI_ASSIGN_OR_RETURN(Rows app, RunStatement(db, "PRAGMA application_id", {}, nullptr));
    int64_t app_id = app.empty() ? 0 : app.row(0)[0].AsInt();
    if (app_id != 0 && app_id != kSqliteApplicationId) {
      return Corruption("数据库文件不属于 Minyi：" + path_);
    }
    MINYI_RETURN_IF_ERROR(ExecScript(db, "PRAGMA application_id=" + std::to_string(kSqliteApplicationId)));
    // Applied versions as a set, not a maximum: a release may add a file
    // numbered below one already applied (e.g. 0023 after 0050), and it
    // must still run on existing databases.
    MINYI_ASSIGN_OR_RETURN(Rows done, RunStatement(db, "SELECT version FROM schema_migrations", {}, nullptr));
    std::set<int64_t> applied;
    for (size_t i = 0; i < done.size(); ++i) applied.insert(done.row(i)[0].AsInt());
    for (const Migration& m : EmbeddedMigrations()) {
      if (applied.count(m.version) > 0) continue;
      MINYI_RETURN_IF_ERROR(ExecScript(db, "BEGIN IMMEDIATE"));
      Status st = ExecScript(db, ExpandSqliteMacros(m.sql));
      if (st.ok()) {
        auto r = RunStatement(db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                              {SqlValue(static_cast<long long>(m.version)), SqlValue(m.name),
                               SqlValue(static_cast<long long>(options_.clock->Now()))},
                              nullptr);
        st = r.status();
      }
      if (st.ok()) st = ExecScript(db, "COMMIT");
      if (!st.ok()) {
        (void)ExecScript(db, "ROLLBACK");
        return st.WithContext("迁移 " + std::string(m.name) + " 失败");
      }
    }
    return Status::Ok();
  }

  std::string path_;
  StoreOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<sqlite3*> all_;
  std::vector<sqlite3*> free_;
  std::unordered_map<sqlite3*, std::unique_ptr<StatementCache>> caches_;  // filled by Init, then read-only
  std::unique_ptr<BackgroundCheckpointer> checkpointer_;
};

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

// Checks that a file is a SQLite database stamped by Minyi with a
// schema_migrations table, without modifying it.
Status CheckMinyiBackup(const std::string& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return NotFound("备份文件不存在：" + file);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return InvalidArgument("不是 Minyi 备份文件：" + file);
  }
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> guard(db, sqlite3_close);
  auto app = RunStatement(db, "PRAGMA application_id", {}, nullptr);
  if (!app.ok() || app->empty() || app->row(0)[0].AsInt() != kSqliteApplicationId) {
    return InvalidArgument("不是 Minyi 备份文件：" + file);
  }
  auto check = RunStatement(db, "PRAGMA quick_check", {}, nullptr);
  if (!check.ok() || check->empty() || check->row(0)[0].AsText() != "ok") {
    return Corruption("备份文件已损坏：" + file);
  }
  auto mig = RunStatement(db, "SELECT COUNT(*) FROM schema_migrations", {}, nullptr);
  if (!mig.ok()) return InvalidArgument("不是 Minyi 备份文件（缺少迁移记录）：" + file);
  return Status::Ok();
}

}  // namespace

std::string ExpandSqliteMacros(std::string sql) {
  ReplaceAll(sql, "@PK@", "INTEGER PRIMARY KEY");
  ReplaceAll(sql, "@BLOB@", "BLOB");
  return sql;
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& dir, const StoreOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("无法创建数据目录 " + dir + "：" + ec.message());
  auto store = std::make_unique<SqliteStore>(dir + "/" + kDbFileName, options);
  MINYI_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

Status RestoreSqliteBackup(const std::string& dir, const std::string& backup_file) {
  MINYI_RETURN_IF_ERROR(CheckMinyiBackup(backup_file));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("无法创建数据目录 " + dir + "：" + ec.message());
  std::string target = dir + "/" + kDbFileName;
  // Keep the database being replaced, so a wrong restore loses nothing.
  if (std::filesystem::exists(target)) {
    std::string keep = target + ".before-restore";
    std::filesystem::copy_file(target, keep, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) return IoError("无法保留原数据库：" + ec.message());
  }
  sqlite3* src = nullptr;
  sqlite3* dest = nullptr;
  sqlite3_open_v2(backup_file.c_str(), &src, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> g1(src, sqlite3_close);
  if (sqlite3_open_v2(target.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    sqlite3_close(dest);
    return IoError("无法打开目标数据库 " + target);
  }
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> g2(dest, sqlite3_close);
  sqlite3_busy_timeout(dest, 5000);
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", src, "main");
  if (b == nullptr) return SqliteError(dest, "恢复初始化失败（服务是否仍在运行？）");
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return SqliteError(dest, "恢复失败");
  return ExecScript(dest, "PRAGMA journal_mode=WAL");
}

}  // namespace minyi
