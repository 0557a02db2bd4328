// The source registry, push tokens, checkpoints and health in the store.
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "monitor/fetch.h"
#include "monitor/html_text.h"
#include "monitor/source_internal.h"
#include "monitor/sources.h"

namespace minyi {
namespace {

constexpr const char* kSourceColumns =
    "id, name, kind, url, outlet, item_kind, interval_minutes, enabled, created_at, last_run_at, last_success_at, "
    "last_error_at, last_error, next_run_at, total_items";

SourceWithHealth RowToSource(const Rows& rows, size_t i) {
  SourceWithHealth s;
  s.source.id = rows.Int(i, "id");
  s.source.name = rows.Text(i, "name");
  s.source.kind = rows.Text(i, "kind");
  s.source.url = rows.Text(i, "url");
  s.source.outlet = rows.Text(i, "outlet");
  s.source.item_kind = rows.Text(i, "item_kind");
  s.source.interval_minutes = rows.Int(i, "interval_minutes");
  s.source.enabled = rows.Int(i, "enabled") != 0;
  s.source.created_at = rows.Int(i, "created_at");
  s.health.last_run_at = rows.Int(i, "last_run_at");
  s.health.last_success_at = rows.Int(i, "last_success_at");
  s.health.last_error_at = rows.Int(i, "last_error_at");
  s.health.last_error = rows.Text(i, "last_error");
  s.health.next_run_at = rows.Int(i, "next_run_at");
  s.health.total_items = rows.Int(i, "total_items");
  return s;
}

std::string SourceJson(const Source& s) {
  return nlohmann::json{{"id", s.id},
                        {"name", s.name},
                        {"kind", s.kind},
                        {"url", s.url},
                        {"outlet", s.outlet},
                        {"item_kind", s.item_kind},
                        {"interval_minutes", s.interval_minutes},
                        {"enabled", s.enabled}}
      .dump();
}

Status FillDailyCounts(Database& db, UnixSeconds now, std::vector<SourceWithHealth>* list) {
  int64_t today = monitor_internal::ChinaDay(now);
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db.Query("SELECT source_id, day, items FROM monitor_source_daily WHERE day >= ?", {today - 6}));
  for (size_t i = 0; i < rows.size(); ++i) {
    for (SourceWithHealth& s : *list) {
      if (s.source.id != rows.Int(i, "source_id")) continue;
      s.health.items_7days += rows.Int(i, "items");
      if (rows.Int(i, "day") == today) s.health.items_today += rows.Int(i, "items");
    }
  }
  return Status::Ok();
}

}  // namespace

bool IsValidSourceKind(std::string_view kind) {
  return kind == "rss" || kind == "page" || kind == "import" || kind == "push";
}

std::string_view SourceKindLabel(std::string_view kind) {
  if (kind == "rss") return "RSS/Atom 订阅";
  if (kind == "page") return "网页监测";
  if (kind == "import") return "文件导入";
  if (kind == "push") return "接口推送";
  return "未知";
}

Status ValidateSource(const Source& s) {
  if (s.name.empty() || s.name.size() > 200) return InvalidArgument("信息源名称不能为空，且不超过 200 字节");
  if (!IsValidSourceKind(s.kind)) return InvalidArgument("信息源类型必须是 rss、page、import 或 push");
  if (s.kind == "rss" || s.kind == "page") {
    if (s.url.size() > 2000) return InvalidArgument("网址过长");
    auto url = ParseHttpUrl(s.url);
    if (!url.ok()) return InvalidArgument("信息源网址无效：" + url.status().message());
    if (s.interval_minutes < 5 || s.interval_minutes > 7 * 24 * 60) {
      return InvalidArgument("抓取间隔须在 5 分钟到 7 天之间");
    }
  }
  if (s.outlet.size() > 200) return InvalidArgument("来源媒体名称不超过 200 字节");
  static const char* kKinds[] = {"news", "forum", "post", "complaint", "video", "other"};
  bool kind_ok = false;
  for (const char* k : kKinds) kind_ok = kind_ok || s.item_kind == k;
  if (!kind_ok) return InvalidArgument("条目类型必须是 news、forum、post、complaint、video 或 other");
  return Status::Ok();
}

Result<std::vector<SourceWithHealth>> SourceRepo::List() {
  MINYI_ASSIGN_OR_RETURN(Rows rows,
                         db_.Query(std::string("SELECT ") + kSourceColumns + " FROM monitor_sources ORDER BY id"));
  std::vector<SourceWithHealth> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(RowToSource(rows, i));
  MINYI_RETURN_IF_ERROR(FillDailyCounts(db_, clock_.Now(), &out));
  return out;
}

