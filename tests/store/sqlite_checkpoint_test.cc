// The SQLite store copies its write-ahead log back into the database file on
// a background thread, not inside the COMMIT of the connection that wrote;
// the log must still be folded in while the store is open, and on close.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "common/crypto.h"
#include "common/env.h"
#include "store/store.h"

namespace minyi {
namespace {

TEST(SqliteCheckpointTest, TheLogIsFoldedIntoTheFileWhileTheStoreIsOpen) {
  std::string dir = (std::filesystem::temp_directory_path() / ("minyi-ckpt-" + RandomHex(6))).string();
  ManualClock clock(1'790'000'000);
  StoreOptions o;
  o.location = dir;
  o.clock = &clock;
  auto store = Store::Open(o);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Database& db = (*store)->db();
  ASSERT_TRUE(db.Execute("CREATE TABLE ckpt_blobs (id INTEGER PRIMARY KEY, body TEXT)").ok());
  const std::string body(64 << 10, 'x');
  const std::filesystem::path file = std::filesystem::path(dir) / "minyi.db";
  const uintmax_t before = std::filesystem::file_size(file);
  // ~24 MB in small transactions: past the 16 MB at which a checkpoint is due.
  for (int t = 0; t < 48; ++t) {
    ASSERT_TRUE(db.InTransaction([&](Database& tx) -> Status {
                    for (int i = 0; i < 8; ++i) {
                      MINYI_RETURN_IF_ERROR(
                          tx.Execute("INSERT INTO ckpt_blobs(body) VALUES (?)", {SqlValue(body)}).status());
                    }
                    return Status::Ok();
                  }).ok());
  }
  // Nothing here checkpoints: only the store's own thread can grow the file.
  bool grown = false;
  for (int i = 0; i < 200 && !grown; ++i) {
    grown = std::filesystem::file_size(file) >= before + (16u << 20);
    if (!grown) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(grown) << std::filesystem::file_size(file);
  auto n = db.QueryInt("SELECT COUNT(*) FROM ckpt_blobs");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 48 * 8);
  store->reset();
  // Closing leaves one self-contained file: the log is folded in and removed.
  EXPECT_FALSE(std::filesystem::exists(file.string() + "-wal"));
  auto reopened = Store::Open(o);
  ASSERT_TRUE(reopened.ok());
  auto again = (*reopened)->db().QueryInt("SELECT COUNT(*) FROM ckpt_blobs");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 48 * 8);
  reopened->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace minyi
