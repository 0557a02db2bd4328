// Outbound notifications: robot webhooks (企业微信 WeCom, 钉钉 DingTalk,
// 飞书 Feishu), a generic JSON webhook and e-mail over SMTP.
//
// Contract:
//  - EnqueueNotification runs inside the caller's transaction: the
//    notification and one outbox row per target channel are stored together
//    with the caller's change, or not at all. Nothing is sent from inside a
//    transaction; delivery happens later (DeliverDue / DeliveryWorker).
//  - DeliverDue sends every outbox row whose next attempt is due, logs each
//    attempt (notify_attempts), and on failure schedules the next attempt with
//    exponential backoff plus jitter; after max_attempts the row is marked
//    failed. Robots answering HTTP 200 with a non-zero errcode/code count as
//    failures (their message is logged). A row is claimed with a lease before
//    sending, so two workers never send the same row at the same time; a
//    crashed sender's row becomes due again when the lease runs out.
//  - Secrets (robot URL keys, signing secrets, SMTP passwords) are stored in
//    notify_channels and are never returned by ChannelToPublic (masked).
//
// Thread safety: free functions are as Database. DeliveryWorker runs one
// background thread; Wake() and Stop() may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

// Notification kinds channels subscribe to.
// "briefing" (上报信息) and "test" go only to channels named explicitly.
inline constexpr const char* kNotifyKinds[] = {"alert",         "case_warning", "case_urge", "case_supervise",
                                               "duty_reminder", "briefing",     "test"};
bool IsValidNotifyKind(std::string_view kind);
std::string_view NotifyKindLabel(std::string_view kind);  // "监测预警"

struct Notification {
  std::string kind;                  // one of kNotifyKinds
  std::string title;                 // short, Chinese
  std::string body;                  // plain text / light markdown, Chinese
  std::string link;                  // path in the web UI, e.g. "#/monitor/event?id=3"; "" = none
  int64_t event_key = 0;             // what the notification is about (event id, case id); for the log
  bool urgent = false;               // shown as 【紧急】
  std::vector<int64_t> channel_ids;  // empty: every enabled channel subscribed to kind
  // Staff mobiles (11 digits) the WeCom/DingTalk robots @-mention; at most
  // kMaxMentions. Used for rota pages, where one named person must act.
  std::vector<std::string> mention_mobiles;
};
inline constexpr size_t kMaxMentions = 10;
// A mainland mobile number as robots mention it: 11 digits starting with 1.
bool IsMentionMobile(std::string_view mobile);

// Returns the notification id. Zero outbox rows (no channel subscribed) is
// not an error: the notification is still recorded.
Result<int64_t> EnqueueNotification(Database& tx, const Clock& clock, const Notification& n);

// ---- Channels -------------------------------------------------------------

enum class ChannelKind { kWeCom, kDingTalk, kFeishu, kWebhook, kEmail };
std::string_view ChannelKindName(ChannelKind kind);   // "wecom"
std::string_view ChannelKindLabel(ChannelKind kind);  // "企业微信机器人"
Result<ChannelKind> ParseChannelKind(std::string_view name);

struct ChannelConfig {
  // Robots/webhook: the POST URL (WeCom: .../webhook/send?key=...; DingTalk:
  // .../robot/send?access_token=...). E-mail: smtp://host:port or
  // smtps://host:port.
  std::string url;
  std::string secret;  // DingTalk/Feishu signing secret; webhook HMAC key; "" = unsigned
  std::string signature_header = "X-Minyi-Signature";  // webhook only
  std::string feishu_msg_type = "post";                // "post" or "text"
  // E-mail only.
  std::string username, password, from;
  std::vector<std::string> to;
  bool starttls = false;  // require STARTTLS on smtp://
};

struct Channel {
  int64_t id = 0;
  std::string name;
  ChannelKind kind = ChannelKind::kWebhook;
  bool enabled = true;
  std::vector<std::string> subscriptions;  // notification kinds; empty = all
  ChannelConfig config;
  UnixSeconds created_at = 0, updated_at = 0;
};

// Validates (URL scheme, required fields, kinds) and stores; audited.
Result<int64_t> CreateChannel(Database& db, const Clock& clock, const Actor& actor, Channel channel);
// Replaces the channel; a secret field (url, secret, password) equal to its
// mask keeps the stored value, so the UI can round-trip a masked channel.
Status UpdateChannel(Database& db, const Clock& clock, const Actor& actor, Channel channel);
// Soft delete: the channel disappears from lists but its delivery log stays.
Status DeleteChannel(Database& db, const Clock& clock, const Actor& actor, int64_t id);
Result<Channel> GetChannel(Database& db, int64_t id);
Result<std::vector<Channel>> ListChannels(Database& db);
// A copy safe to show: secrets replaced by kSecretMask, URL query values and
// path tokens masked.
Channel MaskChannel(const Channel& channel);
inline constexpr const char* kSecretMask = "******";

// ---- Delivery -------------------------------------------------------------

struct DeliveryOptions {
  int max_attempts = 6;
  int64_t base_backoff_seconds = 30;  // 30 s, 60 s, 120 s, ...
  int64_t max_backoff_seconds = 3600;
  double jitter = 0.2;          // ± share of the backoff; 0 in tests
  int64_t lease_seconds = 120;  // a claimed row's send must finish in this time
  int timeout_ms = 10000;       // per HTTP/SMTP exchange
  int batch = 50;               // rows per DeliverDue call
  std::string base_url;         // prefix for links ("https://minyi.example.gov.cn/"); "" = from settings
};

struct DeliveryStats {
  int64_t sent = 0, retried = 0, failed = 0;
};

// Sends what is due now; never holds a transaction while talking to the
// network.
Result<DeliveryStats> DeliverDue(Database& db, const Clock& clock, const DeliveryOptions& options);

// Sends a test message to one channel now (also logged as a kind=test
// notification). Returns the delivery error as the Status, so the UI can
// show "发送失败：..." at once.
Status SendTestMessage(Database& db, const Clock& clock, const Actor& actor, int64_t channel_id,
                       const DeliveryOptions& options);

struct DeliveryLogEntry {
  int64_t outbox_id = 0, notification_id = 0, channel_id = 0, event_key = 0;
  std::string channel_name, channel_kind, kind, title, status;  // status: pending|sending|sent|failed
  int64_t attempts = 0;
  std::string last_error;
  UnixSeconds created_at = 0, next_attempt_at = 0, last_attempt_at = 0, sent_at = 0;
};

struct DeliveryLogQuery {
  std::string status;  // "" = all
  int64_t channel_id = 0;
  int64_t limit = 50, offset = 0;
};
Result<std::vector<DeliveryLogEntry>> ListDeliveries(Database& db, const DeliveryLogQuery& query);
Result<int64_t> CountDeliveries(Database& db, const DeliveryLogQuery& query);
// Makes a failed row due again now (manual "重新发送").
Status RetryDelivery(Database& db, const Clock& clock, const Actor& actor, int64_t outbox_id);

// Background sender: polls cheaply (one indexed query) every poll_ms and
// whenever Wake() is called.
class DeliveryWorker {
 public:
  DeliveryWorker(Store& store, const Clock& clock, DeliveryOptions options, int poll_ms = 250);
  ~DeliveryWorker();  // stops
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;

  void Start();
  void Wake();
  void Stop();

 private:
  void Run();

  Store& store_;
  const Clock& clock_;
  DeliveryOptions options_;
  int poll_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, woken_ = false;
  std::thread thread_;
};

}  // namespace minyi
