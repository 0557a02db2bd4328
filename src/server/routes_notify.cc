// API of the notify subsystem: channels (admin), a test message, the delivery
// log (admin, leader) and the monitor's alert settings. NotifyModule owns the
// delivery worker, which polls the outbox cheaply (one indexed query every
// 250 ms); MINYI_NOTIFY_WORKER=off leaves it stopped (tests that inspect the
// outbox themselves).
#include <cstdlib>

#include "monitor/alert_policy.h"
#include "notify/notify.h"
#include "server/api.h"

namespace minyi {

struct NotifyModule {
  std::unique_ptr<DeliveryWorker> worker;
};

namespace {

const std::set<Role> kAdminOnly = {Role::kAdmin};
const std::set<Role> kAdminLeader = {Role::kAdmin, Role::kLeader};

Database& Db(ApiCall& c) { return c.services->store->db(); }
const Clock& Clk(ApiCall& c) { return *c.services->clock; }

Json ChannelJson(const Channel& raw) {
  Channel ch = MaskChannel(raw);
  const ChannelConfig& c = ch.config;
  Json config = {{"url", c.url}, {"secret", c.secret}};
  switch (ch.kind) {
    case ChannelKind::kWebhook:
      config["signature_header"] = c.signature_header;
      break;
    case ChannelKind::kFeishu:
      config["feishu_msg_type"] = c.feishu_msg_type;
      break;
    case ChannelKind::kEmail:
      config = {{"url", c.url}, {"username", c.username}, {"password", c.password}, {"from", c.from},
                {"to", c.to},   {"starttls", c.starttls}};
      break;
    default:
      break;
  }
  return {{"id", ch.id},
          {"name", ch.name},
          {"kind", ChannelKindName(ch.kind)},
          {"kind_label", ChannelKindLabel(ch.kind)},
          {"enabled", ch.enabled},
          {"subscriptions", ch.subscriptions},
          {"config", config},
          {"created_at", FormatIsoUtc(ch.created_at)},
          {"updated_at", FormatIsoUtc(ch.updated_at)}};
}

Result<Channel> ChannelFromBody(const Json& body) {
  Channel ch;
  MINYI_ASSIGN_OR_RETURN(ch.name, RequireString(body, "name", 200));
  MINYI_ASSIGN_OR_RETURN(std::string kind, RequireString(body, "kind", 20));
  MINYI_ASSIGN_OR_RETURN(ch.kind, ParseChannelKind(kind));
  MINYI_ASSIGN_OR_RETURN(ch.enabled, OptionalBool(body, "enabled", true));
  if (body.contains("subscriptions")) {
    if (!body["subscriptions"].is_array()) return InvalidArgument("subscriptions 应为通知类型列表");
    for (const auto& s : body["subscriptions"]) {
      if (!s.is_string()) return InvalidArgument("subscriptions 应为通知类型列表");
      ch.subscriptions.push_back(s.get<std::string>());
    }
  }
  Json config = body.contains("config") ? body["config"] : Json::object();
  if (!config.is_object()) return InvalidArgument("config 应为对象");
  ChannelConfig& c = ch.config;
  c.url = OptionalString(config, "url");
  c.secret = OptionalString(config, "secret");
  c.signature_header = OptionalString(config, "signature_header", c.signature_header);
  c.feishu_msg_type = OptionalString(config, "feishu_msg_type", c.feishu_msg_type);
  c.username = OptionalString(config, "username");
  c.password = OptionalString(config, "password");
  c.from = OptionalString(config, "from");
  MINYI_ASSIGN_OR_RETURN(c.starttls, OptionalBool(config, "starttls", false));
  if (config.contains("to")) {
    if (config["to"].is_string()) {
      // The form sends one line; accept commas, semicolons and spaces.
      std::string list = config["to"].get<std::string>(), cur;
      for (char ch2 : list + ",") {
        if (ch2 == ',' || ch2 == ';' || ch2 == ' ' || ch2 == '\n') {
          if (!cur.empty()) c.to.push_back(cur);
          cur.clear();
        } else {
          cur += ch2;
        }
      }
    } else if (config["to"].is_array()) {
      for (const auto& t : config["to"])
        if (t.is_string()) c.to.push_back(t.get<std::string>());
    } else {
      return InvalidArgument("收件人应为文字或列表");
    }
  }
  return ch;
}

Result<Reply> ListChannelsRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(auto channels, ListChannels(Db(call)));
  Json items = Json::array();
  for (const auto& ch : channels) items.push_back(ChannelJson(ch));
  Json kinds = Json::array();
  for (const char* k : kNotifyKinds) kinds.push_back({{"kind", k}, {"label", NotifyKindLabel(k)}});
  return JsonReply({{"items", items}, {"notification_kinds", kinds}});
}

Result<Reply> CreateChannelRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(Json body, call.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Channel ch, ChannelFromBody(body));
  MINYI_ASSIGN_OR_RETURN(int64_t id, CreateChannel(Db(call), Clk(call), call.actor(), ch));
  MINYI_ASSIGN_OR_RETURN(Channel stored, GetChannel(Db(call), id));
  return JsonReply(ChannelJson(stored), 201);
}