Result<SourceWithHealth> SourceRepo::Get(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.QueryOne(std::string("SELECT ") + kSourceColumns + " FROM monitor_sources WHERE id = ?", {id},
                              "找不到该信息源"));
  std::vector<SourceWithHealth> one{RowToSource(rows, 0)};
  MINYI_RETURN_IF_ERROR(FillDailyCounts(db_, clock_.Now(), &one));
  return one[0];
}

Result<Source> SourceRepo::FindByName(const std::string& name) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.QueryOne(std::string("SELECT ") + kSourceColumns + " FROM monitor_sources WHERE name = ?", {name},
                              "找不到信息源：" + name));
  return RowToSource(rows, 0).source;
}

Result<int64_t> SourceRepo::Create(const Actor& actor, const Source& source) {
  MINYI_RETURN_IF_ERROR(ValidateSource(source));
  int64_t id = 0;
  UnixSeconds now = clock_.Now();
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO monitor_sources (name, kind, url, outlet, item_kind, interval_minutes, "
                                 "enabled, created_at, updated_at, next_run_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                 "RETURNING id",
                                 {source.name, source.kind, source.url, source.outlet, source.item_kind,
                                  source.interval_minutes, source.enabled, now, now, now}));
    Source saved = source;
    saved.id = id;
    return AppendAudit(tx, clock_, actor, {"create", "monitor_source", std::to_string(id), "null", SourceJson(saved)});
  });
  if (st.code() == ErrorCode::kAlreadyExists) return AlreadyExists("已有同名信息源：" + source.name);
  MINYI_RETURN_IF_ERROR(st);
  return id;
}

Status SourceRepo::Update(const Actor& actor, const Source& source) {
  MINYI_RETURN_IF_ERROR(ValidateSource(source));
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    SourceRepo in_tx(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(SourceWithHealth before, in_tx.Get(source.id));
    if (before.source.kind != source.kind) return InvalidArgument("信息源类型创建后不能修改");
    // A new URL starts a fresh conditional-GET state.
    bool url_changed = before.source.url != source.url;
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE monitor_sources SET name = ?, url = ?, outlet = ?, item_kind = ?, "
                                     "interval_minutes = ?, enabled = ?, updated_at = ?, etag = CASE WHEN ? = 1 THEN "
                                     "'' ELSE etag END, last_modified = CASE WHEN ? = 1 THEN '' ELSE last_modified "
                                     "END, next_run_at = ? WHERE id = ?",
                                     {source.name, source.url, source.outlet, source.item_kind, source.interval_minutes,
                                      source.enabled, clock_.Now(), url_changed, url_changed, clock_.Now(), source.id})
                              .status());
    Source after = source;
    after.created_at = before.source.created_at;
    return AppendAudit(
        tx, clock_, actor,
        {"update", "monitor_source", std::to_string(source.id), SourceJson(before.source), SourceJson(after)});
  });
  if (st.code() == ErrorCode::kAlreadyExists) return AlreadyExists("已有同名信息源：" + source.name);
  return st;
}

