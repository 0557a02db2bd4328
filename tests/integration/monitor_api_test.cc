// Drives the monitor API of the real `minyi demo` server: search, topic
// preview, a stored sentiment correction, bad input refused with nothing lost.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

class MonitorApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"demo", "--data", dir_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(server_->running()) << "server did not start";
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
    auto res =
        client_->Post("/api/v1/session", json{{"name", "admin"}, {"password", "minyi2026"}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    std::string cookie = res->get_header_value("Set-Cookie");
    headers_ = {{"Cookie", cookie.substr(0, cookie.find(';'))}, {"X-CSRF-Token", json::parse(res->body)["csrf_token"]}};
  }

  json Get(const std::string& path, int expect = 200) {
    auto res = client_->Get(path, headers_);
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, expect) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  httplib::Result Send(const std::string& method, const std::string& path, const std::string& body) {
    if (method == "PUT") return client_->Put(path, headers_, body, "application/json");
    return client_->Post(path, headers_, body, "application/json");
  }
  static std::string Q(const std::string& s) {
    std::string out;
    char buf[4];
    for (unsigned char c : s) {
      if (std::isalnum(c)) {
        out += static_cast<char>(c);
      } else {
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> client_;
  httplib::Headers headers_;
};

TEST_F(MonitorApiTest, SearchFindsDemoItemsByPhraseAndSubstring) {
  json r = Get("/api/v1/monitor/items?q=" + Q("锦绣花园"));
  EXPECT_GE(r["total"].get<int>(), 5);
  json part = Get("/api/v1/monitor/items?q=" + Q("绣花园暖"));  // cuts across words
  EXPECT_GE(part["total"].get<int>(), 1);
  json neg = Get("/api/v1/monitor/items?sentiment=negative&limit=50");
  for (const json& it : neg["items"]) EXPECT_EQ(it["sentiment"], "negative");
  Get("/api/v1/monitor/items?sentiment=bad", 400);
  json dash = Get("/api/v1/monitor/dashboard?days=7");
  EXPECT_GE(dash["items"].get<int>(), 50);
  EXPECT_GE(dash["events"].get<int>(), 2);
  json events = Get("/api/v1/monitor/events");
  ASSERT_FALSE(events["events"].empty());
  json first = events["events"][0];
  json detail = Get("/api/v1/monitor/events/" + std::to_string(first["id"].get<int>()));
  EXPECT_FALSE(detail["timeline"].empty());
  EXPECT_FALSE(detail["outlets"].empty());
}

TEST_F(MonitorApiTest, TopicPreviewAndCrud) {
  json body = {{"name", "清河县·供暖预览"}, {"regions", {"清河县", "城东新区"}}, {"events", {"暖气"}}};
  auto res = Send("POST", "/api/v1/monitor/topics/preview", body.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json p = json::parse(res->body);
  EXPECT_GE(p["matched"].get<int>(), 3);
  EXPECT_NE(p["hits"][0]["snippet"].get<std::string>().find("【"), std::string::npos);
  // A broken expression names the column; nothing is stored.
  json topics_before = Get("/api/v1/monitor/topics");
  res = Send("POST", "/api/v1/monitor/topics",
             json{{"name", "坏方案"}, {"mode", "expression"}, {"expression", "清河县 (暖气"}}.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("列"), std::string::npos) << res->body;
  EXPECT_EQ(Get("/api/v1/monitor/topics")["topics"].size(), topics_before["topics"].size());
  res = Send("POST", "/api/v1/monitor/topics", body.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Get("/api/v1/monitor/topics")["topics"].size(), topics_before["topics"].size() + 1);
}

TEST_F(MonitorApiTest, SentimentCorrectionIsStoredAndBadJsonLosesNothing) {
  json r = Get("/api/v1/monitor/items?q=" + Q("老字号烧饼"));
  ASSERT_EQ(r["total"].get<int>(), 1);
  std::string id = std::to_string(r["items"][0]["id"].get<int>());
  std::string before = r["items"][0]["sentiment"];
  auto res = Send("PUT", "/api/v1/monitor/items/" + id + "/sentiment", "{\"label\": ");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  res = Send("PUT", "/api/v1/monitor/items/" + id + "/sentiment", json{{"label", "很好"}}.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Get("/api/v1/monitor/items/" + id)["sentiment"], before);
  res = Send("PUT", "/api/v1/monitor/items/" + id + "/sentiment", json{{"label", "positive"}}.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json item = Get("/api/v1/monitor/items/" + id);
  EXPECT_EQ(item["sentiment"], "positive");
  EXPECT_TRUE(item["sentiment_corrected"].get<bool>());
  auto tsv = client_->Get("/api/v1/monitor/sentiment-corrections", headers_);
  ASSERT_TRUE(tsv);
  EXPECT_NE(tsv->body.find("positive\t推荐一家老字号烧饼"), std::string::npos) << tsv->body;
  // Still healthy, and the item count is unchanged.
  EXPECT_EQ(Get("/api/v1/monitor/items?limit=1")["total"], Get("/api/v1/monitor/dashboard?days=30")["items"]);
}

TEST(AnalyzeCliTest, AnnotatesJsonlAndRefusesBadLines) {
  TempDir dir;
  std::string in = dir.path() + "/items.jsonl", out = dir.path() + "/out.jsonl", topics = dir.path() + "/t.txt";
  {
    FILE* f = std::fopen(in.c_str(), "w");
    std::fputs(
        "{\"id\":\"a\",\"source\":\"清河新闻网\",\"url\":\"https://x.cn/"
        "1\",\"title\":\"暖气不热\",\"text\":"
        "\"清河县城东新区锦绣花园小区暖气不热，居民多次投诉热力公司未果，室温只有十二度。\",\"published_at\":\"2026-11-"
        "20T08:00:00Z\"}\n"
        "{\"id\":\"b\",\"source\":\"县论坛\",\"url\":\"https://y.cn/"
        "2\",\"title\":\"转\",\"text\":"
        "\"转：清河县城东新区锦绣花园小区暖气不热，居民多次投诉热力公司未果，室温只有十二度。\",\"published_at\":"
        "1795600000}\n",
        f);
    std::fclose(f);
    f = std::fopen(topics.c_str(), "w");
    std::fputs("[供暖]\n地域词：清河县\n事件词：暖气、供暖\n", f);
    std::fclose(f);
  }
  auto r = RunMinyi({"analyze", "--in", in, "--out", out, "--topics", topics});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream is(out);
  std::string l1, l2;
  std::getline(is, l1);
  std::getline(is, l2);
  json a = json::parse(l1), b = json::parse(l2);
  EXPECT_TRUE(a["dup_of"].is_null());
  EXPECT_EQ(b["dup_of"], "a");
  EXPECT_EQ(a["topics"], json::array({"供暖"}));
  EXPECT_EQ(a["sentiment"]["label"], "negative");
  EXPECT_EQ(a["simhash"].get<std::string>().size(), 16u);
  EXPECT_FALSE(a["keywords"].empty());
  EXPECT_EQ(a["event"], b["event"]);
  {
    FILE* f = std::fopen(in.c_str(), "a");
    std::fputs("{\"id\": 3, \"text\": [1,2]}\n", f);
    std::fclose(f);
  }
  r = RunMinyi({"analyze", "--in", in, "--out", out + "2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("第 3 行"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace minyi::testing
