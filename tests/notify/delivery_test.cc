// Robot formats, signatures, retries and the delivery log, against a local
// HTTP receiver.
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "notify/formats.h"
#include "notify/notify_fixture.h"
#include "notify/notify_internal.h"

namespace minyi {
namespace {

using Json = nlohmann::json;
using testing::HttpReceiver;

TEST_F(NotifyFixture, WeComMarkdownWithKeyInUrl) {
  HttpReceiver rx;
  AddChannel(ChannelKind::kWeCom, rx.Url("/cgi-bin/webhook/send?key=abc-123"));
  int64_t nid = Enqueue();
  auto stats = DeliverDue(db(), clock_, options_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->sent, 1);
  auto reqs = rx.Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].path, "/cgi-bin/webhook/send");
  EXPECT_EQ(reqs[0].params["key"], "abc-123");
  EXPECT_EQ(reqs[0].headers["content-type"], "application/json; charset=utf-8");
  Json body = Json::parse(reqs[0].body);
  EXPECT_EQ(body["msgtype"], "markdown");
  ASSERT_EQ(body.size(), 2u);
  EXPECT_EQ(body["markdown"]["content"],
            "### 【监测预警】清河县供暖投诉增多\n\n近 15 分钟 12 条信息提到“暖气不热”。\n请及时关注。\n\n"
            "[查看详情](https://minyi.example.gov.cn/#/monitor/event?id=3)");
  EXPECT_EQ(OutboxStatus(nid), "sent");
}

TEST_F(NotifyFixture, DingTalkSignsTimestampAndSecret) {
  HttpReceiver rx;
  AddChannel(ChannelKind::kDingTalk, rx.Url("/robot/send?access_token=tok"), "SECabc");
  Enqueue();
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  auto reqs = rx.Requests();
  ASSERT_EQ(reqs.size(), 1u);
  std::string ts = std::to_string(clock_.Now() * 1000);  // milliseconds
  EXPECT_EQ(reqs[0].params["access_token"], "tok");
  EXPECT_EQ(reqs[0].params["timestamp"], ts);
  // httplib decodes the query, so this is base64 of HMAC(secret, ts\nsecret).
  EXPECT_EQ(reqs[0].params["sign"], Base64Encode(HmacSha256Raw("SECabc", ts + "\nSECabc")));
  Json body = Json::parse(reqs[0].body);
  EXPECT_EQ(body["msgtype"], "markdown");
  EXPECT_EQ(body["markdown"]["title"], "【监测预警】清河县供暖投诉增多");
  EXPECT_NE(body["markdown"]["text"].get<std::string>().find("请及时关注"), std::string::npos);
}

TEST_F(NotifyFixture, RobotsMentionTheStaffMobiles) {
  HttpReceiver rx;
  AddChannel(ChannelKind::kWeCom, rx.Url("/wecom?key=k"));
  AddChannel(ChannelKind::kDingTalk, rx.Url("/ding?access_token=t"));
  AddChannel(ChannelKind::kFeishu, rx.Url("/feishu"));
  Enqueue("alert", {}, {"13800000001"});
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  auto reqs = rx.Requests();
  ASSERT_EQ(reqs.size(), 3u);
  for (const auto& r : reqs) {
    Json body = Json::parse(r.body);
    if (r.path == "/wecom") {
      // WeCom mentions by mobile only in text messages.
      EXPECT_EQ(body["msgtype"], "text");
      EXPECT_EQ(body["text"]["mentioned_mobile_list"], Json::array({"13800000001"}));
      EXPECT_EQ(body["text"]["content"].get<std::string>().rfind("【监测预警】清河县供暖投诉增多\n", 0), 0u);
    } else if (r.path == "/ding") {
      EXPECT_EQ(body["msgtype"], "markdown");
      EXPECT_EQ(body["at"]["atMobiles"], Json::array({"13800000001"}));
      EXPECT_EQ(body["at"]["isAtAll"], false);
      EXPECT_NE(body["markdown"]["text"].get<std::string>().find("@13800000001"), std::string::npos);
    } else {
      EXPECT_EQ(r.path, "/feishu");  // Feishu custom bots cannot mention by mobile: unchanged
      EXPECT_EQ(body["msg_type"], "post");
    }
  }
}

TEST_F(NotifyFixture, BadMentionIsRefusedAndNothingIsQueued) {
  AddChannel(ChannelKind::kWeCom, "http://127.0.0.1:9/wecom");
  Notification n;
  n.kind = "alert";
  n.title = "测试";
  n.mention_mobiles = {"1380000000x"};
  Status st = db().InTransaction([&](Database& tx) { return EnqueueNotification(tx, clock_, n).status(); });
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "提醒的手机号格式不正确：1380000000x");
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notifications"), 0);
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notify_outbox"), 0);
}

