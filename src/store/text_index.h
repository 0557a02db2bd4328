// Full-text index over monitored items, behind a dialect-neutral interface.
//
// Contract: the caller (monitor) decides what a document's index terms are —
// for Chinese, jieba-segmented words plus the character bigrams inside long
// words, joined by spaces — and the index stores them against an item id.
// Querying returns a SQL condition over the items table (aliased `i`) that
// selects the items containing every given term; it is a candidate filter
// only, callers verify phrases/substrings on the stored text themselves.
// SQLite implements it with a contentless FTS5 unicode61 table (detail=none:
// fastest ingest, positions are not needed because of that verification);
// PostgreSQL will implement it with pg_trgm or tsvector.
//
// Thread safety: an index object is immutable after Open; its methods may be
// called concurrently with different Database handles.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace minyi {

struct TextIndexDoc {
  int64_t id = 0;
  std::string terms;  // space-separated index terms
};

struct SqlCondition {
  std::string sql;  // e.g. "i.id IN (SELECT rowid FROM t WHERE t MATCH ?)"
  SqlParams params;
};

class TextIndex {
 public:
  virtual ~TextIndex() = default;
  // Adds documents inside the caller's transaction.
  virtual Status Add(Database& tx, const std::vector<TextIndexDoc>& docs) const = 0;
  // Removes documents; `terms` must be what was added for that id.
  virtual Status Remove(Database& tx, const std::vector<TextIndexDoc>& docs) const = 0;
  // Condition true for items whose indexed terms include every one of
  // `terms` (non-empty).
  virtual SqlCondition MatchAll(const std::vector<std::string>& terms) const = 0;
};

// Opens (creating when needed) the index named `name` for the database's
// dialect. kUnimplemented for a dialect without an implementation yet.
Result<std::unique_ptr<TextIndex>> OpenTextIndex(Database& db, const std::string& name);

}  // namespace minyi
