// PostgreSQL implementation of store/text_index.h.
//
// Why a TEXT[] column with a GIN index rather than pg_trgm or tsvector: the
// caller already segments Chinese into words and bigrams, so the index only
// needs "contains every one of these exact terms" — GIN array containment
// (`terms @> ARRAY[...]`) does that directly. pg_trgm would cut two-character
// Chinese words into padded trigrams (weak selectivity, locale-dependent
// alphanumeric rules) and tsvector's default parser drops CJK characters
// under some database locales; both also need an extension or configuration
// that differs between servers. The array index needs neither, so it works
// on any PostgreSQL ≥ 12 without superuser rights. Terms are split on spaces
// and lower-cased on both sides (as FTS5's unicode61 folds case on SQLite).
//
// Writes are idempotent (upsert by id), so two ingest workers re-indexing the
// same item leave one row.
#include <algorithm>
#include <string>

#include "store/postgres/postgres_store.h"
#include "store/text_index.h"

namespace minyi {
namespace {

constexpr size_t kRowsPerInsert = 400;
// Serializes the CREATE ... IF NOT EXISTS of concurrent processes, which
// PostgreSQL does not make race-free by itself.
constexpr int64_t kCreateLockKey = 0x4D4E5954;  // "MNYT"
constexpr const char* kTermsArray = "array_remove(string_to_array(lower(CAST(? AS TEXT)), ' '), '')";

bool IsSafeIndexName(const std::string& name) {
  if (name.empty() || name.size() > 48) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

class PostgresTextIndex final : public TextIndex {
 public:
  explicit PostgresTextIndex(std::string table) : table_(std::move(table)) {}

  Status Add(Database& tx, const std::vector<TextIndexDoc>& docs) const override {
    for (size_t start = 0; start < docs.size(); start += kRowsPerInsert) {
      size_t end = std::min(docs.size(), start + kRowsPerInsert);
      std::string sql = "INSERT INTO " + table_ + " (id, terms) VALUES ";
      SqlParams params;
      params.reserve((end - start) * 2);
      for (size_t i = start; i < end; ++i) {
        if (i > start) sql += ',';
        sql += std::string("(CAST(? AS BIGINT), ") + kTermsArray + ")";
        params.emplace_back(static_cast<long long>(docs[i].id));
        params.emplace_back(docs[i].terms);
      }
      sql += " ON CONFLICT (id) DO UPDATE SET terms = EXCLUDED.terms";
      MINYI_RETURN_IF_ERROR(tx.Execute(sql, params).status());
    }
    return Status::Ok();
  }

  Status Remove(Database& tx, const std::vector<TextIndexDoc>& docs) const override {
    for (size_t start = 0; start < docs.size(); start += kRowsPerInsert) {
      size_t end = std::min(docs.size(), start + kRowsPerInsert);
      std::string ids;
      for (size_t i = start; i < end; ++i) ids += (i > start ? "," : "") + std::to_string(docs[i].id);
      MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM " + table_ + " WHERE id IN (" + ids + ")").status());
    }
    return Status::Ok();
  }

  SqlCondition MatchAll(const std::vector<std::string>& terms) const override {
    std::string joined;
    for (const std::string& t : terms) {
      if (!joined.empty()) joined += ' ';
      joined += t;
    }
    return {"i.id IN (SELECT id FROM " + table_ + " WHERE terms @> " + kTermsArray + ")", {SqlValue(joined)}};
  }

 private:
  std::string table_;
};

}  // namespace

Result<std::unique_ptr<TextIndex>> OpenPostgresTextIndex(Database& db, const std::string& name) {
  if (!IsSafeIndexName(name)) return InvalidArgument("全文索引名称无效：" + name);
  std::string table = name + "_terms";
  MINYI_RETURN_IF_ERROR(db.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Query("SELECT pg_advisory_xact_lock(" + std::to_string(kCreateLockKey) + ")").status());
    MINYI_RETURN_IF_ERROR(
        tx.Execute("CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT PRIMARY KEY, terms TEXT[] NOT NULL)").status());
    return tx.Execute("CREATE INDEX IF NOT EXISTS " + table + "_gin ON " + table + " USING GIN (terms)").status();
  }));
  return std::unique_ptr<TextIndex>(std::make_unique<PostgresTextIndex>(table));
}

}  // namespace minyi
