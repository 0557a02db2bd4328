// The outbox: enqueue inside the caller's transaction, deliver outside any
// transaction, log every attempt, retry with backoff.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "notify/formats.h"
#include "notify/notify.h"
#include "notify/notify_internal.h"

namespace minyi {
namespace {

constexpr size_t kMaxTitleBytes = 500;
constexpr size_t kMaxBodyBytes = 20000;

struct KindLabel {
  const char* kind;
  const char* label;
};
constexpr KindLabel kKindLabels[] = {
    {"alert", "监测预警"},         {"case_warning", "办理预警"}, {"case_urge", "催办"}, {"case_supervise", "督办"},
    {"duty_reminder", "台账提醒"}, {"briefing", "信息报送"},     {"test", "测试消息"}};

bool Subscribed(const Channel& ch, const std::string& kind) {
  // A test or a briefing goes only where it is sent explicitly.
  if (kind == "test" || kind == "briefing") return false;
  return ch.subscriptions.empty() ||
         std::find(ch.subscriptions.begin(), ch.subscriptions.end(), kind) != ch.subscriptions.end();
}

double UnitRandom() {
  std::string hex = RandomHex(4);
  return static_cast<double>(std::stoul(hex, nullptr, 16)) / 4294967296.0;
}

std::string AbsoluteLink(const std::string& base_url, const std::string& link) {
  if (link.empty() || link.rfind("http://", 0) == 0 || link.rfind("https://", 0) == 0) return link;
  // Without the site's address a relative link is useless outside the browser.
  if (base_url.empty()) return "";
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + (link.front() == '/' ? link.substr(1) : link);
}

Result<std::string> BaseUrl(Database& db, const DeliveryOptions& options) {
  if (!options.base_url.empty()) return options.base_url;
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT base_url FROM notify_settings WHERE id = 1"));
  return rows.empty() ? std::string() : rows.Text(0, "base_url");
}

struct AttemptOutcome {
  Status status;
  int http_status = 0;
};

AttemptOutcome SendOnce(const Channel& ch, const OutgoingMessage& msg, UnixSeconds now, int64_t outbox_id,
                        const DeliveryOptions& options) {
  AttemptOutcome out;
  if (ch.kind == ChannelKind::kEmail) {
    std::string message_id = "minyi-" + std::to_string(outbox_id) + "-" + RandomHex(6) + "@minyi.local";
    out.status = SmtpSend(ch.config, BuildEmailMessage(ch.config, msg, now, message_id), options.timeout_ms);
    return out;
  }
  auto req = BuildHttpRequest(ch, msg, now);
  if (!req.ok()) {
    out.status = req.status();
    return out;
  }
  auto reply = HttpPost(*req, options.timeout_ms);
  if (!reply.ok()) {
    out.status = reply.status();
    return out;
  }
  out.http_status = reply->status;
  out.status = CheckHttpReply(ch.kind, reply->status, reply->body);
  return out;
}

// Claims, sends and records one outbox row; the send's outcome goes to
// *sent, errors of the store itself are the return value.
Status DeliverRow(Database& db, const Clock& clock, const DeliveryOptions& options, const std::string& base_url,
                  int64_t outbox_id, DeliveryStats& stats, Status* sent) {
  UnixSeconds now = clock.Now();
  MINYI_ASSIGN_OR_RETURN(
      int64_t claimed,
      db.Execute("UPDATE notify_outbox SET status = 'sending', next_attempt_at = ? WHERE id = ? AND status IN"
                 " ('pending', 'sending') AND next_attempt_at <= ?",
                 {now + options.lease_seconds, outbox_id, now}));
  if (claimed != 1) return Status::Ok();  // another sender has it
  MINYI_ASSIGN_OR_RETURN(Rows row,
                         db.QueryOne("SELECT o.attempts, o.channel_id, n.kind, n.title, n.body, n.link,"
                                     " n.urgent, n.mention_mobiles FROM notify_outbox o JOIN notifications n ON"
                                     " n.id = o.notification_id WHERE o.id = ?",
                                     {outbox_id}, "找不到发送记录"));
  MINYI_ASSIGN_OR_RETURN(Rows chrow, db.QueryOne("SELECT * FROM notify_channels WHERE id = ?",
                                                 {row.Int(0, "channel_id")}, "找不到该通知渠道"));
  Channel ch = ChannelFromRow(chrow, 0);
  OutgoingMessage msg{row.Text(0, "kind"),       row.Text(0, "title"),
                      row.Text(0, "body"),       AbsoluteLink(base_url, row.Text(0, "link")),
                      row.Int(0, "urgent") != 0, SplitMentions(row.Text(0, "mention_mobiles"))};
  int64_t started = clock.MonotonicNanos();
  AttemptOutcome outcome;
  if (chrow.Int(0, "deleted") != 0) {
    outcome.status = FailedPrecondition("渠道已删除");
  } else {
    outcome = SendOnce(ch, msg, now, outbox_id, options);
  }
  int64_t duration_ms = (clock.MonotonicNanos() - started) / 1'000'000;
  int64_t attempts = row.Int(0, "attempts") + 1;
  UnixSeconds done = clock.Now();
  std::string error = outcome.status.ok() ? "" : outcome.status.message();
  std::string status = "sent";
  UnixSeconds next = 0;
  if (!outcome.status.ok()) {
    bool final = attempts >= options.max_attempts || chrow.Int(0, "deleted") != 0;
    status = final ? "failed" : "pending";
    next = final ? 0 : done + BackoffSeconds(options, attempts, UnitRandom());
  }
  MINYI_RETURN_IF_ERROR(db.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO notify_attempts(outbox_id, at, duration_ms, ok, http_status, error)"
                                     " VALUES (?,?,?,?,?,?)",
                                     {outbox_id, done, duration_ms, outcome.status.ok(), outcome.http_status, error})
                              .status());
    return tx
        .Execute(
            "UPDATE notify_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?,"
            " sent_at = ?, last_error = ? WHERE id = ?",
            {status, attempts, next, done, status == "sent" ? done : 0, error, outbox_id})
        .status();
  }));
  if (status == "sent") ++stats.sent;
  if (status == "pending") ++stats.retried;
  if (status == "failed") ++stats.failed;
  *sent = outcome.status;
  return Status::Ok();
}

