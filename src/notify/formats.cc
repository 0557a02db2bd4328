#include "notify/formats.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/crypto.h"

namespace minyi {
namespace {

using Json = nlohmann::json;

// WeCom refuses markdown over 4096 bytes; keep every robot's text well under.
constexpr size_t kMaxBodyBytes = 3500;

// Cuts at a UTF-8 boundary so a truncated message stays valid text.
std::string TruncateUtf8(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "……";
}

std::string Heading(const OutgoingMessage& m) {
  std::string h = "【" + std::string(NotifyKindLabel(m.kind)) + "】";
  if (m.urgent) h = "【紧急】" + h;
  return h + m.title;
}

std::string MarkdownText(const OutgoingMessage& m, const char* heading_prefix) {
  std::string text = std::string(heading_prefix) + Heading(m) + "\n\n" + TruncateUtf8(m.body, kMaxBodyBytes);
  if (!m.link.empty()) text += "\n\n[查看详情](" + m.link + ")";
  return text;
}

std::string PlainText(const OutgoingMessage& m) {
  std::string text = Heading(m) + "\n" + TruncateUtf8(m.body, kMaxBodyBytes);
  if (!m.link.empty()) text += "\n查看详情：" + m.link;
  return text;
}

std::string AppendQuery(const std::string& url, const std::string& params) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + params;
}

Json FeishuPost(const OutgoingMessage& m) {
  Json lines = Json::array();
  // One paragraph per body line keeps the vendor's rendering readable.
  std::string body = TruncateUtf8(m.body, kMaxBodyBytes);
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    if (!line.empty()) lines.push_back(Json::array({{{"tag", "text"}, {"text", line}}}));
    start = end + 1;
  }
  if (!m.link.empty()) lines.push_back(Json::array({{{"tag", "a"}, {"text", "查看详情"}, {"href", m.link}}}));
  return {{"post", {{"zh_cn", {{"title", Heading(m)}, {"content", lines}}}}}};
}

}  // namespace

