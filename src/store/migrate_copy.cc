#include "store/migrate_copy.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace minyi {
namespace {

// PostgreSQL accepts at most 65535 parameters per statement.
constexpr int64_t kMaxParamsPerInsert = 30000;
constexpr int64_t kMaxRowsPerInsert = 1000;
// Tables that hold records only after someone used the system; any row in
// them means the target is not a fresh database.
constexpr const char* kRecordTables[] = {"audit_log", "users", "units", "monitor_items"};

std::string Quote(const std::string& name) { return "\"" + name + "\""; }

Result<std::set<std::string>> SourceTables(Database& db) {
  // Virtual (FTS5) tables and their shadow tables are SQLite's own index.
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                                             " AND name NOT LIKE 'sqlite_%' ORDER BY name"));
  std::set<std::string> virtual_tables, out;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows.Text(i, "sql").rfind("CREATE VIRTUAL TABLE", 0) == 0) virtual_tables.insert(rows.Text(i, "name"));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string name = rows.Text(i, "name");
    bool shadow = std::any_of(virtual_tables.begin(), virtual_tables.end(),
                              [&](const std::string& v) { return name.rfind(v + "_", 0) == 0; });
    if (!shadow && !virtual_tables.count(name) && name != "schema_migrations") out.insert(name);
  }
  return out;
}

Result<std::set<std::string>> TargetTables(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT table_name FROM information_schema.tables"
                                             " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"));
  std::set<std::string> out;
  for (size_t i = 0; i < rows.size(); ++i) out.insert(rows.Text(i, "table_name"));
  return out;
}

// Parents before children; a table referencing itself is handled per row
// (see CopyTable). Tables outside `tables` are ignored.
Result<std::vector<std::string>> DependencyOrder(Database& target, const std::set<std::string>& tables) {
  MINYI_ASSIGN_OR_RETURN(
      Rows fks, target.Query("SELECT DISTINCT tc.table_name AS child, ccu.table_name AS parent"
                             " FROM information_schema.table_constraints tc"
                             " JOIN information_schema.constraint_column_usage ccu"
                             "   ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema"
                             " WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()"));
  std::map<std::string, std::set<std::string>> parents;
  for (const auto& t : tables) parents[t];
  for (size_t i = 0; i < fks.size(); ++i) {
    std::string child = fks.Text(i, "child"), parent = fks.Text(i, "parent");
    if (child != parent && tables.count(child) && tables.count(parent)) parents[child].insert(parent);
  }
  std::vector<std::string> order;
  std::set<std::string> done;
  while (order.size() < tables.size()) {
    size_t before = order.size();
    for (const auto& [t, ps] : parents) {
      if (done.count(t)) continue;
      if (std::all_of(ps.begin(), ps.end(), [&](const std::string& p) { return done.count(p) > 0; })) {
        order.push_back(t);
        done.insert(t);
      }
    }
    if (order.size() == before) return FailedPrecondition("数据表之间的外键关系成环，无法确定复制顺序");
  }
  return order;
}

Status CheckTargetEmpty(Database& target, const std::set<std::string>& tables) {
  for (const char* t : kRecordTables) {
    if (!tables.count(t)) continue;
    MINYI_ASSIGN_OR_RETURN(int64_t n, target.QueryInt(std::string("SELECT COUNT(*) FROM ") + t));
    if (n > 0) {
      return FailedPrecondition("目标数据库已有数据（表 " + std::string(t) + " 有 " + std::to_string(n) +
                                " 行）。为防止覆盖，迁移只写入新建的空数据库：请 CREATE DATABASE 一个新库后重试");
    }
  }
  return Status::Ok();
}

struct CopyContext {
  Database& src;
  Database& tx;
  const CopyProgress& progress;
  int64_t total = 0;
};

Result<std::set<std::string>> NumericColumns(Database& tx, const std::string& table) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT column_name FROM information_schema.columns"
                                             " WHERE table_schema = current_schema() AND table_name = ?"
                                             " AND data_type IN ('bigint', 'integer', 'smallint', 'real',"
                                             " 'double precision', 'numeric')",
                                             {SqlValue(table)}));
  std::set<std::string> out;
  for (size_t i = 0; i < rows.size(); ++i) out.insert(rows.Text(i, "column_name"));
  return out;
}

