// API of monitoring sources: registry and health, "立即抓取", file imports,
// push tokens and the token-authenticated push endpoint for other systems.
#include "monitor/sources.h"
#include "server/api.h"
#include "server/monitor_module.h"

namespace minyi {
namespace {

const std::set<Role> kReaders = {Role::kAdmin, Role::kLeader, Role::kEditor, Role::kReviewer, Role::kHandler};
const std::set<Role> kEditors = {Role::kAdmin, Role::kEditor};
constexpr size_t kMaxPushItems = 1000;

SourceRepo Sources(ApiCall& c) { return SourceRepo(c.services->store->db(), *c.services->clock); }
PushTokenRepo Tokens(ApiCall& c) { return PushTokenRepo(c.services->store->db(), *c.services->clock); }

Result<SourceRunner*> Runner(ApiCall& c) {
  MonitorModule* m = c.services->monitor;
  if (m == nullptr || !m->pipeline || !m->sources) return Unavailable("监测模块未启动");
  return m->sources.get();
}

std::string Time(UnixSeconds t) { return t == 0 ? "" : FormatIsoUtc(t); }

Json SourceToJson(const SourceWithHealth& s) {
  const Source& src = s.source;
  const SourceHealth& h = s.health;
  return Json{{"id", src.id},
              {"name", src.name},
              {"kind", src.kind},
              {"kind_label", std::string(SourceKindLabel(src.kind))},
              {"url", src.url},
              {"outlet", src.outlet},
              {"item_kind", src.item_kind},
              {"interval_minutes", src.interval_minutes},
              {"enabled", src.enabled},
              {"created_at", Time(src.created_at)},
              {"health",
               {{"last_run_at", Time(h.last_run_at)},
                {"last_success_at", Time(h.last_success_at)},
                {"last_error_at", Time(h.last_error_at)},
                {"last_error", h.last_error},
                {"next_run_at", Time(h.next_run_at)},
                {"items_today", h.items_today},
                {"items_7days", h.items_7days},
                {"total_items", h.total_items}}}};
}

Json ReportToJson(const RunReport& r) {
  return Json{{"source_id", r.source_id},
              {"source_name", r.source_name},
              {"not_modified", r.not_modified},
              {"fetched", r.fetched},
              {"new_items", r.new_items},
              {"accepted", r.ingest.accepted},
              {"duplicates", r.ingest.duplicates},
              {"skipped", r.ingest.skipped},
              {"errors", r.errors},
              {"message", r.message}};
}

Result<Source> SourceFromBody(const Json& body, Source base) {
  MINYI_ASSIGN_OR_RETURN(base.name, RequireString(body, "name", 200));
  if (base.id == 0) {
    MINYI_ASSIGN_OR_RETURN(base.kind, RequireString(body, "kind", 20));
  }
  base.url = OptionalString(body, "url", base.url);
  base.outlet = OptionalString(body, "outlet", base.outlet);
  base.item_kind = OptionalString(body, "item_kind", base.item_kind);
  MINYI_ASSIGN_OR_RETURN(base.interval_minutes, OptionalInt(body, "interval_minutes", base.interval_minutes));
  MINYI_ASSIGN_OR_RETURN(base.enabled, OptionalBool(body, "enabled", base.enabled));
  return base;
}

Result<Reply> ListSources(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto list, Sources(c).List());
  Json out = Json::array();
  for (const SourceWithHealth& s : list) out.push_back(SourceToJson(s));
  return JsonReply({{"sources", out}});
}

Result<Reply> GetSource(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(SourceWithHealth s, Sources(c).Get(id));
  return JsonReply(SourceToJson(s));
}

Result<Reply> CreateSource(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Source s, SourceFromBody(body, Source{}));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Sources(c).Create(c.actor(), s));
  MINYI_ASSIGN_OR_RETURN(SourceWithHealth saved, Sources(c).Get(id));
  return JsonReply(SourceToJson(saved), 201);
}

Result<Reply> UpdateSource(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(SourceWithHealth before, Sources(c).Get(id));
  MINYI_ASSIGN_OR_RETURN(Source s, SourceFromBody(body, before.source));
  MINYI_RETURN_IF_ERROR(Sources(c).Update(c.actor(), s));
  MINYI_ASSIGN_OR_RETURN(SourceWithHealth saved, Sources(c).Get(id));
  return JsonReply(SourceToJson(saved));
}

Result<Reply> DeleteSource(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Sources(c).Delete(c.actor(), id));
  return JsonReply(Json::object());
}

Result<Reply> RunSource(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(SourceRunner * runner, Runner(c));
  MINYI_ASSIGN_OR_RETURN(RunReport report, runner->RunOnce(id));
  return JsonReply(ReportToJson(report));
}

Result<Reply> ImportFile(ApiCall& c) {
  std::string format = c.QueryParam("format", "csv");
  if (format != "csv" && format != "jsonl") return InvalidArgument("format 必须是 csv 或 jsonl");
  int64_t source_id = c.QueryInt("source_id", 0, 0, INT64_MAX);
  MINYI_ASSIGN_OR_RETURN(SourceRunner * runner, Runner(c));
  MINYI_ASSIGN_OR_RETURN(
      RunReport report,
      runner->Import(source_id, c.body, format == "csv" ? ImportFormat::kCsv : ImportFormat::kJsonLines));
  return JsonReply(ReportToJson(report));
}

Json TokenToJson(const PushToken& t) {
  return Json{{"id", t.id},
              {"name", t.name},
              {"source_id", t.source_id},
              {"prefix", t.prefix},
              {"created_at", Time(t.created_at)},
              {"last_used_at", Time(t.last_used_at)},
              {"revoked_at", Time(t.revoked_at)},
              {"active", t.revoked_at == 0}};
}

