// Core API: session, dashboard, organization, units, users, audit.
#include "server/auth.h"
#include "server/server.h"

namespace minyi {
namespace {

const std::set<Role> kAdminOnly = {Role::kAdmin};
const std::set<Role> kAdminLeader = {Role::kAdmin, Role::kLeader};

OrgRepo Org(ApiCall& c) { return OrgRepo(c.services->store->db(), *c.services->clock); }

std::string_view UnitKindLabel(std::string_view kind) {
  if (kind == "department") return "部门";
  if (kind == "village") return "村";
  if (kind == "community") return "社区";
  if (kind == "school") return "学校";
  if (kind == "enterprise") return "企业";
  return "其他";
}

Json UnitToJson(const Unit& u) {
  return Json{{"id", u.id},
              {"parent_id", u.parent_id},
              {"name", u.name},
              {"kind", u.kind},
              {"kind_label", std::string(UnitKindLabel(u.kind))},
              {"sort_order", u.sort_order},
              {"active", u.active}};
}

std::string UnitName(ApiCall& c, int64_t unit_id) {
  if (unit_id == 0) return "";
  auto u = Org(c).GetUnit(unit_id);
  return u.ok() ? u->name : "";
}

std::string SessionCookie(const std::string& value, int64_t max_age) {
  return "minyi_session=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
}

Json SessionJson(ApiCall& c, const User& user, const std::string& csrf) {
  return Json{{"user", UserToJson(user, UnitName(c, user.unit_id))}, {"csrf_token", csrf}};
}

Result<Reply> Login(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string name, RequireString(body, "name", 64));
  MINYI_ASSIGN_OR_RETURN(std::string password, RequireString(body, "password", 128));
  LoginLimiter& limiter = *c.services->login_limiter;
  MINYI_RETURN_IF_ERROR(limiter.Check(name, c.client_address));
  auto found = Org(c).FindUserForLogin(name);
  // The same message for an unknown name and a wrong password, so the answer
  // does not reveal which accounts exist.
  if (!found.ok() || !found->first.active || !VerifyPassword(password, found->second)) {
    if (found.ok() || found.status().code() == ErrorCode::kNotFound) {
      limiter.RecordFailure(name, c.client_address);
      return Unauthenticated("用户名或密码错误");
    }
    return found.status();
  }
  limiter.RecordSuccess(name, c.client_address);
  const User& user = found->first;
  MINYI_ASSIGN_OR_RETURN(auto created, c.services->sessions->Create(user.id, c.client_address));
  Actor actor{user.id, user.display_name};
  MINYI_RETURN_IF_ERROR(c.services->store->db().InTransaction([&](Database& tx) {
    return AppendAudit(tx, *c.services->clock, actor, {"login", "session", std::to_string(user.id), "null", "null"});
  }));
  Reply r = JsonReply(SessionJson(c, user, created.csrf_token));
  r.headers.emplace_back("Set-Cookie", SessionCookie(created.token, c.services->options->session_ttl_seconds));
  return r;
}

Result<Reply> GetSession(ApiCall& c) { return JsonReply(SessionJson(c, c.session->user, c.session->csrf_token)); }

Result<Reply> Logout(ApiCall& c) {
  MINYI_RETURN_IF_ERROR(c.services->sessions->Destroy(c.session_token));
  MINYI_RETURN_IF_ERROR(c.services->store->db().InTransaction([&](Database& tx) {
    return AppendAudit(tx, *c.services->clock, c.actor(),
                       {"logout", "session", std::to_string(c.session->user.id), "null", "null"});
  }));
  Reply r = JsonReply(Json::object());
  r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return r;
}

Result<Reply> ChangeOwnPassword(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string old_pw, RequireString(body, "old_password", 128));
  MINYI_ASSIGN_OR_RETURN(std::string new_pw, RequireString(body, "new_password", 128));
  MINYI_ASSIGN_OR_RETURN(auto found, Org(c).FindUserForLogin(c.session->user.name));
  if (!VerifyPassword(old_pw, found.second)) return InvalidArgument("原密码不正确");
  MINYI_RETURN_IF_ERROR(CheckPasswordPolicy(new_pw));
  MINYI_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_pw));
  MINYI_RETURN_IF_ERROR(Org(c).SetPasswordHash(c.actor(), c.session->user.id, hash));
  Reply r = JsonReply(Json::object());
  r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return r;
}

Json OrganizationJson(const Organization& o) {
  return Json{{"name", o.name}, {"short_name", o.short_name}, {"region", o.region}};
}

Json AuditEntriesJson(const std::vector<AuditRow>& rows) {
  Json out = Json::array();
  for (const AuditRow& a : rows) {
    out.push_back({{"id", a.id},
                   {"at", FormatIsoUtc(a.at)},
                   {"actor_name", a.actor_name},
                   {"action", a.action},
                   {"entity", a.entity},
                   {"entity_id", a.entity_id},
                   {"before", Json::parse(a.before_json, nullptr, false)},
                   {"after", Json::parse(a.after_json, nullptr, false)}});
  }
  return out;
}

