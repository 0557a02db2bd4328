// Channel records: validation, storage (config as JSON), masking.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "notify/notify.h"
#include "notify/notify_internal.h"

namespace minyi {
namespace {

using Json = nlohmann::json;

struct KindInfo {
  ChannelKind kind;
  const char* name;
  const char* label;
};
constexpr KindInfo kKinds[] = {{ChannelKind::kWeCom, "wecom", "企业微信机器人"},
                               {ChannelKind::kDingTalk, "dingtalk", "钉钉机器人"},
                               {ChannelKind::kFeishu, "feishu", "飞书机器人"},
                               {ChannelKind::kWebhook, "webhook", "通用 Webhook"},
                               {ChannelKind::kEmail, "email", "电子邮件"}};

bool StartsWith(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

std::string JoinKinds(const std::vector<std::string>& kinds) {
  std::string out;
  for (const auto& k : kinds) out += (out.empty() ? "" : ",") + k;
  return out;
}

std::vector<std::string> SplitKinds(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string ConfigToJson(const ChannelConfig& c) {
  return Json{{"url", c.url},
              {"secret", c.secret},
              {"signature_header", c.signature_header},
              {"feishu_msg_type", c.feishu_msg_type},
              {"username", c.username},
              {"password", c.password},
              {"from", c.from},
              {"to", c.to},
              {"starttls", c.starttls}}
      .dump();
}

ChannelConfig ConfigFromJson(const std::string& text) {
  ChannelConfig c;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return c;
  auto str = [&](const char* k, std::string& out) {
    if (j.contains(k) && j[k].is_string()) out = j[k].get<std::string>();
  };
  str("url", c.url);
  str("secret", c.secret);
  str("signature_header", c.signature_header);
  str("feishu_msg_type", c.feishu_msg_type);
  str("username", c.username);
  str("password", c.password);
  str("from", c.from);
  if (j.contains("to") && j["to"].is_array()) {
    for (const auto& t : j["to"])
      if (t.is_string()) c.to.push_back(t.get<std::string>());
  }
  if (j.contains("starttls") && j["starttls"].is_boolean()) c.starttls = j["starttls"].get<bool>();
  return c;
}

bool LooksLikeEmail(const std::string& s) {
  size_t at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() && s.find_first_of(" <>\r\n,;") == std::string::npos;
}

Status Validate(const Channel& ch) {
  if (ch.name.empty() || ch.name.size() > 200) return InvalidArgument("渠道名称不能为空，且不超过 200 字节");
  for (const auto& k : ch.subscriptions) {
    if (!IsValidNotifyKind(k)) return InvalidArgument("未知的通知类型：" + k);
  }
  const ChannelConfig& c = ch.config;
  if (c.url.size() > 2000 || c.secret.size() > 500) return InvalidArgument("地址或密钥过长");
  if (c.url.find_first_of(" \r\n\t") != std::string::npos) return InvalidArgument("地址不能包含空白字符");
  if (ch.kind == ChannelKind::kEmail) {
    if (!StartsWith(c.url, "smtp://") && !StartsWith(c.url, "smtps://")) {
      return InvalidArgument("邮件服务器地址应以 smtp:// 或 smtps:// 开头，例如 smtps://smtp.example.gov.cn:465");
    }
    if (!LooksLikeEmail(c.from)) return InvalidArgument("发件人地址不正确");
    if (c.to.empty()) return InvalidArgument("至少填写一个收件人");
    if (c.to.size() > 50) return InvalidArgument("收件人不能超过 50 个");
    for (const auto& t : c.to) {
      if (!LooksLikeEmail(t)) return InvalidArgument("收件人地址不正确：" + t);
    }
    return Status::Ok();
  }
  if (!StartsWith(c.url, "https://") && !StartsWith(c.url, "http://")) {
    return InvalidArgument("Webhook 地址应以 https:// 或 http:// 开头");
  }
  if (ch.kind == ChannelKind::kFeishu && c.feishu_msg_type != "post" && c.feishu_msg_type != "text") {
    return InvalidArgument("飞书消息类型只能是 post 或 text");
  }
  if (ch.kind == ChannelKind::kWebhook && c.signature_header.find_first_of(" :\r\n") != std::string::npos) {
    return InvalidArgument("签名请求头名称不正确");
  }
  return Status::Ok();
}

// Robot URLs carry their token in the query (WeCom key, DingTalk
// access_token) or the last path segment (Feishu hook id).
std::string MaskUrl(const std::string& url, ChannelKind kind) {
  if (kind == ChannelKind::kEmail) return url;
  std::string base = url, query;
  size_t q = url.find('?');
  if (q != std::string::npos) {
    base = url.substr(0, q);
    query = url.substr(q + 1);
  }
  if (kind == ChannelKind::kFeishu || kind == ChannelKind::kWebhook) {
    size_t slash = base.rfind('/');
    size_t scheme_end = base.find("://");
    if (slash != std::string::npos && scheme_end != std::string::npos && slash > scheme_end + 3 &&
        slash + 1 < base.size() && base.size() - slash - 1 >= 16) {
      base = base.substr(0, slash + 1) + kSecretMask;
    }
  }
  if (q == std::string::npos) return base;
  std::string masked;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string part = query.substr(start, end - start);
    size_t eq = part.find('=');
    if (!masked.empty()) masked += '&';
    masked += eq == std::string::npos ? part : part.substr(0, eq + 1) + kSecretMask;
    start = end + 1;
  }
  return base + "?" + masked;
}

Json AuditJson(const Channel& ch) {
  Channel m = MaskChannel(ch);
  return {{"name", m.name},
          {"kind", ChannelKindName(m.kind)},
          {"enabled", m.enabled},
          {"subscriptions", m.subscriptions},
          {"url", m.config.url}};
}

}  // namespace

std::string_view ChannelKindName(ChannelKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name;
  return "webhook";
}

std::string_view ChannelKindLabel(ChannelKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.label;
  return "";
}

Result<ChannelKind> ParseChannelKind(std::string_view name) {
  for (const auto& k : kKinds)
    if (name == k.name) return k.kind;
  return InvalidArgument("未知的渠道类型：" + std::string(name) + "（可选 wecom、dingtalk、feishu、webhook、email）");
}

Channel MaskChannel(const Channel& channel) {
  Channel m = channel;
  m.config.url = MaskUrl(channel.config.url, channel.kind);
  if (!m.config.secret.empty()) m.config.secret = kSecretMask;
  if (!m.config.password.empty()) m.config.password = kSecretMask;
  return m;
}

Channel ChannelFromRow(const Rows& rows, size_t i) {
  Channel ch;
  ch.id = rows.Int(i, "id");
  ch.name = rows.Text(i, "name");
  auto kind = ParseChannelKind(rows.Text(i, "kind"));
  ch.kind = kind.ok() ? *kind : ChannelKind::kWebhook;
  ch.enabled = rows.Int(i, "enabled") != 0;
  ch.subscriptions = SplitKinds(rows.Text(i, "subscriptions"));
  ch.config = ConfigFromJson(rows.Text(i, "config_json"));
  ch.created_at = rows.Int(i, "created_at");
  ch.updated_at = rows.Int(i, "updated_at");
  return ch;
}

Result<Channel> GetChannel(Database& db, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db.QueryOne("SELECT * FROM notify_channels WHERE id = ? AND deleted = 0", {id}, "找不到该通知渠道"));
  return ChannelFromRow(rows, 0);
}

Result<std::vector<Channel>> ListChannels(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT * FROM notify_channels WHERE deleted = 0 ORDER BY id"));
  std::vector<Channel> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ChannelFromRow(rows, i));
  return out;
}