// SQLite keeps text that does not look like a number even in an INTEGER
// column; PostgreSQL would misread such bytes, so convert or refuse.
Result<SqlValue> AsNumber(const SqlValue& v, const std::string& table, const std::string& column) {
  const std::string& s = *v.text_ptr();
  char* end = nullptr;
  long long i = std::strtoll(s.c_str(), &end, 10);
  if (!s.empty() && end && *end == '\0') return SqlValue(i);
  double d = std::strtod(s.c_str(), &end);
  if (!s.empty() && end && *end == '\0') return SqlValue(d);
  return Corruption("表 " + table + " 的列 " + column + " 应为数字，源库中却是“" + s.substr(0, 40) +
                    "”；请先修正该行再迁移（目标库未写入）");
}

Status InsertBatch(CopyContext& c, const std::string& table, const Rows& rows, size_t first_col,
                   const std::set<std::string>& numeric) {
  const auto& cols = rows.columns();
  std::string sql = "INSERT INTO " + Quote(table) + " (";
  for (size_t k = first_col; k < cols.size(); ++k) sql += (k > first_col ? "," : "") + Quote(cols[k]);
  sql += ") VALUES ";
  std::string tuple = "(";
  for (size_t k = first_col; k < cols.size(); ++k) tuple += k > first_col ? ",?" : "?";
  tuple += ")";
  SqlParams params;
  params.reserve(rows.size() * (cols.size() - first_col));
  for (size_t r = 0; r < rows.size(); ++r) {
    sql += (r ? "," : "") + tuple;
    for (size_t k = first_col; k < cols.size(); ++k) {
      const SqlValue& v = rows.row(r)[k];
      if (v.is_text() && numeric.count(cols[k])) {
        MINYI_ASSIGN_OR_RETURN(SqlValue n, AsNumber(v, table, cols[k]));
        params.push_back(std::move(n));
      } else {
        params.push_back(v);
      }
    }
  }
  Status st = c.tx.Execute(sql, params).status();
  if (!st.ok()) return st.WithContext("复制表 " + table + " 失败");
  return Status::Ok();
}

// Keyset pagination on rowid keeps each read O(batch) even at 10 million
// rows. A table whose rows reference each other (a unit tree) is read in one
// batch when it fits one statement: PostgreSQL checks foreign keys at the end
// of each statement, so the order of rows inside it does not matter.
Result<int64_t> CopyTable(CopyContext& c, const std::string& table, bool self_referencing) {
  MINYI_ASSIGN_OR_RETURN(Rows probe, c.src.Query("SELECT * FROM " + Quote(table) + " LIMIT 1"));
  int64_t ncols = std::max<int64_t>(1, static_cast<int64_t>(probe.columns().size()));
  int64_t batch = std::min(kMaxRowsPerInsert, kMaxParamsPerInsert / ncols);
  if (self_referencing) {
    MINYI_ASSIGN_OR_RETURN(int64_t n, c.src.QueryInt("SELECT COUNT(*) FROM " + Quote(table)));
    if (n * ncols <= 60000) batch = std::max<int64_t>(batch, n);
  }
  MINYI_ASSIGN_OR_RETURN(std::set<std::string> numeric, NumericColumns(c.tx, table));
  int64_t copied = 0, last = -1;
  for (;;) {
    MINYI_ASSIGN_OR_RETURN(
        Rows rows, c.src.Query("SELECT rowid AS minyi_copy_rowid, * FROM " + Quote(table) +
                                   " WHERE rowid > ? ORDER BY rowid LIMIT ?",
                               {SqlValue(static_cast<long long>(last)), SqlValue(static_cast<long long>(batch))}));
    if (rows.empty()) break;
    MINYI_RETURN_IF_ERROR(InsertBatch(c, table, rows, 1, numeric));
    last = rows.row(rows.size() - 1)[0].AsInt();
    copied += static_cast<int64_t>(rows.size());
    c.total += static_cast<int64_t>(rows.size());
    if (c.progress) c.progress(table, copied, c.total);
    if (static_cast<int64_t>(rows.size()) < batch) break;
  }
  return copied;
}

Result<std::set<std::string>> SelfReferencing(Database& target) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, target.Query("SELECT DISTINCT tc.table_name FROM information_schema.table_constraints tc"
                              " JOIN information_schema.constraint_column_usage ccu"
                              "   ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema"
                              " WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()"
                              "   AND ccu.table_name = tc.table_name"));
  std::set<std::string> out;
  for (size_t i = 0; i < rows.size(); ++i) out.insert(rows.Text(i, "table_name"));
  return out;
}