Result<Reply> Dashboard(ApiCall& c) {
  Database& db = c.services->store->db();
  MINYI_ASSIGN_OR_RETURN(Organization org, Org(c).GetOrganization());
  MINYI_ASSIGN_OR_RETURN(int64_t units, db.QueryInt("SELECT COUNT(*) FROM units WHERE active = 1"));
  MINYI_ASSIGN_OR_RETURN(int64_t users, db.QueryInt("SELECT COUNT(*) FROM users WHERE active = 1"));
  MINYI_ASSIGN_OR_RETURN(int64_t audit, db.QueryInt("SELECT count FROM audit_head WHERE id = 1"));
  MINYI_ASSIGN_OR_RETURN(Rows by_role,
                         db.Query("SELECT role, COUNT(*) AS n FROM users WHERE active = 1 GROUP BY role"));
  Json roles = Json::array();
  for (size_t i = 0; i < by_role.size(); ++i) {
    auto role = ParseRole(by_role.Text(i, "role"));
    roles.push_back({{"role", by_role.Text(i, "role")},
                     {"label", role.ok() ? std::string(RoleLabel(*role)) : by_role.Text(i, "role")},
                     {"count", by_role.Int(i, "n")}});
  }
  Json modules = Json::array();
  for (auto [key, title] :
       {std::pair{"review", "审校"}, {"monitor", "监测"}, {"cases", "处置"}, {"duty", "台账"}, {"reports", "报告"}}) {
    modules.push_back({{"key", key}, {"title", title}, {"ready", false}});
  }
  Json recent = Json::array();
  Role role = c.session->user.role;
  if (role == Role::kAdmin || role == Role::kLeader) {
    MINYI_ASSIGN_OR_RETURN(auto rows, ListAudit(db, "", 10, 0));
    recent = AuditEntriesJson(rows);
  }
  return JsonReply({{"organization", OrganizationJson(org)},
                    {"stats", {{"units", units}, {"users", users}, {"audit_entries", audit}}},
                    {"users_by_role", roles},
                    {"modules", modules},
                    {"recent_audit", recent}});
}

Result<Reply> ListRoles(ApiCall&) {
  Json roles = Json::array();
  for (Role r : AllRoles()) roles.push_back({{"name", std::string(RoleName(r))}, {"label", std::string(RoleLabel(r))}});
  return JsonReply({{"roles", roles}});
}

Result<Reply> GetOrganization(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Organization org, Org(c).GetOrganization());
  return JsonReply(OrganizationJson(org));
}

Result<Reply> PutOrganization(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  Organization org;
  MINYI_ASSIGN_OR_RETURN(org.name, RequireString(body, "name", 200));
  org.short_name = OptionalString(body, "short_name");
  org.region = OptionalString(body, "region");
  MINYI_RETURN_IF_ERROR(Org(c).SaveOrganization(c.actor(), org));
  return JsonReply(OrganizationJson(org));
}

Result<Reply> ListUnits(ApiCall& c) {
  bool all = c.QueryParam("include_inactive") == "1";
  MINYI_ASSIGN_OR_RETURN(auto units, Org(c).ListUnits(all));
  Json out = Json::array();
  for (const Unit& u : units) out.push_back(UnitToJson(u));
  return JsonReply({{"units", out}});
}

Result<Unit> UnitFromBody(const Json& body, Unit base) {
  MINYI_ASSIGN_OR_RETURN(base.name, RequireString(body, "name", 200));
  base.kind = OptionalString(body, "kind", base.kind.empty() ? "department" : base.kind);
  MINYI_ASSIGN_OR_RETURN(base.parent_id, OptionalInt(body, "parent_id", base.parent_id));
  MINYI_ASSIGN_OR_RETURN(base.sort_order, OptionalInt(body, "sort_order", base.sort_order));
  MINYI_ASSIGN_OR_RETURN(base.active, OptionalBool(body, "active", base.active));
  return base;
}

Result<Reply> CreateUnit(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Unit unit, UnitFromBody(body, Unit{}));
  MINYI_ASSIGN_OR_RETURN(unit.id, Org(c).CreateUnit(c.actor(), unit));
  return JsonReply(UnitToJson(unit), 201);
}

Result<Reply> UpdateUnit(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Unit current, Org(c).GetUnit(id));
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Unit unit, UnitFromBody(body, current));
  MINYI_RETURN_IF_ERROR(Org(c).UpdateUnit(c.actor(), unit));
  return JsonReply(UnitToJson(unit));
}

Result<Reply> DeleteUnit(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Org(c).DeleteUnit(c.actor(), id));
  return JsonReply(Json::object());
}

Result<Reply> ListUsers(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(auto users, Org(c).ListUsers());
  MINYI_ASSIGN_OR_RETURN(auto units, Org(c).ListUnits(true));
  std::map<int64_t, std::string> names;
  for (const Unit& u : units) names[u.id] = u.name;
  Json out = Json::array();
  for (const User& u : users) out.push_back(UserToJson(u, names[u.unit_id]));
  return JsonReply({{"users", out}});
}

