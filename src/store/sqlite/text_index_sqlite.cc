// SQLite FTS5 implementation of store/text_index.h.
//
// Why contentless + detail=none + unicode61: the terms are already words
// (the caller segments Chinese), so unicode61 only splits on the spaces;
// contentless stores no second copy of the text; detail=none stores no
// positions, roughly halving index writes. Phrase and substring checks are
// done by the caller on the item's stored text, so positions are not needed.
#include <string>

#include "store/postgres/postgres_store.h"
#include "store/text_index.h"

namespace minyi {
namespace {

// Rows per multi-row INSERT. Large, because FTS5 flushes its pending terms
// into a new segment at every statement inside a transaction: one
// statement per ingest batch means one segment per batch, and less merging.
constexpr size_t kRowsPerInsert = 2000;

bool IsSafeName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

class SqliteTextIndex final : public TextIndex {
 public:
  explicit SqliteTextIndex(std::string table) : table_(std::move(table)) {}

  Status Add(Database& tx, const std::vector<TextIndexDoc>& docs) const override { return Write(tx, docs, false); }
  Status Remove(Database& tx, const std::vector<TextIndexDoc>& docs) const override { return Write(tx, docs, true); }

  SqlCondition MatchAll(const std::vector<std::string>& terms) const override {
    std::string query;
    for (const std::string& t : terms) {
      if (!query.empty()) query += ' ';
      query += '"';
      for (char c : t) {
        if (c == '"') query += '"';
        query += c;
      }
      query += '"';
    }
    return {"i.id IN (SELECT rowid FROM " + table_ + " WHERE " + table_ + " MATCH ?)", {SqlValue(query)}};
  }

 private:
  Status Write(Database& tx, const std::vector<TextIndexDoc>& docs, bool remove) const {
    for (size_t start = 0; start < docs.size(); start += kRowsPerInsert) {
      size_t end = std::min(docs.size(), start + kRowsPerInsert);
      std::string sql = remove ? "INSERT INTO " + table_ + "(" + table_ + ", rowid, terms) VALUES "
                               : "INSERT INTO " + table_ + "(rowid, terms) VALUES ";
      SqlParams params;
      params.reserve((end - start) * 2);
      for (size_t i = start; i < end; ++i) {
        if (i > start) sql += ',';
        sql += remove ? "('delete',?,?)" : "(?,?)";
        params.emplace_back(static_cast<long long>(docs[i].id));
        params.emplace_back(docs[i].terms);
      }
      MINYI_RETURN_IF_ERROR(tx.Execute(sql, params).status());
    }
    return Status::Ok();
  }

  std::string table_;
};

}  // namespace

Result<std::unique_ptr<TextIndex>> OpenTextIndex(Database& db, const std::string& name) {
  if (db.Dialect() == "postgresql") return OpenPostgresTextIndex(db, name);
  if (db.Dialect() != "sqlite") return Unimplemented("该数据库尚不支持全文索引：" + std::string(db.Dialect()));
  if (!IsSafeName(name)) return InvalidArgument("全文索引名称无效：" + name);
  std::string table = name + "_fts";
  MINYI_RETURN_IF_ERROR(db.Execute("CREATE VIRTUAL TABLE IF NOT EXISTS " + table +
                                   " USING fts5(terms, content='', detail=none,"
                                   " tokenize='unicode61 remove_diacritics 0')")
                            .status());
  return std::unique_ptr<TextIndex>(std::make_unique<SqliteTextIndex>(table));
}

}  // namespace minyi