TEST_F(NotifyFixture, DingTalkSignIsUrlEncoded) {
  Channel ch;
  ch.kind = ChannelKind::kDingTalk;
  ch.config.url = "https://oapi.dingtalk.com/robot/send?access_token=t";
  ch.config.secret = "s";
  // Find a second at which the signature holds '+', '/' or '=' to encode.
  for (UnixSeconds t = 1'700'000'000; t < 1'700'000'050; ++t) {
    auto req = BuildHttpRequest(ch, {"alert", "标题", "正文", "", false, {}}, t);
    ASSERT_TRUE(req.ok());
    std::string sign = Base64Encode(HmacSha256Raw("s", std::to_string(t * 1000) + "\ns"));
    EXPECT_NE(req->url.find("&sign=" + UrlEncode(sign)), std::string::npos);
    EXPECT_EQ(req->url.find("sign=" + sign + "&"), std::string::npos);
  }
  EXPECT_EQ(UrlEncode("a+b/c="), "a%2Bb%2Fc%3D");
}

TEST_F(NotifyFixture, FeishuPostWithSignInBody) {
  HttpReceiver rx;
  rx.SetDefaultReply(R"({"code":0,"msg":"success","data":{}})");
  AddChannel(ChannelKind::kFeishu, rx.Url("/open-apis/bot/v2/hook/0123456789abcdef0123"), "fs-secret");
  Enqueue();
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  auto reqs = rx.Requests();
  ASSERT_EQ(reqs.size(), 1u);
  Json body = Json::parse(reqs[0].body);
  std::string ts = std::to_string(clock_.Now());  // seconds, as a string
  EXPECT_EQ(body["timestamp"], ts);
  EXPECT_EQ(body["sign"], Base64Encode(HmacSha256Raw(ts + "\nfs-secret", "")));
  EXPECT_EQ(body["msg_type"], "post");
  const Json& post = body["content"]["post"]["zh_cn"];
  EXPECT_EQ(post["title"], "【监测预警】清河县供暖投诉增多");
  ASSERT_EQ(post["content"].size(), 3u);
  EXPECT_EQ(post["content"][0][0]["tag"], "text");
  EXPECT_EQ(post["content"][0][0]["text"], "近 15 分钟 12 条信息提到“暖气不热”。");
  EXPECT_EQ(post["content"][2][0]["tag"], "a");
  EXPECT_EQ(post["content"][2][0]["href"], "https://minyi.example.gov.cn/#/monitor/event?id=3");
}

TEST_F(NotifyFixture, FeishuTextMessage) {
  Channel ch;
  ch.kind = ChannelKind::kFeishu;
  ch.config.url = "https://open.feishu.cn/open-apis/bot/v2/hook/x";
  ch.config.feishu_msg_type = "text";
  auto req = BuildHttpRequest(ch, {"case_urge", "案件已超期", "请尽快办理", "", true, {}}, 1'700'000'000);
  ASSERT_TRUE(req.ok());
  Json body = Json::parse(req->body);
  EXPECT_EQ(body, Json::parse(R"({"msg_type":"text","content":{"text":"【紧急】【催办】案件已超期\n请尽快办理"}})"));
}

TEST_F(NotifyFixture, GenericWebhookHmacHeader) {
  HttpReceiver rx;
  Channel ch;
  ch.name = "值班系统";
  ch.kind = ChannelKind::kWebhook;
  ch.config.url = rx.Url("/hooks/minyi");
  ch.config.secret = "hook-key";
  ch.config.signature_header = "X-Signature";
  ASSERT_TRUE(CreateChannel(db(), clock_, admin_, ch).ok());
  Enqueue();
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  auto reqs = rx.Requests();
  ASSERT_EQ(reqs.size(), 1u);
  std::string ts = std::to_string(clock_.Now());
  EXPECT_EQ(reqs[0].headers["x-signature"], "t=" + ts + ",v1=" + HmacSha256Hex("hook-key", ts + "." + reqs[0].body));
  Json body = Json::parse(reqs[0].body);
  EXPECT_EQ(body["kind"], "alert");
  EXPECT_EQ(body["title"], "清河县供暖投诉增多");
  EXPECT_EQ(body["link"], "https://minyi.example.gov.cn/#/monitor/event?id=3");
}

TEST_F(NotifyFixture, RobotErrcodeIsAFailureWithItsMessage) {
  HttpReceiver rx;
  rx.SetDefaultReply(R"({"errcode":310000,"errmsg":"sign not match"})");
  AddChannel(ChannelKind::kDingTalk, rx.Url("/robot/send?access_token=t"), "bad");
  int64_t nid = Enqueue();
  auto stats = DeliverDue(db(), clock_, options_);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->retried, 1);
  EXPECT_EQ(OutboxStatus(nid), "pending");
  auto log = ListDeliveries(db(), {});
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_NE((*log)[0].last_error.find("310000"), std::string::npos);
  EXPECT_NE((*log)[0].last_error.find("sign not match"), std::string::npos);
  EXPECT_EQ(CheckHttpReply(ChannelKind::kFeishu, 200, R"({"code":19021,"msg":"sign match fail"})").message(),
            "机器人拒绝了消息（19021）：sign match fail");
  EXPECT_TRUE(CheckHttpReply(ChannelKind::kFeishu, 200, R"({"StatusCode":0,"StatusMessage":"success"})").ok());
  EXPECT_FALSE(CheckHttpReply(ChannelKind::kWeCom, 200, "<html>").ok());
}