std::string LogWhere(const DeliveryLogQuery& q, SqlParams& params) {
  std::string where = " WHERE 1 = 1";
  if (!q.status.empty()) {
    where += " AND o.status = ?";
    params.push_back(q.status);
  }
  if (q.channel_id > 0) {
    where += " AND o.channel_id = ?";
    params.push_back(q.channel_id);
  }
  return where;
}

}  // namespace

bool IsValidNotifyKind(std::string_view kind) {
  for (const auto& k : kKindLabels)
    if (kind == k.kind) return true;
  return false;
}

std::string_view NotifyKindLabel(std::string_view kind) {
  for (const auto& k : kKindLabels)
    if (kind == k.kind) return k.label;
  return "通知";
}

int64_t BackoffSeconds(const DeliveryOptions& options, int64_t attempts, double unit) {
  double base = static_cast<double>(options.base_backoff_seconds) *
                std::pow(2.0, static_cast<double>(std::clamp<int64_t>(attempts - 1, 0, 30)));
  base = std::min(base, static_cast<double>(options.max_backoff_seconds));
  double jittered = base * (1.0 + options.jitter * (2.0 * unit - 1.0));
  return std::max<int64_t>(1, static_cast<int64_t>(std::llround(jittered)));
}

Result<int64_t> EnqueueNotification(Database& tx, const Clock& clock, const Notification& n) {
  if (!IsValidNotifyKind(n.kind)) return InvalidArgument("未知的通知类型：" + n.kind);
  if (n.title.empty()) return InvalidArgument("通知标题不能为空");
  if (n.title.size() > kMaxTitleBytes || n.body.size() > kMaxBodyBytes || n.link.size() > 1000) {
    return InvalidArgument("通知内容过长");
  }
  MINYI_ASSIGN_OR_RETURN(std::string mentions, JoinMentions(n.mention_mobiles));
  UnixSeconds now = clock.Now();
  MINYI_ASSIGN_OR_RETURN(int64_t id,
                         tx.InsertReturningId("INSERT INTO notifications(kind, title, body, link,"
                                              " event_key, urgent, created_at, mention_mobiles)"
                                              " VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                                              {n.kind, n.title, n.body, n.link, n.event_key, n.urgent, now, mentions}));
  std::vector<int64_t> targets;
  if (n.channel_ids.empty()) {
    MINYI_ASSIGN_OR_RETURN(Rows rows,
                           tx.Query("SELECT * FROM notify_channels WHERE enabled = 1 AND deleted = 0 ORDER BY id"));
    for (size_t i = 0; i < rows.size(); ++i) {
      Channel ch = ChannelFromRow(rows, i);
      if (Subscribed(ch, n.kind)) targets.push_back(ch.id);
    }
  } else {
    for (int64_t cid : n.channel_ids) {
      MINYI_ASSIGN_OR_RETURN(Channel ch, GetChannel(tx, cid));
      targets.push_back(ch.id);
    }
  }
  for (int64_t cid : targets) {
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO notify_outbox(notification_id, channel_id, status, attempts,"
                                     " next_attempt_at, created_at) VALUES (?,?,'pending',0,?,?)",
                                     {id, cid, now, now})
                              .status());
  }
  return id;
}

Result<DeliveryStats> DeliverDue(Database& db, const Clock& clock, const DeliveryOptions& options) {
  DeliveryStats stats;
  MINYI_ASSIGN_OR_RETURN(Rows due, db.Query("SELECT id FROM notify_outbox WHERE status IN ('pending', 'sending')"
                                            " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
                                            {clock.Now(), options.batch}));
  if (due.empty()) return stats;
  MINYI_ASSIGN_OR_RETURN(std::string base_url, BaseUrl(db, options));
  for (size_t i = 0; i < due.size(); ++i) {
    Status sent;  // logged in notify_attempts
    MINYI_RETURN_IF_ERROR(DeliverRow(db, clock, options, base_url, due.Int(i, "id"), stats, &sent));
  }
  return stats;
}

Status SendTestMessage(Database& db, const Clock& clock, const Actor& actor, int64_t channel_id,
                       const DeliveryOptions& options) {
  int64_t outbox_id = 0;
  MINYI_RETURN_IF_ERROR(db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Channel ch, GetChannel(tx, channel_id));
    Notification n;
    n.kind = "test";
    n.title = "民意系统测试消息";
    n.body = "这是一条测试消息，用于确认“" + ch.name + "”（" + std::string(ChannelKindLabel(ch.kind)) +
             "）可以收到民意系统的提醒。\n发送人：" + actor.name;
    n.link = "#/notify/channels";
    n.channel_ids = {channel_id};
    MINYI_ASSIGN_OR_RETURN(int64_t nid, EnqueueNotification(tx, clock, n));
    MINYI_ASSIGN_OR_RETURN(outbox_id, tx.QueryInt("SELECT id FROM notify_outbox WHERE notification_id = ?", {nid}));
    return AppendAudit(tx, clock, actor, {"test", "notify_channel", std::to_string(channel_id), "null", "null"});
  }));
  // One attempt only: a test should report at once, not retry for an hour.
  DeliveryOptions once = options;
  once.max_attempts = 1;
  MINYI_ASSIGN_OR_RETURN(std::string base_url, BaseUrl(db, options));
  DeliveryStats stats;
  Status sent = Internal("测试消息未能发出");
  MINYI_RETURN_IF_ERROR(DeliverRow(db, clock, once, base_url, outbox_id, stats, &sent));
  if (!sent.ok()) return Status(sent.code(), "测试消息发送失败：" + sent.message());
  return Status::Ok();
}