Result<Reply> UpdateChannelRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, call.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Channel ch, ChannelFromBody(body));
  ch.id = id;
  MINYI_RETURN_IF_ERROR(UpdateChannel(Db(call), Clk(call), call.actor(), ch));
  MINYI_ASSIGN_OR_RETURN(Channel stored, GetChannel(Db(call), id));
  return JsonReply(ChannelJson(stored));
}

Result<Reply> DeleteChannelRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  MINYI_RETURN_IF_ERROR(DeleteChannel(Db(call), Clk(call), call.actor(), id));
  return JsonReply({{"ok", true}});
}

Result<Reply> TestChannelRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  DeliveryOptions options;
  options.timeout_ms = 8000;
  Status st = SendTestMessage(Db(call), Clk(call), call.actor(), id, options);
  // A refused message is an answer, not a server error: the UI shows it.
  if (!st.ok() && st.code() != ErrorCode::kUnavailable && st.code() != ErrorCode::kFailedPrecondition) return st;
  return JsonReply({{"ok", st.ok()}, {"message", st.ok() ? "测试消息已发送，请在对应群聊或邮箱中查看" : st.message()}});
}

Result<Reply> ListDeliveriesRoute(ApiCall& call) {
  DeliveryLogQuery q;
  q.status = call.QueryParam("status");
  if (!q.status.empty() && q.status != "pending" && q.status != "sending" && q.status != "sent" &&
      q.status != "failed") {
    return InvalidArgument("状态只能是 pending、sending、sent 或 failed");
  }
  q.channel_id = call.QueryInt("channel_id", 0, 0, INT64_MAX);
  q.limit = call.QueryInt("limit", 50, 1, 200);
  q.offset = call.QueryInt("offset", 0, 0, INT64_MAX);
  MINYI_ASSIGN_OR_RETURN(auto rows, ListDeliveries(Db(call), q));
  MINYI_ASSIGN_OR_RETURN(int64_t total, CountDeliveries(Db(call), q));
  Json items = Json::array();
  auto t = [](UnixSeconds s) { return s > 0 ? Json(FormatIsoUtc(s)) : Json(nullptr); };
  for (const auto& e : rows) {
    items.push_back({{"id", e.outbox_id},
                     {"notification_id", e.notification_id},
                     {"channel_id", e.channel_id},
                     {"channel_name", e.channel_name},
                     {"channel_kind", e.channel_kind},
                     {"kind", e.kind},
                     {"kind_label", NotifyKindLabel(e.kind)},
                     {"title", e.title},
                     {"event_key", e.event_key},
                     {"status", e.status},
                     {"attempts", e.attempts},
                     {"last_error", e.last_error},
                     {"created_at", t(e.created_at)},
                     {"next_attempt_at", e.status == "pending" ? t(e.next_attempt_at) : Json(nullptr)},
                     {"last_attempt_at", t(e.last_attempt_at)},
                     {"sent_at", t(e.sent_at)}});
  }
  return JsonReply({{"items", items}, {"total", total}});
}

Result<Reply> RetryDeliveryRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  MINYI_RETURN_IF_ERROR(RetryDelivery(Db(call), Clk(call), call.actor(), id));
  return JsonReply({{"ok", true}});
}

