// Channel validation, masking, subscriptions, enqueue inside transactions.
#include "notify/notify_fixture.h"

namespace minyi {
namespace {

using testing::HttpReceiver;

TEST_F(NotifyFixture, SecretsAreMaskedAndKeptOnUpdate) {
  Channel ch;
  ch.name = "宣传科群";
  ch.kind = ChannelKind::kWeCom;
  ch.config.url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx";
  auto id = CreateChannel(db(), clock_, admin_, ch);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  Channel shown = MaskChannel(*GetChannel(db(), *id));
  EXPECT_EQ(shown.config.url, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=******");

  Channel feishu;
  feishu.name = "飞书群";
  feishu.kind = ChannelKind::kFeishu;
  feishu.config.url = "https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd";
  feishu.config.secret = "nIMtb7r3";
  auto fid = CreateChannel(db(), clock_, admin_, feishu);
  ASSERT_TRUE(fid.ok());
  Channel fshown = MaskChannel(*GetChannel(db(), *fid));
  EXPECT_EQ(fshown.config.url, "https://open.feishu.cn/open-apis/bot/v2/hook/******");
  EXPECT_EQ(fshown.config.secret, "******");

  // The UI sends the masked form back with a new name: secrets stay.
  fshown.name = "飞书值班群";
  ASSERT_TRUE(UpdateChannel(db(), clock_, admin_, fshown).ok());
  Channel stored = *GetChannel(db(), *fid);
  EXPECT_EQ(stored.name, "飞书值班群");
  EXPECT_EQ(stored.config.url, feishu.config.url);
  EXPECT_EQ(stored.config.secret, "nIMtb7r3");
  // An empty secret clears it.
  fshown.config.secret = "";
  ASSERT_TRUE(UpdateChannel(db(), clock_, admin_, fshown).ok());
  EXPECT_EQ(GetChannel(db(), *fid)->config.secret, "");
  // The audit log never holds the secret.
  auto audit = db().Query("SELECT after_json FROM audit_log WHERE entity = 'notify_channel'");
  for (size_t i = 0; i < audit->size(); ++i) {
    EXPECT_EQ(audit->Text(i, "after_json").find("nIMtb7r3"), std::string::npos);
    EXPECT_EQ(audit->Text(i, "after_json").find("693a91f6"), std::string::npos);
  }
}

TEST_F(NotifyFixture, InvalidChannelsGetClearErrorsAndStoreNothing) {
  Channel ch;
  ch.name = "坏渠道";
  ch.kind = ChannelKind::kDingTalk;
  ch.config.url = "ftp://example.com/x";
  auto r = CreateChannel(db(), clock_, admin_, ch);
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "Webhook 地址应以 https:// 或 http:// 开头");
  ch.kind = ChannelKind::kEmail;
  ch.config.url = "smtp://mail.example.gov.cn:25";
  ch.config.from = "minyi@example.gov.cn";
  EXPECT_EQ(CreateChannel(db(), clock_, admin_, ch).status().message(), "至少填写一个收件人");
  ch.config.to = {"not an address"};
  EXPECT_EQ(CreateChannel(db(), clock_, admin_, ch).status().message(), "收件人地址不正确：not an address");
  ch.config.to = {"office@example.gov.cn"};
  ch.subscriptions = {"gossip"};
  EXPECT_EQ(CreateChannel(db(), clock_, admin_, ch).status().message(), "未知的通知类型：gossip");
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notify_channels"), 0);
  EXPECT_EQ(ParseChannelKind("sms").status().code(), ErrorCode::kInvalidArgument);
  // Duplicate names are refused.
  ch.subscriptions = {};
  ASSERT_TRUE(CreateChannel(db(), clock_, admin_, ch).ok());
  EXPECT_EQ(CreateChannel(db(), clock_, admin_, ch).status().code(), ErrorCode::kAlreadyExists);
}

TEST_F(NotifyFixture, SubscriptionsDisabledAndDeletedChannels) {
  HttpReceiver rx;
  int64_t all = AddChannel(ChannelKind::kWebhook, rx.Url("/all"));
  int64_t cases = AddChannel(ChannelKind::kWebhook, rx.Url("/cases"), "", {"case_urge", "case_supervise"});
  int64_t off = AddChannel(ChannelKind::kWebhook, rx.Url("/off"));
  Channel c = *GetChannel(db(), off);
  c.enabled = false;
  ASSERT_TRUE(UpdateChannel(db(), clock_, admin_, c).ok());

  int64_t alert = Enqueue("alert");
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notify_outbox WHERE notification_id = ?", {alert}), 1);
  int64_t urge = Enqueue("case_urge");
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notify_outbox WHERE notification_id = ?", {urge}), 2);
  // A test only goes where it is sent.
  int64_t test = Enqueue("test");
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notify_outbox WHERE notification_id = ?", {test}), 0);
  // Explicit channels are used even when disabled (so a test can be sent first).
  int64_t direct = Enqueue("test", {off, cases});
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notify_outbox WHERE notification_id = ?", {direct}), 2);

  ASSERT_TRUE(DeleteChannel(db(), clock_, admin_, cases).ok());
  EXPECT_EQ(GetChannel(db(), cases).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ListChannels(db())->size(), 2u);
  ASSERT_TRUE(DeliverDue(db(), clock_, options_).ok());
  EXPECT_EQ(*CountDeliveries(db(), {"sent", 0, 50, 0}), 3);    // all x2 + off x1
  EXPECT_EQ(*CountDeliveries(db(), {"failed", 0, 50, 0}), 2);  // to the deleted channel
  EXPECT_EQ(rx.RequestCount(), 3u);
  (void)all;
}

TEST_F(NotifyFixture, EnqueueRollsBackWithTheCallersTransaction) {
  HttpReceiver rx;
  AddChannel(ChannelKind::kWebhook, rx.Url("/x"));
  Status st = db().InTransaction([&](Database& tx) -> Status {
    Notification n{"alert", "标题", "正文", "", 0, false, {}, {}};
    MINYI_RETURN_IF_ERROR(EnqueueNotification(tx, clock_, n).status());
    return FailedPrecondition("调用方的修改失败");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notifications"), 0);
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notify_outbox"), 0);
  Status bad = db().InTransaction([&](Database& tx) -> Status {
    return EnqueueNotification(tx, clock_, {"nonsense", "t", "", "", 0, false, {}, {}}).status();
  });
  EXPECT_EQ(bad.message(), "未知的通知类型：nonsense");
}

TEST_F(NotifyFixture, TestMessageReportsAtOnce) {
  HttpReceiver rx;
  rx.SetDefaultReply(R"({"errcode":93000,"errmsg":"invalid webhook url"})");
  int64_t id = AddChannel(ChannelKind::kWeCom, rx.Url("/send?key=wrong"));
  Status st = SendTestMessage(db(), clock_, admin_, id, options_);
  EXPECT_EQ(st.message(), "测试消息发送失败：机器人拒绝了消息（93000）：invalid webhook url");
  auto log = ListDeliveries(db(), {});
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].status, "failed");  // a test is tried once
  EXPECT_EQ((*log)[0].kind, "test");
  rx.SetDefaultReply(R"({"errcode":0,"errmsg":"ok"})");
  EXPECT_TRUE(SendTestMessage(db(), clock_, admin_, id, options_).ok());
  auto body = rx.Requests().back().body;
  EXPECT_NE(body.find("测试消息"), std::string::npos);
}

TEST_F(NotifyFixture, WorkerDeliversInTheBackground) {
  HttpReceiver rx;
  AddChannel(ChannelKind::kWebhook, rx.Url("/x"));
  SystemClock real;
  DeliveryWorker worker(*store_, real, options_, 20);
  worker.Start();
  Enqueue();
  worker.Wake();
  for (int i = 0; i < 500 && rx.RequestCount() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  worker.Stop();
  EXPECT_EQ(rx.RequestCount(), 1u);
}

}  // namespace
}  // namespace minyi