std::string UrlEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string EncodeMimeHeader(std::string_view text) {
  bool ascii = true;
  for (unsigned char c : text) ascii = ascii && c >= 0x20 && c < 0x7F;
  if (ascii) return std::string(text);
  // 45 raw bytes -> 60 base64 characters; with "=?UTF-8?B?" and "?=" under 76.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t n = std::min<size_t>(45, text.size() - i);
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64Encode(text.substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string Base64Lines(std::string_view data) {
  std::string b64 = Base64Encode(data), out;
  for (size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

std::string FormatRfc5322Date(UnixSeconds t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

bool IsMentionMobile(std::string_view m) {
  return m.size() == 11 && m[0] == '1' && std::all_of(m.begin(), m.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<std::string> JoinMentions(const std::vector<std::string>& mobiles) {
  if (mobiles.size() > kMaxMentions) return InvalidArgument("一条通知最多提醒 10 个手机号");
  std::string out;
  for (const std::string& m : mobiles) {
    if (!IsMentionMobile(m)) return InvalidArgument("提醒的手机号格式不正确：" + TruncateUtf8(m, 40));
    out += (out.empty() ? "" : " ") + m;
  }
  return out;
}

std::vector<std::string> SplitMentions(std::string_view stored) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < stored.size()) {
    size_t end = stored.find(' ', start);
    if (end == std::string_view::npos) end = stored.size();
    if (end > start) out.emplace_back(stored.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<HttpRequestSpec> BuildHttpRequest(const Channel& channel, const OutgoingMessage& msg, UnixSeconds now) {
  const ChannelConfig& c = channel.config;
  HttpRequestSpec req;
  req.url = c.url;
  req.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
  Json body;
  switch (channel.kind) {
    case ChannelKind::kWeCom:
      if (msg.mention_mobiles.empty()) {
        body = {{"msgtype", "markdown"}, {"markdown", {{"content", MarkdownText(msg, "### ")}}}};
      } else {
        body = {{"msgtype", "text"},
                {"text", {{"content", PlainText(msg)}, {"mentioned_mobile_list", msg.mention_mobiles}}}};
      }
      break;
    case ChannelKind::kDingTalk: {
      std::string text = MarkdownText(msg, "### ");
      if (!msg.mention_mobiles.empty()) {
        text += "\n\n";
        for (const std::string& m : msg.mention_mobiles) text += "@" + m + " ";
        body["at"] = {{"atMobiles", msg.mention_mobiles}, {"isAtAll", false}};
      }
      body["msgtype"] = "markdown";
      body["markdown"] = {{"title", Heading(msg)}, {"text", text}};
      if (!c.secret.empty()) {
        std::string ts = std::to_string(now * 1000);
        std::string sign = Base64Encode(HmacSha256Raw(c.secret, ts + "\n" + c.secret));
        req.url = AppendQuery(c.url, "timestamp=" + ts + "&sign=" + UrlEncode(sign));
      }
      break;
    }
    case ChannelKind::kFeishu: {
      if (c.feishu_msg_type == "text") {
        body = {{"msg_type", "text"}, {"content", {{"text", PlainText(msg)}}}};
      } else {
        body = {{"msg_type", "post"}, {"content", FeishuPost(msg)}};
      }
      if (!c.secret.empty()) {
        std::string ts = std::to_string(now);
        body["timestamp"] = ts;
        body["sign"] = Base64Encode(HmacSha256Raw(ts + "\n" + c.secret, ""));
      }
      break;
    }
    case ChannelKind::kWebhook: {
      body = {{"kind", msg.kind},     {"title", msg.title}, {"body", msg.body},      {"link", msg.link},
              {"urgent", msg.urgent}, {"sent_at", now},     {"text", PlainText(msg)}};
      std::string text = body.dump();
      if (!c.secret.empty()) {
        std::string ts = std::to_string(now);
        req.headers.push_back({c.signature_header.empty() ? "X-Minyi-Signature" : c.signature_header,
                               "t=" + ts + ",v1=" + HmacSha256Hex(c.secret, ts + "." + text)});
      }
      req.body = std::move(text);
      return req;
    }
    case ChannelKind::kEmail:
      return InvalidArgument("电子邮件渠道不使用 HTTP 发送");
  }
  req.body = body.dump();
  return req;
}

Status CheckHttpReply(ChannelKind kind, int http_status, const std::string& body) {
  if (http_status < 200 || http_status >= 300) {
    std::string snippet = TruncateUtf8(body, 200);
    return Unavailable("对方返回 HTTP " + std::to_string(http_status) + (snippet.empty() ? "" : "：" + snippet));
  }
  if (kind == ChannelKind::kWebhook) return Status::Ok();
  Json reply = Json::parse(body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Unavailable("机器人返回的不是 JSON：" + TruncateUtf8(body, 200));
  }
  const char* code_key = kind == ChannelKind::kFeishu ? "code" : "errcode";
  const char* msg_key = kind == ChannelKind::kFeishu ? "msg" : "errmsg";
  // Older Feishu answers carry StatusCode only.
  if (kind == ChannelKind::kFeishu && !reply.contains("code") && reply.contains("StatusCode")) {
    code_key = "StatusCode";
    msg_key = "StatusMessage";
  }
  if (!reply.contains(code_key) || !reply[code_key].is_number_integer()) {
    return Unavailable("机器人返回缺少" + std::string(code_key) + "：" + TruncateUtf8(body, 200));
  }
  int64_t code = reply[code_key].get<int64_t>();
  if (code != 0) {
    std::string m = reply.contains(msg_key) && reply[msg_key].is_string() ? reply[msg_key].get<std::string>() : "";
    return Unavailable("机器人拒绝了消息（" + std::to_string(code) + "）：" + m);
  }
  return Status::Ok();
}

std::string BuildEmailMessage(const ChannelConfig& config, const OutgoingMessage& msg, UnixSeconds now,
                              const std::string& message_id) {
  std::string to;
  for (const auto& addr : config.to) to += (to.empty() ? "" : ", ") + addr;
  std::string text = PlainText(msg) + "\n\n—— 民意系统自动发送，请勿直接回复。\n";
  // CRLF line ends as RFC 5322 requires.
  std::string crlf;
  for (char ch : text) {
    if (ch == '\n')
      crlf += "\r\n";
    else if (ch != '\r')
      crlf += ch;
  }
  std::string m;
  m += "Date: " + FormatRfc5322Date(now) + "\r\n";
  m += "From: " + config.from + "\r\n";
  m += "To: " + to + "\r\n";
  m += "Message-ID: <" + message_id + ">\r\n";
  m += "Subject: " + EncodeMimeHeader(Heading(msg)) + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "\r\n";
  m += Base64Lines(crlf);
  return m;
}

}  // namespace minyi
