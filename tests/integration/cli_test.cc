// The admin subcommands of the real binary: user add, backup, restore, audit.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "integration/process_util.h"

namespace minyi::testing {
namespace {

void Sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << msg;
}

TEST(CliTest, UserAddReadsPasswordFromStdinAndChecksIt) {
  TempDir dir;
  auto weak = RunMinyi({"user", "add", "--data", dir.path(), "--name", "wang", "--role", "admin"}, "123\n");
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("错误："), std::string::npos);
  auto bad_role = RunMinyi({"user", "add", "--data", dir.path(), "--name", "wang", "--role", "boss"}, "Passw0rd!\n");
  EXPECT_NE(bad_role.exit_code, 0);
  EXPECT_NE(bad_role.err.find("未知角色"), std::string::npos);
  auto ok = RunMinyi({"user", "add", "--data", dir.path(), "--name", "wang", "--role", "admin"}, "Passw0rd!\n");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  auto dup = RunMinyi({"user", "add", "--data", dir.path(), "--name", "wang", "--role", "admin"}, "Passw0rd!\n");
  EXPECT_EQ(dup.exit_code, 1);
  EXPECT_NE(dup.err.find("已被使用"), std::string::npos);
}

TEST(CliTest, UnknownSubcommandFailsClearly) {
  auto r = RunMinyi({"frobnicate"});
  EXPECT_NE(r.exit_code, 0);
}

TEST(CliTest, AuditVerifyDetectsEditedAndDeletedRows) {
  TempDir dir;
  for (const char* name : {"a1", "a2", "a3"}) {
    ASSERT_EQ(
        RunMinyi({"user", "add", "--data", dir.path(), "--name", name, "--role", "editor"}, "Passw0rd!\n").exit_code,
        0);
  }
  auto good = RunMinyi({"audit", "verify", "--data", dir.path()});
  EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
  EXPECT_NE(good.out.find("审计链完好"), std::string::npos);

  std::string db = dir.path() + "/minyi.db";
  Sql(db, "UPDATE audit_log SET after_json = '{\"name\":\"x\"}' WHERE id = 2");
  auto edited = RunMinyi({"audit", "verify", "--data", dir.path()});
  EXPECT_EQ(edited.exit_code, 1);
  EXPECT_NE(edited.out.find("第 2 条记录被修改过"), std::string::npos) << edited.out;
}

TEST(CliTest, AuditVerifyDetectsTruncatedChain) {
  TempDir dir;
  for (const char* name : {"b1", "b2"}) {
    ASSERT_EQ(
        RunMinyi({"user", "add", "--data", dir.path(), "--name", name, "--role", "editor"}, "Passw0rd!\n").exit_code,
        0);
  }
  Sql(dir.path() + "/minyi.db", "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)");
  auto r = RunMinyi({"audit", "verify", "--data", dir.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("末尾不符"), std::string::npos) << r.out;
}

TEST(CliTest, BackupAndRestoreRoundTrip) {
  TempDir dir, other;
  ASSERT_EQ(
      RunMinyi({"user", "add", "--data", dir.path(), "--name", "keep", "--role", "admin"}, "Passw0rd!\n").exit_code, 0);
  std::string file = other.path() + "/backup.minyi";
  auto b = RunMinyi({"backup", "--data", dir.path(), "--out", file});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  ASSERT_EQ(
      RunMinyi({"user", "add", "--data", dir.path(), "--name", "later", "--role", "admin"}, "Passw0rd!\n").exit_code,
      0);
  auto r = RunMinyi({"restore", "--data", dir.path(), "--from", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // After restore "later" is gone and "keep" remains: adding "later" works again.
  EXPECT_EQ(
      RunMinyi({"user", "add", "--data", dir.path(), "--name", "later", "--role", "admin"}, "Passw0rd!\n").exit_code,
      0);
  EXPECT_EQ(
      RunMinyi({"user", "add", "--data", dir.path(), "--name", "keep", "--role", "admin"}, "Passw0rd!\n").exit_code, 1);
  EXPECT_EQ(RunMinyi({"audit", "verify", "--data", dir.path()}).exit_code, 0);
}

TEST(CliTest, RestoreRefusesFilesThatAreNotMinyiBackups) {
  TempDir dir, other;
  ASSERT_EQ(
      RunMinyi({"user", "add", "--data", dir.path(), "--name", "keep", "--role", "admin"}, "Passw0rd!\n").exit_code, 0);
  std::string text = other.path() + "/notes.txt";
  std::ofstream(text) << "not a database";
  auto r1 = RunMinyi({"restore", "--data", dir.path(), "--from", text});
  EXPECT_EQ(r1.exit_code, 2);
  EXPECT_NE(r1.err.find("不是 Minyi 备份文件"), std::string::npos) << r1.err;
  std::string foreign = other.path() + "/foreign.db";
  Sql(foreign, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
  auto r2 = RunMinyi({"restore", "--data", dir.path(), "--from", foreign});
  EXPECT_EQ(r2.exit_code, 2);
  auto missing = RunMinyi({"restore", "--data", dir.path(), "--from", other.path() + "/nope"});
  EXPECT_EQ(missing.exit_code, 2);
  // Nothing was lost: the existing account is still there.
  EXPECT_EQ(
      RunMinyi({"user", "add", "--data", dir.path(), "--name", "keep", "--role", "admin"}, "Passw0rd!\n").exit_code, 1);
}

TEST(CliTest, RestoreRefusesWhileServerRuns) {
  TempDir dir, other;
  ServerProcess server({"serve", "--data", dir.path(), "--listen", "127.0.0.1:0"});
  ASSERT_TRUE(server.running());
  std::string file = other.path() + "/b.minyi";
  ASSERT_EQ(RunMinyi({"backup", "--data", dir.path(), "--out", file}).exit_code, 0);
  auto r = RunMinyi({"restore", "--data", dir.path(), "--from", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("正被另一个"), std::string::npos) << r.err;
  EXPECT_TRUE(server.Alive());
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace minyi::testing
