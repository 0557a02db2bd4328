// `minyi migrate`: a populated SQLite installation (the demo) moves to a
// fresh PostgreSQL database and a server on PostgreSQL shows the same
// records; a non-empty target and bad arguments are refused clearly, and the
// source is never changed. Needs MINYI_TEST_POSTGRES (scripts/test sets it).
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

// Logs in as the demo admin and reads JSON from one server.
class Api {
 public:
  explicit Api(int port) : client_("127.0.0.1", port) {
    client_.set_read_timeout(30, 0);
    auto res =
        client_.Post("/api/v1/session", json{{"name", "admin"}, {"password", "minyi2026"}}.dump(), "application/json");
    if (!res || res->status != 200) return;
    std::string cookie = res->get_header_value("Set-Cookie");
    headers_ = {{"Cookie", cookie.substr(0, cookie.find(';'))}};
  }
  json Get(const std::string& path) {
    auto res = client_.Get(path, headers_);
    if (!res || res->status != 200) return json();
    return json::parse(res->body, nullptr, false);
  }

 private:
  httplib::Client client_;
  httplib::Headers headers_;
};

// The identifying fields of each listed record (times such as a last login
// legitimately change when the test logs in).
json Ids(const json& list) {
  json out = json::array();
  if (!list.is_array()) return out;
  for (const json& e : list) {
    json k;
    for (const char* f : {"id", "name", "title", "role"}) {
      if (e.contains(f)) k[f] = e[f];
    }
    out.push_back(k);
  }
  return out;
}

// What a user would compare after moving: the same people, units, items
// (and what search finds) and events.
json Snapshot(int port) {
  Api api(port);
  json s;
  json users = api.Get("/api/v1/users");
  s["users"] = Ids(users.is_array() ? users : users["users"]);
  json units = api.Get("/api/v1/units");
  s["units"] = Ids(units.is_array() ? units : units["units"]);
  json items = api.Get("/api/v1/monitor/items?limit=50");
  s["items_total"] = items["total"];
  s["items"] = Ids(items["items"]);
  s["search"] = api.Get("/api/v1/monitor/items?q=%E9%94%A6%E7%BB%A3%E8%8A%B1%E5%9B%AD")["total"];  // 锦绣花园
  s["events"] = Ids(api.Get("/api/v1/monitor/events")["events"]);
  return s;
}

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (TestingOnPostgres()) GTEST_SKIP() << "the source must be SQLite; runs in the SQLite pass";
    if (dst_.database_uri().empty()) GTEST_SKIP() << "MINYI_TEST_POSTGRES not set (run scripts/test)";
  }
  TempDir src_{TempBackend::kSqlite};
  TempDir dst_{TempBackend::kPostgres};
};

TEST_F(MigrateTest, DemoMovesToPostgresAndServerShowsTheSameRecords) {
  json before;
  {
    ServerProcess demo({"demo", "--data", src_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(demo.running());
    before = Snapshot(demo.port());
  }
  ASSERT_GE(before["items_total"].get<int>(), 50);
  ASSERT_FALSE(before["users"].empty());
  ASSERT_GE(before["search"].get<int>(), 5);

  auto r = RunMinyi({"migrate", "--from", "sqlite:" + src_.path(), "--to", dst_.database_uri()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("行数核对一致"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("审计链完好"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("minyi_it_"), std::string::npos) << "the database address is not echoed";

  // dst_ holds database.url, so --data DIR serves the PostgreSQL database.
  {
    ServerProcess server({"serve", "--data", dst_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(server.running());
    json after = Snapshot(server.port());
    EXPECT_EQ(after, before);
  }
  auto verify = RunMinyi({"audit", "verify", "--data", dst_.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // Identity sequences moved past the copied ids: a new account gets a new id.
  auto add = RunMinyi({"user", "add", "--data", dst_.path(), "--name", "newcomer", "--role", "editor"}, "Passw0rd!\n");
  EXPECT_EQ(add.exit_code, 0) << add.err;

  // A second run would overwrite: refused, target unchanged.
  auto again = RunMinyi({"migrate", "--from", "sqlite:" + src_.path(), "--to", dst_.database_uri()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("目标数据库已有数据"), std::string::npos) << again.err;
  EXPECT_EQ(RunMinyi({"audit", "verify", "--data", dst_.path()}).exit_code, 0);

  // minyi backup is SQLite's; on PostgreSQL it points at pg_dump.
  auto backup = RunMinyi({"backup", "--data", dst_.path(), "--out", src_.path() + "/x.minyi"});
  EXPECT_NE(backup.exit_code, 0);
  EXPECT_NE(backup.err.find("pg_dump"), std::string::npos) << backup.err;
  EXPECT_NE(backup.err.find("docs/deploy.md"), std::string::npos) << backup.err;
}

TEST_F(MigrateTest, RefusesBadArgumentsAndARunningSource) {
  auto missing = RunMinyi({"migrate", "--from", src_.path() + "/nope", "--to", dst_.database_uri()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("没有 minyi.db"), std::string::npos) << missing.err;
  {
    ServerProcess server({"demo", "--data", src_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(server.running());
    auto busy = RunMinyi({"migrate", "--from", src_.path(), "--to", dst_.database_uri()});
    EXPECT_EQ(busy.exit_code, 1);
    EXPECT_NE(busy.err.find("停止服务"), std::string::npos) << busy.err;
  }
  auto not_pg = RunMinyi({"migrate", "--from", src_.path(), "--to", src_.path()});
  EXPECT_EQ(not_pg.exit_code, 2);
  EXPECT_NE(not_pg.err.find("postgresql://"), std::string::npos) << not_pg.err;
  // Nothing was written to the target by any refused run.
  EXPECT_EQ(RunMinyi({"audit", "verify", "--data", dst_.path()}).exit_code, 0);
}

}  // namespace
}  // namespace minyi::testing