TEST_F(NotifyFixture, RetriesWithBackoffThenSucceeds) {
  HttpReceiver rx;
  rx.Script(500, "busy");
  rx.Script(500, "busy");
  AddChannel(ChannelKind::kWeCom, rx.Url("/send?key=k"));
  int64_t nid = Enqueue();
  UnixSeconds t0 = clock_.Now();
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  auto next = db().QueryInt("SELECT next_attempt_at FROM notify_outbox WHERE notification_id = ?", {nid});
  EXPECT_EQ(*next, t0 + 30);  // base backoff
  clock_.Advance(29);
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  EXPECT_EQ(rx.RequestCount(), 1u);  // not due yet
  clock_.Advance(1);
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  EXPECT_EQ(rx.RequestCount(), 2u);
  next = db().QueryInt("SELECT next_attempt_at FROM notify_outbox WHERE notification_id = ?", {nid});
  EXPECT_EQ(*next, t0 + 30 + 60);  // doubled
  clock_.Advance(60);
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  EXPECT_EQ(rx.RequestCount(), 3u);
  EXPECT_EQ(OutboxStatus(nid), "sent");
  auto attempts = db().Query("SELECT ok, http_status, error FROM notify_attempts ORDER BY id");
  ASSERT_EQ(attempts->size(), 3u);
  EXPECT_EQ(attempts->Int(0, "http_status"), 500);
  EXPECT_EQ(attempts->Text(0, "error"), "对方返回 HTTP 500：busy");
  EXPECT_EQ(attempts->Int(2, "ok"), 1);
  auto log = ListDeliveries(db(), {});
  EXPECT_EQ((*log)[0].attempts, 3);
  EXPECT_EQ((*log)[0].sent_at, clock_.Now());
}

TEST_F(NotifyFixture, FailsAfterMaxAttemptsAndCanBeRetried) {
  HttpReceiver rx;
  for (int i = 0; i < 3; ++i) rx.Script(502, "");
  options_.max_attempts = 3;
  AddChannel(ChannelKind::kWeCom, rx.Url("/send?key=k"));
  int64_t nid = Enqueue();
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
    clock_.Advance(3600);
  }
  EXPECT_EQ(rx.RequestCount(), 3u);
  EXPECT_EQ(OutboxStatus(nid), "failed");
  auto log = ListDeliveries(db(), {"failed", 0, 10, 0});
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].last_error, "对方返回 HTTP 502");
  EXPECT_EQ(*CountDeliveries(db(), {"failed", 0, 10, 0}), 1);
  // 重新发送 makes it due again; the receiver now accepts.
  ASSERT_TRUE(RetryDelivery(db(), clock_, admin_, (*log)[0].outbox_id).ok());
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  EXPECT_EQ(OutboxStatus(nid), "sent");
  EXPECT_EQ(RetryDelivery(db(), clock_, admin_, (*log)[0].outbox_id).code(), ErrorCode::kFailedPrecondition);
}

TEST_F(NotifyFixture, UnreachableReceiverIsRetried) {
  int port;
  {
    HttpReceiver rx;  // take a free port, then close it
    port = rx.port();
  }
  AddChannel(ChannelKind::kWebhook, "http://127.0.0.1:" + std::to_string(port) + "/x");
  int64_t nid = Enqueue();
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  EXPECT_EQ(OutboxStatus(nid), "pending");
  auto log = ListDeliveries(db(), {});
  EXPECT_NE((*log)[0].last_error.find("连接失败"), std::string::npos) << (*log)[0].last_error;
}

TEST_F(NotifyFixture, BackoffIsCappedAndJittered) {
  DeliveryOptions o;
  o.base_backoff_seconds = 30;
  o.max_backoff_seconds = 3600;
  o.jitter = 0.2;
  EXPECT_EQ(BackoffSeconds(o, 1, 0.5), 30);
  EXPECT_EQ(BackoffSeconds(o, 2, 0.5), 60);
  EXPECT_EQ(BackoffSeconds(o, 20, 0.5), 3600);
  EXPECT_EQ(BackoffSeconds(o, 1, 0.0), 24);  // -20 %
  EXPECT_EQ(BackoffSeconds(o, 1, 1.0), 36);  // +20 %
}

}  // namespace
}  // namespace minyi
