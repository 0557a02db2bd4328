// 研判与报送 over HTTP against the real `minyi demo`: an assessment scored,
// overridden without/with a reason, printed; a briefing through approval,
// export and adoption; roles enforced; bad input stores nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "integration/demo_api.h"
#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

class AssessApiTest : public DemoApiTest {};

TEST_F(AssessApiTest, AssessmentScoredConfirmedAndPrinted) {
  Login("editor");
  json list = Get("/api/v1/assess/assessments");
  ASSERT_GE(list["total"].get<int>(), 1);  // the demo's heating-fee assessment
  // Bad input: no keywords → clear error, nothing stored.
  json err = Call("POST", "/api/v1/assess/assessments", {{"title", "学校合并"}}, 400);
  EXPECT_NE(err["error"]["message"].get<std::string>().find("关键词"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/assess/assessments")["total"], list["total"]);
  json preview = Call("POST", "/api/v1/assess/evidence-preview", {{"keywords", "供暖、暖气"}}, 200);
  EXPECT_GT(preview["evidence"]["matched"].get<int>(), 0);
  json created = Call("POST", "/api/v1/assess/assessments",
                      {{"title", "供暖收费调整"}, {"keywords", "供暖 暖气"}, {"affected", "城区居民"}}, 201);
  int64_t id = created["id"];
  std::string base = "/api/v1/assess/assessments/" + std::to_string(id);
  json detail = Get(base);
  EXPECT_GT(detail["evidence"]["matched"].get<int>(), 0);
  EXPECT_FALSE(detail["evidence"]["days"].empty());
  EXPECT_EQ(detail["proposal"]["level"], "");
  json scores = json::array();
  for (const auto& it : detail["items"]) scores.push_back({{"item_id", it["id"]}, {"score", 90}});
  json p = Call("PUT", base + "/scores", {{"scores", scores}}, 200);
  std::string proposed = p["proposal"]["level"];
  EXPECT_FALSE(proposed.empty());
  // Staff cannot confirm; a leader overriding without a reason is refused.
  Call("POST", base + "/confirm", json::object(), 403);
  Login("leader");
  std::string other = proposed == "high" ? "low" : "high";
  err = Call("POST", base + "/confirm", {{"level", other}}, 400);
  EXPECT_NE(err["error"]["message"].get<std::string>().find("理由"), std::string::npos);
  EXPECT_EQ(Get(base)["status"], "draft");
  Call("POST", base + "/confirm", {{"level", other}, {"reason", "已与群众代表充分沟通"}}, 200);
  detail = Get(base);
  EXPECT_EQ(detail["status"], "confirmed");
  EXPECT_EQ(detail["final_level"], other);
  EXPECT_EQ(detail["proposed_level"], proposed);
  json audit = Get("/api/v1/audit?entity=assessment");
  EXPECT_NE(audit.dump().find("已与群众代表充分沟通"), std::string::npos);
  Login("editor");
  json m = Call("POST", base + "/measures",
                {{"content", "发布政策解读"}, {"owner", "宣传科 张编辑"}, {"deadline", "2026-12-31"}}, 201);
  Call("POST", "/api/v1/assess/measures/" + std::to_string(m["id"].get<int64_t>()) + "/complete", {{"note", "已发布"}},
       200);
  auto docx = client_->Get(base + "/docx", Auth());
  ASSERT_TRUE(docx);
  EXPECT_EQ(docx->status, 200);
  EXPECT_EQ(docx->body.substr(0, 2), "PK");
  // Only the admin edits the scoring items.
  Call("PUT", "/api/v1/assess/items", {{"items", json::array()}}, 403);
}

TEST_F(AssessApiTest, BriefingApprovedExportedAndAdopted) {
  Login("editor");
  json events = Get("/api/v1/monitor/events?limit=1");
  ASSERT_FALSE(events["events"].empty());
  int64_t event_id = events["events"][0]["id"];
  json draft = Get("/api/v1/assess/briefing-draft?event_id=" + std::to_string(event_id))["briefing"];
  EXPECT_FALSE(draft["summary"].get<std::string>().empty());
  json created = Call("POST", "/api/v1/assess/briefings", draft, 201);
  std::string base = "/api/v1/assess/briefings/" + std::to_string(created["id"].get<int64_t>());
  auto early = client_->Get(base + "/docx", Auth());
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 409);
  Call("POST", base + "/submit", json::object(), 200);
  Call("POST", base + "/approve", json::object(), 403);
  Login("leader");
  Call("POST", base + "/return", {{"reason", ""}}, 400);
  Call("POST", base + "/return", {{"reason", "请补充处置进展"}}, 200);
  Login("editor");
  draft["actions"] = "县住建局已督促热力公司完成管网改造。";
  Call("PUT", base, draft, 200);
  Call("POST", base + "/submit", json::object(), 200);
  Login("leader");
  Call("POST", base + "/approve", json::object(), 200);
  Login("editor");
  auto docx = client_->Get(base + "/docx", Auth());
  ASSERT_TRUE(docx);
  EXPECT_EQ(docx->status, 200);
  EXPECT_EQ(docx->body.substr(0, 2), "PK");
  Call("POST", base + "/send", {{"to", "市委网信办"}}, 200);
  Call("POST", base + "/adoption", {{"adoption", "whatever"}}, 400);
  Call("POST", base + "/adoption", {{"adoption", "direct"}, {"note", "市专报第5期"}}, 200);
  json b = Get(base);
  EXPECT_EQ(b["status"], "sent");
  EXPECT_EQ(b["adoption_label"], "直报采用");
  EXPECT_EQ(b["actions"], "县住建局已督促热力公司完成管网改造。");
}

}  // namespace
}  // namespace minyi::testing
