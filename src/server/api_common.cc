#include <algorithm>
#include <charconv>

#include "server/api.h"

namespace minyi {

Actor ApiCall::actor() const {
  if (!session) return Actor{0, "匿名"};
  const User& u = session->user;
  return Actor{u.id, u.display_name.empty() ? u.name : u.display_name};
}

Result<Json> ParseJsonLimited(std::string_view text, int max_depth) {
  // Depth is counted over brackets outside strings before nlohmann's
  // recursive parser ever sees the text.
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return InvalidArgument("JSON 嵌套层数过深（上限 " + std::to_string(max_depth) + "）");
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("请求内容不是有效的 JSON");
  return j;
}

Result<Json> ApiCall::JsonBody() const {
  if (body.empty()) return InvalidArgument("请求内容为空，需要 JSON 对象");
  MINYI_ASSIGN_OR_RETURN(Json j, ParseJsonLimited(body));
  if (!j.is_object()) return InvalidArgument("请求内容应为 JSON 对象");
  return j;
}

Result<int64_t> ApiCall::PathId(size_t index) const {
  if (index >= path_params.size()) return InvalidArgument("路径缺少编号");
  const std::string& s = path_params[index];
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return InvalidArgument("编号无效：" + s);
  return v;
}

std::string ApiCall::QueryParam(const std::string& key, const std::string& fallback) const {
  auto it = query.find(key);
  return it == query.end() ? fallback : it->second;
}

int64_t ApiCall::QueryInt(const std::string& key, int64_t fallback, int64_t min, int64_t max) const {
  auto it = query.find(key);
  if (it == query.end()) return fallback;
  int64_t v = fallback;
  std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  return std::clamp(v, min, max);
}

Result<std::string> RequireString(const Json& obj, const char* key, size_t max_bytes) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return InvalidArgument(std::string("缺少字段 ") + key + "（应为字符串）");
  std::string v = it->get<std::string>();
  if (v.empty()) return InvalidArgument(std::string("字段 ") + key + " 不能为空");
  if (v.size() > max_bytes) return InvalidArgument(std::string("字段 ") + key + " 过长");
  return v;
}

std::string OptionalString(const Json& obj, const char* key, const std::string& fallback) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return fallback;
  return it->get<std::string>();
}

Result<int64_t> OptionalInt(const Json& obj, const char* key, int64_t fallback) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) return InvalidArgument(std::string("字段 ") + key + " 应为整数");
  return it->get<int64_t>();
}

Result<bool> OptionalBool(const Json& obj, const char* key, bool fallback) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return InvalidArgument(std::string("字段 ") + key + " 应为 true 或 false");
  return it->get<bool>();
}

Json UserToJson(const User& u, const std::string& unit_name) {
  return Json{{"id", u.id},
              {"name", u.name},
              {"display_name", u.display_name},
              {"role", std::string(RoleName(u.role))},
              {"role_label", std::string(RoleLabel(u.role))},
              {"unit_id", u.unit_id},
              {"unit_name", unit_name},
              {"phone", u.phone},
              {"active", u.active},
              {"created_at", FormatIsoUtc(u.created_at)}};
}

Reply JsonReply(Json body, int status) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::vector<Route> AllRoutes() {
  std::vector<Route> all = CoreRoutes();
  for (auto list : {NotifyRoutes, MonitorSourceRoutes, MonitorRoutes, CaseRoutes, DutyRoutes, RotaRoutes, AssessRoutes,
                    AttachmentRoutes, ReviewRoutes, ReportRoutes}) {
    std::vector<Route> more = list();
    all.insert(all.end(), more.begin(), more.end());
  }
  return all;
}

Result<ModuleSet> StartModules(Services& s) {
  ModuleSet m;
  MINYI_ASSIGN_OR_RETURN(m.notify, StartNotifyModule(s));
  s.notify = m.notify.get();
  MINYI_ASSIGN_OR_RETURN(m.monitor, StartMonitorModule(s));
  s.monitor = m.monitor.get();
  MINYI_ASSIGN_OR_RETURN(m.cases, StartCasesModule(s));
  s.cases = m.cases.get();
  MINYI_ASSIGN_OR_RETURN(m.duty, StartDutyModule(s));
  s.duty = m.duty.get();
  MINYI_ASSIGN_OR_RETURN(m.rota, StartRotaModule(s));
  s.rota = m.rota.get();
  MINYI_ASSIGN_OR_RETURN(m.assess, StartAssessModule(s));
  s.assess = m.assess.get();
  MINYI_ASSIGN_OR_RETURN(m.review, StartReviewModule(s));
  s.review = m.review.get();
  MINYI_ASSIGN_OR_RETURN(m.report, StartReportModule(s));
  s.report = m.report.get();
  return m;
}

}  // namespace minyi