Status SourceRepo::Delete(const Actor& actor, int64_t id) {
  return db_.InTransaction([&](Database& tx) -> Status {
    SourceRepo in_tx(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(SourceWithHealth before, in_tx.Get(id));
    for (const char* table : {"monitor_push_tokens", "monitor_source_daily", "monitor_source_seen"}) {
      MINYI_RETURN_IF_ERROR(tx.Execute(std::string("DELETE FROM ") + table + " WHERE source_id = ?", {id}).status());
    }
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM monitor_sources WHERE id = ?", {id}).status());
    return AppendAudit(tx, clock_, actor,
                       {"delete", "monitor_source", std::to_string(id), SourceJson(before.source), "null"});
  });
}

// ---- Push tokens ----

namespace {

PushToken RowToToken(const Rows& rows, size_t i) {
  PushToken t;
  t.id = rows.Int(i, "id");
  t.name = rows.Text(i, "name");
  t.source_id = rows.Int(i, "source_id");
  t.prefix = rows.Text(i, "prefix");
  t.created_at = rows.Int(i, "created_at");
  t.last_used_at = rows.Int(i, "last_used_at");
  t.revoked_at = rows.Int(i, "revoked_at");
  return t;
}

constexpr const char* kTokenColumns = "id, name, source_id, prefix, created_at, last_used_at, revoked_at, token_hash";

}  // namespace

Result<std::vector<PushToken>> PushTokenRepo::List() {
  MINYI_ASSIGN_OR_RETURN(Rows rows,
                         db_.Query(std::string("SELECT ") + kTokenColumns + " FROM monitor_push_tokens ORDER BY id"));
  std::vector<PushToken> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(RowToToken(rows, i));
  return out;
}

Result<NewPushToken> PushTokenRepo::Create(const Actor& actor, const std::string& name, int64_t source_id) {
  if (name.empty() || name.size() > 200) return InvalidArgument("接入系统名称不能为空，且不超过 200 字节");
  NewPushToken out;
  out.secret = "mpt_" + RandomHex(24);
  out.token.name = name;
  out.token.prefix = out.secret.substr(0, 10);
  out.token.created_at = clock_.Now();
  Status st = db_.InTransaction([&](Database& tx) -> Status {
    if (source_id == 0) {
      Source s;
      s.name = name;
      s.kind = "push";
      s.item_kind = "other";
      MINYI_ASSIGN_OR_RETURN(source_id, SourceRepo(tx, clock_).Create(actor, s));
    } else {
      MINYI_ASSIGN_OR_RETURN(
          Rows rows, tx.QueryOne("SELECT kind FROM monitor_sources WHERE id = ?", {source_id}, "找不到该信息源"));
      if (rows.Text(0, "kind") != "push") return InvalidArgument("只有“接口推送”类型的信息源可以绑定接入令牌");
    }
    out.token.source_id = source_id;
    MINYI_ASSIGN_OR_RETURN(
        out.token.id,
        tx.InsertReturningId("INSERT INTO monitor_push_tokens (name, source_id, token_hash, prefix, "
                             "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                             {name, source_id, Sha256Hex(out.secret), out.token.prefix, out.token.created_at}));
    std::string after = nlohmann::json{{"name", name}, {"source_id", source_id}, {"prefix", out.token.prefix}}.dump();
    return AppendAudit(tx, clock_, actor, {"create", "push_token", std::to_string(out.token.id), "null", after});
  });
  MINYI_RETURN_IF_ERROR(st);
  return out;
}

Status PushTokenRepo::Revoke(const Actor& actor, int64_t id) {
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        Rows rows, tx.QueryOne(std::string("SELECT ") + kTokenColumns + " FROM monitor_push_tokens WHERE id = ?", {id},
                               "找不到该接入令牌"));
    PushToken t = RowToToken(rows, 0);
    if (t.revoked_at != 0) return Status::Ok();
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE monitor_push_tokens SET revoked_at = ? WHERE id = ?", {clock_.Now(), id}).status());
    std::string before = nlohmann::json{{"name", t.name}, {"prefix", t.prefix}, {"revoked", false}}.dump();
    std::string after = nlohmann::json{{"name", t.name}, {"prefix", t.prefix}, {"revoked", true}}.dump();
    return AppendAudit(tx, clock_, actor, {"revoke", "push_token", std::to_string(id), before, after});
  });
}

Result<PushToken> PushTokenRepo::Verify(std::string_view secret) {
  if (secret.size() < 10 || secret.size() > 200) return Unauthenticated("接入令牌无效");
  std::string hash = Sha256Hex(secret);
  MINYI_ASSIGN_OR_RETURN(
      Rows rows,
      db_.Query(std::string("SELECT ") + kTokenColumns + " FROM monitor_push_tokens WHERE token_hash = ?", {hash}));
  if (rows.empty() || !ConstantTimeEquals(rows.Text(0, "token_hash"), hash)) return Unauthenticated("接入令牌无效");
  PushToken t = RowToToken(rows, 0);
  if (t.revoked_at != 0) return Unauthenticated("接入令牌已被吊销");
  t.last_used_at = clock_.Now();
  MINYI_RETURN_IF_ERROR(
      db_.Execute("UPDATE monitor_push_tokens SET last_used_at = ? WHERE id = ?", {t.last_used_at, t.id}).status());
  return t;
}

// ---- Checkpoints and health ----

namespace monitor_internal {

int64_t ChinaDay(UnixSeconds t) { return (t + 8 * 3600) / 86400; }

std::string ItemKey(const RawItem& item) {
  std::string key = !item.external_id.empty() ? "id:" + item.external_id
                    : !item.url.empty()       ? "url:" + item.url
                                              : "hash:" + Sha256Hex(item.title + "\n" + item.text);
  if (key.size() > 300) key = "sha256:" + Sha256Hex(key);
  return key;
}

Result<Checkpoint> LoadCheckpoint(Database& db, int64_t source_id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.QueryOne("SELECT etag, last_modified FROM monitor_sources WHERE id = ?",
                                                {source_id}, "找不到该信息源"));
  return Checkpoint{rows.Text(0, "etag"), rows.Text(0, "last_modified")};
}

