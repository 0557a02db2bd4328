// PostgreSQL adapter of the store (libpq), for larger deployments where
// several `minyi` processes share one database.
//
// Contract: the same Database semantics as the SQLite adapter — portable SQL
// with `?` placeholders (rewritten to $1..$n outside literals), SQLite's
// instr() provided as a function, the same
// migrations (@PK@ → identity BIGINT key, @BLOB@ → BYTEA, INTEGER → BIGINT so
// 64-bit hashes and times fit), errors mapped to the same codes (unique
// violation → already_exists, other constraint → failed_precondition,
// serialization/deadlock/connection → unavailable). Migrations run under a
// session advisory lock, so processes starting together apply each version
// once. Values come back typed by column: integers, doubles, text; BYTEA as
// raw bytes. No libpq type leaves this folder.
//
// Thread safety: as Store — a pool of connections; InTransaction binds one.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace minyi {

// location: "postgresql://user@host:port/dbname?..." (any libpq URI).
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& location, const StoreOptions& options);

// The migration SQL as PostgreSQL runs it (exposed for tests).
std::string ExpandPostgresMacros(std::string sql);

// The full-text index of store/text_index.h on PostgreSQL (called by
// OpenTextIndex for the "postgresql" dialect).
class TextIndex;
Result<std::unique_ptr<TextIndex>> OpenPostgresTextIndex(Database& db, const std::string& name);

// "a = ? AND b = '?'" → "a = $1 AND b = '?'".
std::string RewritePlaceholders(std::string_view sql, int* count);

}  // namespace minyi