Result<User> UserFromBody(const Json& body, User base) {
  base.display_name = OptionalString(body, "display_name", base.display_name);
  if (body.contains("role")) {
    MINYI_ASSIGN_OR_RETURN(std::string role, RequireString(body, "role", 32));
    MINYI_ASSIGN_OR_RETURN(base.role, ParseRole(role));
  }
  MINYI_ASSIGN_OR_RETURN(base.unit_id, OptionalInt(body, "unit_id", base.unit_id));
  base.phone = OptionalString(body, "phone", base.phone);
  MINYI_ASSIGN_OR_RETURN(base.active, OptionalBool(body, "active", base.active));
  return base;
}

Result<Reply> CreateUser(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  User user;
  MINYI_ASSIGN_OR_RETURN(user.name, RequireString(body, "name", 64));
  if (!body.contains("role")) return InvalidArgument("缺少字段 role");
  MINYI_ASSIGN_OR_RETURN(user, UserFromBody(body, user));
  MINYI_ASSIGN_OR_RETURN(std::string password, RequireString(body, "password", 128));
  MINYI_RETURN_IF_ERROR(CheckPasswordPolicy(password));
  MINYI_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  MINYI_ASSIGN_OR_RETURN(user.id, Org(c).CreateUser(c.actor(), user, hash));
  MINYI_ASSIGN_OR_RETURN(User saved, Org(c).GetUser(user.id));
  return JsonReply(UserToJson(saved, UnitName(c, saved.unit_id)), 201);
}

Result<Reply> UpdateUser(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(User current, Org(c).GetUser(id));
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(User user, UserFromBody(body, current));
  if (id == c.session->user.id && (!user.active || user.role != Role::kAdmin)) {
    return FailedPrecondition("不能停用自己的账号或取消自己的管理员角色");
  }
  MINYI_RETURN_IF_ERROR(Org(c).UpdateUser(c.actor(), user));
  return JsonReply(UserToJson(user, UnitName(c, user.unit_id)));
}

Result<Reply> ResetPassword(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string password, RequireString(body, "password", 128));
  MINYI_RETURN_IF_ERROR(CheckPasswordPolicy(password));
  MINYI_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  MINYI_RETURN_IF_ERROR(Org(c).SetPasswordHash(c.actor(), id, hash));
  return JsonReply(Json::object());
}

Result<Reply> ListAuditEntries(ApiCall& c) {
  int64_t limit = c.QueryInt("limit", 50, 1, 500);
  int64_t offset = c.QueryInt("offset", 0, 0, INT64_MAX / 2);
  MINYI_ASSIGN_OR_RETURN(auto rows, ListAudit(c.services->store->db(), c.QueryParam("entity"), limit, offset));
  MINYI_ASSIGN_OR_RETURN(int64_t total, c.services->store->db().QueryInt("SELECT count FROM audit_head WHERE id = 1"));
  return JsonReply({{"entries", AuditEntriesJson(rows)}, {"total", total}});
}

Result<Reply> GetOpenApi(ApiCall&) {
  Reply r;
  r.raw = OpenApiDocument();
  return r;
}

}  // namespace

std::vector<Route> CoreRoutes() {
  return {
      {"GET", "/api/v1/openapi.json", Access::Public(), GetOpenApi, "OpenAPI 文档"},
      {"POST", "/api/v1/session", Access::Public(), Login, "登录"},
      {"GET", "/api/v1/session", Access::AnyUser(), GetSession, "当前会话"},
      {"DELETE", "/api/v1/session", Access::AnyUser(), Logout, "退出登录"},
      {"PUT", "/api/v1/me/password", Access::AnyUser(), ChangeOwnPassword, "修改本人密码"},
      {"GET", "/api/v1/dashboard", Access::AnyUser(), Dashboard, "首页概况"},
      {"GET", "/api/v1/roles", Access::AnyUser(), ListRoles, "角色列表"},
      {"GET", "/api/v1/organization", Access::AnyUser(), GetOrganization, "单位信息"},
      {"PUT", "/api/v1/organization", Access::Only(kAdminOnly), PutOrganization, "修改单位信息"},
      {"GET", "/api/v1/units", Access::AnyUser(), ListUnits, "组织机构列表"},
      {"POST", "/api/v1/units", Access::Only(kAdminOnly), CreateUnit, "新增下属单位"},
      {"PUT", "/api/v1/units/{id}", Access::Only(kAdminOnly), UpdateUnit, "修改下属单位"},
      {"DELETE", "/api/v1/units/{id}", Access::Only(kAdminOnly), DeleteUnit, "删除下属单位"},
      {"GET", "/api/v1/users", Access::Only(kAdminLeader), ListUsers, "用户列表"},
      {"POST", "/api/v1/users", Access::Only(kAdminOnly), CreateUser, "新增用户"},
      {"PUT", "/api/v1/users/{id}", Access::Only(kAdminOnly), UpdateUser, "修改用户"},
      {"POST", "/api/v1/users/{id}/password", Access::Only(kAdminOnly), ResetPassword, "重置用户密码"},
      {"GET", "/api/v1/audit", Access::Only(kAdminLeader), ListAuditEntries, "审计日志"},
  };
}

}  // namespace minyi