Result<std::vector<bool>> SeenKeys(Database& db, int64_t source_id, const std::vector<std::string>& keys) {
  std::vector<bool> seen(keys.size(), false);
  constexpr size_t kChunk = 200;
  for (size_t start = 0; start < keys.size(); start += kChunk) {
    size_t end = std::min(keys.size(), start + kChunk);
    std::string sql = "SELECT item_key FROM monitor_source_seen WHERE source_id = ? AND item_key IN (";
    SqlParams params{source_id};
    for (size_t i = start; i < end; ++i) {
      sql += i == start ? "?" : ", ?";
      params.emplace_back(keys[i]);
    }
    sql += ")";
    MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query(sql, params));
    for (size_t r = 0; r < rows.size(); ++r) {
      std::string k = rows.Text(r, "item_key");
      for (size_t i = start; i < end; ++i) {
        if (keys[i] == k) seen[i] = true;
      }
    }
  }
  return seen;
}

Status CommitRun(Database& db, const Clock& clock, int64_t source_id, const RunOutcome& outcome) {
  UnixSeconds now = clock.Now();
  return db.InTransaction([&](Database& tx) -> Status {
    for (const std::string& key : outcome.delivered_keys) {
      MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_source_seen (source_id, item_key, seen_at) VALUES (?, ?, "
                                       "?) ON CONFLICT (source_id, item_key) DO NOTHING",
                                       {source_id, key, now})
                                .status());
    }
    if (outcome.validators) {
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE monitor_sources SET etag = ?, last_modified = ? WHERE id = ?",
                                       {outcome.validators->etag, outcome.validators->last_modified, source_id})
                                .status());
    }
    if (outcome.accepted > 0) {
      MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_source_daily (source_id, day, items) VALUES (?, ?, ?) "
                                       "ON CONFLICT (source_id, day) DO UPDATE SET items = monitor_source_daily.items "
                                       "+ excluded.items",
                                       {source_id, ChinaDay(now), outcome.accepted})
                                .status());
    }
    // Forget keys after half a year: a feed that still lists such an item
    // re-delivers it and the idempotent sink skips it.
    MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM monitor_source_seen WHERE source_id = ? AND seen_at < ?",
                                     {source_id, now - 180 * 86400})
                              .status());
    return tx
        .Execute(
            "UPDATE monitor_sources SET last_run_at = ?, last_success_at = ?, last_error = ?, last_error_at = "
            "CASE WHEN ? = '' THEN last_error_at ELSE ? END, next_run_at = ?, total_items = total_items + ? "
            "WHERE id = ?",
            {now, now, outcome.warning, outcome.warning, now, outcome.next_run_at, outcome.accepted, source_id})
        .status();
  });
}

Status RecordFailure(Database& db, const Clock& clock, int64_t source_id, const std::string& message,
                     UnixSeconds next_run_at) {
  UnixSeconds now = clock.Now();
  return db
      .Execute(
          "UPDATE monitor_sources SET last_run_at = ?, last_error_at = ?, last_error = ?, next_run_at = ? "
          "WHERE id = ?",
          {now, now, monitor_internal::TruncateUtf8(message, 1000), next_run_at, source_id})
      .status();
}

Result<std::vector<int64_t>> DueSources(Database& db, UnixSeconds now) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT id FROM monitor_sources WHERE enabled = 1 AND kind IN ('rss', "
                                             "'page') AND next_run_at <= ? ORDER BY next_run_at, id",
                                             {now}));
  std::vector<int64_t> ids;
  for (size_t i = 0; i < rows.size(); ++i) ids.push_back(rows.Int(i, "id"));
  return ids;
}

Result<bool> TakeLease(Database& db, int64_t source_id, const std::string& owner, UnixSeconds now, UnixSeconds until,
                       bool only_if_due) {
  std::string sql =
      "UPDATE monitor_sources SET lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_until < ? OR lease_owner = "
      "?)";
  SqlParams params{owner, until, source_id, now, owner};
  if (only_if_due) {
    sql += " AND enabled = 1 AND next_run_at <= ?";
    params.emplace_back(now);
  }
  MINYI_ASSIGN_OR_RETURN(int64_t changed, db.Execute(sql, params));
  return changed == 1;
}

Status ReleaseLease(Database& db, int64_t source_id, const std::string& owner) {
  return db
      .Execute("UPDATE monitor_sources SET lease_owner = '', lease_until = 0 WHERE id = ? AND lease_owner = ?",
               {source_id, owner})
      .status();
}

}  // namespace monitor_internal
}  // namespace minyi
