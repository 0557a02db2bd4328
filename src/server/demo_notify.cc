// Demo records for the notify subsystem: one disabled 示例 channel per kind
// with placeholder addresses (example.invalid / 0.0.0.0), so the page shows
// every form without anything leaving the machine.
#include "notify/notify.h"
#include "server/demo_internal.h"

namespace minyi {

Status SeedNotifyDemo(DemoContext& demo) {
  Database& db = demo.store->db();
  const Clock& clock = *demo.clock;
  Actor system{0, "演示数据"};
  struct Example {
    const char* name;
    ChannelKind kind;
    const char* url;
    const char* secret;
    std::vector<std::string> subscriptions;
  };
  const Example examples[] = {
      {"示例：宣传科企业微信群",
       ChannelKind::kWeCom,
       "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-0000-0000-0000-000000000000",
       "",
       {"alert"}},
      {"示例：值班钉钉群",
       ChannelKind::kDingTalk,
       "https://oapi.dingtalk.com/robot/send?access_token=0000000000000000000000000000000000000000",
       "SEC0000000000000000000000000000000000000000000000000000000000000000",
       {"alert", "case_urge"}},
      {"示例：领导飞书群",
       ChannelKind::kFeishu,
       "https://open.feishu.cn/open-apis/bot/v2/hook/00000000-0000-0000-0000-000000000000",
       "0000000000000000",
       {"case_supervise"}},
      {"示例：本地值班系统 Webhook",
       ChannelKind::kWebhook,
       "https://duty.example.invalid/hooks/minyi",
       "change-me",
       {}},
      {"示例：办公室邮箱",
       ChannelKind::kEmail,
       "smtps://smtp.example.invalid:465",
       "",
       {"case_warning", "duty_reminder"}},
  };
  for (const auto& e : examples) {
    Channel ch;
    ch.name = e.name;
    ch.kind = e.kind;
    ch.enabled = false;  // placeholders: an admin fills in real addresses first
    ch.subscriptions = e.subscriptions;
    ch.config.url = e.url;
    ch.config.secret = e.secret;
    if (e.kind == ChannelKind::kEmail) {
      ch.config.from = "minyi@example.invalid";
      ch.config.to = {"office@example.invalid"};
      ch.config.username = "minyi@example.invalid";
      ch.config.password = "change-me";
    }
    MINYI_RETURN_IF_ERROR(CreateChannel(db, clock, system, ch).status());
  }
  return Status::Ok();
}

}  // namespace minyi
