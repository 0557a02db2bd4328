// Monitoring sources against the real server: a local feed site (conditional
// GET, robots.txt), file import with per-line errors, and the push API.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration/demo_api.h"
#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

// A tiny website on 127.0.0.1 serving robots.txt and an RSS feed with ETag.
class FeedSite {
 public:
  FeedSite() {
    http_.Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
    });
    http_.Get("/feed.xml", [this](const httplib::Request& req, httplib::Response& res) {
      ++feed_hits;
      user_agent = req.get_header_value("User-Agent");
      if (req.get_header_value("If-None-Match") == "\"v1\"") {
        ++not_modified;
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"v1\"");
      res.set_content(R"(<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>测试站</title>
<item><guid>a1</guid><title>城区道路维修</title><link>/news/a1.html</link><description>道路维修期间请绕行。</description>
<author>reporter@example.cn</author><pubDate>Fri, 20 Nov 2026 10:30:00 +0800</pubDate></item>
<item><guid>a2</guid><title>新建公园开放</title><link>/news/a2.html</link><description>市民可免费入园。</description></item>
</channel></rss>)",
                      "application/rss+xml; charset=utf-8");
    });
    http_.Get("/private/feed.xml", [this](const httplib::Request&, httplib::Response& res) {
      ++private_hits;
      res.set_content("<rss/>", "application/rss+xml");
    });
    port_ = http_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~FeedSite() {
    http_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  std::atomic<int> feed_hits{0}, not_modified{0}, private_hits{0};
  std::string user_agent;

 private:
  httplib::Server http_;
  int port_ = 0;
  std::thread thread_;
};

class MonitorSourcesTest : public DemoApiTest {
 protected:
  void SetUp() override {
    DemoApiTest::SetUp();
    Login("admin");
  }
  json PostJson(const std::string& path, const json& body, int expect) { return Call("POST", path, body, expect); }
};

TEST_F(MonitorSourcesTest, FeedConditionalGetAndRobots) {
  FeedSite site;
  json src =
      PostJson("/api/v1/monitor/sources",
               {{"name", "测试订阅"}, {"kind", "rss"}, {"url", site.Url("/feed.xml")}, {"interval_minutes", 60}}, 201);
  int64_t id = src["id"];
  json run = PostJson("/api/v1/monitor/sources/" + std::to_string(id) + "/run", json::object(), 200);
  EXPECT_EQ(run["new_items"], 2) << run.dump();
  EXPECT_NE(site.user_agent.find("Minyi/"), std::string::npos);

  json again = PostJson("/api/v1/monitor/sources/" + std::to_string(id) + "/run", json::object(), 200);
  EXPECT_TRUE(again["not_modified"].get<bool>()) << again.dump();
  EXPECT_EQ(site.not_modified.load(), 1);

  json blocked = PostJson("/api/v1/monitor/sources",
                          {{"name", "禁止抓取"}, {"kind", "rss"}, {"url", site.Url("/private/feed.xml")}}, 201);
  json denied =
      PostJson("/api/v1/monitor/sources/" + std::to_string(blocked["id"].get<int64_t>()) + "/run", json::object(), 403);
  EXPECT_NE(denied["error"]["message"].get<std::string>().find("robots.txt"), std::string::npos);
  EXPECT_EQ(site.private_hits.load(), 0);
}

TEST_F(MonitorSourcesTest, ImportReportsLineErrors) {
  std::string csv = "标题,内容,作者\n停水通知,城东片区停水,张三\n,,李四\n";
  auto res = client_->Post("/api/v1/monitor/import?format=csv", Auth(), csv, "text/csv");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json r = json::parse(res->body);
  EXPECT_EQ(r["accepted"], 1);
  bool line3 = false, dropped = false;
  for (const json& e : r["errors"]) {
    line3 = line3 || e.get<std::string>().find("第 3 行") != std::string::npos;
    dropped = dropped || e.get<std::string>().find("作者") != std::string::npos;
  }
  EXPECT_TRUE(line3) << r.dump();
  EXPECT_TRUE(dropped) << r.dump();
}

TEST_F(MonitorSourcesTest, PushApiNeedsAValidToken) {
  json created = PostJson("/api/v1/monitor/push-tokens", {{"name", "12345 热线系统"}}, 201);
  std::string token = created["token"];
  ASSERT_FALSE(token.empty());
  json items = {
      {"items",
       {{{"id", "w-1"}, {"title", "噪音投诉"}, {"text", "夜间施工噪音扰民"}, {"author", "某市民"}}, {{"title", ""}}}}};

  auto none = client_->Post("/api/v1/push/items", items.dump(), "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  auto wrong = client_->Post("/api/v1/push/items", {{"Authorization", "Bearer mpt_0000000000000000"}}, items.dump(),
                             "application/json");
  EXPECT_EQ(wrong->status, 401);

  httplib::Headers bearer{{"Authorization", "Bearer " + token}};
  auto ok = client_->Post("/api/v1/push/items", bearer, items.dump(), "application/json");
  ASSERT_EQ(ok->status, 200) << ok->body;
  json r = json::parse(ok->body);
  EXPECT_EQ(r["accepted"], 1);
  EXPECT_EQ(r["rejected"].size(), 1u);
  auto twice = client_->Post("/api/v1/push/items", bearer, items.dump(), "application/json");
  EXPECT_EQ(json::parse(twice->body)["accepted"], 0);

  auto listed = client_->Get("/api/v1/monitor/push-tokens", Auth());
  EXPECT_EQ(listed->body.find(token), std::string::npos) << "the secret must not be listed";

  auto revoke = client_->Delete("/api/v1/monitor/push-tokens/" + std::to_string(created["id"].get<int64_t>()), Auth());
  EXPECT_EQ(revoke->status, 200);
  auto after = client_->Post("/api/v1/push/items", bearer, items.dump(), "application/json");
  EXPECT_EQ(after->status, 401);
}

}  // namespace
}  // namespace minyi::testing
