// Paging the person on duty (值班提醒), escalation to the leader on call and
// acknowledgement.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "notify/notify.h"
#include "rota/rota_internal.h"

namespace minyi {

namespace {

constexpr int64_t kScanBatch = 200;
const Actor kSystem{0, "系统（值班提醒）"};

// Paged kinds: alert, case_urge and case_supervise (PageNewNotifications).
// Longer than any ingest or case transaction stays open.
constexpr int64_t kSettleSeconds = 300;

std::string PageLink(int64_t page_id) { return "#/rota/pages?id=" + std::to_string(page_id); }

std::string PersonText(const User& u) { return u.display_name + (u.phone.empty() ? "" : "（" + u.phone + "）"); }

// The person as a message names them, and their mobile for the robots'
// @-mention when the stored phone is one (it may be a landline).
struct Person {
  std::string text;
  std::vector<std::string> mobiles;
};

Person PersonFor(Database& db, const Clock& clock, int64_t id) {
  Person p;
  if (id == 0) return p;
  auto u = OrgRepo(db, clock).GetUser(id);
  if (!u.ok()) return p;
  p.text = PersonText(*u);
  std::string digits;
  for (char c : u->phone) {
    if (c != ' ' && c != '-') digits.push_back(c);
  }
  if (IsMentionMobile(digits)) p.mobiles = {digits};
  return p;
}

const char* const kPageSelect =
    "SELECT p.*, u.display_name AS user_name, l.display_name AS leader_name, a.display_name AS acked_by_name"
    " FROM rota_pages p LEFT JOIN users u ON u.id = p.user_id LEFT JOIN users l ON l.id = p.leader_user_id"
    " LEFT JOIN users a ON a.id = p.acked_by";

Page PageFromRow(const Rows& r, size_t i) {
  Page p;
  p.id = r.Int(i, "id");
  p.notification_id = r.Int(i, "notification_id");
  p.shift_id = r.Int(i, "shift_id");
  p.user_id = r.Int(i, "user_id");
  p.leader_user_id = r.Int(i, "leader_user_id");
  p.kind = r.Text(i, "kind");
  p.title = r.Text(i, "title");
  p.link = r.Text(i, "link");
  p.status = r.Text(i, "status");
  p.created_at = r.Int(i, "created_at");
  p.acked_at = r.Int(i, "acked_at");
  p.acked_by = r.Int(i, "acked_by");
  p.ack_note = r.Text(i, "ack_note");
  p.escalated_at = r.Int(i, "escalated_at");
  p.user_name = r.Text(i, "user_name");
  p.leader_name = r.Text(i, "leader_name");
  p.acked_by_name = r.Text(i, "acked_by_name");
  return p;
}

std::string PageWhere(const PageQuery& q, SqlParams& params) {
  std::string w = " WHERE 1 = 1";
  if (q.for_user_id != 0) {
    w += " AND ((p.status = 'pending' AND p.user_id = ?) OR (p.status = 'escalated' AND p.leader_user_id = ?))";
    params.push_back(q.for_user_id);
    params.push_back(q.for_user_id);
  }
  if (!q.status.empty()) {
    w += " AND p.status = ?";
    params.push_back(q.status);
  }
  if (q.from != 0) {
    w += " AND p.created_at >= ?";
    params.push_back(q.from);
  }
  if (q.to != 0) {
    w += " AND p.created_at < ?";
    params.push_back(q.to);
  }
  return w;
}

// Pages one notification inside the scan's transaction.
Status PageOne(Database& tx, const Clock& clock, const RotaSettings& settings, const Rows& n, size_t i) {
  UnixSeconds at = n.Int(i, "created_at"), now = clock.Now();
  RotaService in_tx(tx, clock);
  MINYI_ASSIGN_OR_RETURN(std::optional<Shift> shift, in_tx.OnDutyAt(at));
  int64_t leader = shift && shift->leader_user_id != 0 ? shift->leader_user_id : settings.fallback_leader_user_id;
  // Nobody on duty: the page goes straight to the leader.
  std::string status = shift ? "pending" : "escalated";
  std::optional<int64_t> user, leader_opt, shift_id;
  if (shift) {
    user = shift->user_id;
    shift_id = shift->id;
  }
  if (leader != 0) leader_opt = leader;
  std::string title = n.Text(i, "title");
  MINYI_ASSIGN_OR_RETURN(int64_t page_id,
                         tx.InsertReturningId("INSERT INTO rota_pages(notification_id, kind, title, link, shift_id,"
                                              " user_id, leader_user_id, status, created_at, escalated_at)"
                                              " VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                                              {n.Int(i, "id"), n.Text(i, "kind"), title, n.Text(i, "link"), shift_id,
                                               user, leader_opt, status, now, shift ? 0 : now}));
  Notification msg;
  msg.kind = n.Text(i, "kind");
  msg.link = PageLink(page_id);
  msg.event_key = n.Int(i, "event_key");
  if (shift) {
    Person who = PersonFor(tx, clock, shift->user_id);
    msg.mention_mobiles = who.mobiles;
    msg.title = "【值班提醒】请值班人员确认：" + title;
    msg.body = "当前值班：" + who.text + "\n请在 " + std::to_string(settings.ack_timeout_minutes) +
               " 分钟内登录民意系统确认收到（值班 → 待确认提醒），超时未确认将提醒带班领导。";
  } else {
    Person who = PersonFor(tx, clock, leader);
    msg.mention_mobiles = who.mobiles;
    msg.urgent = true;
    msg.title = "【值班提醒】当前无人值班，请带班领导确认：" + title;
    msg.body = "带班领导：" + (who.text.empty() ? std::string("未设置（请管理员在值班设置中指定）") : who.text);
  }
  MINYI_RETURN_IF_ERROR(EnqueueNotification(tx, clock, msg).status());
  nlohmann::json after = {{"notification_id", n.Int(i, "id")},
                          {"user_id", shift ? shift->user_id : 0},
                          {"leader_user_id", leader},
                          {"status", status}};
  return AppendAudit(tx, clock, kSystem, {"page", "rota_page", std::to_string(page_id), "null", after.dump()});
}

}  // namespace

