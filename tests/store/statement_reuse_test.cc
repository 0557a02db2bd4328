// The same SQL text run again and again (the SQLite adapter keeps prepared
// statements per connection): results stay right across schema changes,
// failed runs, bound values of earlier runs and more distinct statements
// than the adapter keeps.
#include <gtest/gtest.h>

#include <string>

#include "store/backend_fixture.h"

namespace minyi {
namespace {

class StatementReuseTest : public BackendTest {};

TEST_P(StatementReuseTest, ASchemaChangeIsSeenByTheSameStatement) {
  ASSERT_TRUE(db().Execute("CREATE TABLE reuse_t (id BIGINT PRIMARY KEY, name TEXT)").ok());
  ASSERT_TRUE(db().Execute("INSERT INTO reuse_t(id, name) VALUES (1, '甲')").ok());
  auto before = db().Query("SELECT * FROM reuse_t");
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->columns().size(), 2u);
  ASSERT_TRUE(db().Execute("ALTER TABLE reuse_t ADD COLUMN note TEXT").ok());
  auto after = db().Query("SELECT * FROM reuse_t");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->columns().size(), 3u);
  // Dropped and recreated differently: the statement fails cleanly, then
  // works again once the table is back.
  ASSERT_TRUE(db().Execute("DROP TABLE reuse_t").ok());
  EXPECT_FALSE(db().Query("SELECT * FROM reuse_t").ok());
  ASSERT_TRUE(db().Execute("CREATE TABLE reuse_t (id BIGINT PRIMARY KEY)").ok());
  auto again = db().Query("SELECT * FROM reuse_t");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->columns().size(), 1u);
}

TEST_P(StatementReuseTest, AFailedRunLeavesTheStatementUsable) {
  ASSERT_TRUE(db().Execute("CREATE TABLE reuse_u (id BIGINT PRIMARY KEY, name TEXT NOT NULL)").ok());
  const std::string insert = "INSERT INTO reuse_u(id, name) VALUES (?, ?)";
  ASSERT_TRUE(db().Execute(insert, {SqlValue(1LL), SqlValue(std::string("甲"))}).ok());
  auto dup = db().Execute(insert, {SqlValue(1LL), SqlValue(std::string("乙"))});
  EXPECT_EQ(dup.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_FALSE(db().Execute(insert, {SqlValue(2LL), SqlValue()}).ok());  // NOT NULL
  ASSERT_TRUE(db().Execute(insert, {SqlValue(2LL), SqlValue(std::string("丙"))}).ok());
  // Inside a transaction that rolls back, and after it.
  Status st = db().InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute(insert, {SqlValue(3LL), SqlValue(std::string("丁"))}).status());
    return tx.Execute(insert, {SqlValue(3LL), SqlValue(std::string("戊"))}).status();
  });
  EXPECT_EQ(st.code(), ErrorCode::kAlreadyExists);
  ASSERT_TRUE(db().Execute(insert, {SqlValue(3LL), SqlValue(std::string("己"))}).ok());
  auto rows = db().Query("SELECT name FROM reuse_u ORDER BY id");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ(rows->Text(0, "name"), "甲");
  EXPECT_EQ(rows->Text(1, "name"), "丙");
  EXPECT_EQ(rows->Text(2, "name"), "己");
}

TEST_P(StatementReuseTest, ManyDistinctStatementsAndNoStaleBindings) {
  ASSERT_TRUE(db().Execute("CREATE TABLE reuse_v (id BIGINT PRIMARY KEY, n BIGINT)").ok());
  // More distinct statements than any cache keeps, each run twice.
  for (int round = 0; round < 2; ++round) {
    for (long long i = 1; i <= 300; ++i) {
      std::string sql = "INSERT INTO reuse_v(id, n) VALUES (?, " + std::to_string(i) + ")" +
                        " ON CONFLICT (id) DO UPDATE SET n = excluded.n + " + std::to_string(round);
      ASSERT_TRUE(db().Execute(sql, {SqlValue(i)}).ok()) << i;
    }
  }
  auto sum = db().QueryInt("SELECT SUM(n) FROM reuse_v");
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(*sum, 300 * 301 / 2 + 300);
  // A statement run with fewer results than before returns only its own.
  const std::string select = "SELECT id FROM reuse_v WHERE n >= ? ORDER BY id";
  auto all = db().Query(select, {SqlValue(0LL)});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 300u);
  auto few = db().Query(select, {SqlValue(300LL)});
  ASSERT_TRUE(few.ok());
  EXPECT_EQ(few->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatementReuseTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minyi
