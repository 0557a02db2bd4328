// The full-text index contract on both backends: a candidate filter selecting
// items that contain every term, exact on words (Chinese included), case
// folded, idempotent on re-add, and forgetting removed documents.
#include "store/text_index.h"

#include <gtest/gtest.h>

#include <set>

#include "store/backend_fixture.h"

namespace minyi {
namespace {

class TextIndexTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    ASSERT_TRUE(db().Execute("CREATE TABLE ti_items (id BIGINT PRIMARY KEY, title TEXT)").ok());
    auto index = OpenTextIndex(db(), "ti_items");
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(*index);
  }

  Status AddItems(const std::vector<TextIndexDoc>& docs) {
    return db().InTransaction([&](Database& tx) -> Status {
      for (const auto& d : docs) {
        MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO ti_items (id, title) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                                         {SqlValue(static_cast<long long>(d.id)), SqlValue(d.terms)})
                                  .status());
      }
      return index_->Add(tx, docs);
    });
  }

  std::set<int64_t> Match(const std::vector<std::string>& terms) {
    SqlCondition c = index_->MatchAll(terms);
    auto rows = db().Query("SELECT i.id FROM ti_items i WHERE " + c.sql + " ORDER BY i.id", c.params);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::set<int64_t> out;
    if (!rows.ok()) return out;
    for (size_t r = 0; r < rows->size(); ++r) out.insert(rows->Int(r, "id"));
    return out;
  }

  std::unique_ptr<TextIndex> index_;
};

TEST_P(TextIndexTest, MatchesEveryTermIncludingChinese) {
  ASSERT_TRUE(AddItems({{1, "县 人民 医院 医院 挂号 难"},
                        {2, "县 教育局 招生 政策"},
                        {3, "人民 公园 改造 Wifi 覆盖"},
                        {4, "医院 停车 收费"}})
                  .ok());
  EXPECT_EQ(Match({"医院"}), (std::set<int64_t>{1, 4}));
  EXPECT_EQ(Match({"人民", "医院"}), (std::set<int64_t>{1}));
  EXPECT_EQ(Match({"wifi"}), (std::set<int64_t>{3}));  // case folded
  EXPECT_EQ(Match({"WIFI", "覆盖"}), (std::set<int64_t>{3}));
  EXPECT_TRUE(Match({"医"}).empty());  // terms are whole words, not substrings
  EXPECT_TRUE(Match({"不存在"}).empty());
  if (GetParam() == "postgresql") {
    // Quotes are data. (FTS5 would read a term with spaces as a phrase, which
    // detail=none refuses; callers split on spaces, so it never gets one.)
    EXPECT_TRUE(Match({"'; DROP TABLE ti_items; --\""}).empty());
  }
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM ti_items"), 4);
}

TEST_P(TextIndexTest, RemoveForgetsAndReAddIsIdempotent) {
  ASSERT_TRUE(AddItems({{1, "暴雨 预警"}, {2, "暴雨 积水 道路"}}).ok());
  ASSERT_TRUE(db().InTransaction([&](Database& tx) { return index_->Remove(tx, {{1, "暴雨 预警"}}); }).ok());
  EXPECT_EQ(Match({"暴雨"}), (std::set<int64_t>{2}));
  // Indexing the same item twice (a retried batch) must not double it or
  // fail; on PostgreSQL the second write replaces the first.
  if (GetParam() == "postgresql") {
    ASSERT_TRUE(AddItems({{2, "暴雨 积水 道路"}}).ok());
    EXPECT_EQ(Match({"积水", "道路"}), (std::set<int64_t>{2}));
  }
  // A failed transaction leaves the index as it was.
  Status st = db().InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(index_->Add(tx, {{3, "暴雨 停课"}}));
    return FailedPrecondition("中止");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(Match({"停课"}).empty());
}

TEST_P(TextIndexTest, RejectsUnsafeNamesAndReopens) {
  EXPECT_EQ(OpenTextIndex(db(), "bad name; --").status().code(), ErrorCode::kInvalidArgument);
  auto again = OpenTextIndex(db(), "ti_items");  // opening twice is harmless
  ASSERT_TRUE(again.ok()) << again.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(Backends, TextIndexTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minyi
