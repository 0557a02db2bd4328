// The cases API on the real server: a case from the monitor through every
// role, role and unit enforcement, bad requests that change nothing, and the
// xlsx export opened with libzip.
#include <gtest/gtest.h>
#include <httplib.h>
#include <zip.h>

#include <nlohmann/json.hpp>

#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

struct Session {
  std::string cookie, csrf;
};

class CasesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"demo", "--data", dir_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(server_->running());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
  }

  Session Login(const std::string& name) {
    auto res =
        client_->Post("/api/v1/session", json{{"name", name}, {"password", "minyi2026"}}.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 200) << name;
    std::string cookie = res->get_header_value("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')), json::parse(res->body)["csrf_token"]};
  }
  httplib::Headers H(const Session& s) { return {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}; }
  httplib::Result Post(const Session& s, const std::string& path, const json& body) {
    return client_->Post(path, H(s), body.dump(), "application/json");
  }
  json Get(const Session& s, const std::string& path, int want = 200) {
    auto r = client_->Get(path, H(s));
    EXPECT_EQ(r->status, want) << path << " " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  static std::string ErrorMessage(const httplib::Result& r) {
    json j = json::parse(r->body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"].value("message", "") : "";
  }
  int64_t UnitId(const Session& s, const std::string& name) {
    json units = Get(s, "/api/v1/units");  // kept: a range-for over a temporary's member dangles
    for (auto& u : units["units"]) {
      if (u["name"] == name) return u["id"];
    }
    return 0;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(CasesApiTest, MonitorEventCaseGoesThroughEveryRole) {
  Session office = Login("handler"), town = Login("handler2"), leader = Login("leader"), reporter = Login("reporter");
  json body{{"origin", "monitor_event"},       {"origin_ref", "42"},
            {"title", "网传清河县某路段塌陷"}, {"description", "监测发现短视频称某路段塌陷"},
            {"case_type", "general"},          {"priority", "normal"}};
  EXPECT_EQ(Post(reporter, "/api/v1/cases", body)->status, 403);
  auto created = Post(office, "/api/v1/cases", body);
  ASSERT_EQ(created->status, 201) << created->body;
  int64_t id = json::parse(created->body)["id"];
  std::string act = "/api/v1/cases/" + std::to_string(id) + "/actions";
  int64_t town_id = UnitId(office, "城关镇");

  auto denied = Post(town, act, {{"action", "dispatch"}, {"lead_unit_id", town_id}});
  EXPECT_EQ(denied->status, 403);  // the town cannot see, let alone dispatch, the case yet
  auto dispatched = Post(office, act, {{"action", "dispatch"}, {"lead_unit_id", town_id}});
  ASSERT_EQ(dispatched->status, 200) << dispatched->body;
  json page = Get(town, "/api/v1/cases/" + std::to_string(id));
  EXPECT_EQ(page["actions"], json::array({"sign", "return", "extend_request", "pause"}));
  EXPECT_EQ(Post(office, act, {{"action", "sign"}})->status, 403);
  // 宣传科 is neither lead nor co-department: it cannot see, so cannot sign.
  auto other = Post(Login("handler4"), act, {{"action", "sign"}});
  EXPECT_EQ(other->status, 403);
  EXPECT_NE(ErrorMessage(other).find("无权"), std::string::npos) << other->body;
  EXPECT_EQ(Get(office, "/api/v1/cases/" + std::to_string(id))["state"], "dispatched");
  ASSERT_EQ(Post(town, act, {{"action", "sign"}})->status, 200);
  auto empty_reply = Post(town, act, {{"action", "reply"}, {"note", ""}});
  EXPECT_EQ(empty_reply->status, 400);
  EXPECT_NE(ErrorMessage(empty_reply).find("答复内容"), std::string::npos);
  ASSERT_EQ(Post(town, act, {{"action", "reply"}, {"note", "经核实为旧视频，已发布辟谣说明"}})->status, 200);
  EXPECT_EQ(Post(town, act, {{"action", "approve"}})->status, 403);
  auto approved = Post(leader, act, {{"action", "approve"}, {"note", "同意"}});
  ASSERT_EQ(approved->status, 200);
  EXPECT_EQ(json::parse(approved->body)["state"], "closed");

  page = Get(office, "/api/v1/cases/" + std::to_string(id));
  EXPECT_EQ(page["timeline"].size(), 5u);
  EXPECT_TRUE(page["clocks"]["close"]["done"].get<bool>());
  EXPECT_FALSE(page["clocks"]["close"]["overdue"].get<bool>());
  // Another unit's handler does not see it.
  Session press = Login("handler4");
  Get(press, "/api/v1/cases/" + std::to_string(id), 403);
  auto audit = Get(leader, "/api/v1/audit?entity=case&limit=100");
  EXPECT_GE(audit["entries"].size(), 4u);
}

TEST_F(CasesApiTest, BadRequestsAreRefusedClearlyAndChangeNothing) {
  Session office = Login("handler"), reporter = Login("reporter"), leader = Login("leader");
  json created = json::parse(Post(office, "/api/v1/cases", {{"title", "政务公开栏未更新"}})->body);
  int64_t id = created["id"];
  std::string path = "/api/v1/cases/" + std::to_string(id);
  json before = Get(office, path);
  size_t audit_before = Get(leader, "/api/v1/audit?entity=case&limit=500")["entries"].size();

  // A reporter may not dispatch (the route lets any user in; the service says no).
  auto r = Post(reporter, path + "/actions", {{"action", "dispatch"}, {"lead_unit_id", UnitId(office, "城关镇")}});
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_FALSE(ErrorMessage(r).empty());
  // Broken JSON, wrong types, unknown actions, unknown units and cases.
  r = client_->Post(path + "/actions", H(office), "{\"action\": \"dispatch\",", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_FALSE(ErrorMessage(r).empty()) << r->body;
  r = Post(office, path + "/actions", {{"action", "dispatch"}, {"lead_unit_id", "城关镇"}});
  EXPECT_EQ(r->status, 400) << r->body;
  r = Post(office, path + "/actions", {{"action", "dispatch"}, {"lead_unit_id", 999999}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(ErrorMessage(r).find("不存在"), std::string::npos) << r->body;
  r = Post(office, path + "/actions", {{"action", "fly"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(ErrorMessage(r).find("未知的操作"), std::string::npos);
  r = Post(office, path + "/actions", {{"action", "sign"}});
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_NE(ErrorMessage(r).find("待分派"), std::string::npos) << r->body;
  r = Post(office, "/api/v1/cases/999999/actions", {{"action", "sign"}});
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(ErrorMessage(r).find("找不到"), std::string::npos) << r->body;
  Get(office, "/api/v1/cases/999999", 404);
  r = Post(office, "/api/v1/cases",
           {{"title", "无标题时限"}, {"origin", "superior"}, {"origin_ref", "市交〔2026〕1号"}, {"deadline", "明天"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_FALSE(ErrorMessage(r).empty());
  EXPECT_EQ(Post(office, "/api/v1/cases", {{"origin", "manual"}})->status, 400);

  json after = Get(office, path);
  EXPECT_EQ(after["state"], "received");
  EXPECT_EQ(after["timeline"], before["timeline"]);
  EXPECT_EQ(Get(leader, "/api/v1/audit?entity=case&limit=500")["entries"].size(), audit_before);
  EXPECT_EQ(Get(leader, "/api/v1/cases?view=all&limit=1")["total"], 13);
  EXPECT_TRUE(server_->Alive());
}

TEST_F(CasesApiTest, ListsStatsAndXlsxExport) {
  Session leader = Login("leader"), reporter = Login("reporter"), admin = Login("admin");
  json all = Get(leader, "/api/v1/cases?view=all&limit=100");
  EXPECT_EQ(all["total"], 12);
  json overdue = Get(leader, "/api/v1/cases?view=overdue");
  EXPECT_GE(overdue["total"].get<int>(), 1);
  json mine = Get(leader, "/api/v1/cases?view=mine");
  EXPECT_GE(mine["total"].get<int>(), 1);  // a reply waiting for approval, an extension to decide
  Get(reporter, "/api/v1/case-stats", 403);
  Get(leader, "/api/v1/case-stats?period=2026-13", 400);
  json stats = Get(leader, "/api/v1/case-stats");
  EXPECT_EQ(stats["total"]["unit_name"], "合计");

  auto res = client_->Get("/api/v1/case-stats/export", H(leader));
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  zip_error_t err;
  zip_source_t* src = zip_source_buffer_create(res->body.data(), res->body.size(), 0, &err);
  ASSERT_NE(src, nullptr);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  ASSERT_NE(z, nullptr) << "export is not a zip";
  zip_stat_t st;
  ASSERT_EQ(zip_stat(z, "xl/sharedStrings.xml", 0, &st), 0);
  std::string xml(st.size, '\0');
  zip_file_t* f = zip_fopen(z, "xl/sharedStrings.xml", 0);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(zip_fread(f, xml.data(), st.size), static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  zip_close(z);
  EXPECT_NE(xml.find("办结率"), std::string::npos);
  EXPECT_NE(xml.find("城关镇"), std::string::npos);

  // Calendar and SLA administration: admin only.
  EXPECT_EQ(
      client_
          ->Put("/api/v1/case-calendar/days", H(leader), R"({"day":"2026-12-31","kind":"holiday"})", "application/json")
          ->status,
      403);
  EXPECT_EQ(client_
                ->Put("/api/v1/case-calendar/days", H(admin), R"({"day":"2026-12-31","kind":"holiday","name":"测试"})",
                      "application/json")
                ->status,
            200);
  json cal = Get(admin, "/api/v1/case-calendar?year=2026");
  bool found = false;
  for (auto& d : cal["days"]) found |= d["day"] == "2026-12-31" && d["overridden"] == true;
  EXPECT_TRUE(found);
  EXPECT_EQ(
      client_
          ->Put("/api/v1/case-calendar/days", H(admin), R"({"day":"2026-02-30","kind":"holiday"})", "application/json")
          ->status,
      400);
  EXPECT_TRUE(server_->Alive());
}

}  // namespace
}  // namespace minyi::testing
