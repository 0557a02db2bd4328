// Numbered schema migrations, embedded at build time from migrations/*.sql.
//
// Contract: versions are applied in ascending order, each in its own
// transaction, and recorded in schema_migrations; an applied version is never
// edited (add a new file instead). SQL is portable apart from these macros,
// expanded by each adapter: @PK@ (auto-increment integer primary key),
// @BLOB@ (binary column type).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace minyi {

struct Migration {
  int64_t version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& EmbeddedMigrations();

// The application_id stamped into every Minyi SQLite file ("MNYI").
inline constexpr int32_t kSqliteApplicationId = 0x4D4E5949;

}  // namespace minyi