Result<Reply> ListTokens(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto list, Tokens(c).List());
  Json out = Json::array();
  for (const PushToken& t : list) out.push_back(TokenToJson(t));
  return JsonReply({{"tokens", out}});
}

Result<Reply> CreateToken(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string name, RequireString(body, "name", 200));
  MINYI_ASSIGN_OR_RETURN(int64_t source_id, OptionalInt(body, "source_id", 0));
  MINYI_ASSIGN_OR_RETURN(NewPushToken created, Tokens(c).Create(c.actor(), name, source_id));
  Json out = TokenToJson(created.token);
  out["token"] = created.secret;  // shown once; only its hash is stored
  return JsonReply(out, 201);
}

Result<Reply> RevokeToken(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Tokens(c).Revoke(c.actor(), id));
  return JsonReply(Json::object());
}

// One pushed item; only content and outlet fields are read — author or user
// fields in the payload are ignored (privacy by design).
Result<RawItem> PushedItem(const Json& j, size_t index) {
  std::string where = "第 " + std::to_string(index + 1) + " 条：";
  if (!j.is_object()) return InvalidArgument(where + "应为 JSON 对象");
  RawItem it;
  auto text = [&](const char* key, std::string* out, size_t max) -> Status {
    if (!j.contains(key) || j[key].is_null()) return Status::Ok();
    if (!j[key].is_string()) return InvalidArgument(where + "字段 " + key + " 应为文字");
    *out = j[key].get<std::string>();
    if (out->size() > max) return InvalidArgument(where + "字段 " + key + " 过长");
    return Status::Ok();
  };
  MINYI_RETURN_IF_ERROR(text("id", &it.external_id, 300));
  MINYI_RETURN_IF_ERROR(text("title", &it.title, 2000));
  MINYI_RETURN_IF_ERROR(text("text", &it.text, 1u << 20));
  MINYI_RETURN_IF_ERROR(text("url", &it.url, 2000));
  MINYI_RETURN_IF_ERROR(text("outlet", &it.outlet, 200));
  MINYI_RETURN_IF_ERROR(text("site", &it.site, 200));
  MINYI_RETURN_IF_ERROR(text("kind", &it.kind, 20));
  if (j.contains("published_at") && !j["published_at"].is_null()) {
    const Json& p = j["published_at"];
    if (p.is_number_integer()) {
      it.published_at = p.get<int64_t>();
    } else if (p.is_string()) {
      auto t = ParseIsoUtc(p.get<std::string>());
      if (!t.ok()) return InvalidArgument(where + "published_at 应为 ISO 时间或 Unix 秒");
      it.published_at = *t;
    } else {
      return InvalidArgument(where + "published_at 应为 ISO 时间或 Unix 秒");
    }
  }
  if (it.title.empty() && it.text.empty()) return InvalidArgument(where + "缺少 title 和 text");
  return it;
}

Result<Reply> PushItems(ApiCall& c) {
  if (c.bearer_token.empty()) return Unauthenticated("缺少接入令牌：请在请求头中加入 Authorization: Bearer <令牌>");
  MINYI_ASSIGN_OR_RETURN(PushToken token, Tokens(c).Verify(c.bearer_token));
  MINYI_ASSIGN_OR_RETURN(SourceRunner * runner, Runner(c));
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  if (!body.contains("items") || !body["items"].is_array()) return InvalidArgument("请求体应为 {\"items\": [...]}");
  const Json& items = body["items"];
  if (items.size() > kMaxPushItems) {
    return ResourceExhausted("每次最多推送 " + std::to_string(kMaxPushItems) + " 条，请分批发送");
  }
  std::vector<RawItem> batch;
  Json rejected = Json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    auto it = PushedItem(items[i], i);
    if (it.ok()) {
      batch.push_back(std::move(*it));
    } else {
      rejected.push_back({{"index", i}, {"error", it.status().message()}});
    }
  }
  MINYI_ASSIGN_OR_RETURN(RunReport report, runner->Push(token, std::move(batch)));
  Json out = ReportToJson(report);
  out["rejected"] = rejected;
  return JsonReply(out);
}

}  // namespace

std::vector<Route> MonitorSourceRoutes() {
  return {
      {"GET", "/api/v1/monitor/sources", Access::Only(kReaders), ListSources, "信息源列表与健康状况"},
      {"POST", "/api/v1/monitor/sources", Access::Only(kEditors), CreateSource, "新增信息源"},
      {"GET", "/api/v1/monitor/sources/{id}", Access::Only(kReaders), GetSource, "信息源详情"},
      {"PUT", "/api/v1/monitor/sources/{id}", Access::Only(kEditors), UpdateSource, "修改信息源"},
      {"DELETE", "/api/v1/monitor/sources/{id}", Access::Only(kEditors), DeleteSource, "删除信息源"},
      {"POST", "/api/v1/monitor/sources/{id}/run", Access::Only(kEditors), RunSource, "立即抓取信息源"},
      {"POST", "/api/v1/monitor/import", Access::Only(kEditors), ImportFile, "导入 CSV / JSON Lines 文件"},
      {"GET", "/api/v1/monitor/push-tokens", Access::Only(kEditors), ListTokens, "接入令牌列表"},
      {"POST", "/api/v1/monitor/push-tokens", Access::Only(kEditors), CreateToken, "新建接入令牌"},
      {"DELETE", "/api/v1/monitor/push-tokens/{id}", Access::Only(kEditors), RevokeToken, "吊销接入令牌"},
      {"POST", "/api/v1/push/items", Access::Public(), PushItems, "外部系统推送信息（令牌认证）"},
  };
}

}  // namespace minyi