// Identity columns keep generating from 1 unless moved past the copied ids.
Status ResetSequences(Database& tx, const std::vector<std::string>& tables) {
  MINYI_ASSIGN_OR_RETURN(Rows ids, tx.Query("SELECT table_name, column_name FROM information_schema.columns"
                                            " WHERE table_schema = current_schema() AND is_identity = 'YES'"));
  std::set<std::string> wanted(tables.begin(), tables.end());
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string t = ids.Text(i, "table_name"), col = ids.Text(i, "column_name");
    if (!wanted.count(t)) continue;
    MINYI_RETURN_IF_ERROR(tx.Query("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(" + Quote(col) +
                                       ") FROM " + Quote(t) + "), 0) + 1, false)",
                                   {SqlValue(Quote(t)), SqlValue(col)})
                              .status());
  }
  return Status::Ok();
}

Status VerifyCounts(Database& src, Database& tx, const std::vector<TableCopy>& copied) {
  for (const TableCopy& t : copied) {
    MINYI_ASSIGN_OR_RETURN(int64_t a, src.QueryInt("SELECT COUNT(*) FROM " + Quote(t.table)));
    MINYI_ASSIGN_OR_RETURN(int64_t b, tx.QueryInt("SELECT COUNT(*) FROM " + Quote(t.table)));
    if (a != b || a != t.rows) {
      return Corruption("核对失败：表 " + t.table + " 源库 " + std::to_string(a) + " 行，目标库 " + std::to_string(b) +
                        " 行；已全部撤销，目标库未写入");
    }
  }
  return Status::Ok();
}

Status CheckPreconditions(Store& from, Store& to) {
  if (from.db().Dialect() != "sqlite") return InvalidArgument("--from 应为 SQLite 数据目录（sqlite:目录）");
  if (to.db().Dialect() != "postgresql") return InvalidArgument("--to 应为 postgresql://… 数据库地址");
  MINYI_ASSIGN_OR_RETURN(int64_t v1, from.SchemaVersion());
  MINYI_ASSIGN_OR_RETURN(int64_t v2, to.SchemaVersion());
  if (v1 != v2) {
    return FailedPrecondition("两边的数据库结构版本不同（源 " + std::to_string(v1) + "，目标 " + std::to_string(v2) +
                              "），请用同一版本的 minyi 迁移");
  }
  return Status::Ok();
}

}  // namespace

Result<CopyReport> CopyStore(Store& from, Store& to, const Clock& clock, const Actor& actor,
                             const CopyProgress& progress) {
  MINYI_RETURN_IF_ERROR(CheckPreconditions(from, to));
  Database& src = from.db();
  MINYI_ASSIGN_OR_RETURN(std::set<std::string> source_tables, SourceTables(src));
  MINYI_ASSIGN_OR_RETURN(std::set<std::string> target_tables, TargetTables(to.db()));
  for (const std::string& t : source_tables) {
    if (!target_tables.count(t)) return FailedPrecondition("目标数据库缺少表 " + t + "，无法迁移");
  }
  MINYI_RETURN_IF_ERROR(CheckTargetEmpty(to.db(), target_tables));
  MINYI_ASSIGN_OR_RETURN(std::vector<std::string> order, DependencyOrder(to.db(), source_tables));
  MINYI_ASSIGN_OR_RETURN(std::set<std::string> self_ref, SelfReferencing(to.db()));

  CopyReport report;
  MINYI_RETURN_IF_ERROR(to.db().InTransaction([&](Database& tx) -> Status {
    // What migrations seeded (settings, SLA tables) is replaced by the
    // source's rows, which may have been edited; children go first.
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM " + Quote(*it)).status());
    }
    CopyContext c{src, tx, progress};
    for (const std::string& t : order) {
      MINYI_ASSIGN_OR_RETURN(int64_t n, CopyTable(c, t, self_ref.count(t) > 0));
      report.tables.push_back({t, n});
    }
    report.total_rows = c.total;
    MINYI_RETURN_IF_ERROR(ResetSequences(tx, order));
    MINYI_RETURN_IF_ERROR(VerifyCounts(src, tx, report.tables));
    MINYI_ASSIGN_OR_RETURN(AuditVerification audit, VerifyAuditChain(tx));
    if (!audit.ok()) {
      return Corruption("核对失败：目标库的审计链不完整（" + audit.problems.front() + "）；已全部撤销");
    }
    report.audit_rows_verified = audit.rows_checked;
    return AppendAudit(tx, clock, actor,
                       {"migrate", "database", "", "null",
                        "{\"rows\":" + std::to_string(report.total_rows) +
                            ",\"tables\":" + std::to_string(report.tables.size()) + "}"});
  }));
  return report;
}

}  // namespace minyi