Result<Reply> GetSettingsRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(AlertSettings s, LoadAlertSettings(Db(call)));
  MINYI_ASSIGN_OR_RETURN(Rows base, Db(call).Query("SELECT base_url FROM notify_settings WHERE id = 1"));
  MINYI_ASSIGN_OR_RETURN(auto topics, LoadTopicAlertConfigs(Db(call)));
  Json tj = Json::array();
  for (const auto& t : topics)
    tj.push_back({{"topic_id", t.topic_id}, {"name", t.name}, {"alert_on_hit", t.alert_on_hit}});
  return JsonReply({{"alert", Json::parse(AlertSettingsToJson(s))},
                    {"base_url", base.empty() ? "" : base.Text(0, "base_url")},
                    {"topics", tj}});
}

Result<Reply> PutSettingsRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(Json body, call.JsonBody());
  if (body.contains("alert")) {
    if (!body["alert"].is_object()) return InvalidArgument("alert 应为对象");
    MINYI_ASSIGN_OR_RETURN(AlertSettings s, AlertSettingsFromJson(body["alert"].dump()));
    MINYI_RETURN_IF_ERROR(SaveAlertSettings(Db(call), Clk(call), call.actor(), s));
  }
  if (body.contains("base_url")) {
    if (!body["base_url"].is_string() || body["base_url"].get<std::string>().size() > 500) {
      return InvalidArgument("系统访问地址应为不超过 500 字节的文字");
    }
    std::string url = body["base_url"].get<std::string>();
    if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      return InvalidArgument("系统访问地址应以 http:// 或 https:// 开头");
    }
    MINYI_RETURN_IF_ERROR(Db(call).InTransaction([&](Database& tx) -> Status {
      MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO notify_settings(id, base_url) VALUES (1, ?) ON CONFLICT (id) DO"
                                       " UPDATE SET base_url = excluded.base_url",
                                       {url})
                                .status());
      return AppendAudit(tx, Clk(call), call.actor(),
                         {"update", "notify_settings", "1", "null", Json{{"base_url", url}}.dump()});
    }));
  }
  return GetSettingsRoute(call);
}

Result<Reply> PutTopicAlertRoute(ApiCall& call) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, call.JsonBody());
  MINYI_ASSIGN_OR_RETURN(bool on, OptionalBool(body, "alert_on_hit", false));
  MINYI_RETURN_IF_ERROR(SetTopicAlertOnHit(Db(call), Clk(call), call.actor(), id, on));
  return JsonReply({{"topic_id", id}, {"alert_on_hit", on}});
}

}  // namespace

Result<std::shared_ptr<NotifyModule>> StartNotifyModule(Services& services) {
  auto m = std::make_shared<NotifyModule>();
  const char* env = std::getenv("MINYI_NOTIFY_WORKER");
  if (env != nullptr && std::string(env) == "off") return m;
  m->worker = std::make_unique<DeliveryWorker>(*services.store, *services.clock, DeliveryOptions{});
  m->worker->Start();
  return m;
}

std::vector<Route> NotifyRoutes() {
  return {
      {"GET", "/api/v1/notify/channels", Access::Only(kAdminLeader), ListChannelsRoute, "通知渠道列表"},
      {"POST", "/api/v1/notify/channels", Access::Only(kAdminOnly), CreateChannelRoute, "新建通知渠道"},
      {"PUT", "/api/v1/notify/channels/{id}", Access::Only(kAdminOnly), UpdateChannelRoute, "修改通知渠道"},
      {"DELETE", "/api/v1/notify/channels/{id}", Access::Only(kAdminOnly), DeleteChannelRoute, "删除通知渠道"},
      {"POST", "/api/v1/notify/channels/{id}/test", Access::Only(kAdminOnly), TestChannelRoute, "发送测试消息"},
      {"GET", "/api/v1/notify/deliveries", Access::Only(kAdminLeader), ListDeliveriesRoute, "发送记录"},
      {"POST", "/api/v1/notify/deliveries/{id}/retry", Access::Only(kAdminOnly), RetryDeliveryRoute, "重新发送"},
      {"GET", "/api/v1/notify/settings", Access::Only(kAdminLeader), GetSettingsRoute, "提醒设置"},
      {"PUT", "/api/v1/notify/settings", Access::Only(kAdminOnly), PutSettingsRoute, "修改提醒设置"},
      {"PUT", "/api/v1/notify/topics/{id}/alert", Access::Only(kAdminOnly), PutTopicAlertRoute,
       "设置监测方案命中即提醒"},
  };
}

}  // namespace minyi