Result<std::vector<DeliveryLogEntry>> ListDeliveries(Database& db, const DeliveryLogQuery& query) {
  SqlParams params;
  std::string sql =
      "SELECT o.id AS outbox_id, o.notification_id, o.channel_id, o.status, o.attempts, o.last_error,"
      " o.created_at, o.next_attempt_at, o.last_attempt_at, o.sent_at, n.kind, n.title, n.event_key,"
      " c.name AS channel_name, c.kind AS channel_kind FROM notify_outbox o JOIN notifications n ON"
      " n.id = o.notification_id JOIN notify_channels c ON c.id = o.channel_id" +
      LogWhere(query, params) + " ORDER BY o.id DESC LIMIT ? OFFSET ?";
  params.push_back(query.limit);
  params.push_back(query.offset);
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query(sql, params));
  std::vector<DeliveryLogEntry> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    DeliveryLogEntry e;
    e.outbox_id = rows.Int(i, "outbox_id");
    e.notification_id = rows.Int(i, "notification_id");
    e.channel_id = rows.Int(i, "channel_id");
    e.event_key = rows.Int(i, "event_key");
    e.channel_name = rows.Text(i, "channel_name");
    e.channel_kind = rows.Text(i, "channel_kind");
    e.kind = rows.Text(i, "kind");
    e.title = rows.Text(i, "title");
    e.status = rows.Text(i, "status");
    e.attempts = rows.Int(i, "attempts");
    e.last_error = rows.Text(i, "last_error");
    e.created_at = rows.Int(i, "created_at");
    e.next_attempt_at = rows.Int(i, "next_attempt_at");
    e.last_attempt_at = rows.Int(i, "last_attempt_at");
    e.sent_at = rows.Int(i, "sent_at");
    out.push_back(std::move(e));
  }
  return out;
}

