// Internal to src/notify: each channel kind's message format, signature and
// reply check, kept free of I/O so tests can check them byte for byte.
//
// Formats, from the vendors' documentation:
//  - WeCom group robot: POST the URL (key in it), {"msgtype":"markdown",
//    "markdown":{"content":...}}; reply {"errcode":0,"errmsg":"ok"}. With
//    mentions: {"msgtype":"text","text":{"content","mentioned_mobile_list"}}
//    (WeCom mentions by mobile only in text messages).
//  - DingTalk custom robot: {"msgtype":"markdown","markdown":{"title","text"}};
//    with mentions "at":{"atMobiles":[...],"isAtAll":false} and "@<mobile>"
//    in the text, where DingTalk shows the mention;
//    with a secret, URL params timestamp (ms) and sign =
//    urlencode(base64(HMAC-SHA256(key=secret, timestamp+"\n"+secret))).
//    Reply errcode/errmsg.
//  - Feishu custom bot: {"msg_type":"post"|"text", "content":...}; with a
//    secret, "timestamp" (s, string) and "sign" =
//    base64(HMAC-SHA256(key=timestamp+"\n"+secret, "")) in the body. Reply
//    {"code":0,"msg":"success"}.
//  - Generic webhook: our JSON; with a secret, header
//    <signature_header>: "t=<unix s>,v1=<hex HMAC-SHA256(secret, t+"."+body)>".
//  - E-mail: RFC 5322 message, UTF-8 subject as RFC 2047 B-words, base64 body.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/env.h"
#include "notify/notify.h"

namespace minyi {

struct OutgoingMessage {
  std::string kind, title, body, link;  // link already absolute (or "")
  bool urgent = false;
  std::vector<std::string> mention_mobiles;  // validated by JoinMentions
};

// Mobiles as stored ("13800000001 13900000002"); kInvalidArgument naming the
// bad entry unless each is 11 digits starting with 1, at most kMaxMentions.
Result<std::string> JoinMentions(const std::vector<std::string>& mobiles);
std::vector<std::string> SplitMentions(std::string_view stored);

struct HttpRequestSpec {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// The HTTP request for a robot/webhook channel at time now (ms precision for
// DingTalk comes from now * 1000).
Result<HttpRequestSpec> BuildHttpRequest(const Channel& channel, const OutgoingMessage& msg, UnixSeconds now);

// OK when the vendor accepted the message; else the reason, in Chinese with
// the vendor's own message.
Status CheckHttpReply(ChannelKind kind, int http_status, const std::string& body);

// The full RFC 5322 message (CRLF line ends, dot-stuffing left to curl).
std::string BuildEmailMessage(const ChannelConfig& config, const OutgoingMessage& msg, UnixSeconds now,
                              const std::string& message_id);

std::string UrlEncode(std::string_view s);
// "=?UTF-8?B?...?=" words, each under 76 characters, split on UTF-8 boundaries.
std::string EncodeMimeHeader(std::string_view text);
// Base64 split into 76-character CRLF lines.
std::string Base64Lines(std::string_view data);
std::string FormatRfc5322Date(UnixSeconds t);

// Network transports (transport.cc, libcurl).
struct HttpReply {
  int status = 0;
  std::string body;
};
Result<HttpReply> HttpPost(const HttpRequestSpec& request, int timeout_ms);
Status SmtpSend(const ChannelConfig& config, const std::string& message, int timeout_ms);

}  // namespace minyi