// Why not a plain "highest id seen" watermark: on PostgreSQL ids come from a
// sequence, and a transaction that took a lower id may commit after one that
// took a higher id — a watermark past the higher id would skip it forever.
// So every not-yet-paged notification above the watermark is looked at, and
// the watermark only passes notifications older than kSettleSeconds, by
// which time any transaction that could still add one below has ended.
Result<int64_t> RotaService::PageNewNotifications() {
  int64_t paged = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    paged = 0;
    // Takes the settings row's lock first: several server processes page in
    // turn, and none pages a notification another just paged.
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE rota_settings SET watermark = watermark WHERE id = 1").status());
    MINYI_ASSIGN_OR_RETURN(RotaSettings settings, ReadRotaSettings(tx));
    MINYI_ASSIGN_OR_RETURN(int64_t watermark, tx.QueryInt("SELECT watermark FROM rota_settings WHERE id = 1"));
    MINYI_ASSIGN_OR_RETURN(Rows n,
                           tx.Query("SELECT id, kind, title, link, event_key, created_at FROM notifications n"
                                    " WHERE id > ? AND kind IN ('alert', 'case_urge', 'case_supervise')"
                                    " AND link NOT LIKE '#/rota/%' AND NOT EXISTS"
                                    " (SELECT 1 FROM rota_pages p WHERE p.notification_id = n.id) ORDER BY id LIMIT ?",
                                    {watermark, kScanBatch}));
    for (size_t i = 0; i < n.size(); ++i) {
      MINYI_RETURN_IF_ERROR(PageOne(tx, clock_, settings, n, i));
      ++paged;
    }
    // Pass only what settled, and never beyond a batch left for next time.
    std::string settled = "SELECT COALESCE(MAX(id), 0) FROM notifications WHERE id > ? AND created_at <= ?";
    SqlParams params{watermark, clock_.Now() - kSettleSeconds};
    if (static_cast<int64_t>(n.size()) == kScanBatch) {
      settled += " AND id <= ?";
      params.push_back(n.Int(n.size() - 1, "id"));
    }
    MINYI_ASSIGN_OR_RETURN(int64_t next, tx.QueryInt(settled, params));
    if (next <= watermark) return Status::Ok();
    return tx.Execute("UPDATE rota_settings SET watermark = ? WHERE id = 1", {next}).status();
  }));
  return paged;
}