Result<int64_t> CountDeliveries(Database& db, const DeliveryLogQuery& query) {
  SqlParams params;
  std::string sql = "SELECT COUNT(*) FROM notify_outbox o" + LogWhere(query, params);
  return db.QueryInt(sql, params);
}

Status RetryDelivery(Database& db, const Clock& clock, const Actor& actor, int64_t outbox_id) {
  return db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows rows, tx.QueryOne("SELECT o.status, c.deleted FROM notify_outbox o JOIN"
                                                  " notify_channels c ON c.id = o.channel_id WHERE o.id = ?",
                                                  {outbox_id}, "找不到该发送记录"));
    if (rows.Text(0, "status") != "failed") return FailedPrecondition("只有发送失败的记录可以重新发送");
    if (rows.Int(0, "deleted") != 0) return FailedPrecondition("渠道已删除，无法重新发送");
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE notify_outbox SET status = 'pending', attempts = 0,"
                                     " next_attempt_at = ? WHERE id = ?",
                                     {clock.Now(), outbox_id})
                              .status());
    return AppendAudit(tx, clock, actor, {"retry", "notify_delivery", std::to_string(outbox_id), "null", "null"});
  });
}

DeliveryWorker::DeliveryWorker(Store& store, const Clock& clock, DeliveryOptions options, int poll_ms)
    : store_(store), clock_(clock), options_(std::move(options)), poll_ms_(poll_ms) {}

DeliveryWorker::~DeliveryWorker() { Stop(); }

void DeliveryWorker::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void DeliveryWorker::Wake() {
  std::lock_guard<std::mutex> lock(mu_);
  woken_ = true;
  cv_.notify_one();
}

void DeliveryWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::Run() {
  for (;;) {
    auto stats = DeliverDue(store_.db(), clock_, options_);
    // A full batch means more is probably due: go again without waiting.
    bool busy = stats.ok() && stats->sent + stats->retried + stats->failed >= options_.batch;
    std::unique_lock<std::mutex> lock(mu_);
    if (stop_) return;
    if (!busy) cv_.wait_for(lock, std::chrono::milliseconds(poll_ms_), [this] { return stop_ || woken_; });
    woken_ = false;
    if (stop_) return;
  }
}

}  // namespace minyi