Result<int64_t> CreateChannel(Database& db, const Clock& clock, const Actor& actor, Channel channel) {
  MINYI_RETURN_IF_ERROR(Validate(channel));
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(int64_t taken, tx.QueryInt("SELECT COUNT(*) FROM notify_channels WHERE name = ? AND"
                                                      " deleted = 0",
                                                      {channel.name}));
    if (taken > 0) return AlreadyExists("已有同名的通知渠道：" + channel.name);
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId(
                "INSERT INTO notify_channels(name, kind, enabled, subscriptions, config_json,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                {channel.name, ChannelKindName(channel.kind), channel.enabled, JoinKinds(channel.subscriptions),
                 ConfigToJson(channel.config), clock.Now(), clock.Now()}));
    return AppendAudit(tx, clock, actor,
                       {"create", "notify_channel", std::to_string(id), "null", AuditJson(channel).dump()});
  }));
  return id;
}

Status UpdateChannel(Database& db, const Clock& clock, const Actor& actor, Channel channel) {
  return db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Channel old, GetChannel(tx, channel.id));
    if (channel.kind != old.kind) return InvalidArgument("渠道类型不能修改；请新建渠道");
    ChannelConfig& c = channel.config;
    if (c.url.empty() || c.url == MaskUrl(old.config.url, old.kind)) c.url = old.config.url;
    if (c.secret == kSecretMask) c.secret = old.config.secret;
    if (c.password == kSecretMask) c.password = old.config.password;
    MINYI_RETURN_IF_ERROR(Validate(channel));
    MINYI_ASSIGN_OR_RETURN(int64_t taken, tx.QueryInt("SELECT COUNT(*) FROM notify_channels WHERE name = ? AND"
                                                      " deleted = 0 AND id <> ?",
                                                      {channel.name, channel.id}));
    if (taken > 0) return AlreadyExists("已有同名的通知渠道：" + channel.name);
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE notify_channels SET name = ?, enabled = ?, subscriptions = ?,"
                                     " config_json = ?, updated_at = ? WHERE id = ?",
                                     {channel.name, channel.enabled, JoinKinds(channel.subscriptions), ConfigToJson(c),
                                      clock.Now(), channel.id})
                              .status());
    return AppendAudit(
        tx, clock, actor,
        {"update", "notify_channel", std::to_string(channel.id), AuditJson(old).dump(), AuditJson(channel).dump()});
  });
}

Status DeleteChannel(Database& db, const Clock& clock, const Actor& actor, int64_t id) {
  return db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Channel old, GetChannel(tx, id));
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE notify_channels SET deleted = 1, enabled = 0, updated_at = ? WHERE id = ?",
                                     {clock.Now(), id})
                              .status());
    // Pending messages to a deleted channel would never leave; say so in the log.
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE notify_outbox SET status = 'failed', last_error = '渠道已删除'"
                                     " WHERE channel_id = ? AND status IN ('pending', 'sending')",
                                     {id})
                              .status());
    return AppendAudit(tx, clock, actor,
                       {"delete", "notify_channel", std::to_string(id), AuditJson(old).dump(), "null"});
  });
}

}  // namespace minyi