Result<int64_t> RotaService::EscalateOverdue() {
  int64_t escalated = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(RotaSettings settings, ReadRotaSettings(tx));
    UnixSeconds now = clock_.Now();
    UnixSeconds cutoff = now - settings.ack_timeout_minutes * 60;
    MINYI_ASSIGN_OR_RETURN(
        Rows r,
        tx.Query(std::string(kPageSelect) + " WHERE p.status = 'pending' AND p.created_at <= ? ORDER BY p.id LIMIT ?",
                 {cutoff, kScanBatch}));
    for (size_t i = 0; i < r.size(); ++i) {
      Page p = PageFromRow(r, i);
      int64_t leader = p.leader_user_id != 0 ? p.leader_user_id : settings.fallback_leader_user_id;
      std::optional<int64_t> leader_opt;
      if (leader != 0) leader_opt = leader;
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE rota_pages SET status = 'escalated', escalated_at = ?,"
                                       " leader_user_id = ? WHERE id = ? AND status = 'pending'",
                                       {now, leader_opt, p.id})
                                .status());
      Person who = PersonFor(tx, clock_, leader);
      Notification msg;
      msg.kind = p.kind;
      msg.urgent = true;
      msg.link = PageLink(p.id);
      msg.title = "【值班升级】值班人员 " + std::to_string(settings.ack_timeout_minutes) + " 分钟内未确认：" + p.title;
      msg.body = "值班人员：" + p.user_name + "\n请带班领导确认：" +
                 (who.text.empty() ? std::string("未设置（请管理员在值班设置中指定默认带班领导）") : who.text);
      msg.mention_mobiles = who.mobiles;
      MINYI_RETURN_IF_ERROR(EnqueueNotification(tx, clock_, msg).status());
      nlohmann::json after = {{"status", "escalated"}, {"leader_user_id", leader}};
      MINYI_RETURN_IF_ERROR(
          AppendAudit(tx, clock_, kSystem, {"escalate", "rota_page", std::to_string(p.id), "null", after.dump()}));
      ++escalated;
    }
    return Status::Ok();
  }));
  return escalated;
}

Result<PagingStats> RotaService::RunPaging() {
  PagingStats stats;
  MINYI_ASSIGN_OR_RETURN(stats.paged, PageNewNotifications());
  MINYI_ASSIGN_OR_RETURN(stats.escalated, EscalateOverdue());
  return stats;
}

Result<std::vector<Page>> RotaService::ListPages(const PageQuery& q) {
  SqlParams params;
  std::string sql = std::string(kPageSelect) + PageWhere(q, params) + " ORDER BY p.id DESC LIMIT ? OFFSET ?";
  params.push_back(std::clamp<int64_t>(q.limit, 1, 500));
  params.push_back(std::max<int64_t>(q.offset, 0));
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.Query(sql, params));
  std::vector<Page> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(PageFromRow(r, i));
  return out;
}

Result<int64_t> RotaService::CountPages(const PageQuery& q) {
  SqlParams params;
  return db_.QueryInt("SELECT COUNT(*) FROM rota_pages p" + PageWhere(q, params), params);
}

Result<Page> RotaService::GetPage(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.QueryOne(std::string(kPageSelect) + " WHERE p.id = ?", {id}, "找不到该值班提醒"));
  return PageFromRow(r, 0);
}

Status RotaService::AckPage(const User& user, int64_t id, const std::string& note) {
  if (note.size() > kMaxRotaNoteBytes) return InvalidArgument("确认说明过长（最多 1000 字节）");
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows r, tx.QueryOne(std::string(kPageSelect) + " WHERE p.id = ?", {id}, "找不到该值班提醒"));
    Page p = PageFromRow(r, 0);
    if (p.status == "acked") return FailedPrecondition("该提醒已由" + p.acked_by_name + "确认，无需重复确认");
    bool allowed =
        user.role == Role::kAdmin || user.id == p.user_id || (p.status == "escalated" && user.id == p.leader_user_id);
    if (!allowed) return PermissionDenied("只有被提醒的值班人员、升级后的带班领导或系统管理员可以确认该提醒");
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE rota_pages SET status = 'acked', acked_at = ?, acked_by = ?, ack_note = ?"
                                     " WHERE id = ?",
                                     {clock_.Now(), user.id, note, id})
                              .status());
    nlohmann::json before = {{"status", p.status}};
    nlohmann::json after = {{"status", "acked"}, {"note", note}};
    return AppendAudit(tx, clock_, Actor{user.id, user.display_name},
                       {"ack", "rota_page", std::to_string(id), before.dump(), after.dump()});
  });
}

}  // namespace minyi
