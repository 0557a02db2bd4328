#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/crypto.h"
#include "store/audit.h"
#include "store/backend_fixture.h"
#include "store/org.h"
#include "store/pg_cluster.h"

namespace minyi {
namespace {

// Every store test runs on both backends: the embedded SQLite file and a
// real PostgreSQL server.
using StoreTest = BackendTest;

TEST_P(StoreTest, MigrationsAppliedOnceAndDataPersists) {
  EXPECT_GE(*store_->SchemaVersion(), 1);
  OrgRepo org(db(), clock_);
  ASSERT_TRUE(org.SaveOrganization(actor_, {"某县", "", ""}).ok());
  store_.reset();
  Open();  // reopening applies nothing twice and keeps the rows
  EXPECT_EQ(OrgRepo(db(), clock_).GetOrganization()->name, "某县");
}

// A release may ship a migration numbered below one already applied (0023
// after 0050); opening an existing database must still apply it.
TEST_P(StoreTest, MigrationMissingBelowTheHighestIsApplied) {
  for (const char* table : {"monitor_workers", "monitor_inbox", "monitor_cluster"}) {
    ASSERT_TRUE(db().Execute(std::string("DROP TABLE ") + table).ok()) << table;
  }
  ASSERT_TRUE(db().Execute("DELETE FROM schema_migrations WHERE version = 23").ok());
  store_.reset();
  Open();
  EXPECT_TRUE(db().Query("SELECT COUNT(*) FROM monitor_inbox", {}).ok());
  auto n = db().Query("SELECT COUNT(*) FROM schema_migrations WHERE version = 23", {});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->row(0)[0].AsInt(), 1);
}

TEST_P(StoreTest, TransactionRollsBackOnError) {
  Status st = db().InTransaction([](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO settings(key, value) VALUES (?, ?)", {"k", "v"}).status());
    return FailedPrecondition("中止");
  });
  EXPECT_EQ(st.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM settings"), 0);
  // Nested transactions become savepoints: the inner failure is contained.
  st = db().InTransaction([](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO settings(key, value) VALUES ('a', '1')").status());
    Status inner = tx.InTransaction([](Database& t2) -> Status {
      MINYI_RETURN_IF_ERROR(t2.Execute("INSERT INTO settings(key, value) VALUES ('b', '2')").status());
      return Internal("内层失败");
    });
    EXPECT_FALSE(inner.ok());
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM settings"), 1);
}

TEST_P(StoreTest, ValuesRoundTripAndErrorsAreValues) {
  ASSERT_TRUE(db().Execute("INSERT INTO settings(key, value) VALUES (?, ?)", {"中文", std::string(3, 'x')}).ok());
  auto rows = db().Query("SELECT key, value, 1.5 AS d, NULL AS n FROM settings");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Text(0, "key"), "中文");
  EXPECT_DOUBLE_EQ(rows->Double(0, "d"), 1.5);
  EXPECT_TRUE(rows->IsNull(0, "n"));
  auto dup = db().Execute("INSERT INTO settings(key, value) VALUES (?, ?)", {"中文", "y"});
  EXPECT_EQ(dup.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_FALSE(db().Query("SELEC nonsense").ok());
  EXPECT_FALSE(db().Query("SELECT ?", {}).ok());  // wrong parameter count
}

TEST_P(StoreTest, UnitTreeRejectsCyclesAndDuplicates) {
  OrgRepo org(db(), clock_);
  int64_t town = *org.CreateUnit(actor_, {0, 0, "城关镇", "other", 1, true});
  int64_t village = *org.CreateUnit(actor_, {0, town, "东关村", "village", 1, true});
  EXPECT_EQ(org.CreateUnit(actor_, {0, town, "东关村", "village", 2, true}).status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(org.CreateUnit(actor_, {0, 0, "城关镇", "other", 1, true}).status().code(), ErrorCode::kAlreadyExists);
  Unit moved{town, village, "城关镇", "other", 1, true};
  EXPECT_EQ(org.UpdateUnit(actor_, moved).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(org.CreateUnit(actor_, {0, 0, "某单位", "planet", 1, true}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(org.DeleteUnit(actor_, town).code(), ErrorCode::kFailedPrecondition);  // has a child
  EXPECT_TRUE(org.DeleteUnit(actor_, village).ok());
  EXPECT_EQ(org.UnitSubtree(town)->size(), 1u);
}

TEST_P(StoreTest, AuditChainDetectsTampering) {
  OrgRepo org(db(), clock_);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(org.CreateUnit(actor_, {0, 0, "科室" + std::to_string(i), "department", i, true}).ok());
  }
  auto ok = VerifyAuditChain(db());
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->ok());
  EXPECT_EQ(ok->rows_checked, 5);
  ASSERT_TRUE(db().Execute("UPDATE audit_log SET actor_name = '别人' WHERE id = 3").ok());
  auto bad = VerifyAuditChain(db());
  EXPECT_FALSE(bad->ok());
  ASSERT_TRUE(db().Execute("DELETE FROM audit_log WHERE id = 2").ok());
  EXPECT_GE(VerifyAuditChain(db())->problems.size(), 2u);
}

TEST_P(StoreTest, BackupIsRecognizedAndForeignFilesAreRefused) {
  if (GetParam() == "postgresql") {
    EXPECT_EQ(store_->Backup(dir_ + "/x").code(), ErrorCode::kUnimplemented);  // pg_dump's job
    return;
  }
  OrgRepo org(db(), clock_);
  ASSERT_TRUE(org.SaveOrganization(actor_, {"备份前", "", ""}).ok());
  std::string backup = dir_ + "/copy.minyi";
  ASSERT_TRUE(store_->Backup(backup).ok());
  std::string junk = dir_ + "/junk.txt";
  std::ofstream(junk) << "hello";
  std::string target = dir_ + "/restored";
  EXPECT_EQ(RestoreBackup("sqlite:" + target, junk).code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(RestoreBackup("sqlite:" + target, backup).ok());
  StoreOptions o{"sqlite:" + target, 2, 1000, &clock_};
  auto restored = Store::Open(o);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(OrgRepo((*restored)->db(), clock_).GetOrganization()->name, "备份前");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(StoreOpenTest, RefusesForeignDatabaseAndUnreachableServer) {
  ManualClock clock(0);
  std::string dir = (std::filesystem::temp_directory_path() / ("minyi-foreign-" + RandomHex(6))).string();
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/minyi.db") << "this is not sqlite at all, just text that is long enough to look odd";
  StoreOptions o{dir, 2, 1000, &clock};
  auto s = Store::Open(o);
  EXPECT_FALSE(s.ok());
  std::filesystem::remove_all(dir);
  StoreOptions pg{"postgresql://127.0.0.1:1/minyi?connect_timeout=2", 2, 1000, &clock};
  EXPECT_EQ(Store::Open(pg).status().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace minyi
